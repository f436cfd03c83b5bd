"""The User entity and the value objects that carry the account rules."""

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from core.shared.actor import Role
from core.shared.errors import InvalidInput
from core.shared.text import canonical, clean_text

EMAIL_MAX = 254
USERNAME_MAX = 40
PASSWORD_MIN = 8
# Long enough for any passphrase (ASVS asks for at least 64), short enough to bound hashing work.
PASSWORD_MAX = 256
BIO_MAX = 2000
IMAGE_MAX = 2048

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_USERNAME = re.compile(r"^[\w.\-]+$")


@dataclass(frozen=True, slots=True)
class Email:
    value: str

    def __post_init__(self) -> None:
        text = clean_text("email", self.value, max_length=EMAIL_MAX, required=True)
        if not _EMAIL.match(text):
            raise InvalidInput.of("email", "is invalid")
        if len(canonical(text)) > EMAIL_MAX:  # NFKC can expand a character to several
            raise InvalidInput.of("email", f"is too long (maximum is {EMAIL_MAX} characters)")
        object.__setattr__(self, "value", text)

    @property
    def canonical(self) -> str:
        return canonical(self.value)


@dataclass(frozen=True, slots=True)
class Username:
    """Letters, digits, '_', '.', '-', not only dots: it appears in profile URLs. Checked when a name
    is chosen (registration, rename), so existing accounts keep theirs."""

    value: str

    def __post_init__(self) -> None:
        text = clean_text("username", self.value, max_length=USERNAME_MAX, required=True)
        if not _USERNAME.match(text):
            raise InvalidInput.of("username", "may contain only letters, digits, '_', '.' and '-'")
        if not text.strip("."):  # "/api/profiles/.." is no profile's URL once a client normalises it
            raise InvalidInput.of("username", "can't be only dots: it would not work in a profile URL")
        if len(canonical(text)) > USERNAME_MAX:  # NFKC can expand a character (U+FDFA to 18)
            raise InvalidInput.of("username", f"is too long (maximum is {USERNAME_MAX} characters)")
        object.__setattr__(self, "value", text)

    @property
    def canonical(self) -> str:
        return canonical(self.value)


@dataclass(frozen=True, slots=True, repr=False)
class Password:
    """A plain password on its way to the hasher. Never stored, never shown (no repr)."""

    value: str

    def __post_init__(self) -> None:
        if len(self.value) < PASSWORD_MIN:
            raise InvalidInput.of("password", f"is too short (minimum is {PASSWORD_MIN} characters)")
        if len(self.value) > PASSWORD_MAX:
            raise InvalidInput.of("password", f"is too long (maximum is {PASSWORD_MAX} characters)")
        if not self.value.strip():
            raise InvalidInput.of("password", "can't be blank")

    def __repr__(self) -> str:
        return "Password(***)"


@dataclass(frozen=True, slots=True)
class Bio:
    value: str

    def __post_init__(self) -> None:
        text = clean_text("bio", self.value, max_length=BIO_MAX, required=False, multiline=True)
        object.__setattr__(self, "value", text)


@dataclass(frozen=True, slots=True)
class ImageUrl:
    """Empty, or an http(s) URL: other schemes (javascript:, data:) are an XSS risk in front ends."""

    value: str

    def __post_init__(self) -> None:
        text = clean_text("image", self.value, max_length=IMAGE_MAX, required=False)
        if text:
            parts = urlsplit(text)
            if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in text:
                raise InvalidInput.of("image", "must be an http or https URL")
        object.__setattr__(self, "value", text)


@dataclass(frozen=True, slots=True, kw_only=True)
class NewUser:
    """What registration stores; the repository assigns the id."""

    email: Email
    username: Username
    password_hash: str
    created_at: datetime


@dataclass(kw_only=True, eq=False)
class User:
    """An account. Fields hold already-validated primitives; changes go through the methods."""

    id: int
    email: str
    username: str
    password_hash: str
    bio: str
    image: str
    created_at: datetime
    updated_at: datetime
    role: Role = Role.USER
    banned_at: datetime | None = None
    ban_reason: str = ""
    # Part of every token; bumping it revokes all tokens issued before.
    token_version: int = 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, User) and other.id == self.id

    @property
    def is_banned(self) -> bool:
        return self.banned_at is not None

    def revoke_tokens(self) -> None:
        self.token_version += 1

    def ban(self, reason: str, now: datetime) -> None:
        """Banned accounts cannot log in, and their existing tokens stop working at once."""
        self.banned_at, self.ban_reason = now, reason
        self.revoke_tokens()
        self.updated_at = now

    def unban(self, now: datetime) -> None:
        self.banned_at, self.ban_reason = None, ""
        self.updated_at = now

    def assign_role(self, role: Role, now: datetime) -> None:
        self.role = role
        self.updated_at = now

    def __hash__(self) -> int:
        return hash(self.id)

    def change_email(self, email: Email, now: datetime) -> None:
        self.email = email.value
        self.updated_at = now

    def rename(self, username: Username, now: datetime) -> None:
        self.username = username.value
        self.updated_at = now

    def change_password_hash(self, password_hash: str, now: datetime) -> None:
        """A new hash of the same password (parameter upgrade): sessions stay valid."""
        self.password_hash = password_hash
        self.updated_at = now

    def change_password(self, password_hash: str, now: datetime) -> None:
        """A new password: every older token is revoked (a stolen session dies with the old password)."""
        self.change_password_hash(password_hash, now)
        self.revoke_tokens()

    def update_profile(self, *, bio: Bio | None, image: ImageUrl | None, now: datetime) -> None:
        if bio is not None:
            self.bio = bio.value
        if image is not None:
            self.image = image.value
        self.updated_at = now
