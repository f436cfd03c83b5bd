"""A viewer's flags come from two entries per viewer (favorites, follows), whatever page they read,
and follow their writes: a favorite reloads only the favorites, a follow only the follows."""

from adapters.cache.notifier import CacheChangeNotifier
from adapters.cache.queries import CachedViewerRelations
from adapters.cache.read_through import ReadThrough
from core.shared.relations import Flags, ViewerRelations


class Counting(ViewerRelations):
    """A viewer (7) who favorited "a" and "b" and follows "jake"; counts every call."""

    def __init__(self) -> None:
        self.favorited, self.followed = {"a", "b"}, {"jake"}
        self.page_calls = self.favorited_calls = self.followed_calls = 0

    async def flags(self, viewer_id: int, slugs, canonical_usernames) -> Flags:
        self.page_calls += 1
        return Flags(self.favorited & set(slugs), self.followed & set(canonical_usernames))

    async def all_favorited(self, viewer_id: int, at_most: int) -> set[str] | None:
        self.favorited_calls += 1
        return None if len(self.favorited) > at_most else set(self.favorited)

    async def all_followed(self, viewer_id: int, at_most: int) -> set[str] | None:
        self.followed_calls += 1
        return None if len(self.followed) > at_most else set(self.followed)

    def calls(self) -> tuple[int, int, int]:
        return self.favorited_calls, self.followed_calls, self.page_calls


async def test_every_page_of_a_viewer_is_answered_from_two_entries(cache: ReadThrough) -> None:
    inner = Counting()
    relations = CachedViewerRelations(inner, cache=cache)
    assert await relations.flags(7, {"a", "c"}, {"jake", "anna"}) == Flags({"a"}, {"jake"})
    assert await relations.flags(7, {"b", "d"}, set()) == Flags({"b"}, set())
    assert await relations.flags(7, set(), {"anna"}) == Flags(set(), set())
    assert inner.calls() == (1, 1, 0)


async def test_a_change_reloads_only_the_entry_it_concerns_and_is_seen_at_once(cache: ReadThrough) -> None:
    inner = Counting()
    relations = CachedViewerRelations(inner, cache=cache)
    await relations.flags(7, {"a"}, {"jake"})
    notifier = CacheChangeNotifier(cache, reaches_servers=None)  # type: ignore[arg-type]

    inner.favorited.add("c")
    await notifier.relations_changed(7)  # the viewer's own favorite
    assert await relations.flags(7, {"c"}, {"jake"}) == Flags({"c"}, {"jake"})
    assert inner.calls() == (2, 1, 0)  # whom they follow stayed cached

    inner.followed.add("anna")
    await notifier.follows_changed(7)
    assert await relations.flags(7, {"c"}, {"anna"}) == Flags({"c"}, {"anna"})
    assert inner.calls() == (2, 2, 0)

    await notifier.slugs_retired()  # a slug may name another article now
    await relations.flags(7, {"a"}, {"jake"})
    assert inner.calls() == (3, 2, 0)
    await notifier.people_changed()  # a name may be someone else's now
    await relations.flags(7, {"a"}, {"jake"})
    assert inner.calls() == (3, 3, 0)

    await notifier.relations_changed(8)  # another viewer's changes, or a new article: no reload
    await notifier.follows_changed(8)
    await notifier.articles_changed(["new-one"], ["x"])
    await relations.flags(7, {"a"}, {"jake"})
    assert inner.calls() == (3, 3, 0)


async def test_a_viewer_with_too_many_relations_is_asked_per_answer(cache: ReadThrough) -> None:
    inner = Counting()
    inner.followed = {f"user{n}" for n in range(CachedViewerRelations.AT_MOST + 1)}
    relations = CachedViewerRelations(inner, cache=cache)
    assert await relations.flags(7, {"a"}, {"user1", "jake"}) == Flags({"a"}, {"user1"})
    assert await relations.flags(7, {"a"}, {"user1", "jake"}) == Flags({"a"}, {"user1"})
    assert await relations.flags(7, {"b"}, set()) == Flags({"b"}, set())  # the favorites suffice
    assert inner.calls() == (1, 1, 1)  # "too many" is kept too; answers per set
