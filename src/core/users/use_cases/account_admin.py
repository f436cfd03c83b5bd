"""What every administrative use case on an account shares: the admin check, the lookup, the audit."""

from datetime import datetime

from core.shared.actor import Actor, Role
from core.shared.audit import AuditEntry
from core.shared.errors import PermissionDenied
from core.shared.text import canonical
from core.users.domain import User
from core.users.errors import UnknownRole, UserNotFound
from core.users.ports import UsersUnitOfWork


def ensure_admin(actor: Actor) -> None:
    if actor.role is not Role.ADMIN:
        raise PermissionDenied("only administrators may manage accounts")


def role_named(role: str) -> Role:
    try:
        return Role(role.strip().lower())
    except ValueError as error:
        raise UnknownRole([r.value for r in Role]) from error


async def account_named(uow: UsersUnitOfWork, username: str, *, for_update: bool = False) -> User:
    """`for_update`: lock the row until the end of the transaction, so concurrent changes of one
    account happen one after the other and each sees the state the previous one committed."""
    user = await uow.users.get_by_username(canonical(username.strip()), for_update=for_update)
    if user is None:
        raise UserNotFound
    return user


async def audit(
    uow: UsersUnitOfWork, actor: Actor, action: str, user: User, reason: str, now: datetime
) -> None:
    await uow.audit.record(
        AuditEntry(actor=actor.name, action=action, target=f"user:{user.username}", reason=reason, at=now)
    )
