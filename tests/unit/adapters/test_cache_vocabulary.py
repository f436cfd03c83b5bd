"""Every cached route and read model uses only names from the cache's vocabulary."""

import inspect
import re
from datetime import UTC, datetime
from typing import Any

from adapters.cache import notifier, queries, responses, vocabulary
from adapters.cache.read_through import Codec
from core.articles.domain import Article
from core.articles.ports import ArticleFilters
from core.shared.pagination import PageRequest
from entrypoints.container import build_container
from entrypoints.http.app import create_app
from entrypoints.http.middleware.shared_responses import OPT
from tests.e2e.conftest import app_settings
from tests.fakes.articles import InMemoryArticleQueries
from tests.fakes.profiles import InMemoryProfileQueries
from tests.fakes.relations import InMemoryViewerRelations
from tests.fakes.tags import InMemoryTagQueries
from tests.fakes.users import InMemoryUserQueries, InMemoryUserStore
from tests.fakes.world import InMemoryWorld

GENERATION = re.compile(
    rf"^({vocabulary.LISTS}|{vocabulary.FAVORITES}|{vocabulary.PEOPLE}|article:[0-9a-f]{{24}}|tag:[0-9a-f]{{24}}|account:\d+|session:[\w-]+|fan:\d+|following:\d+|{vocabulary.SLUGS})$"
)


class RecordingCache:
    """Stands in for ReadThrough: records the entry kind and generations of every read."""

    def __init__(self) -> None:
        self.reads: list[tuple[str, list[str]]] = []

    async def read(
        self, codec: Codec[Any], ident: str, generations: list[str], load: Any
    ) -> tuple[Any, bool]:
        self.reads.append((codec.kind, list(generations)))
        return await load(), True

    async def read_many(self, codec: Codec[Any], wanted: list[tuple[str, list[str]]], load: Any) -> list[Any]:
        self.reads += [(codec.kind, list(generations)) for _, generations in wanted]
        loaded = await load(list(range(len(wanted))))
        return [loaded.get(index) for index in range(len(wanted))]


def test_every_shared_route_names_a_vocabulary_resource(tmp_path) -> None:
    app = create_app(build_container(app_settings(f"sqlite:///{tmp_path / 'v.db'}", tmp_path)))
    named = {
        handler.opt[OPT]
        for route in app.routes
        for handler in getattr(route, "route_handlers", [])
        if OPT in handler.opt
    }
    assert named, "no route shares an answer: the test would prove nothing"
    assert named <= set(vocabulary.RESOURCES)


def test_every_entry_kind_is_in_the_vocabulary() -> None:
    kinds = {
        value.kind
        for module in (queries, responses)
        for _, value in inspect.getmembers(module)
        if isinstance(value, Codec)
    }
    kinds |= {responses._ANSWER.kind}
    assert kinds == set(vocabulary.ENTRIES)


async def test_cached_read_models_depend_only_on_vocabulary_generations() -> None:
    world, cache = InMemoryWorld(), RecordingCache()
    jake = world.add_user("jake")
    world.tables.articles[1] = Article(
        id=1, slug="dragons", title="Dragons", description="d", body="b", tags=("x",), author_id=jake,
        created_at=datetime(2026, 1, 1, tzinfo=UTC), updated_at=datetime(2026, 1, 1, tzinfo=UTC),
    )  # fmt: skip
    articles = queries.CachedArticleQueries(InMemoryArticleQueries(world), cache=cache)  # type: ignore[arg-type]
    await articles.get("dragons")
    listing = await articles.listing(ArticleFilters(tag="x"), PageRequest())
    await articles.listing(ArticleFilters(author="jake", favorited_by="jake"), PageRequest())
    await articles.summaries(listing.refs)
    await articles.feed_listing(jake, PageRequest())
    await articles.page(ArticleFilters(), PageRequest())  # the page, its listing, its summaries
    await articles.feed_page(jake, PageRequest())  # empty (jake follows nobody): no summaries
    await queries.CachedProfileQueries(InMemoryProfileQueries(world), cache=cache).find("jake")  # type: ignore[arg-type]
    await queries.CachedTagQueries(InMemoryTagQueries(world), cache=cache).most_used(10)  # type: ignore[arg-type]
    relations = queries.CachedViewerRelations(InMemoryViewerRelations(world), cache=cache)  # type: ignore[arg-type]
    await relations.flags(jake, {"dragons"}, {"jake"})
    users = queries.CachedUserQueries(InMemoryUserQueries(InMemoryUserStore()), cache=cache)  # type: ignore[arg-type]
    await users.session_state(jake, "a-session")
    assert {kind for kind, _ in cache.reads} <= set(vocabulary.ENTRIES)
    assert len(cache.reads) == 15 and len(listing.refs) == 1
    for kind, generations in cache.reads:
        assert all(GENERATION.match(g) for g in generations), (kind, generations)


async def test_the_notifier_bumps_what_the_vocabulary_says() -> None:
    bumped: list[list[str]] = []

    class Cache:
        async def bump(self, generations: list[str]) -> None:
            bumped.append(generations)

    changes = notifier.CacheChangeNotifier(Cache(), reaches_servers=None)  # type: ignore[arg-type]
    await changes.articles_changed(["dragons"], ["x"])
    await changes.favorites_changed(["dragons"])
    await changes.people_changed()
    await changes.account_changed(7)
    await changes.relations_changed(8)
    await changes.follows_changed(9)
    await changes.slugs_retired()
    await changes.session_changed("s1")
    assert bumped == [
        vocabulary.articles_changed(["dragons"], ["x"]),
        vocabulary.favorites_changed(["dragons"]),
        vocabulary.people_changed(),
        vocabulary.account_changed(7),
        vocabulary.relations_changed(8),
        vocabulary.follows_changed(9),
        vocabulary.slugs_retired(),
        vocabulary.session_changed("s1"),
    ]
    assert all(GENERATION.match(g) for generations in bumped for g in generations)
