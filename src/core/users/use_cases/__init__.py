"""The users use cases, one per file."""
