"""Exchange email and password for a token."""

from dataclasses import dataclass

from core.shared.clock import Clock
from core.shared.text import canonical
from core.users.errors import InvalidCredentials
from core.users.ports import PasswordHasher, TokenService, UsersUnitOfWork
from core.users.views import AuthenticatedUser, UserView


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class LogInCommand:
    email: str
    password: str


class LogIn:
    """Verify the password and issue a token; upgrade the stored hash when its parameters are old.

    Raises InvalidCredentials, the same and after the same work, for an unknown email or a wrong password.
    """

    def __init__(
        self, *, uow: UsersUnitOfWork, hasher: PasswordHasher, tokens: TokenService, clock: Clock
    ) -> None:
        self._uow, self._hasher, self._tokens, self._clock = uow, hasher, tokens, clock

    async def execute(self, command: LogInCommand) -> AuthenticatedUser:
        async with self._uow as uow:
            user = await uow.users.get_by_email(canonical(command.email.strip()))
        if not await self._hasher.verify(command.password, user.password_hash if user else None):
            raise InvalidCredentials
        assert user is not None  # noqa: S101 (verify() is False without a hash)
        if self._hasher.needs_rehash(user.password_hash):
            new_hash = await self._hasher.hash(command.password)
            async with self._uow as uow:
                fresh = await uow.users.get(user.id)
                if fresh is not None and fresh.password_hash == user.password_hash:
                    fresh.change_password_hash(new_hash, self._clock.now())
                    await uow.users.save(fresh)
                    await uow.commit()
        return AuthenticatedUser(user=UserView.of(user), token=self._tokens.issue(user.id))
