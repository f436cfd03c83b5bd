"""Invalidation: the core's ChangeNotifier, bumping the generations the vocabulary names."""

from collections.abc import Awaitable, Callable, Iterable

from adapters.cache import vocabulary
from adapters.cache.read_through import ReadThrough
from adapters.cache.store import CacheStore, CacheUnavailable
from core.shared.changes import ChangeNotifier
from core.shared.errors import Unavailable


class ReachesServers:
    """Whether this process can make an account change reach every server at once (ADR 0012).

    The servers record in the database where they cache account state (`registered`); a process
    whose own shared cache is elsewhere, or unreachable, must not commit a revocation, which would
    otherwise wait for the servers' cached copy to expire.
    """

    def __init__(
        self, *, location: str | None, registered: Callable[[], Awaitable[str | None]], store: CacheStore
    ) -> None:
        self._location, self._registered, self._store = location, registered, store

    async def __call__(self) -> None:
        registered = await self._registered()
        if registered is None:  # the servers read account state from the database
            return
        if registered != self._location:
            raise Unavailable(
                f"the servers of this deployment cache account state in {registered}, and this process "
                f"uses {self._location or 'no shared cache'}: run it with the servers' CONDUIT_REDIS_URL "
                "and CONDUIT_CACHE_PREFIX, so the change takes effect at once (nothing was changed)"
            )
        try:
            await self._store.ping()
        except CacheUnavailable as error:
            raise Unavailable(
                f"the servers' cache ({registered}) is unreachable, so the change could not take effect "
                f"at once; nothing was changed, try again ({error})"
            ) from error


class CacheChangeNotifier(ChangeNotifier):
    """Runs after the commit, before the use case answers: the next read anywhere sees the change."""

    def __init__(self, cache: ReadThrough, reaches_servers: ReachesServers) -> None:
        self._cache, self._reaches_servers = cache, reaches_servers

    async def articles_changed(self, slugs: Iterable[str], tags: Iterable[str]) -> None:
        await self._cache.bump(vocabulary.articles_changed(slugs, tags))

    async def favorites_changed(self, slugs: Iterable[str]) -> None:
        await self._cache.bump(vocabulary.favorites_changed(slugs))

    async def people_changed(self) -> None:
        await self._cache.bump(vocabulary.people_changed())

    async def account_changed(self, user_id: int) -> None:
        await self._cache.bump(vocabulary.account_changed(user_id))

    async def session_changed(self, session_id: str) -> None:
        await self._cache.bump(vocabulary.session_changed(session_id))

    async def ensure_revocable(self) -> None:
        await self._reaches_servers()

    async def relations_changed(self, viewer_id: int) -> None:
        await self._cache.bump(vocabulary.relations_changed(viewer_id))

    async def follows_changed(self, viewer_id: int) -> None:
        await self._cache.bump(vocabulary.follows_changed(viewer_id))

    async def slugs_retired(self) -> None:
        await self._cache.bump(vocabulary.slugs_retired())


class NoCacheNotifier(ChangeNotifier):
    """With the cache switched off there is nothing of this process's to invalidate; the servers'
    cache still must be reachable for a revocation (ReachesServers)."""

    def __init__(self, reaches_servers: ReachesServers) -> None:
        self._reaches_servers = reaches_servers

    async def articles_changed(self, slugs: Iterable[str], tags: Iterable[str]) -> None:
        return None

    async def favorites_changed(self, slugs: Iterable[str]) -> None:
        return None

    async def people_changed(self) -> None:
        return None

    async def account_changed(self, user_id: int) -> None:
        return None

    async def session_changed(self, session_id: str) -> None:
        return None

    async def ensure_revocable(self) -> None:
        await self._reaches_servers()

    async def relations_changed(self, viewer_id: int) -> None:
        return None

    async def follows_changed(self, viewer_id: int) -> None:
        return None

    async def slugs_retired(self) -> None:
        return None
