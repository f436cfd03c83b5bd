"""ArticleRepository, FavoriteRepository and ArticleQueries: the same behaviour on every backend."""

from datetime import UTC, datetime

from core.articles.domain import Body, Description, NewArticle, TagList, Title
from core.articles.ports import ArticleFilters
from core.shared.pagination import PageRequest
from tests.contract.conftest import START, Backend


def slugs(page) -> list[str]:
    return [ref.slug for ref in page.refs]


async def test_added_articles_read_back_impersonal_with_sorted_tags(backend: Backend) -> None:
    jake = await backend.add_user("jake")
    await backend.publish(jake, "Dragons", "zoo", "apple")
    view = await backend.article_queries.get("dragons")
    assert view is not None and view.body == "b" and view.tag_list == ["apple", "zoo"]
    assert (view.favorited, view.favorites_count, view.author.username, view.author.following) == (
        False, 0, "jake", False,
    )  # fmt: skip
    assert await backend.article_queries.get("nothing") is None
    async with backend.articles() as uow:
        assert await uow.articles.slug_taken("dragons") and not await uow.articles.slug_taken("nothing")
        stored = await uow.articles.get_by_slug("dragons")
    assert stored is not None and sorted(stored.tags) == ["apple", "zoo"] and stored.author_id == jake


async def test_add_returns_the_article_as_stored_with_its_authors_profile(backend: Backend) -> None:
    """What a new article's answer is made of (nothing is read back) is what a reader then reads."""
    jake = await backend.add_user("jake")
    new = NewArticle(
        slug="dragons",
        title=Title("Dragons"),
        description=Description("How to train them"),
        body=Body("Carefully."),
        tags=TagList(("zoo", "apple")),
        author_id=jake,
        created_at=datetime(2026, 5, 1, 12, 30, 15, 123456, tzinfo=UTC),  # microseconds survive
    )
    async with backend.articles() as uow:
        published = await uow.articles.add(new)
        await uow.commit()
    view = await backend.article_queries.get("dragons")
    assert view is not None and published.author == view.author
    article = published.article
    assert (article.slug, article.title, article.description, article.body, sorted(article.tags)) == (
        view.slug, view.title, view.description, view.body, view.tag_list,
    )  # fmt: skip
    assert (article.created_at, article.updated_at) == (view.created_at, view.updated_at)
    async with backend.articles() as uow:
        assert await uow.articles.get_by_slug("dragons") == article  # the same id


async def test_lists_are_newest_first_ties_by_id_with_exact_totals(backend: Backend) -> None:
    jake, anna = await backend.add_user("jake"), await backend.add_user("anna")
    await backend.publish(jake, "One", "t")
    await backend.publish(anna, "Two", "t", "u")
    await backend.publish(jake, "Tie A", at=START)
    await backend.publish(jake, "Tie B", at=START)  # same instant: the later id comes first
    everything = await backend.article_queries.listing(ArticleFilters(), PageRequest())
    assert slugs(everything) == ["two", "one", "tie-b", "tie-a"] and everything.total == 4
    page = await backend.article_queries.listing(ArticleFilters(), PageRequest(limit=2, offset=1))
    assert slugs(page) == ["one", "tie-b"] and page.total == 4
    beyond = await backend.article_queries.listing(ArticleFilters(), PageRequest(offset=10))
    assert beyond.refs == [] and beyond.total == 4
    tagged = await backend.article_queries.listing(ArticleFilters(tag="t"), PageRequest())
    assert slugs(tagged) == ["two", "one"] and tagged.total == 2
    mine = await backend.article_queries.listing(ArticleFilters(author="jake"), PageRequest(limit=1))
    assert slugs(mine) == ["one"] and mine.total == 3
    both = await backend.article_queries.listing(ArticleFilters(tag="u", author="jake"), PageRequest())
    assert both.refs == [] and both.total == 0
    unknown = await backend.article_queries.listing(ArticleFilters(author="nobody"), PageRequest())
    assert unknown.refs == [] and unknown.total == 0


async def test_summaries_show_the_listed_articles_in_order_and_skip_deleted_ones(backend: Backend) -> None:
    jake, anna = await backend.add_user("jake"), await backend.add_user("anna")
    old = await backend.publish(jake, "Old", "b", "a")
    new = await backend.publish(jake, "New")
    await backend.favorite(anna, old.slug)
    listed = await backend.article_queries.listing(ArticleFilters(), PageRequest())
    assert [(r.id, r.slug) for r in listed.refs] == [(new.id, "new"), (old.id, "old")]
    reversed_refs = list(reversed(listed.refs))
    shown = await backend.article_queries.summaries(reversed_refs)
    assert [(s.slug, s.tag_list, s.favorites_count, s.author.username) for s in shown] == [
        ("old", ["a", "b"], 1, "jake"),
        ("new", [], 0, "jake"),
    ]
    assert not any(s.favorited or s.author.following for s in shown)  # impersonal
    async with backend.articles() as uow:
        await uow.articles.delete(old.id)
        await uow.commit()
    assert [s.slug for s in await backend.article_queries.summaries(reversed_refs)] == ["new"]
    assert await backend.article_queries.summaries([]) == []


async def test_favorites_are_idempotent_counted_and_listed_by_article_date(backend: Backend) -> None:
    jake, anna, bob = (
        await backend.add_user("jake"),
        await backend.add_user("anna"),
        await backend.add_user("bob"),
    )
    old = await backend.publish(jake, "Old")
    new = await backend.publish(jake, "New")
    await backend.favorite(anna, new.slug)  # favorited first, but the list follows the articles' dates
    await backend.favorite(anna, old.slug)
    await backend.favorite(anna, old.slug)
    await backend.favorite(bob, old.slug)
    assert (await backend.article_queries.get("old")).favorites_count == 2
    fans = await backend.article_queries.listing(ArticleFilters(favorited_by="anna"), PageRequest())
    assert slugs(fans) == ["new", "old"] and fans.total == 2
    await backend.favorite(anna, old.slug, remove=True)
    await backend.favorite(anna, old.slug, remove=True)
    assert (await backend.article_queries.get("old")).favorites_count == 1
    fans = await backend.article_queries.listing(ArticleFilters(favorited_by="anna"), PageRequest())
    assert slugs(fans) == ["new"] and fans.total == 1
    flags = await backend.relations.flags(anna, {"old", "new"}, {"jake"})
    assert flags.favorited == {"new"} and flags.followed == set()


async def test_the_feed_holds_the_followed_authors_articles(backend: Backend) -> None:
    jake, anna, bob = (
        await backend.add_user("jake"),
        await backend.add_user("anna"),
        await backend.add_user("bob"),
    )
    await backend.publish(jake, "By jake")
    await backend.publish(bob, "By bob")
    await backend.publish(jake, "Again jake")
    async with backend.profiles() as uow:
        await uow.follows.follow(anna, jake)
        await uow.commit()
    feed = await backend.article_queries.feed_listing(anna, PageRequest())
    assert slugs(feed) == ["again-jake", "by-jake"] and feed.total == 2
    # Small pages of a dense feed take the other way (walking the newest-first index): same answer.
    for offset, expected in ((0, ["again-jake"]), (1, ["by-jake"]), (2, [])):
        small = await backend.article_queries.feed_listing(anna, PageRequest(limit=1, offset=offset))
        assert slugs(small) == expected and small.total == 2
    empty = await backend.article_queries.feed_listing(bob, PageRequest())
    assert empty.refs == [] and empty.total == 0


async def test_the_feed_total_adds_up_every_followed_author(backend: Backend) -> None:
    jake, anna, bob, carl = [await backend.add_user(name) for name in ("jake", "anna", "bob", "carl")]
    for title in ("J1", "J2", "J3"):
        await backend.publish(jake, title)
    await backend.publish(bob, "B1")
    await backend.publish(anna, "Her own")  # not in her feed
    async with backend.profiles() as uow:
        for author in (jake, bob, carl):  # carl has written nothing: he adds no article and no error
            await uow.follows.follow(anna, author)
        await uow.commit()
    feed = await backend.article_queries.feed_listing(anna, PageRequest(limit=2))
    assert slugs(feed) == ["b1", "j3"] and feed.total == 4
    async with backend.articles() as uow:
        await uow.articles.delete((await uow.articles.get_by_slug("j1")).id)
        await uow.commit()
    assert (await backend.article_queries.feed_listing(anna, PageRequest())).total == 3


async def test_the_viewers_flags_answer_for_the_asked_items_only(backend: Backend) -> None:
    jake, anna, bob, carl = [await backend.add_user(name) for name in ("jake", "anna", "bob", "carl")]
    mine = await backend.publish(jake, "Mine")
    other = await backend.publish(bob, "Other")
    elsewhere = await backend.publish(carl, "Elsewhere")
    for article in (mine, elsewhere):
        await backend.favorite(anna, article.slug)
    await backend.favorite(bob, other.slug)  # someone else's favorite is not hers
    async with backend.profiles() as uow:
        for author in (jake, carl):
            await uow.follows.follow(anna, author)
        await uow.follows.follow(bob, carl)
        await uow.commit()
    flags = await backend.relations.flags(anna, {"mine", "other", "gone"}, {"jake", "bob", "nobody"})
    assert flags.favorited == {"mine"} and flags.followed == {"jake"}
    only_people = await backend.relations.flags(anna, (), {"carl", "bob"})
    assert only_people.favorited == set() and only_people.followed == {"carl"}
    assert (await backend.relations.flags(bob, {"other", "mine"}, ())).favorited == {"other"}


async def test_edits_and_deletions_change_what_lists_and_tags_show(backend: Backend) -> None:
    jake, anna = await backend.add_user("jake"), await backend.add_user("anna")
    first = await backend.publish(jake, "First", "old", "kept")
    await backend.publish(jake, "Second", "kept")
    await backend.favorite(anna, first.slug)
    async with backend.articles() as uow:
        article = await uow.articles.get_by_slug("first")
        article.tags = ("kept", "new")
        await uow.articles.save(article)
        await uow.commit()
    assert await backend.tags.most_used(10) == ["kept", "new"]
    assert (await backend.article_queries.listing(ArticleFilters(tag="old"), PageRequest())).total == 0
    async with backend.articles() as uow:
        await uow.articles.delete(first.id)
        await uow.commit()
    assert await backend.tags.most_used(10) == ["kept"]
    listed = await backend.article_queries.listing(ArticleFilters(), PageRequest())
    assert slugs(listed) == ["second"] and listed.total == 1
    fans = await backend.article_queries.listing(ArticleFilters(favorited_by="anna"), PageRequest())
    assert fans.total == 0 and fans.refs == []
