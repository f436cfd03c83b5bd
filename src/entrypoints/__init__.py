"""Driving side: configuration, the composition root, and the HTTP, CLI and Python entrypoints."""
