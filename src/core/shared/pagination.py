"""Page requests with bounds, shared by every listing."""

from dataclasses import dataclass
from typing import Generic, TypeVar

from core.shared.errors import InvalidInput

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 2**31 - 1  # what the databases' OFFSET takes; far beyond any real page

T = TypeVar("T")


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

    @property
    def probe(self) -> int:
        """How many rows a read model fetches: one more than the page, to know whether another follows."""
        return self.limit + 1


@dataclass(frozen=True, slots=True)
class Slice(Generic[T]):
    """One page and whether another follows: read models fetch `limit + 1` rows instead of counting
    every match, so a page costs the same on a table of a thousand rows or a million."""

    items: list[T]
    has_next: bool

    @classmethod
    def of(cls, rows: list[T], page: PageRequest) -> "Slice[T]":
        """From up to `page.limit + 1` rows (see `PageRequest.probe`)."""
        return cls(rows[: page.limit], len(rows) > page.limit)
