"""The bulk demo-data writer on SQLite and PostgreSQL: all or nothing, additive, counts exact."""

import sqlalchemy as sa

from adapters.persistence.engine import make_engine
from core.admin.demo_data import demo_username
from core.shared.errors import AlreadyExists
from entrypoints.python_api import Conduit
from tests.conftest import CHEAP_HASHING, TEST_SECRET

DRIFT = {
    "article favorites": "SELECT count(*) FROM articles a WHERE favorites_count != "
    "(SELECT count(*) FROM favorites f WHERE f.article_id = a.id)",
    "user articles": "SELECT count(*) FROM users u WHERE articles_count != "
    "(SELECT count(*) FROM articles a WHERE a.author_id = u.id)",
    "user favorites": "SELECT count(*) FROM users u WHERE favorites_count != "
    "(SELECT count(*) FROM favorites f WHERE f.user_id = u.id)",
    "tags": "SELECT count(*) FROM tags t WHERE articles_count != "
    "(SELECT count(*) FROM article_tags x WHERE x.tag = t.name)",
    "total": "SELECT count(*) FROM counters WHERE name = 'articles' "
    "AND value != (SELECT count(*) FROM articles)",
    "tag dates": "SELECT count(*) FROM article_tags x JOIN articles a ON a.id = x.article_id "
    "WHERE x.created_at != a.created_at",
}


async def scalar(url: str, sql: str) -> int:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            return (await connection.execute(sa.text(sql))).scalar_one()
    finally:
        await engine.dispose()


def open_conduit(url: str, tmp_path) -> Conduit:
    return Conduit.open(url, data_dir=str(tmp_path), secret_key=TEST_SECRET, **CHEAP_HASHING)


async def test_seeding_twice_adds_data_with_exact_counts(database_url: str, tmp_path) -> None:
    async with open_conduit(database_url, tmp_path) as conduit:
        first = await conduit.seed_demo_data(users=30, articles=200, password="conduit-demo", seed=1)
        second = await conduit.seed_demo_data(users=20, articles=100, password="conduit-demo", seed=1)
        assert second.first_username != first.first_username
        stats = await conduit.stats()
        assert (stats.users, stats.articles) == (50, 300)
        assert stats.favorites == first.rows["favorites"] + second.rows["favorites"]
        page = await conduit.list_articles(limit=5)
        assert page.total == 300
        for name, sql in DRIFT.items():
            assert await scalar(database_url, sql) == 0, name
        # Ids continue after the seeded rows: the use cases still write (sequences moved on).
        author = await conduit.log_in(email=f"{second.last_username}@example.com", password="conduit-demo")
        user = await conduit.authenticate(author.token)
        article = await conduit.create_article(
            author_id=user.id, title="After the seed", description="d", body="b", tags=["python"]
        )
        assert (await conduit.get_article(article.slug)).title == "After the seed"


async def test_a_taken_name_leaves_no_trace(database_url: str, tmp_path) -> None:
    async with open_conduit(database_url, tmp_path) as conduit:
        await conduit.seed_demo_data(users=5, articles=0, password="conduit-demo", seed=2)
    engine = make_engine(database_url)
    async with engine.begin() as connection:  # the next seed's first name, taken by hand
        next_name = demo_username(6)
        await connection.execute(
            sa.text("UPDATE users SET username = :n, username_canonical = :n WHERE id = 1"), {"n": next_name}
        )
    await engine.dispose()
    before = await scalar(database_url, "SELECT count(*) FROM articles")
    async with open_conduit(database_url, tmp_path) as conduit:
        try:
            await conduit.seed_demo_data(users=5, articles=50, password="conduit-demo", seed=2)
        except AlreadyExists:
            pass
        else:
            raise AssertionError("a taken username must stop the seed")
    assert await scalar(database_url, "SELECT count(*) FROM articles") == before
    assert await scalar(database_url, "SELECT count(*) FROM users") == 5
