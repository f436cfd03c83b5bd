"""Ports the users use cases need. Adapters and test fakes subclass these explicitly."""

from abc import abstractmethod
from typing import Protocol

from core.shared.pagination import PageRequest
from core.shared.uow import UnitOfWork
from core.users.domain import NewUser, User
from core.users.views import CurrentUser, UserSummary, UserView


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
    async def get_by_username(self, canonical_username: str) -> User | None: ...

    @abstractmethod
    async def save(self, user: User) -> None:
        """Write back a changed account."""


class UsersUnitOfWork(UnitOfWork, Protocol):
    users: UserRepository


class UserQueries(Protocol):
    """Read-only account lookups outside any transaction."""

    @abstractmethod
    async def current_user(self, user_id: int) -> CurrentUser | None: ...

    @abstractmethod
    async def user_view(self, user_id: int) -> UserView | None: ...

    @abstractmethod
    async def list_users(self, page: PageRequest) -> tuple[list[UserSummary], int]:
        """One page of accounts, oldest first, and the total number of accounts."""


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


class TokenService(Protocol):
    """Signed, expiring bearer tokens that name a user."""

    @abstractmethod
    def issue(self, user_id: int) -> str: ...

    @abstractmethod
    def read(self, token: str) -> int:
        """The user id in a valid token. Raises NotAuthenticated when it is malformed, forged or expired."""
