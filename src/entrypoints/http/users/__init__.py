"""Users and authentication endpoints."""
