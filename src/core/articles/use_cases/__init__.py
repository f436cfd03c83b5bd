"""The articles use cases."""
