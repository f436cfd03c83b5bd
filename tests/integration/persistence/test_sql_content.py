"""The operators' content read models (article search, user activity, daily series) on SQLite and
PostgreSQL, reached through the Python API as a script would."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from adapters.persistence.engine import make_engine
from adapters.persistence.tables import articles, users
from entrypoints.python_api import Conduit
from tests.conftest import CHEAP_HASHING, TEST_SECRET


async def test_search_activity_and_daily_series(database_url: str, tmp_path) -> None:
    settings = {"data_dir": str(tmp_path), "secret_key": TEST_SECRET, "cache_enabled": False, **CHEAP_HASHING}
    async with Conduit.open(database_url, **settings) as conduit:
        ids = {}
        for name in ["jake", "jane"]:
            created = await conduit.register_user(
                username=name, email=f"{name}@example.com", password="pass-word"
            )
            ids[name] = (await conduit.authenticate(created.token)).id
        for n in range(3):
            await conduit.create_article(
                author_id=ids["jake"], title=f"Dragon_{n}% care", description="d", body="b", tags=["dragons"]
            )
        await conduit.create_article(
            author_id=ids["jane"], title="Wyverns", description="d", body="b", tags=["x"]
        )
        await conduit.add_comment("wyverns", author_id=ids["jake"], body="nice")
        await conduit.follow("jake", user_id=ids["jane"])
        await conduit.favorite("wyverns", user_id=ids["jake"])

        first = await conduit.search_articles(title="DRAGON_", limit=2)
        assert [a.title for a in first.items] == ["Dragon_2% care", "Dragon_1% care"] and first.has_next
        rest = await conduit.search_articles(title="dragon_", limit=2, offset=2)
        assert [a.slug for a in rest.items] == ["dragon-0-care"] and not rest.has_next
        assert (await conduit.search_articles(title="_0%")).items[0].tags == ["dragons"]  # literal wildcards
        assert (await conduit.search_articles(title="n_%")).items == []
        by_author = await conduit.search_articles(author="JANE", tag="x")
        assert [(a.title, a.author) for a in by_author.items] == [("Wyverns", "jane")]
        assert (await conduit.search_articles(author="jane", tag="dragons")).items == []

        activity = await conduit.user_activity("Jake")
        assert (activity.articles, activity.comments, activity.favorites, activity.followers) == (3, 1, 1, 1)
        assert [a.title for a in activity.recent_articles] == [f"Dragon_{n}% care" for n in (2, 1, 0)]
        assert [(c.article_slug, c.body) for c in activity.recent_comments] == [("wyverns", "nice")]

        engine = make_engine(database_url)  # move one sign-up and one article to three days ago
        three_days_ago = datetime.now(UTC) - timedelta(days=3)
        async with engine.begin() as connection:
            await connection.execute(
                sa.update(users).where(users.c.id == ids["jane"]).values(created_at=three_days_ago)
            )
            await connection.execute(
                sa.update(articles).where(articles.c.slug == "wyverns").values(created_at=three_days_ago)
            )
        await engine.dispose()
        days = await conduit.daily_activity(days=5)
        assert [(d.signups, d.articles) for d in days] == [(0, 0), (1, 1), (0, 0), (0, 0), (1, 3)]
        assert days[-1].day == datetime.now(UTC).date()


async def test_a_title_search_can_answer_from_the_trigram_index_on_postgres(postgres_url: str) -> None:
    """Without it a word that no title holds scans every article (1.4 s at a million)."""
    search = sa.select(articles.c.id).where(sa.func.lower(articles.c.title).contains("zzq", autoescape=True))
    sql = str(search.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
    engine = make_engine(postgres_url)
    try:
        async with engine.connect() as connection:
            for setting in ("enable_seqscan", "enable_indexscan"):  # leave it the trigram index or nothing
                await connection.execute(sa.text(f"SET {setting} = off"))
            plan = "\n".join((await connection.execute(sa.text(f"EXPLAIN {sql}"))).scalars())
    finally:
        await engine.dispose()
    assert "ix_articles_title_trgm" in plan, plan
