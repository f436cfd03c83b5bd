"""FavoriteArticle, UnfavoriteArticle and GetArticle with in-memory fakes."""

import pytest

from core.articles.errors import ArticleNotFound
from tests.unit.core.articles.conftest import ArticlesWorld

SLUG = "how-to-train-your-dragon"


async def test_favorite_marks_the_article_for_that_user_only(world: ArticlesWorld) -> None:
    jake, anna, bob = (world.db.add_user(name) for name in ("jake", "anna", "bob"))
    await world.publish(jake)
    view = await world.favorite().execute(SLUG, anna)
    assert (view.slug, view.favorited, view.favorites_count) == (SLUG, True, 1)
    as_bob = await world.get().execute(SLUG, bob)
    assert (as_bob.favorited, as_bob.favorites_count) == (False, 1)
    anonymous = await world.get().execute(SLUG, None)
    assert (anonymous.favorited, anonymous.favorites_count) == (False, 1)


async def test_favoriting_twice_counts_once(world: ArticlesWorld) -> None:
    jake, anna, bob = (world.db.add_user(name) for name in ("jake", "anna", "bob"))
    await world.publish(jake)
    await world.favorite().execute(SLUG, anna)
    again = await world.favorite().execute(SLUG, anna)
    assert (again.favorited, again.favorites_count) == (True, 1)
    by_bob = await world.favorite().execute(SLUG, bob)
    assert by_bob.favorites_count == 2


async def test_unfavorite_removes_only_the_callers_favorite(world: ArticlesWorld) -> None:
    jake, anna, bob = (world.db.add_user(name) for name in ("jake", "anna", "bob"))
    await world.publish(jake)
    await world.favorite().execute(SLUG, anna)
    await world.favorite().execute(SLUG, bob)
    view = await world.unfavorite().execute(SLUG, anna)
    assert (view.favorited, view.favorites_count) == (False, 1)
    assert world.db.tables.favorites == {(bob, next(iter(world.db.tables.articles)))}


async def test_unfavoriting_an_article_not_favorited_is_harmless(world: ArticlesWorld) -> None:
    jake, anna, bob = (world.db.add_user(name) for name in ("jake", "anna", "bob"))
    await world.publish(jake)
    await world.favorite().execute(SLUG, bob)
    view = await world.unfavorite().execute(SLUG, anna)
    assert (view.favorited, view.favorites_count) == (False, 1)


@pytest.mark.parametrize("favorite", [True, False])
async def test_an_unknown_article_is_not_found_and_nothing_is_stored(
    world: ArticlesWorld, favorite: bool
) -> None:
    anna = world.db.add_user("anna")
    use_case = world.favorite() if favorite else world.unfavorite()
    with pytest.raises(ArticleNotFound):
        await use_case.execute("nope", anna)
    assert world.db.tables.favorites == set()
    assert world.db.commits == 0


async def test_get_shows_the_author_as_the_viewer_sees_them(world: ArticlesWorld) -> None:
    jake, anna = world.db.add_user("jake"), world.db.add_user("anna")
    await world.publish(jake)
    world.db.tables.follows.add((anna, jake))
    assert (await world.get().execute(SLUG, anna)).author.following is True
    assert (await world.get().execute(SLUG, None)).author.following is False
    with pytest.raises(ArticleNotFound):
        await world.get().execute("how-to-train-your-dragon-2", anna)


async def test_the_answer_counts_as_the_write_did_and_shows_the_author_as_the_fan_sees_them(
    world: ArticlesWorld,
) -> None:
    """The article is read before the write; a favorite committed in between still counts, since
    the count comes from the write."""
    jake, anna, bob = (world.db.add_user(name) for name in ("jake", "anna", "bob"))
    await world.publish(jake)
    world.db.tables.follows.add((anna, jake))
    use_case = world.favorite()
    read = use_case._queries.get

    async def read_then_bob_favorites(slug: str):  # type: ignore[no-untyped-def]
        article = await read(slug)
        world.db.tables.favorites.add((bob, next(iter(world.db.tables.articles))))
        return article

    use_case._queries.get = read_then_bob_favorites  # type: ignore[method-assign]
    view = await use_case.execute(SLUG, anna)
    assert (view.favorited, view.favorites_count, view.author.following) == (True, 2, True)
