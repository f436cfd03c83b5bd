"""title search: a trigram index on PostgreSQL (the admin console's `?title=` at a million articles)

A `lower(title) LIKE '%word%'` search cannot use a b-tree: without this index a word that no title holds
scans every article (1.4 s at a million). pg_trgm ships with PostgreSQL and is a trusted extension
(the database owner may create it). Where it cannot be created the index is skipped with a warning and
the search still works, by scanning. SQLite has no trigram index: there the search scans.

Revision ID: b81e4d2c9f07
Revises: a7d3c0e5f912
Create Date: 2026-11-29 14:30:00.000000
"""

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b81e4d2c9f07"
down_revision: str | None = "a7d3c0e5f912"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_articles_title_trgm"
logger = logging.getLogger("alembic.runtime.migration")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    savepoint = bind.begin_nested()
    try:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError as error:
        savepoint.rollback()
        logger.warning("pg_trgm could not be created (%s): title searches will scan the articles", error.orig)
        return
    savepoint.commit()
    op.execute(f"CREATE INDEX {INDEX} ON articles USING gin (lower(title) gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {INDEX}")
