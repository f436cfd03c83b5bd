"""The REST API (Litestar): the RealWorld Conduit endpoints."""
