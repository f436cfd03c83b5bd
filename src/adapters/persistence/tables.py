"""Table definitions (SQLAlchemy Core). Private to this package; migrations are generated from them."""

import sqlalchemy as sa

from adapters.persistence.types import UtcDateTime

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("email", sa.String(254), nullable=False),
    # Canonical (NFKC + casefold) forms, computed by the core, make uniqueness case-insensitive
    # identically on every database.
    sa.Column("email_canonical", sa.String(254), nullable=False, unique=True),
    sa.Column("username", sa.String(40), nullable=False),
    sa.Column("username_canonical", sa.String(40), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("bio", sa.Text, nullable=False),
    sa.Column("image", sa.String(2048), nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("updated_at", UtcDateTime, nullable=False),
    sa.Column("role", sa.String(20), nullable=False, server_default="user"),
    sa.Column("banned_at", UtcDateTime, nullable=True),
    sa.Column("ban_reason", sa.Text, nullable=False, server_default=""),
    sa.Column("token_version", sa.Integer, nullable=False, server_default="0"),
    # Maintained counts (same transaction as the writes that change them; `conduit db recount` repairs):
    sa.Column("articles_count", sa.Integer, nullable=False, server_default="0"),  # articles authored
    sa.Column("favorites_count", sa.Integer, nullable=False, server_default="0"),  # articles favorited
    sa.CheckConstraint("role IN ('user', 'moderator', 'admin')", name="role"),
    sqlite_autoincrement=True,  # ids are never reused, as with PostgreSQL sequences
)


def _user_fk(name: str, **kwargs: object) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, **kwargs
    )


def _article_fk(name: str = "article_id", **kwargs: object) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, **kwargs
    )


follows = sa.Table(
    "follows",
    metadata,
    _user_fk("follower_id", primary_key=True),
    _user_fk("followee_id", primary_key=True),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Index("ix_follows_followee_id", "followee_id"),  # "who follows X", and cascades on delete
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("slug", sa.String(120), nullable=False, unique=True),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    _user_fk("author_id"),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("updated_at", UtcDateTime, nullable=False),
    sa.Column("favorites_count", sa.Integer, nullable=False, server_default="0"),  # maintained
    # Every listing is "newest first"; ids break ties between articles created in the same instant.
    # Pages are index walks in (created_at DESC, id DESC) order: these indexes read backwards.
    sa.Index("ix_articles_created_at_id", "created_at", "id"),
    sa.Index("ix_articles_author_id_created_at_id", "author_id", "created_at", "id"),  # ?author=, feed
    sqlite_autoincrement=True,
)

article_tags = sa.Table(
    "article_tags",
    metadata,
    _article_fk(primary_key=True),
    sa.Column("tag", sa.String(50), primary_key=True),
    sa.Column("created_at", UtcDateTime, nullable=False),  # the article's (never changes): ?tag= order
    sa.Index("ix_article_tags_tag_created_at_article_id", "tag", "created_at", "article_id"),  # ?tag=
)

# One row per tag ever used, with the number of articles carrying it (maintained; 0 when unused).
tags = sa.Table(
    "tags",
    metadata,
    sa.Column("name", sa.String(50), primary_key=True),
    sa.Column("articles_count", sa.Integer, nullable=False, server_default="0"),
)
# GET /tags: most used first, ties by name; the index holds that order (count descending, name ascending)
# so the top N is the first N entries on both databases.
sa.Index("ix_tags_articles_count_name", tags.c.articles_count.desc(), tags.c.name)

favorites = sa.Table(
    "favorites",
    metadata,
    _user_fk("user_id", primary_key=True),  # (user_id, article_id): ?favorited= and "did I favorite"
    _article_fk(primary_key=True),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("article_created_at", UtcDateTime, nullable=False),  # the article's: ?favorited= order
    sa.Index("ix_favorites_article_id", "article_id"),  # recounts, and cascades on delete
    sa.Index(
        "ix_favorites_user_id_article_created_at_article_id", "user_id", "article_created_at", "article_id"
    ),
)

comments = sa.Table(
    "comments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    _user_fk("author_id", index=True),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("updated_at", UtcDateTime, nullable=False),
    sa.Index("ix_comments_article_id_created_at", "article_id", "created_at"),
    sqlite_autoincrement=True,  # a deleted comment's id is never handed to a new one
)

# Totals that no row carries: "articles" is the number of articles (the unfiltered list's count).
counters = sa.Table(
    "counters",
    metadata,
    sa.Column("name", sa.String(50), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("actor", sa.String(100), nullable=False),  # a username or "cli:<operator>"; kept if users go
    sa.Column("action", sa.String(50), nullable=False),
    sa.Column("target", sa.String(200), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Index("ix_audit_log_created_at", "created_at"),
    sqlite_autoincrement=True,
)
