"""An operator opens an account, with a role: audited as `user.create` in the registration's transaction."""

from core.shared.actor import Actor, Capability, Role
from core.users.domain import User
from core.users.ports import UsersUnitOfWork
from core.users.use_cases.account_admin import audit, role_named
from core.users.use_cases.register_user import RegisterUser, RegisterUserCommand
from core.users.views import UserDetails


class CreateAccount:
    """Create an account as an administrator (CLI, scripts). Raises what RegisterUser raises, UnknownRole,
    PermissionDenied."""

    action = "user.create"

    def __init__(self, *, register: RegisterUser) -> None:
        self._register = register

    async def execute(
        self, actor: Actor, command: RegisterUserCommand, role: str = "user", reason: str = ""
    ) -> UserDetails:
        actor.require(Capability.MANAGE_ACCOUNTS)
        new_role = role_named(role)
        created: list[User] = []

        async def with_role_audited(uow: UsersUnitOfWork, user: User) -> None:
            created.append(user)
            if new_role is not Role.USER:
                user.assign_role(new_role, user.created_at)
                await uow.users.save(user)
            await audit(uow, actor, self.action, user, reason or f"role {new_role}", user.created_at)

        await self._register.register(command, then=with_role_audited)
        return UserDetails.of(created[0])
