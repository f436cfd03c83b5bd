"""Conduit's load benchmark: seed a dataset, serve it, drive it with wrk, compare to a ceiling."""
