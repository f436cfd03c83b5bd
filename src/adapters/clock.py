"""The system clock."""

from datetime import UTC, datetime

from core.shared.clock import Clock


class SystemClock(Clock):
    def now(self) -> datetime:
        return datetime.now(UTC)
