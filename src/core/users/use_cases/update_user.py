"""Change the caller's own account."""

from dataclasses import dataclass

from core.shared.clock import Clock
from core.shared.text import canonical
from core.shared.validation import Violations
from core.users.domain import Bio, Email, ImageUrl, Password, Username
from core.users.errors import EmailTaken, UsernameTaken, UserNotFound
from core.users.ports import PasswordHasher, TokenService, UsersUnitOfWork
from core.users.views import AuthenticatedUser, UserView


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class UpdateUserCommand:
    """None means "leave unchanged"; an empty bio or image clears it."""

    user_id: int
    email: str | None = None
    username: str | None = None
    password: str | None = None
    bio: str | None = None
    image: str | None = None


class UpdateUser:
    """Apply the given changes in one transaction and return the account with a fresh token.

    A new password revokes every older token; the returned token is the one that stays valid.

    Raises InvalidInput, EmailTaken, UsernameTaken, UserNotFound.
    """

    def __init__(
        self,
        *,
        uow: UsersUnitOfWork,
        hasher: PasswordHasher,
        tokens: TokenService,
        clock: Clock,
    ) -> None:
        self._uow, self._hasher, self._tokens, self._clock = uow, hasher, tokens, clock

    async def execute(self, command: UpdateUserCommand) -> AuthenticatedUser:
        v = Violations()
        email = v.check(lambda: Email(command.email)) if command.email is not None else None
        username = v.check(lambda: Username(command.username)) if command.username is not None else None
        password = v.check(lambda: Password(command.password)) if command.password is not None else None
        bio = v.check(lambda: Bio(command.bio)) if command.bio is not None else None
        image = v.check(lambda: ImageUrl(command.image)) if command.image is not None else None
        v.raise_if_any()
        password_hash = (
            await self._hasher.hash(password.value) if password else None
        )  # before the transaction

        now = self._clock.now()
        async with self._uow as uow:
            user = await uow.users.get(command.user_id)
            if user is None:
                raise UserNotFound
            # Only a real change can collide: front ends re-send the unchanged values.
            changes_email = email is not None and email.canonical != canonical(user.email)
            if changes_email and await uow.users.get_by_email(email.canonical) is not None:
                raise EmailTaken
            changes_name = username is not None and username.canonical != canonical(user.username)
            if changes_name and await uow.users.get_by_username(username.canonical) is not None:
                raise UsernameTaken
            if email:
                user.change_email(email, now)
            if username:
                user.rename(username, now)
            if password_hash:
                user.change_password(password_hash, now)  # revokes older tokens
            user.update_profile(bio=bio, image=image, now=now)
            await uow.users.save(user)
            await uow.commit()
        return AuthenticatedUser(
            user=UserView.of(user), token=self._tokens.issue(user.id, user.token_version)
        )
