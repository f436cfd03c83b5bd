"""Entity ids: positive integers assigned by the database, at most 32-bit (PostgreSQL INTEGER)."""

MAX_ID = 2**31 - 1


def is_possible_id(value: int) -> bool:
    """False for ids no stored entity can have, so they are "not found" without asking the database."""
    return 1 <= value <= MAX_ID
