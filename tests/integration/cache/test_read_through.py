"""Read-through behaviour on both stores: hits, exact invalidation, single flight, no viewer leaks."""

import asyncio
import dataclasses
from collections.abc import Collection
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
from core.shared.relations import Flags, ViewerRelations
from core.tags.ports import TagQueries

NOW = datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)
ANNA, BOB = 1, 2  # viewer ids: anna favorites "dragons" and follows "jake"


class SpyArticles(ArticleQueries):
    """Answers like the SQL read model (flags for the viewer) and counts every call; can be slowed."""

    def __init__(self) -> None:
        self.calls = 0
        self.delay = 0.0
        self.favorites_count = 1

    def _view(self, slug: str, viewer_id: int | None) -> ArticleView:
        author = ProfileView(username="Jake", bio="", image="", following=viewer_id == ANNA)
        return ArticleView(
            slug=slug, title="T", description="D", tag_list=["x"], created_at=NOW, updated_at=NOW,
            favorited=viewer_id == ANNA, favorites_count=self.favorites_count, author=author, body="B",
        )  # fmt: skip

    async def get(self, slug: str, viewer_id: int | None) -> ArticleView | None:
        self.calls += 1
        await asyncio.sleep(self.delay)
        return self._view(slug, viewer_id) if slug == "dragons" else None

    async def list_articles(
        self, filters: ArticleFilters, page: PageRequest, viewer_id: int | None
    ) -> ArticlePage:
        self.calls += 1
        await asyncio.sleep(self.delay)
        view = self._view("dragons", viewer_id)
        summary = ArticleSummary(
            **{f.name: getattr(view, f.name) for f in dataclasses.fields(ArticleSummary)}
        )
        return ArticlePage(articles=[summary], total=1)

    async def feed(self, viewer_id: int, page: PageRequest) -> ArticlePage:
        raise NotImplementedError


class FakeRelations(ViewerRelations):
    def __init__(self) -> None:
        self.calls = 0

    async def flags(
        self, viewer_id: int, slugs: Collection[str], canonical_usernames: Collection[str]
    ) -> Flags:
        self.calls += 1
        if viewer_id != ANNA:
            return Flags()
        return Flags(favorited={"dragons"} & set(slugs), followed={"jake"} & set(canonical_usernames))


@pytest.fixture
def spy() -> SpyArticles:
    return SpyArticles()


@pytest.fixture
def relations() -> FakeRelations:
    return FakeRelations()


@pytest.fixture
def articles(cache: ReadThrough, spy: SpyArticles, relations: FakeRelations) -> CachedArticleQueries:
    return CachedArticleQueries(spy, cache=cache, relations=relations)


async def test_second_read_is_a_hit_with_the_same_value(articles, spy) -> None:
    first = await articles.get("dragons", None)
    assert await articles.get("dragons", None) == first
    assert spy.calls == 1
    assert await articles.get("unknown", None) is None
    assert await articles.get("unknown", None) is None
    assert spy.calls == 3  # "not found" is never stored


async def test_a_change_is_visible_on_the_next_read(articles, spy, cache) -> None:
    page = await articles.list_articles(ArticleFilters(), PageRequest(), None)
    assert (await articles.get("dragons", None)).favorites_count == 1
    spy.favorites_count = 2
    await CacheChangeNotifier(cache, _no_shared_cache(cache)).articles_changed(["dragons"])
    assert (await articles.get("dragons", None)).favorites_count == 2
    assert (await articles.list_articles(ArticleFilters(), PageRequest(), None)).articles[
        0
    ].favorites_count == 2
    assert page.articles[0].favorites_count == 1


async def test_one_viewers_flags_never_reach_another(articles, spy, relations) -> None:
    """Anna loads the entry (her flags come back to her); Bob and anonymous read it unflagged."""
    mine = await articles.get("dragons", ANNA)
    assert (mine.favorited, mine.author.following) == (True, True)
    assert relations.calls == 0  # her own load carried her flags
    for viewer in (BOB, None):
        seen = await articles.get("dragons", viewer)
        assert (seen.favorited, seen.author.following) == (False, False)
        page = await articles.list_articles(ArticleFilters(), PageRequest(), viewer)
        assert (page.articles[0].favorited, page.articles[0].author.following) == (False, False)
    again = await articles.get("dragons", ANNA)  # a hit, completed with her flags (one query)
    assert (again.favorited, again.author.following) == (True, True)
    assert spy.calls == 2 and relations.calls == 2


async def test_concurrent_misses_cost_one_load(articles, spy) -> None:
    spy.delay = 0.05
    views = await asyncio.gather(*(articles.get("dragons", viewer) for viewer in [None, BOB] * 10 + [ANNA]))
    assert spy.calls == 1
    assert {(v.favorited, v.author.following) for v in views[:-1]} == {(False, False)}
    assert (views[-1].favorited, views[-1].author.following) == (True, True)
    pages = await asyncio.gather(
        *(articles.list_articles(ArticleFilters(tag="x"), PageRequest(), None) for _ in range(20))
    )
    assert spy.calls == 2 and {p.total for p in pages} == {1}


async def test_a_failed_load_fails_every_waiter_and_is_not_stored(cache) -> None:
    calls = 0

    class Failing(TagQueries):
        async def tags_in_use(self) -> list[str]:
            nonlocal calls
            calls += 1
            await asyncio.sleep(0.02)
            if calls == 1:
                raise RuntimeError("database hiccup")
            return ["a"]

    tags = CachedTagQueries(Failing(), cache=cache)
    results = await asyncio.gather(*(tags.tags_in_use() for _ in range(5)), return_exceptions=True)
    assert calls == 1 and all(isinstance(r, RuntimeError) for r in results)
    assert await tags.tags_in_use() == ["a"]
    assert await tags.tags_in_use() == ["a"] and calls == 2


async def test_profiles_are_shared_without_following(cache, relations) -> None:
    class Profiles(ProfileQueries):
        calls = 0

        async def find(self, canonical_username: str, viewer_id: int | None) -> FoundProfile | None:
            Profiles.calls += 1
            profile = ProfileView(username="Jake", bio="b", image="", following=viewer_id == ANNA)
            return FoundProfile(user_id=7, profile=profile)

    profiles = CachedProfileQueries(Profiles(), cache=cache, relations=relations)
    assert (await profiles.find("jake", ANNA)).profile.following is True
    assert (await profiles.find("jake", BOB)).profile.following is False
    assert (await profiles.find("jake", None)).profile.following is False
    assert (await profiles.find("jake", ANNA)).profile.following is True
    assert Profiles.calls == 1
    await CacheChangeNotifier(cache, _no_shared_cache(cache)).people_changed()
    await profiles.find("jake", None)
    assert Profiles.calls == 2


def test_decoded_values_are_reused_per_key_within_a_byte_bound() -> None:
    codec = Codec("n", list[int], lambda same: same)
    decoded = DecodedValues(max_bytes=2 * len(codec.encode([1, 2, 3])))
    first = decoded.get("k1@s", codec.encode([1, 2, 3]), codec)
    assert decoded.get("k1@s", codec.encode([1, 2, 3]), codec) is first  # decoded once
    decoded.get("k2@s", codec.encode([4, 5, 6]), codec)
    decoded.get("k3@s", codec.encode([7, 8, 9]), codec)  # over the bound: the oldest goes
    again = decoded.get("k1@s", codec.encode([1, 2, 3]), codec)
    assert again == first and again is not first


def _no_shared_cache(cache: ReadThrough) -> ReachesServers:
    """Servers that read accounts from the database: no revocation check needed in these tests."""

    async def nothing_registered() -> None:
        return None

    return ReachesServers(location=None, registered=nothing_registered, store=cache._store)
