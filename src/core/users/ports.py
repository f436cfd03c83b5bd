"""Ports the users use cases need. Adapters and test fakes subclass these explicitly."""

from abc import abstractmethod
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from core.shared.audit import AuditTrail
from core.shared.pagination import PageRequest, Slice
from core.shared.uow import UnitOfWork
from core.users.domain import NewUser, User
from core.users.sessions import NewSession
from core.users.views import SessionState, SessionView, UserSummary, UserView


class UserRepository(Protocol):
    """Accounts inside a unit of work. Never commits. Lookups by canonical email/username."""

    @abstractmethod
    async def add(self, new_user: NewUser) -> User:
        """Store a new account and return it with its id. A duplicate may surface here or at commit."""

    @abstractmethod
    async def get(self, user_id: int) -> User | None: ...

    @abstractmethod
    async def get_by_email(self, canonical_email: str) -> User | None: ...

    @abstractmethod
    async def get_by_username(self, canonical_username: str, *, for_update: bool = False) -> User | None:
        """`for_update` locks the row until the transaction ends."""

    @abstractmethod
    async def save(self, user: User) -> None:
        """Write back a changed account."""

    @abstractmethod
    async def delete(self, user_id: int) -> None:
        """Remove the account with its articles, comments, favorites and follows."""


class SessionRepository(Protocol):
    """Sessions inside a unit of work. Ending is idempotent: an ended session stays ended."""

    @abstractmethod
    async def add(self, session: NewSession) -> None: ...

    @abstractmethod
    async def end(self, session_id: str, user_id: int, now: datetime) -> bool:
        """End this session of this user; False when there is no such running session."""

    @abstractmethod
    async def end_all(self, user_id: int, now: datetime, *, keep: str | None = None) -> None:
        """End every running session of the user, except `keep`."""


class SessionLog(Protocol):
    """Adds sessions outside any unit of work: each row is committed before `add` returns.

    For a login, whose only write is its session: one statement, no transaction around it."""

    @abstractmethod
    async def add(self, session: NewSession) -> None: ...


class UsersUnitOfWork(UnitOfWork, Protocol):
    users: UserRepository
    sessions: SessionRepository
    audit: AuditTrail


class SessionActivity(Protocol):
    """Records that a session was used. Called at most once a minute per session (SessionPolicy)."""

    @abstractmethod
    async def touch(self, session_id: str, now: datetime) -> bool:
        """Write `last_used_at`; False when this process wrote it for the session a moment ago."""


@dataclass(frozen=True, slots=True, kw_only=True)
class UserFilters:
    role: str | None = None
    banned: bool | None = None
    search: str | None = None  # part of the username or email, any case


class UserQueries(Protocol):
    """Read-only account lookups outside any transaction."""

    @abstractmethod
    async def session_state(self, user_id: int, session_id: str) -> SessionState | None:
        """The session with its account, or None when either is gone (or belongs to another user)."""

    @abstractmethod
    async def sessions_of(self, user_id: int) -> list[SessionView]:
        """The user's sessions that were not ended, newest first (expiry is the caller's check)."""

    @abstractmethod
    async def user_view(self, user_id: int) -> UserView | None: ...

    @abstractmethod
    async def by_email(self, canonical_email: str) -> User | None:
        """The account with this email, to check a login against (read-only, no transaction)."""

    @abstractmethod
    async def list_users(self, page: PageRequest, filters: UserFilters) -> Slice[UserSummary]:
        """One page of matching accounts, oldest first (no count of every match: see Slice)."""


class PasswordHasher(Protocol):
    """Slow, salted password hashing (argon2id in production). Runs off the event loop."""

    @abstractmethod
    async def hash(self, password: str) -> str: ...

    @abstractmethod
    async def verify(self, password: str, password_hash: str | None) -> bool:
        """True when the password matches. With no hash, does the same work and returns False,
        so an unknown account costs as much time as a wrong password."""

    @abstractmethod
    def needs_rehash(self, password_hash: str) -> bool:
        """True when the hash was made with other parameters than the current ones."""


@dataclass(frozen=True, slots=True)
class TokenClaims:
    user_id: int
    version: int  # the account's token_version when the token was issued
    session_id: str


class TokenService(Protocol):
    """Signed bearer tokens for one audience that name a user, a session and the token version."""

    @abstractmethod
    def issue(self, claims: TokenClaims, expires_at: datetime) -> str: ...

    @abstractmethod
    def read(self, token: str) -> TokenClaims:
        """The claims of a valid token. Raises NotAuthenticated when it is malformed, forged or expired."""


@dataclass(frozen=True, slots=True)
class ThrottleCheck:
    retry_after: int | None  # seconds until every key may try again; None when none is blocked
    counted: frozenset[str]  # the keys with failures in their window: the only ones a reset changes


class LoginThrottle(Protocol):
    """Counts failed logins per key (an account, a client address) in a time window.

    Must never fail open: when its shared store is unreachable it keeps counting locally.
    """

    @abstractmethod
    async def check(self, keys: list[str]) -> ThrottleCheck:
        """Whether any of the keys is blocked, and which of them have failures counted."""

    async def retry_after(self, keys: list[str]) -> int | None:
        """Seconds until any of the keys may try again, or None when none is blocked."""
        return (await self.check(keys)).retry_after

    @abstractmethod
    async def record_failure(self, keys: list[str]) -> None: ...

    @abstractmethod
    async def reset(self, key: str) -> None: ...
