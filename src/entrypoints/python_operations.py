"""The operators' part of the scripting API: statistics, the audit log, content search, the cache, the
maintained counts, demo data and the schema. `Conduit` (entrypoints.python_api) inherits it."""

import getpass

from core.admin import SeedDemoDataCommand, SeedReport
from core.admin.ports import ArticleSearch, AuditFilters, SeedProgress
from core.admin.views import ArticleRow, CacheStats, DailyActivity, RecountReport, Stats, UserActivity
from core.shared.actor import Actor
from core.shared.audit import AuditEntry
from core.shared.pagination import PageRequest, Slice
from entrypoints.container import ApplicationContainer
from entrypoints.settings import Settings


class Operations:
    _c: ApplicationContainer

    @property
    def settings(self) -> Settings:
        return self._c.settings()

    @property
    def operator(self) -> Actor:
        """Who scripts act as for administration and moderation; the audit log records this name."""
        return Actor.operator(f"script:{getpass.getuser()}")

    async def stats(self, *, actor: Actor | None = None) -> Stats:
        """Counts of everything (kept CONDUIT_STATS_TTL_SECONDS in a process)."""
        return await self._c.admin.get_stats().execute(actor or self.operator)

    async def daily_activity(self, *, days: int = 14, actor: Actor | None = None) -> list[DailyActivity]:
        return await self._c.admin.get_daily_activity().execute(actor or self.operator, days)

    async def user_activity(self, username: str, *, actor: Actor | None = None) -> UserActivity:
        return await self._c.admin.get_user_activity().execute(actor or self.operator, username)

    async def search_articles(
        self,
        *,
        title: str | None = None,
        author: str | None = None,
        tag: str | None = None,
        limit: int = 20,
        offset: int = 0,
        actor: Actor | None = None,
    ) -> Slice[ArticleRow]:
        """Articles by part of the title, author and tag (together), newest first."""
        search = ArticleSearch(title=title, author=author, tag=tag)
        page = PageRequest(limit=limit, offset=offset)
        return await self._c.admin.search_articles().execute(actor or self.operator, search, page)

    async def audit_log(
        self,
        *,
        limit: int = 20,
        offset: int = 0,
        actor: str | None = None,
        action: str | None = None,
        target: str | None = None,
        as_actor: Actor | None = None,
    ) -> Slice[AuditEntry]:
        """Newest first; `actor`, `action`, `target` filter the entries, `as_actor` is who reads them."""
        filters = AuditFilters(actor=actor, action=action, target=target)
        page = PageRequest(limit=limit, offset=offset)
        return await self._c.admin.list_audit_log().execute(as_actor or self.operator, page, filters)

    async def seed_demo_data(
        self, *, users: int, articles: int, password: str, seed: int = 0, progress: SeedProgress | None = None
    ) -> SeedReport:
        """Add realistic demo data in bulk (see `conduit seed`); `progress` follows it."""
        command = SeedDemoDataCommand(users=users, articles=articles, password=password, seed=seed)
        return await self._c.admin.seed_demo_data().execute(command, progress)

    async def cache_stats(self, *, actor: Actor | None = None) -> CacheStats:
        return await self._c.admin.cache_stats().execute(actor or self.operator)

    async def clear_cache(self, *, actor: Actor | None = None) -> None:
        await self._c.admin.clear_cache().execute(actor or self.operator)

    async def recount(self, *, fix: bool = True) -> RecountReport:
        """Recompute every maintained count from the base rows; the report says what had drifted."""
        return await self._c.admin.recount().execute(fix=fix)

    async def schema_status(self) -> tuple[str | None, str | None]:
        """(the database's migration revision, the newest one); raises Unavailable when unreachable."""
        migrations = self._c.infra.migrations()
        return await migrations.current(), migrations.head()

    async def knows_migration(self, revision: str) -> bool:
        """False for a migration made by a newer version of Conduit."""
        return self._c.infra.migrations().knows(revision)

    async def redis_reachable(self) -> bool | None:
        """None when no Redis is configured."""
        if not self.settings.redis_url:
            return None
        try:
            return bool(await self._c.infra.redis().ping())
        except Exception:  # any failure means "not reachable" to an operator
            return False
