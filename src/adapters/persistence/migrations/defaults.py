"""Server-default comparison for autogenerate that ignores quoting noise ('' vs ('') on SQLite)."""

from typing import Any


def same_server_default(
    _context: Any,
    _inspected_column: Any,
    _metadata_column: Any,
    inspected_default: str | None,
    _metadata_default: Any,
    rendered_metadata_default: str | None,
) -> bool | None:
    """False when both defaults spell the same literal, None to let Alembic compare."""

    def literal(text: str | None) -> str:
        return (text or "").strip().strip("()").strip("'\"")

    if literal(inspected_default) == literal(rendered_metadata_default):
        return False
    return None
