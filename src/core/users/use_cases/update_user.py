"""Change the caller's own account."""

from dataclasses import dataclass
from datetime import datetime

from core.shared.changes import ChangeNotifier
from core.shared.clock import Clock
from core.shared.errors import RateLimited
from core.shared.text import canonical
from core.shared.validation import Violations
from core.users.domain import Bio, Email, ImageUrl, Password, User, Username
from core.users.errors import EmailTaken, ReauthenticationRequired, UsernameTaken, UserNotFound
from core.users.passwords import PasswordRules
from core.users.ports import LoginThrottle, PasswordHasher, TokenClaims, TokenService, UsersUnitOfWork
from core.users.sessions import SessionPolicy
from core.users.use_cases.session_start import start_session
from core.users.views import AuthenticatedUser, SessionRef, UserView


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class UpdateUserCommand:
    """None means "leave unchanged"; an empty bio or image clears it.

    `session` is the session the caller authenticated with; None for trusted callers (scripts),
    which need no re-authentication and get a token of a new session back.
    """

    user_id: int
    email: str | None = None
    username: str | None = None
    password: str | None = None
    bio: str | None = None
    image: str | None = None
    current_password: str | None = None
    session: SessionRef | None = None


class UpdateUser:
    """Apply the given changes in one transaction and return the account with a valid token.

    A new e-mail or password needs re-authentication: `current_password`, or a session opened by a
    password check less than `policy.reauth_window` ago (a stolen token alone cannot take the account
    over). Such a change ends every other session of the account, and revokes every older token: the
    caller's session goes on with the token returned.

    Raises InvalidInput, EmailTaken, UsernameTaken, UserNotFound, ReauthenticationRequired, RateLimited
    (wrong current passwords are limited like failed logins).
    """

    def __init__(
        self,
        *,
        uow: UsersUnitOfWork,
        hasher: PasswordHasher,
        tokens: TokenService,
        clock: Clock,
        changes: ChangeNotifier,
        policy: SessionPolicy,
        passwords: PasswordRules,
        throttle: LoginThrottle,
    ) -> None:
        self._uow, self._hasher, self._tokens, self._clock = uow, hasher, tokens, clock
        self._changes, self._policy, self._passwords, self._throttle = changes, policy, passwords, throttle

    async def execute(self, command: UpdateUserCommand) -> AuthenticatedUser:
        v = Violations()
        email = v.check(lambda: Email(command.email)) if command.email is not None else None
        username = v.check(lambda: Username(command.username)) if command.username is not None else None
        password = v.check(lambda: Password(command.password)) if command.password is not None else None
        bio = v.check(lambda: Bio(command.bio)) if command.bio is not None else None
        image = v.check(lambda: ImageUrl(command.image)) if command.image is not None else None
        v.raise_if_any()

        async with self._uow as uow:  # a read before the slow hashing, which runs outside any transaction
            before = await uow.users.get(command.user_id)
        if before is None:
            raise UserNotFound
        changes_email = email is not None and email.canonical != canonical(before.email)
        sensitive = changes_email or password is not None
        now = self._clock.now()
        if sensitive:
            await self._reauthenticate(command, before.password_hash, now)
            await self._changes.ensure_revocable()
        if password is not None:
            self._passwords.check(
                password.value,
                username=username.value if username else before.username,
                email=email.value if email else before.email,
            )
        password_hash = await self._hasher.hash(password.value) if password else None

        async with self._uow as uow:
            user = await uow.users.get(command.user_id)
            if user is None:
                raise UserNotFound
            # Only a real change can collide: front ends re-send the unchanged values.
            if changes_email and await uow.users.get_by_email(email.canonical) is not None:  # type: ignore[union-attr]
                raise EmailTaken
            changes_name = username is not None and username.canonical != canonical(user.username)
            if changes_name and await uow.users.get_by_username(username.canonical) is not None:  # type: ignore[union-attr]
                raise UsernameTaken
            if email:
                user.change_email(email, now)
            if username:
                user.rename(username, now)
            if password_hash:
                user.change_password_hash(password_hash, now)
            user.update_profile(bio=bio, image=image, now=now)
            if sensitive:  # every other session ends; this one stays, with the token returned only
                user.revoke_tokens()  # copies of this session's older tokens die too (a thief's)
                await uow.sessions.end_all(user.id, now, keep=command.session.id if command.session else None)
            await uow.users.save(user)
            token = await self._token(uow, user, now, command.session)
            await uow.commit()
        return AuthenticatedUser(user=UserView.of(user), token=token)

    async def _reauthenticate(self, command: UpdateUserCommand, password_hash: str, now: datetime) -> None:
        if command.session is None:  # a trusted caller (script), not a bearer token
            return
        if command.current_password is not None:
            # Guesses through a stolen token count like failed logins (per account and session).
            keys = [f"pair:{command.user_id}|session-{command.session.id}"]
            if (wait := await self._throttle.retry_after(keys)) is not None:
                raise RateLimited("too many wrong passwords, try again later", retry_after=wait)
            if not await self._hasher.verify(command.current_password, password_hash):
                await self._throttle.record_failure(keys)
                raise ReauthenticationRequired("currentPassword is incorrect")
            return
        if now - command.session.authenticated_at > self._policy.reauth_window:
            raise ReauthenticationRequired(
                "changing the email or password needs your current password: "
                "send it as currentPassword in the user object"
            )

    async def _token(
        self, uow: UsersUnitOfWork, user: User, now: datetime, session: SessionRef | None
    ) -> str:
        if session is None:
            return await start_session(uow.sessions, self._tokens, self._policy, user, now, None)
        return self._tokens.issue(TokenClaims(user.id, user.token_version, session.id), session.expires_at)
