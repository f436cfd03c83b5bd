"""Profile and follow endpoints."""
