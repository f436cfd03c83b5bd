"""Read-through behaviour on both stores: hits, exact invalidation, single flight."""

import asyncio
import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from adapters.cache.notifier import CacheChangeNotifier, ReachesServers
from adapters.cache.queries import CachedArticleQueries, CachedProfileQueries, CachedTagQueries
from adapters.cache.read_through import Codec, DecodedValues, ReadThrough
from adapters.cache.redis_store import RedisCacheStore
from core.articles.ports import ArticleFilters, ArticleQueries
from core.articles.views import ArticleRef, ArticleSummary, ArticleView, Listing
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
        self.summarised: list[str] = []  # the slugs of every summaries() call, in order

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

    async def listing(self, filters: ArticleFilters, page: PageRequest) -> Listing:
        self.calls += 1
        await asyncio.sleep(self.delay)
        return Listing(refs=[ArticleRef(1, "dragons"), ArticleRef(2, "unicorns")], total=2)

    async def feed_listing(self, viewer_id: int, page: PageRequest) -> Listing:
        raise NotImplementedError

    async def summaries(self, refs: Sequence[ArticleRef]) -> list[ArticleSummary]:
        self.summarised += [ref.slug for ref in refs]
        views = [self._view(ref.slug) for ref in refs]
        fields = [f.name for f in dataclasses.fields(ArticleSummary)]
        return [ArticleSummary(**{name: getattr(view, name) for name in fields}) for view in views]


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


async def _listed(articles: CachedArticleQueries) -> list[ArticleSummary]:
    return await articles.summaries((await articles.listing(ArticleFilters(), PageRequest())).refs)


async def test_a_change_is_visible_on_the_next_read(articles, spy, cache) -> None:
    page = await _listed(articles)
    assert (await articles.get("dragons")).favorites_count == 1
    spy.favorites_count = 2
    await CacheChangeNotifier(cache, _no_shared_cache(cache)).articles_changed(["dragons"], ["x"])
    assert (await articles.get("dragons")).favorites_count == 2
    assert [s.favorites_count for s in await _listed(articles)] == [2, 1]  # only dragons was reloaded
    assert page[0].favorites_count == 1


async def test_a_page_is_one_entry_until_its_listing_or_one_of_its_articles_changes(
    articles, spy, cache
) -> None:
    notifier = CacheChangeNotifier(cache, _no_shared_cache(cache))
    first = await articles.page(ArticleFilters(), PageRequest())
    assert [a.slug for a in first.articles] == ["dragons", "unicorns"] and first.total == 2
    assert await articles.page(ArticleFilters(), PageRequest()) == first
    assert (spy.calls, spy.summarised) == (1, ["dragons", "unicorns"])  # the second read: a hit
    spy.favorites_count = 2
    await notifier.favorites_changed(["dragons"])
    changed = await articles.page(ArticleFilters(), PageRequest())
    assert [a.favorites_count for a in changed.articles] == [2, 1]  # unicorns kept its summary entry
    assert (spy.calls, spy.summarised) == (1, ["dragons", "unicorns", "dragons"])  # no listing walk
    await notifier.articles_changed(["griffins"], ["y"])  # a new article: the lists change
    await articles.page(ArticleFilters(), PageRequest())
    assert (spy.calls, len(spy.summarised)) == (2, 3)  # the listing walked again, the summaries kept


async def test_summaries_are_read_in_one_batch_and_only_misses_are_loaded(articles, spy) -> None:
    refs = [ArticleRef(1, "dragons"), ArticleRef(2, "unicorns")]
    assert [s.slug for s in await articles.summaries(refs[:1])] == ["dragons"]
    assert [s.slug for s in await articles.summaries(refs)] == ["dragons", "unicorns"]
    assert [s.slug for s in await articles.summaries(refs)] == ["dragons", "unicorns"]
    assert spy.summarised == ["dragons", "unicorns"]


async def test_concurrent_misses_cost_one_load(articles, spy) -> None:
    spy.delay = 0.05
    views = await asyncio.gather(*(articles.get("dragons") for _ in range(20)))
    assert spy.calls == 1 and len({v.favorites_count for v in views}) == 1
    pages = await asyncio.gather(
        *(articles.listing(ArticleFilters(tag="x"), PageRequest()) for _ in range(20))
    )
    assert spy.calls == 2 and {p.total for p in pages} == {2}


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


async def test_a_favorite_reloads_its_article_only(articles, spy, cache) -> None:
    """Not /tags, not listings (tag pages included): only the favorited article's entries."""

    class Tags(TagQueries):
        calls = 0

        async def most_used(self, limit: int) -> list[str]:
            Tags.calls += 1
            return ["x"]

    tags = CachedTagQueries(Tags(), cache=cache)
    await tags.most_used(100)
    await articles.get("dragons")
    await articles.listing(ArticleFilters(tag="x"), PageRequest())
    await _listed(articles)
    assert spy.calls == 3 and spy.summarised == ["dragons", "unicorns"]
    await CacheChangeNotifier(cache, _no_shared_cache(cache)).favorites_changed(["dragons"])
    await tags.most_used(100)
    await articles.listing(ArticleFilters(tag="x"), PageRequest())
    await _listed(articles)
    assert Tags.calls == 1 and spy.calls == 3  # no listing, tag page or /tags was rebuilt
    assert spy.summarised == ["dragons", "unicorns", "dragons"]  # one article's summary was
    await articles.get("dragons")
    assert spy.calls == 4  # and its document


async def test_browsed_pages_are_cut_from_chunks_of_the_list(cache) -> None:
    """Pages inside one of the first chunks share its entry; others (deep, or across two chunks)
    have their own; every page holds what the list holds there."""
    asked: list[tuple[int, int]] = []

    class Numbered(SpyArticles):
        async def listing(self, filters: ArticleFilters, page: PageRequest) -> Listing:
            asked.append((page.offset, page.limit))
            ids = range(page.offset, min(page.offset + page.limit, 5_000))
            return Listing(refs=[ArticleRef(i, f"a{i}") for i in ids], total=5_000)

    articles = CachedArticleQueries(Numbered(), cache=cache)
    for offset in (0, 20, 40, 80, 100, 180, 90, 4_000):
        page = await articles.listing(ArticleFilters(), PageRequest(limit=20, offset=offset))
        assert [r.id for r in page.refs] == list(range(offset, offset + 20)) and page.total == 5_000
    assert asked == [(0, 100), (100, 100), (90, 20), (4_000, 20)]


async def test_a_composed_entry_holds_while_the_entries_it_read_keep_their_stamps(cache) -> None:
    inner, outer = Codec("inner", str), Codec("outer", str, composed=True)
    builds = 0

    async def part(name: str) -> str:
        value, _ = await cache.read(inner, name, [f"part:{name}"], lambda: _value(name))
        return value

    async def whole() -> str:
        nonlocal builds
        builds += 1
        values = await cache.read_many(inner, [("c", ["part:c"])], lambda _missing: _values({0: "c"}))
        return "+".join([await part("a"), await part("b"), *values])

    async def read() -> str:
        value, _ = await cache.read(outer, "whole", ["whole"], whole)
        return value

    assert await read() == "a+b+c" and await read() == "a+b+c" and builds == 1
    await cache.bump(["part:elsewhere"])
    assert await read() == "a+b+c" and builds == 1
    for bumped, expected_builds in (("part:b", 2), ("part:c", 3), ("whole", 4)):
        await cache.bump([bumped])
        assert await read() == "a+b+c" and await read() == "a+b+c" and builds == expected_builds


async def test_a_read_asked_while_a_composed_load_runs_takes_its_entry_when_nothing_changed(cache) -> None:
    outer = Codec("outer", str, composed=True)
    builds = 0
    began = asyncio.Event()

    async def whole() -> str:
        nonlocal builds
        builds += 1
        began.set()
        await asyncio.sleep(0.05)
        return "built"

    first = asyncio.ensure_future(cache.read(outer, "whole", ["whole"], whole))
    await began.wait()
    later, own = await cache.read(outer, "whole", ["whole"], whole)  # asked after the load began
    assert ((await first)[0], later, own, builds) == ("built", "built", False, 1)


async def test_composed_loads_are_shared_only_by_reads_asked_before_they_began(cache) -> None:
    inner, outer = Codec("inner", str), Codec("outer", str, composed=True)
    data, builds = {"part": "old"}, 0
    read_part = asyncio.Event()

    async def whole() -> str:
        nonlocal builds
        builds += 1
        value, _ = await cache.read(inner, "part", ["part"], lambda: _value(data["part"]))
        read_part.set()
        await asyncio.sleep(0.05)
        return value

    async def read() -> str:
        value, _ = await cache.read(outer, "whole", ["whole"], whole)
        return value

    first, second = asyncio.ensure_future(read()), asyncio.ensure_future(read())  # asked together
    await read_part.wait()
    data["part"] = "new"  # a write, committed and announced while the load is under way
    await cache.bump(["part"])
    after = await read()  # asked after the change: must not take the load begun before it
    assert (await first, after) == ("old", "new")
    if isinstance(cache._store, RedisCacheStore):
        # Redis lookups of one loop iteration share a round trip: both first reads were asked
        # before the load began and share it; the read asked after the change waited for it,
        # found its entry stale, and rebuilt.
        assert (await second, builds) == ("old", 2)
    else:
        # In-process, a lookup ends before the next read is asked: the second read too waited,
        # found the entry stale (the change came meanwhile) and rebuilt, maybe with the last read.
        assert await second == "new" and builds in (2, 3)


async def _value(name: str) -> str:
    return name


async def _values(names: dict[int, str]) -> dict[int, str]:
    return names


def _no_shared_cache(cache: ReadThrough) -> ReachesServers:
    """Servers that read accounts from the database: no revocation check needed in these tests."""

    async def nothing_registered() -> None:
        return None

    return ReachesServers(location=None, registered=nothing_registered, store=cache._store)
