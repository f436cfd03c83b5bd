"""The tags use cases."""
