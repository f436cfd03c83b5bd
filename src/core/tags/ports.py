"""Ports of the tags module."""

from abc import abstractmethod
from typing import Protocol


class TagQueries(Protocol):
    @abstractmethod
    async def tags_in_use(self) -> list[str]:
        """Every tag at least one article carries, most used first, then alphabetically."""
