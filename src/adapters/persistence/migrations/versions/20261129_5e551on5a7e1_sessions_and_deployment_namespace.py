"""sessions, and the deployment row that binds caches to this database

Revision ID: 5e551on5a7e1
Revises: 7c0a9e1f5b21
Create Date: 2026-11-29 13:00:00
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e551on5a7e1"
down_revision: str | None = "7c0a9e1f5b21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("user_agent", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sessions_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
    )
    op.create_index("ix_sessions_user_id_created_at", "sessions", ["user_id", "created_at"], unique=False)
    deployment = op.create_table(
        "deployment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cache_namespace", sa.String(length=64), nullable=False),
        sa.Column("shared_cache", sa.String(length=300), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_deployment_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deployment")),
    )
    # A fresh namespace per database: a recreated database never reads another one's cache entries.
    op.bulk_insert(deployment, [{"id": 1, "cache_namespace": secrets.token_hex(8), "shared_cache": None}])


def downgrade() -> None:
    op.drop_table("deployment")
    op.drop_index("ix_sessions_user_id_created_at", table_name="sessions")
    op.drop_table("sessions")
