"""Conduit's domain and use cases: pure Python, standard library only."""
