"""A moderator or an administrator looks at one account."""

from core.shared.actor import Actor, Capability
from core.users.ports import UsersUnitOfWork
from core.users.use_cases.account_admin import account_named
from core.users.views import UserDetails


class ShowUser:
    """Raises UserNotFound, PermissionDenied."""

    def __init__(self, *, uow: UsersUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor, username: str) -> UserDetails:
        actor.require(Capability.MODERATE)
        async with self._uow as uow:
            return UserDetails.of(await account_named(uow, username))
