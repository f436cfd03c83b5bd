"""Caching: read-through decorators over the query ports, on Redis or an in-process store."""
