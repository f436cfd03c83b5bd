"""Exchange email and password for a token naming a new session."""

import ipaddress
from dataclasses import dataclass

from core.shared.clock import Clock
from core.shared.errors import RateLimited
from core.shared.text import canonical
from core.users.domain import User
from core.users.errors import AccountBanned, InvalidCredentials
from core.users.ports import (
    LoginThrottle,
    PasswordHasher,
    SessionLog,
    TokenService,
    UserQueries,
    UsersUnitOfWork,
)
from core.users.sessions import SessionPolicy
from core.users.use_cases.session_start import start_session
from core.users.views import AuthenticatedUser, UserView


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class LogInCommand:
    email: str
    password: str
    client: str | None = None  # the client's address: failure limits, and shown in the session list
    user_agent: str | None = None  # shown in the session list


def throttle_keys(canonical_email: str, client: str | None) -> tuple[str, list[str]]:
    """(the key a success resets, every key checked). Failures count per account *and* client,
    and per client: failures caused by others never block the owner on a client of their own
    (ADR 0012). Keys hold the e-mail: the throttle adapter must hash them."""
    client = _client_group(client) if client else None
    pair = f"pair:{canonical_email}|{client or '-'}"
    return pair, [pair, *([f"client:{client}"] if client else [])]


def _client_group(client: str) -> str:
    """An IPv6 client can use every address of its /64 (one customer's network): count them as one."""
    try:
        address = ipaddress.ip_address(client)
    except ValueError:
        return client
    return str(ipaddress.ip_network(f"{address}/64", strict=False)) if address.version == 6 else client


class LogIn:
    """Verify the password, upgrade the stored hash when its parameters are old, and open a session.

    Raises InvalidCredentials, the same and after the same work, for an unknown email or a wrong
    password; RateLimited after too many failures for the account from this client, or from this
    client in all; AccountBanned (only after a correct password, so bans reveal nothing to guessers).
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
        policy: SessionPolicy,
        sessions: SessionLog,
    ) -> None:
        self._uow, self._hasher, self._tokens, self._clock = uow, hasher, tokens, clock
        self._queries, self._throttle, self._policy = queries, throttle, policy
        self._sessions = sessions

    async def execute(self, command: LogInCommand) -> AuthenticatedUser:
        email = canonical(command.email.strip())
        success_key, keys = throttle_keys(email, command.client)
        check = await self._throttle.check(keys)
        if check.retry_after is not None:
            raise RateLimited("too many failed logins, try again later", retry_after=check.retry_after)

        user = await self._queries.by_email(email)  # no transaction: a read
        if not await self._hasher.verify(command.password, user.password_hash if user else None):
            await self._throttle.record_failure(keys)
            raise InvalidCredentials
        assert user is not None  # noqa: S101 (verify() is False without a hash)
        # With nothing counted at the check there is nothing to reset: a failure counted since then
        # (a concurrent guess) is ordered after this success, and stays counted.
        if success_key in check.counted:
            await self._throttle.reset(success_key)
        if user.is_banned:
            raise AccountBanned
        if self._hasher.needs_rehash(user.password_hash):
            await self._upgrade_hash(user, await self._hasher.hash(command.password))
        # The session is the login's only write: committed on its own, before the token is returned.
        now = self._clock.now()
        token = await start_session(self._sessions, self._tokens, self._policy, user, now, command)
        return AuthenticatedUser(user=UserView.of(user), token=token)

    async def _upgrade_hash(self, user: User, new_hash: str) -> None:
        """Store a hash made with the current parameters, unless the password changed meanwhile."""
        async with self._uow as uow:
            fresh = await uow.users.get(user.id)
            if fresh is not None and fresh.password_hash == user.password_hash:
                fresh.change_password_hash(new_hash, self._clock.now())
                await uow.users.save(fresh)
                await uow.commit()
