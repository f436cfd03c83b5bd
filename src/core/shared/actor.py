"""Who is acting, and with which role: the basis of every authorization decision in the use cases."""

from dataclasses import dataclass
from enum import StrEnum

from core.shared.errors import PermissionDenied


class Role(StrEnum):
    USER = "user"
    MODERATOR = "moderator"  # may also delete any article or comment, and ban plain users
    ADMIN = "admin"  # may do all a moderator may


class Capability(StrEnum):
    """What a role may do beyond using the site. Use cases check these; consoles ask them what to show."""

    MODERATE = "moderate"  # see accounts, content, statistics and the audit log; remove content
    BAN = "ban"  # ban, unban, end all sessions (of plain users, for a moderator)
    SET_ROLE = "set-role"
    DELETE_ACCOUNT = "delete-account"
    MANAGE_ACCOUNTS = "manage-accounts"  # passwords, and acting on moderators' and admins' accounts
    MANAGE_CACHE = "manage-cache"


_MODERATOR = frozenset({Capability.MODERATE, Capability.BAN})
GRANTS: dict[Role, frozenset[Capability]] = {
    Role.USER: frozenset(),
    Role.MODERATOR: _MODERATOR,
    Role.ADMIN: frozenset(Capability),
}


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
        return self.may(Capability.MODERATE)

    def may(self, capability: Capability) -> bool:
        return capability in GRANTS[self.role]

    def require(self, capability: Capability) -> None:
        """Raise PermissionDenied unless the actor's role grants the capability."""
        if not self.may(capability):
            raise PermissionDenied(_REFUSALS[capability])

    @classmethod
    def operator(cls, name: str) -> "Actor":
        """Operators (CLI, scripts) hold the database credentials, so they act with every right."""
        return cls(user_id=None, name=name, role=Role.ADMIN)


_REFUSALS = {
    Capability.MODERATE: "only moderators and administrators may do this",
    Capability.BAN: "only moderators and administrators may ban accounts or end their sessions",
    Capability.SET_ROLE: "only administrators may change roles",
    Capability.DELETE_ACCOUNT: "only administrators may delete accounts",
    Capability.MANAGE_ACCOUNTS: "only administrators may manage accounts",
    Capability.MANAGE_CACHE: "only administrators may manage the cache",
}
