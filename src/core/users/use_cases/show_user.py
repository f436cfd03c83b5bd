"""An operator looks at one account."""

from core.shared.actor import Actor
from core.users.ports import UsersUnitOfWork
from core.users.use_cases.account_admin import account_named, ensure_admin
from core.users.views import UserDetails


class ShowUser:
    """Raises UserNotFound, PermissionDenied."""

    def __init__(self, *, uow: UsersUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor, username: str) -> UserDetails:
        ensure_admin(actor)
        async with self._uow as uow:
            return UserDetails.of(await account_named(uow, username))
