"""Comment endpoints."""
