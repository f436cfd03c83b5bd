"""Maintained counts: what every backend reports (totals, favorites counts, tag popularity) equals
what counting the rows gives, and on the SQL backends a recount finds no drift."""

from adapters.persistence.counts import SqlCounts
from adapters.persistence.engine import make_engine, make_session_factory
from core.articles.ports import ArticleFilters
from core.shared.pagination import PageRequest
from tests.contract.conftest import Backend


async def test_counts_follow_every_kind_of_write(backend: Backend, backend_url: str | None) -> None:
    jake, anna, bob = (
        await backend.add_user("jake"),
        await backend.add_user("anna"),
        await backend.add_user("bob"),
    )
    one = await backend.publish(jake, "One", "x", "y")
    two = await backend.publish(anna, "Two", "x")
    three = await backend.publish(jake, "Three", "z", "x")
    for fan, article in ((anna, one), (bob, one), (bob, two), (anna, three)):
        await backend.favorite(fan, article.slug)
    await backend.favorite(bob, two.slug, remove=True)
    async with backend.articles() as uow:
        edited = await uow.articles.get_by_slug("three")
        edited.tags = ("y",)
        await uow.articles.save(edited)
        await uow.articles.delete(two.id)
        await uow.commit()

    queries = backend.article_queries
    assert (await queries.listing(ArticleFilters(), PageRequest())).total == 2
    assert (await queries.listing(ArticleFilters(author="jake"), PageRequest())).total == 2
    assert (await queries.listing(ArticleFilters(favorited_by="anna"), PageRequest())).total == 2
    assert (await queries.listing(ArticleFilters(favorited_by="bob"), PageRequest())).total == 1
    assert (await queries.listing(ArticleFilters(tag="x"), PageRequest())).total == 1
    assert [(await queries.get(s)).favorites_count for s in ("one", "three")] == [2, 1]
    assert await backend.tags.most_used(10) == ["y", "x"]
    if backend_url is not None:
        engine = make_engine(backend_url)
        try:
            report = await SqlCounts(make_session_factory(engine)).recount(fix=False)
        finally:
            await engine.dispose()
        assert report.total == 0, report.drift
