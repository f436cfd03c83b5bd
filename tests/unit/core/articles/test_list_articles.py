"""ListArticles, FeedArticles and PageRequest bounds with in-memory fakes."""

from typing import Any

import pytest

from core.articles import ListArticlesQuery
from core.shared.errors import InvalidInput
from core.shared.pagination import MAX_LIMIT, PageRequest
from tests.unit.core.articles.conftest import ArticlesWorld


async def _library(world: ArticlesWorld) -> dict[str, int]:
    """jake writes A (dragons) and C (dragons, zoo), anna writes B (zoo); bob favorites A and B."""
    users = {name: world.db.add_user(name) for name in ("jake", "anna", "bob")}
    await world.publish(users["jake"], title="A", tags=("dragons",))
    await world.publish(users["anna"], title="B", tags=("zoo",))
    await world.publish(users["jake"], title="C", tags=("dragons", "zoo"))
    await world.favorite().execute("a", users["bob"])
    await world.favorite().execute("b", users["bob"])
    return users


async def _titles(world: ArticlesWorld, **query: Any) -> tuple[list[str], int]:
    page = await world.list().execute(ListArticlesQuery(**query))
    return [a.title for a in page.articles], page.total


async def test_articles_are_listed_newest_first(world: ArticlesWorld) -> None:
    await _library(world)
    assert await _titles(world) == (["C", "B", "A"], 3)


async def test_total_counts_every_match_not_just_the_page(world: ArticlesWorld) -> None:
    await _library(world)
    assert await _titles(world, limit=1, offset=1) == (["B"], 3)
    assert await _titles(world, limit=2, offset=2) == (["A"], 3)
    assert await _titles(world, offset=3) == ([], 3)


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ({"tag": "dragons"}, ["C", "A"]),
        ({"tag": " zoo "}, ["C", "B"]),
        ({"author": "jake"}, ["C", "A"]),
        ({"author": " JAKE "}, ["C", "A"]),
        ({"author": "ＡＮＮＡ"}, ["B"]),
        ({"favorited": "Bob"}, ["B", "A"]),
        ({"tag": "zoo", "author": "jake"}, ["C"]),
        ({"tag": "dragons", "favorited": "bob"}, ["A"]),
        ({"tag": "zoo", "author": "anna", "favorited": "bob"}, ["B"]),
    ],
)
async def test_filters_combine_and_usernames_ignore_case(
    world: ArticlesWorld, query: dict[str, str], titles: list[str]
) -> None:
    await _library(world)
    assert await _titles(world, **query) == (titles, len(titles))


@pytest.mark.parametrize(
    "query", [{"tag": "unicorns"}, {"author": "ghost"}, {"favorited": "ghost"}, {"favorited": "jake"}]
)
async def test_unknown_tags_and_users_give_an_empty_page(world: ArticlesWorld, query: dict[str, str]) -> None:
    await _library(world)
    assert await _titles(world, **query) == ([], 0)


async def test_listed_articles_carry_the_viewers_favorited_and_following(world: ArticlesWorld) -> None:
    users = await _library(world)
    world.db.tables.follows.add((users["bob"], users["jake"]))
    page = await world.list().execute(ListArticlesQuery(viewer_id=users["bob"]))
    seen = {a.title: (a.favorited, a.favorites_count, a.author.following) for a in page.articles}
    assert seen == {"C": (False, 0, True), "B": (True, 1, False), "A": (True, 1, True)}
    anonymous = await world.list().execute(ListArticlesQuery())
    assert not any(a.favorited or a.author.following for a in anonymous.articles)


async def test_the_feed_shows_only_followed_authors_newest_first(world: ArticlesWorld) -> None:
    users = await _library(world)
    world.db.tables.follows.add((users["bob"], users["jake"]))
    page = await world.feed().execute(users["bob"])
    assert ([a.title for a in page.articles], page.total) == (["C", "A"], 2)
    assert all(a.author.following for a in page.articles)
    second = await world.feed().execute(users["bob"], limit=1, offset=1)
    assert ([a.title for a in second.articles], second.total) == (["A"], 2)


async def test_the_feed_of_someone_following_nobody_is_empty(world: ArticlesWorld) -> None:
    users = await _library(world)
    world.db.tables.follows.add((users["jake"], users["bob"]))  # bob has written nothing
    for name in ("anna", "jake"):
        page = await world.feed().execute(users[name])
        assert (page.articles, page.total) == ([], 0)


@pytest.mark.parametrize(
    ("limit", "offset", "fields"),
    [(0, 0, {"limit"}), (MAX_LIMIT + 1, 0, {"limit"}), (20, -1, {"offset"}), (-5, -1, {"limit", "offset"})],
)
async def test_page_bounds_are_checked_for_listing_and_feed(
    world: ArticlesWorld, limit: int, offset: int, fields: set[str]
) -> None:
    jake = world.db.add_user("jake")
    with pytest.raises(InvalidInput) as listing:
        await world.list().execute(ListArticlesQuery(limit=limit, offset=offset))
    with pytest.raises(InvalidInput) as feed:
        await world.feed().execute(jake, limit=limit, offset=offset)
    assert set(listing.value.fields) == set(feed.value.fields) == fields


@pytest.mark.parametrize(("limit", "offset"), [(1, 0), (MAX_LIMIT, 0), (20, 10_000)])
def test_page_bounds_are_inclusive(limit: int, offset: int) -> None:
    page = PageRequest(limit=limit, offset=offset)
    assert (page.limit, page.offset) == (limit, offset)
