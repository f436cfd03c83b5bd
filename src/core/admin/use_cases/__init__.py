"""The admin use cases."""
