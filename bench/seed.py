"""Fast, deterministic seeding of a realistic dataset with SQLAlchemy Core bulk inserts."""

import asyncio
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from argon2 import PasswordHasher, Type
from sqlalchemy.engine import make_url

from adapters.persistence import tables
from adapters.persistence.counts import SqlCounts
from adapters.persistence.engine import make_engine, make_session_factory
from adapters.persistence.migrations.runner import Migrations

PASSWORD = "bench-password-1"  # noqa: S105 (every seeded user's password, for the login scenario)
EMAIL_DOMAIN = "bench.example.com"
BATCH = 2000
WORDS = [
    "async",
    "python",
    "sql",
    "cache",
    "index",
    "query",
    "latency",
    "throughput",
    "design",
    "pattern",
    "domain",
    "event",
    "stream",
    "queue",
    "worker",
    "pool",
    "thread",
    "lock",
    "shard",
    "replica",
    "backup",
    "deploy",
    "container",
    "network",
    "socket",
    "kernel",
    "memory",
    "garbage",
    "compiler",
    "parser",
    "token",
    "schema",
    "migration",
    "review",
    "testing",
    "release",
    "rollback",
]
TAGS = [f"{word}{suffix}" for suffix in ("", "-tips", "-deep-dive") for word in WORDS[:20]]
TAG_WEIGHTS = [1 / (rank + 1) for rank in range(len(TAGS))]


@dataclass(frozen=True, slots=True)
class SeedSize:
    users: int = 200
    articles: int = 5000
    follows_per_user: tuple[int, int] = (5, 40)
    tags_per_article: tuple[int, int] = (1, 5)
    favorites_per_user: tuple[int, int] = (10, 90)
    comments_per_article: tuple[int, int] = (0, 6)
    body_paragraphs: tuple[int, int] = (3, 8)


@dataclass(frozen=True, slots=True)
class Argon2Settings:
    time_cost: int = 2
    memory_kib: int = 19 * 1024
    parallelism: int = 1

    def hasher(self) -> PasswordHasher:
        return PasswordHasher(
            time_cost=self.time_cost, memory_cost=self.memory_kib, parallelism=self.parallelism, type=Type.ID
        )


@dataclass(slots=True)
class SeededData:
    """What the load scripts need to know about the dataset, and how many rows each table got."""

    emails: list[str] = field(default_factory=list)
    slugs: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def recreate_database(database_url: str, admin_url: str | None = None) -> None:
    """Start from an empty, migrated database (a SQLite file is deleted, a PostgreSQL one dropped)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
    else:
        admin = admin_url or url.set(database="postgres").render_as_string(hide_password=False)
        name = url.database
        statements = [f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"']
        asyncio.run(_admin(admin, statements))
    Migrations(database_url).upgrade()


async def _admin(admin_url: str, statements: list[str]) -> None:
    engine = make_engine(admin_url)
    try:
        async with engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            for statement in statements:
                await connection.execute(sa.text(statement))
    finally:
        await engine.dispose()


def seed(database_url: str, size: SeedSize, argon2: Argon2Settings, *, rng_seed: int = 42) -> SeededData:
    """Fill an empty, migrated database; one password hash, computed once, is shared by every user."""
    started = datetime.now(UTC)
    password_hash = argon2.hasher().hash(PASSWORD)
    rows = _generate(size, password_hash, random.Random(rng_seed), now=started)
    asyncio.run(_insert(database_url, rows))
    return SeededData(
        emails=[user["email"] for user in rows["users"]],
        slugs=[article["slug"] for article in rows["articles"]],
        tags=sorted({row["tag"] for row in rows["article_tags"]}),
        counts={name: len(table_rows) for name, table_rows in rows.items()},
        seconds=(datetime.now(UTC) - started).total_seconds(),
    )


def _generate(size: SeedSize, password_hash: str, rng: random.Random, *, now: datetime) -> dict[str, list]:
    def when(max_days: int = 365) -> datetime:
        return now - timedelta(seconds=rng.randint(60, max_days * 86400))

    users = [
        {
            "id": n,
            "email": f"user{n}@{EMAIL_DOMAIN}",
            "email_canonical": f"user{n}@{EMAIL_DOMAIN}",
            "username": f"user{n}",
            "username_canonical": f"user{n}",
            "password_hash": password_hash,
            "bio": " ".join(rng.choices(WORDS, k=rng.randint(0, 20))),
            "image": f"https://images.{EMAIL_DOMAIN}/{n}.png" if n % 3 else "",
            "created_at": (joined := when(720)),
            "updated_at": joined,
        }
        for n in range(1, size.users + 1)
    ]
    user_ids = [user["id"] for user in users]
    follows = [
        {"follower_id": follower, "followee_id": followee, "created_at": when()}
        for follower in user_ids
        for followee in rng.sample(
            [u for u in user_ids if u != follower], min(size.users - 1, rng.randint(*size.follows_per_user))
        )
    ]
    articles, article_tags = [], []
    for n in range(1, size.articles + 1):
        title = " ".join(rng.choices(WORDS, k=rng.randint(3, 8))).capitalize()
        created = when()
        articles.append(
            {
                "id": n,
                "slug": f"{title.lower().replace(' ', '-')}-{n:x}",
                "title": title,
                "description": " ".join(rng.choices(WORDS, k=rng.randint(8, 20))),
                "body": "\n\n".join(
                    " ".join(rng.choices(WORDS, k=rng.randint(40, 90)))
                    for _ in range(rng.randint(*size.body_paragraphs))
                ),
                "author_id": rng.choice(user_ids),
                "created_at": created,
                "updated_at": created,
            }
        )
        # Popular tags are picked more often (weights fall with the index), as on a real site.
        chosen = list(dict.fromkeys(rng.choices(TAGS, weights=TAG_WEIGHTS, k=8)))
        tags = chosen[: rng.randint(*size.tags_per_article)]
        article_tags += [{"article_id": n, "tag": t, "created_at": created} for t in tags]
    article_ids = [article["id"] for article in articles]
    created_at = {article["id"]: article["created_at"] for article in articles}
    favorites = [
        {"user_id": user, "article_id": a, "created_at": when(), "article_created_at": created_at[a]}
        for user in user_ids
        for a in rng.sample(article_ids, min(size.articles, rng.randint(*size.favorites_per_user)))
    ]
    comments = [
        {
            "article_id": article,
            "author_id": rng.choice(user_ids),
            "body": " ".join(rng.choices(WORDS, k=rng.randint(5, 40))),
            "created_at": (said := when()),
            "updated_at": said,
        }
        for article in article_ids
        for _ in range(rng.randint(*size.comments_per_article))
    ]
    return {
        "users": users,
        "follows": follows,
        "articles": articles,
        "article_tags": article_tags,
        "favorites": favorites,
        "comments": comments,
    }


async def _insert(database_url: str, rows: dict[str, list]) -> None:
    engine = make_engine(database_url)
    try:
        async with engine.begin() as connection:
            for name, table_rows in rows.items():  # parents before children
                table = tables.metadata.tables[name]
                for start in range(0, len(table_rows), BATCH):
                    await connection.execute(table.insert(), table_rows[start : start + BATCH])
            if engine.dialect.name == "postgresql":  # explicit ids were given: move the sequences on
                for name in ("users", "articles", "comments"):
                    await connection.execute(
                        sa.text(
                            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608 (fixed names)
                            f"(SELECT COALESCE(MAX(id), 1) FROM {name}))"
                        )
                    )
        await SqlCounts(make_session_factory(engine)).recount()  # the counts the writes would keep
    finally:
        await engine.dispose()
