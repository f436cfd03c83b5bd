"""A viewer's flags come from one entry per viewer, whatever page they read, and follow their writes."""

from adapters.cache.notifier import CacheChangeNotifier
from adapters.cache.queries import CachedViewerRelations
from adapters.cache.read_through import ReadThrough
from core.shared.relations import Flags, ViewerRelations


class Counting(ViewerRelations):
    """A viewer (7) who favorited "a" and "b" and follows "jake"; counts every call."""

    def __init__(self) -> None:
        self.favorited, self.followed = {"a", "b"}, {"jake"}
        self.page_calls = self.all_calls = 0

    async def flags(self, viewer_id: int, slugs, canonical_usernames) -> Flags:
        self.page_calls += 1
        return Flags(self.favorited & set(slugs), self.followed & set(canonical_usernames))

    async def all_flags(self, viewer_id: int, at_most: int) -> Flags | None:
        self.all_calls += 1
        if max(len(self.favorited), len(self.followed)) > at_most:
            return None
        return Flags(set(self.favorited), set(self.followed))


async def test_every_page_of_a_viewer_is_answered_from_one_entry(cache: ReadThrough) -> None:
    inner = Counting()
    relations = CachedViewerRelations(inner, cache=cache)
    assert await relations.flags(7, {"a", "c"}, {"jake", "anna"}) == Flags({"a"}, {"jake"})
    assert await relations.flags(7, {"b", "d"}, set()) == Flags({"b"}, set())
    assert await relations.flags(7, set(), {"anna"}) == Flags(set(), set())
    assert (inner.all_calls, inner.page_calls) == (1, 0)

    notifier = CacheChangeNotifier(cache, reaches_servers=None)  # type: ignore[arg-type]
    for change in (
        notifier.relations_changed(7),
        notifier.follows_changed(7),
        notifier.slugs_retired(),
        notifier.people_changed(),
    ):
        inner.favorited.add("c")
        await change
        assert (await relations.flags(7, {"c"}, set())).favorited == {"c"}  # seen at once
        inner.favorited.discard("c")
    assert inner.all_calls == 5
    await notifier.relations_changed(8)  # another viewer's change, or a new article: no reload
    await notifier.articles_changed(["new-one"], ["x"])
    await relations.flags(7, {"a"}, set())
    assert inner.all_calls == 5


async def test_a_viewer_with_too_many_relations_is_asked_per_answer(cache: ReadThrough) -> None:
    inner = Counting()
    inner.followed = {f"user{n}" for n in range(CachedViewerRelations.AT_MOST + 1)}
    relations = CachedViewerRelations(inner, cache=cache)
    assert await relations.flags(7, {"a"}, {"user1", "jake"}) == Flags({"a"}, {"user1"})
    assert await relations.flags(7, {"a"}, {"user1", "jake"}) == Flags({"a"}, {"user1"})
    assert await relations.flags(7, {"b"}, set()) == Flags({"b"}, set())
    assert (inner.all_calls, inner.page_calls) == (1, 2)  # "too many" is kept too; answers per set
