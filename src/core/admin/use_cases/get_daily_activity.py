"""Sign-ups and articles per day, for the dashboard."""

from dataclasses import replace
from datetime import timedelta

from core.admin.ports import ContentQueries
from core.admin.views import DailyActivity
from core.shared.actor import Actor, Capability
from core.shared.clock import Clock
from core.shared.errors import InvalidInput

MAX_DAYS = 90


class GetDailyActivity:
    """The last `days` days (UTC), today included, oldest first, quiet days as zeros.

    Raises PermissionDenied, InvalidInput.
    """

    def __init__(self, *, queries: ContentQueries, clock: Clock) -> None:
        self._queries, self._clock = queries, clock

    async def execute(self, actor: Actor, days: int = 14) -> list[DailyActivity]:
        actor.require(Capability.MODERATE)
        if not 1 <= days <= MAX_DAYS:
            raise InvalidInput.of("days", f"must be between 1 and {MAX_DAYS}")
        today = self._clock.now().date()
        since = today - timedelta(days=days - 1)
        found = {entry.day: entry for entry in await self._queries.daily_activity(since)}
        quiet = DailyActivity(day=since, signups=0, articles=0)
        return [
            found.get(day, replace(quiet, day=day))
            for day in (since + timedelta(days=i) for i in range(days))
        ]
