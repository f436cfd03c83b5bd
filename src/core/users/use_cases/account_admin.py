"""What every administrative use case on an account shares: the permission check, the lookup, the audit."""

import contextlib
from datetime import datetime
from enum import StrEnum

from core.shared.actor import Actor, Capability, Role
from core.shared.audit import AuditEntry
from core.shared.errors import PermissionDenied
from core.shared.text import canonical
from core.users.domain import User
from core.users.errors import UnknownRole, UserNotFound
from core.users.ports import UsersUnitOfWork


class AccountAction(StrEnum):
    ROLE = "role"
    BAN = "ban"
    UNBAN = "unban"
    LOGOUT = "logout"
    DELETE = "delete"
    PASSWORD = "password"  # noqa: S105 (an action's name, not a password)


_NEEDS = {
    AccountAction.ROLE: Capability.SET_ROLE,
    AccountAction.BAN: Capability.BAN,
    AccountAction.UNBAN: Capability.BAN,
    AccountAction.LOGOUT: Capability.BAN,
    AccountAction.DELETE: Capability.DELETE_ACCOUNT,
    AccountAction.PASSWORD: Capability.MANAGE_ACCOUNTS,
}


def ensure_may(actor: Actor, action: AccountAction, target: Role = Role.USER) -> None:
    """Raise PermissionDenied unless the actor may do this to an account with the `target` role.

    Moderators ban, unban and end the sessions of plain users; the accounts of moderators and admins,
    roles, passwords and deletion are the administrators'. Checked once before the account is read (so
    a refusal reveals nothing about it) and once with its role.
    """
    actor.require(_NEEDS[action])
    if target is not Role.USER:
        actor.require(Capability.MANAGE_ACCOUNTS)


def account_actions(actor: Actor, target: Role) -> frozenset[AccountAction]:
    """The actions `ensure_may` allows, for consoles that show only what the actor may do."""
    allowed = set()
    for action in AccountAction:
        with contextlib.suppress(PermissionDenied):
            ensure_may(actor, action, target)
            allowed.add(action)
    return frozenset(allowed)


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
