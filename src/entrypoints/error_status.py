"""The HTTP status of each category of core error: one table for the JSON API and the admin console."""

from core.shared.errors import (
    CoreError,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    RateLimited,
    Unavailable,
)

STATUS_BY_ERROR: list[tuple[type[CoreError], int]] = [
    (InvalidInput, 422),
    (NotAuthenticated, 401),
    (PermissionDenied, 403),
    (NotFound, 404),
    (Unavailable, 503),
    (RateLimited, 429),
]


def status_for(error: CoreError) -> int:
    """500 for a category without a status (a bug: every category the core raises has one)."""
    return next((code for kind, code in STATUS_BY_ERROR if isinstance(error, kind)), 500)
