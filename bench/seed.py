"""The bench dataset: `conduit seed` (the core's demo-data plan, written in bulk) on a fresh database."""

import asyncio
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from argon2 import PasswordHasher, Type
from sqlalchemy.engine import make_url

from adapters.persistence import tables
from adapters.persistence.engine import make_engine
from adapters.persistence.migrations.runner import Migrations
from core.admin import SeedReport
from entrypoints.python_api import Conduit

PASSWORD = "bench-password-1"  # noqa: S105 (every seeded user's password, for the login scenario)
SAMPLE = 5_000  # newest slugs and first users the load scripts pick from


@dataclass(frozen=True, slots=True)
class SeedSize:
    users: int = 200
    articles: int = 5000


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
    """Fill a migrated database with `conduit seed`'s data; one password hash is shared by every user."""
    started = time.monotonic()
    report = asyncio.run(_seed(database_url, size, argon2, rng_seed))
    samples = asyncio.run(_samples(database_url))
    return SeededData(**samples, counts=report.rows, seconds=time.monotonic() - started)


async def _seed(database_url: str, size: SeedSize, argon2: Argon2Settings, rng_seed: int) -> SeedReport:
    settings = {
        "argon2_time_cost": argon2.time_cost,
        "argon2_memory_kib": argon2.memory_kib,
        "argon2_parallelism": argon2.parallelism,
    }
    async with Conduit.open(database_url, secret_key=secrets.token_urlsafe(48), **settings) as conduit:
        return await conduit.seed_demo_data(
            users=size.users, articles=size.articles, password=PASSWORD, seed=rng_seed
        )


async def _samples(database_url: str) -> dict[str, list[str]]:
    """The first users' e-mails, the newest slugs and the tags, most used first."""
    u, a, t = tables.users, tables.articles, tables.tags
    engine = make_engine(database_url)
    try:
        async with engine.connect() as connection:
            emails = await connection.execute(sa.select(u.c.email).order_by(u.c.id).limit(SAMPLE))
            slugs = await connection.execute(sa.select(a.c.slug).order_by(a.c.id.desc()).limit(SAMPLE))
            tags = await connection.execute(
                sa.select(t.c.name).order_by(t.c.articles_count.desc(), t.c.name).limit(SAMPLE)
            )
            return {
                "emails": list(emails.scalars()),
                "slugs": list(slugs.scalars()),
                "tags": list(tags.scalars()),
            }
    finally:
        await engine.dispose()
