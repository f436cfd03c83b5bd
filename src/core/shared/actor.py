"""Who is acting, and with which role: the basis of every authorization decision in the use cases."""

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    USER = "user"
    MODERATOR = "moderator"  # may also delete any article or comment
    ADMIN = "admin"  # may do all a moderator may


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """A signed-in user (`user_id` set) or an operator using the CLI or a script (`user_id` None).

    `name` is what the audit log records as "who".
    """

    user_id: int | None
    name: str
    role: Role = Role.USER

    @property
    def can_moderate(self) -> bool:
        return self.role in (Role.MODERATOR, Role.ADMIN)

    @classmethod
    def operator(cls, name: str) -> "Actor":
        """Operators (CLI, scripts) hold the database credentials, so they act with every right."""
        return cls(user_id=None, name=name, role=Role.ADMIN)
