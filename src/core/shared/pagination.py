"""Page requests with bounds, shared by every listing."""

from dataclasses import dataclass

from core.shared.errors import InvalidInput

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


@dataclass(frozen=True, slots=True)
class PageRequest:
    """limit in 1..MAX_LIMIT, offset >= 0."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def __post_init__(self) -> None:
        fields: dict[str, list[str]] = {}
        if not 1 <= self.limit <= MAX_LIMIT:
            fields["limit"] = [f"must be between 1 and {MAX_LIMIT}"]
        if self.offset < 0:
            fields["offset"] = ["must be 0 or more"]
        if fields:
            raise InvalidInput(fields)
