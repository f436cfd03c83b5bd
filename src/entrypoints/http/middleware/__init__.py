"""The hand-written ASGI layers, outermost first: RequestContext (request id, common headers, access
log) and RequestRules (JSON bodies, OPTIONS) around the whole Litestar app; inside it, after the
request metrics (entrypoints.http.metrics), ConditionalGet (ETag, 304) and SharedResponses (stored
whole answers, anonymous or per viewer). entrypoints.http.app puts them in that order."""
