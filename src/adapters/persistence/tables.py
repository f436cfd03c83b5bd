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
    sa.Column("bio", sa.Text, nullable=False, server_default=""),
    sa.Column("image", sa.String(2048), nullable=False, server_default=""),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("updated_at", UtcDateTime, nullable=False),
    sqlite_autoincrement=True,  # ids are never reused, as with PostgreSQL sequences
)
