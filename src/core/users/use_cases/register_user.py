"""Open an account."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from core.shared.clock import Clock
from core.shared.validation import Violations
from core.users.domain import Email, NewUser, Password, User, Username
from core.users.errors import EmailTaken, UsernameTaken
from core.users.passwords import PasswordRules
from core.users.ports import PasswordHasher, TokenService, UsersUnitOfWork
from core.users.sessions import SessionPolicy
from core.users.use_cases.session_start import start_session
from core.users.views import AuthenticatedUser, UserView


@dataclass(frozen=True, slots=True, kw_only=True)
class RegisterUserCommand:
    username: str
    email: str
    password: str
    client: str | None = None  # shown in the session list
    user_agent: str | None = None


AfterAdd = Callable[[UsersUnitOfWork, User], Awaitable[None]]


class RegisterUser:
    """Create an account and return it with the first token of a new session.

    Raises InvalidInput (all broken rules at once), EmailTaken, UsernameTaken.
    """

    def __init__(
        self,
        *,
        uow: UsersUnitOfWork,
        hasher: PasswordHasher,
        tokens: TokenService,
        clock: Clock,
        policy: SessionPolicy,
        passwords: PasswordRules,
    ) -> None:
        self._uow, self._hasher, self._tokens, self._clock = uow, hasher, tokens, clock
        self._policy, self._passwords = policy, passwords

    async def execute(self, command: RegisterUserCommand) -> AuthenticatedUser:
        return await self.register(command)

    async def register(
        self, command: RegisterUserCommand, then: "AfterAdd | None" = None
    ) -> AuthenticatedUser:
        """Register; `then` runs in the same transaction, after the insert (CreateAccount audits there)."""
        violations = Violations()
        username = violations.check(lambda: Username(command.username))
        email = violations.check(lambda: Email(command.email))
        password = violations.check(lambda: Password(command.password))
        if password is not None:
            violations.check(
                lambda: self._passwords.check(
                    command.password, username=command.username, email=command.email
                )
            )
        violations.raise_if_any()
        assert username and email and password  # noqa: S101 (narrowing: raise_if_any raised otherwise)

        async with self._uow as uow:  # cheap duplicate check before the expensive hash
            await _ensure_free(uow, email=email, username=username)
        password_hash = await self._hasher.hash(password.value)  # slow: outside the transaction
        now = self._clock.now()
        async with self._uow as uow:
            await _ensure_free(uow, email=email, username=username)
            user = await uow.users.add(
                NewUser(email=email, username=username, password_hash=password_hash, created_at=now)
            )
            if then is not None:
                await then(uow, user)
            token = await start_session(uow.sessions, self._tokens, self._policy, user, now, command)
            await uow.commit()  # a concurrent duplicate surfaces here as AlreadyExists
        return AuthenticatedUser(user=UserView.of(user), token=token)


async def _ensure_free(uow: UsersUnitOfWork, *, email: Email, username: Username) -> None:
    if await uow.users.get_by_email(email.canonical) is not None:
        raise EmailTaken
    if await uow.users.get_by_username(username.canonical) is not None:
        raise UsernameTaken
