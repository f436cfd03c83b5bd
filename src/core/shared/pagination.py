"""Page requests with bounds, shared by every listing."""

from dataclasses import dataclass

from core.shared.errors import InvalidInput

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 2**31 - 1  # what the databases' OFFSET takes; far beyond any real page


@dataclass(frozen=True, slots=True)
class PageRequest:
    """limit in 1..MAX_LIMIT, offset in 0..MAX_OFFSET."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def __post_init__(self) -> None:
        fields: dict[str, list[str]] = {}
        if not 1 <= self.limit <= MAX_LIMIT:
            fields["limit"] = [f"must be between 1 and {MAX_LIMIT}"]
        if not 0 <= self.offset <= MAX_OFFSET:
            fields["offset"] = [f"must be between 0 and {MAX_OFFSET}"]
        if fields:
            raise InvalidInput(fields)
