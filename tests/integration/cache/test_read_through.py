"""Read-through behaviour on both stores: hits, exact invalidation, single flight."""

import asyncio
import dataclasses
from datetime import UTC, datetime

import pytest

from adapters.cache.notifier import CacheChangeNotifier, ReachesServers
from adapters.cache.queries import CachedArticleQueries, CachedProfileQueries, CachedTagQueries
from adapters.cache.read_through import Codec, DecodedValues, ReadThrough
from core.articles.ports import ArticleFilters, ArticleQueries
from core.articles.views import ArticlePage, ArticleSummary, ArticleView
from core.profiles.ports import FoundProfile, ProfileQueries
from core.shared.pagination import PageRequest
from core.shared.profiles import ProfileView
from core.tags.ports import TagQueries

NOW = datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)


class SpyArticles(ArticleQueries):
    """Answers like the SQL read model (impersonal) and counts every call; can be slowed."""

    def __init__(self) -> None:
        self.calls = 0
        self.delay = 0.0
        self.favorites_count = 1

    def _view(self, slug: str) -> ArticleView:
        author = ProfileView(username="Jake", bio="", image="", following=False)
        return ArticleView(
            slug=slug, title="T", description="D", tag_list=["x"], created_at=NOW, updated_at=NOW,
            favorited=False, favorites_count=self.favorites_count, author=author, body="B",
        )  # fmt: skip

    async def get(self, slug: str) -> ArticleView | None:
        self.calls += 1
        await asyncio.sleep(self.delay)
        return self._view(slug) if slug == "dragons" else None

    async def list_articles(self, filters: ArticleFilters, page: PageRequest) -> ArticlePage:
        self.calls += 1
        await asyncio.sleep(self.delay)
        view = self._view("dragons")
        summary = ArticleSummary(
            **{f.name: getattr(view, f.name) for f in dataclasses.fields(ArticleSummary)}
        )
        return ArticlePage(articles=[summary], total=1)

    async def feed(self, viewer_id: int, page: PageRequest) -> ArticlePage:
        raise NotImplementedError


@pytest.fixture
def spy() -> SpyArticles:
    return SpyArticles()


@pytest.fixture
def articles(cache: ReadThrough, spy: SpyArticles) -> CachedArticleQueries:
    return CachedArticleQueries(spy, cache=cache)


async def test_second_read_is_a_hit_with_the_same_value(articles, spy) -> None:
    first = await articles.get("dragons")
    assert await articles.get("dragons") == first
    assert spy.calls == 1
    assert await articles.get("unknown") is None
    assert await articles.get("unknown") is None
    assert spy.calls == 3  # "not found" is never stored


async def test_a_change_is_visible_on_the_next_read(articles, spy, cache) -> None:
    page = await articles.list_articles(ArticleFilters(), PageRequest())
    assert (await articles.get("dragons")).favorites_count == 1
    spy.favorites_count = 2
    await CacheChangeNotifier(cache, _no_shared_cache(cache)).articles_changed(["dragons"])
    assert (await articles.get("dragons")).favorites_count == 2
    assert (await articles.list_articles(ArticleFilters(), PageRequest())).articles[0].favorites_count == 2
    assert page.articles[0].favorites_count == 1


async def test_concurrent_misses_cost_one_load(articles, spy) -> None:
    spy.delay = 0.05
    views = await asyncio.gather(*(articles.get("dragons") for _ in range(20)))
    assert spy.calls == 1 and len({v.favorites_count for v in views}) == 1
    pages = await asyncio.gather(
        *(articles.list_articles(ArticleFilters(tag="x"), PageRequest()) for _ in range(20))
    )
    assert spy.calls == 2 and {p.total for p in pages} == {1}


async def test_a_failed_load_fails_every_waiter_and_is_not_stored(cache) -> None:
    calls = 0

    class Failing(TagQueries):
        async def most_used(self, limit: int) -> list[str]:
            nonlocal calls
            calls += 1
            await asyncio.sleep(0.02)
            if calls == 1:
                raise RuntimeError("database hiccup")
            return ["a"]

    tags = CachedTagQueries(Failing(), cache=cache)
    results = await asyncio.gather(*(tags.most_used(100) for _ in range(5)), return_exceptions=True)
    assert calls == 1 and all(isinstance(r, RuntimeError) for r in results)
    assert await tags.most_used(100) == ["a"]
    assert await tags.most_used(100) == ["a"] and calls == 2


async def test_profiles_are_shared_until_people_change(cache) -> None:
    class Profiles(ProfileQueries):
        calls = 0

        async def find(self, canonical_username: str) -> FoundProfile | None:
            Profiles.calls += 1
            profile = ProfileView(username="Jake", bio="b", image="", following=False)
            return FoundProfile(user_id=7, profile=profile)

    profiles = CachedProfileQueries(Profiles(), cache=cache)
    for _ in range(3):
        assert (await profiles.find("jake")).profile.username == "Jake"
    assert Profiles.calls == 1
    await CacheChangeNotifier(cache, _no_shared_cache(cache)).people_changed()
    await profiles.find("jake")
    assert Profiles.calls == 2


def test_decoded_values_are_reused_per_key_within_a_byte_bound() -> None:
    codec = Codec("n", list[int])
    decoded = DecodedValues(max_bytes=2 * len(codec.encode([1, 2, 3])))
    first = decoded.get("k1@s", codec.encode([1, 2, 3]), codec)
    assert decoded.get("k1@s", codec.encode([1, 2, 3]), codec) is first  # decoded once
    decoded.get("k2@s", codec.encode([4, 5, 6]), codec)
    decoded.get("k3@s", codec.encode([7, 8, 9]), codec)  # over the bound: the oldest goes
    again = decoded.get("k1@s", codec.encode([1, 2, 3]), codec)
    assert again == first and again is not first


async def test_a_favorite_leaves_the_tags_entry_alone(articles, spy, cache) -> None:
    class Tags(TagQueries):
        calls = 0

        async def most_used(self, limit: int) -> list[str]:
            Tags.calls += 1
            return ["x"]

    tags = CachedTagQueries(Tags(), cache=cache)
    await tags.most_used(100)
    await articles.get("dragons")
    await articles.list_articles(ArticleFilters(), PageRequest())
    await CacheChangeNotifier(cache, _no_shared_cache(cache)).favorites_changed(["dragons"])
    await tags.most_used(100)
    assert Tags.calls == 1  # /tags does not show favorites
    await articles.get("dragons")
    await articles.list_articles(ArticleFilters(), PageRequest())
    assert spy.calls == 4  # the article and list pages do (their favorites counts)


def _no_shared_cache(cache: ReadThrough) -> ReachesServers:
    """Servers that read accounts from the database: no revocation check needed in these tests."""

    async def nothing_registered() -> None:
        return None

    return ReachesServers(location=None, registered=nothing_registered, store=cache._store)
