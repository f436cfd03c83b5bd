"""The profiles use cases."""
