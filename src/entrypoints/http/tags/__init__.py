"""The tags endpoint."""
