"""The clock port: use cases never call datetime.now() themselves, so tests can fix time."""

from abc import abstractmethod
from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """Current time, always timezone-aware UTC."""

    @abstractmethod
    def now(self) -> datetime: ...
