"""maintained counts (articles, users, tags, counters) and denormalised dates for index-walk pages

Revision ID: 7c0a9e1f5b21
Revises: 161b3f214845
Create Date: 2026-11-29 12:55:00.000000

Backfills every new column from the base rows with plain SQL that runs on SQLite and PostgreSQL.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7c0a9e1f5b21"
down_revision: str | None = "161b3f214845"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _count(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), server_default="0", nullable=False)


def upgrade() -> None:
    op.create_table(
        "tags",
        sa.Column("name", sa.String(length=50), nullable=False),
        _count("articles_count"),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_tags")),
    )
    op.create_index("ix_tags_articles_count_name", "tags", [sa.text("articles_count DESC"), "name"])
    op.create_table(
        "counters",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_counters")),
    )
    with op.batch_alter_table("users", recreate="never") as batch_op:
        batch_op.add_column(_count("articles_count"))
        batch_op.add_column(_count("favorites_count"))
    with op.batch_alter_table("articles", recreate="never") as batch_op:
        batch_op.add_column(_count("favorites_count"))
        batch_op.drop_index("ix_articles_author_id_created_at")
        batch_op.create_index("ix_articles_author_id_created_at_id", ["author_id", "created_at", "id"])

    # Denormalised article dates: added nullable, filled, then required.
    op.add_column("article_tags", sa.Column("created_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("favorites", sa.Column("article_created_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE article_tags SET created_at ="
        " (SELECT a.created_at FROM articles a WHERE a.id = article_tags.article_id)"
    )
    op.execute(
        "UPDATE favorites SET article_created_at ="
        " (SELECT a.created_at FROM articles a WHERE a.id = favorites.article_id)"
    )
    with op.batch_alter_table("article_tags") as batch_op:
        batch_op.alter_column("created_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.drop_index("ix_article_tags_tag_article_id")
        batch_op.create_index(
            "ix_article_tags_tag_created_at_article_id", ["tag", "created_at", "article_id"]
        )
    with op.batch_alter_table("favorites") as batch_op:
        batch_op.alter_column("article_created_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.create_index(
            "ix_favorites_user_id_article_created_at_article_id",
            ["user_id", "article_created_at", "article_id"],
        )

    # Counts from the base rows.
    op.execute(
        "UPDATE articles SET favorites_count ="
        " (SELECT count(*) FROM favorites f WHERE f.article_id = articles.id)"
    )
    op.execute(
        "UPDATE users SET"
        " articles_count = (SELECT count(*) FROM articles a WHERE a.author_id = users.id),"
        " favorites_count = (SELECT count(*) FROM favorites f WHERE f.user_id = users.id)"
    )
    op.execute("INSERT INTO tags (name, articles_count) SELECT tag, count(*) FROM article_tags GROUP BY tag")
    op.execute("INSERT INTO counters (name, value) SELECT 'articles', count(*) FROM articles")


def downgrade() -> None:
    with op.batch_alter_table("favorites") as batch_op:
        batch_op.drop_index("ix_favorites_user_id_article_created_at_article_id")
        batch_op.drop_column("article_created_at")
    with op.batch_alter_table("article_tags") as batch_op:
        batch_op.drop_index("ix_article_tags_tag_created_at_article_id")
        batch_op.create_index("ix_article_tags_tag_article_id", ["tag", "article_id"])
        batch_op.drop_column("created_at")
    # Never recreate the parent tables on SQLite: dropping them would cascade to every child row.
    # (ALTER TABLE ... DROP COLUMN is native since SQLite 3.35.)
    with op.batch_alter_table("articles", recreate="never") as batch_op:
        batch_op.drop_index("ix_articles_author_id_created_at_id")
        batch_op.create_index("ix_articles_author_id_created_at", ["author_id", "created_at"])
        batch_op.drop_column("favorites_count")
    with op.batch_alter_table("users", recreate="never") as batch_op:
        batch_op.drop_column("favorites_count")
        batch_op.drop_column("articles_count")
    op.drop_table("counters")
    op.drop_index("ix_tags_articles_count_name", table_name="tags")
    op.drop_table("tags")
