"""Exchange email and password for a token."""

from dataclasses import dataclass

from core.shared.clock import Clock
from core.shared.errors import RateLimited
from core.shared.text import canonical
from core.users.errors import AccountBanned, InvalidCredentials
from core.users.ports import LoginThrottle, PasswordHasher, TokenService, UserQueries, UsersUnitOfWork
from core.users.views import AuthenticatedUser, UserView


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class LogInCommand:
    email: str
    password: str
    client: str | None = None  # the client's address, for per-client failure limits


class LogIn:
    """Verify the password and issue a token; upgrade the stored hash when its parameters are old.

    Raises InvalidCredentials, the same and after the same work, for an unknown email or a wrong
    password; RateLimited after too many failures for the account or the client; AccountBanned
    (only after a correct password, so bans reveal nothing to guessers).
    """

    def __init__(
        self,
        *,
        uow: UsersUnitOfWork,
        queries: UserQueries,
        hasher: PasswordHasher,
        tokens: TokenService,
        clock: Clock,
        throttle: LoginThrottle,
    ) -> None:
        self._uow, self._hasher, self._tokens, self._clock = uow, hasher, tokens, clock
        self._queries, self._throttle = queries, throttle

    async def execute(self, command: LogInCommand) -> AuthenticatedUser:
        account_key = f"account:{canonical(command.email.strip())}"
        keys = [account_key] + ([f"client:{command.client}"] if command.client else [])
        if (wait := await self._throttle.retry_after(keys)) is not None:
            raise RateLimited("too many failed logins, try again later", retry_after=wait)

        user = await self._queries.by_email(canonical(command.email.strip()))  # no transaction: a read
        if not await self._hasher.verify(command.password, user.password_hash if user else None):
            await self._throttle.record_failure(keys)
            raise InvalidCredentials
        assert user is not None  # noqa: S101 (verify() is False without a hash)
        await self._throttle.reset(account_key)
        if user.is_banned:
            raise AccountBanned
        if self._hasher.needs_rehash(user.password_hash):
            await self._upgrade_hash(user.id, user.password_hash, command.password)
        return AuthenticatedUser(
            user=UserView.of(user), token=self._tokens.issue(user.id, user.token_version)
        )

    async def _upgrade_hash(self, user_id: int, old_hash: str, password: str) -> None:
        new_hash = await self._hasher.hash(password)
        async with self._uow as uow:
            fresh = await uow.users.get(user_id)
            if fresh is not None and fresh.password_hash == old_hash:  # not changed meanwhile
                fresh.change_password_hash(new_hash, self._clock.now())
                await uow.users.save(fresh)
                await uow.commit()
