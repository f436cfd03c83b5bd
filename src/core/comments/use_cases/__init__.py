"""The comments use cases."""
