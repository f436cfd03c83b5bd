"""Which article a slug names is cached for comments, until any slug goes or changes."""

from adapters.cache.notifier import CacheChangeNotifier
from adapters.cache.queries import CachedArticleLookup
from adapters.cache.read_through import ReadThrough
from core.comments.ports import ArticleLookup


class Counting(ArticleLookup):
    def __init__(self) -> None:
        self.ids: dict[str, int] = {"dragons": 1}
        self.calls = 0

    async def article_id(self, slug: str) -> int | None:
        self.calls += 1
        return self.ids.get(slug)


async def test_the_id_is_kept_until_a_slug_goes(cache: ReadThrough) -> None:
    inner = Counting()
    lookup = CachedArticleLookup(inner, cache=cache)
    notifier = CacheChangeNotifier(cache, reaches_servers=None)  # type: ignore[arg-type]
    assert await lookup.article_id("dragons") == 1
    assert await lookup.article_id("dragons") == 1
    assert inner.calls == 1

    await notifier.articles_changed(["elves", "dragons"], [])  # edits, a new article: kept
    await notifier.favorites_changed(["dragons"])
    assert await lookup.article_id("dragons") == 1
    assert inner.calls == 1

    del inner.ids["dragons"]
    await notifier.slugs_retired()  # e.g. its author deleted with their articles, none named
    assert await lookup.article_id("dragons") is None
    inner.ids["dragons"] = 2
    assert await lookup.article_id("dragons") == 2  # "not found" is never kept: a new one is found
