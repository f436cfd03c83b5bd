"""Ports of the tags module."""

from abc import abstractmethod
from typing import Protocol


class TagQueries(Protocol):
    @abstractmethod
    async def most_used(self, limit: int) -> list[str]:
        """At most `limit` tags that articles carry, most used first, ties by name; the cost does not
        grow with the number of tags."""
