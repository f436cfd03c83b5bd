"""admin console: index users by creation time (sign-ups per day)

Revision ID: a7d3c0e5f912
Revises: 5e551on5a7e1
Create Date: 2026-11-29 13:05:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "a7d3c0e5f912"
down_revision: str | None = "5e551on5a7e1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_users_created_at", "users", ["created_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_users_created_at", table_name="users")
