"""In-memory fakes of the users ports, with real transaction semantics (commit or nothing)."""

import copy
from types import TracebackType
from typing import Self

from core.shared.pagination import PageRequest
from core.shared.text import canonical
from core.users.domain import NewUser, User
from core.users.errors import EmailTaken, InvalidToken, UsernameTaken
from core.users.ports import PasswordHasher, TokenService, UserQueries, UserRepository, UsersUnitOfWork
from core.users.views import CurrentUser, UserSummary, UserView


class InMemoryUserStore:
    """The "database": committed accounts by id."""

    def __init__(self) -> None:
        self.users: dict[int, User] = {}
        self.next_id = 1
        self.commits = 0


class InMemoryUserRepository(UserRepository):
    def __init__(self, users: dict[int, User], store: InMemoryUserStore) -> None:
        self._users, self._store = users, store

    async def add(self, new_user: NewUser) -> User:
        user = User(
            id=self._store.next_id,
            email=new_user.email.value,
            username=new_user.username.value,
            password_hash=new_user.password_hash,
            bio="",
            image="",
            created_at=new_user.created_at,
            updated_at=new_user.created_at,
        )
        self._store.next_id += 1
        self._users[user.id] = user
        return copy.copy(user)

    async def get(self, user_id: int) -> User | None:
        user = self._users.get(user_id)
        return copy.copy(user) if user else None

    async def get_by_email(self, canonical_email: str) -> User | None:
        return next(
            (copy.copy(u) for u in self._users.values() if canonical(u.email) == canonical_email), None
        )

    async def get_by_username(self, canonical_username: str) -> User | None:
        found = (u for u in self._users.values() if canonical(u.username) == canonical_username)
        return next((copy.copy(u) for u in found), None)

    async def save(self, user: User) -> None:
        self._users[user.id] = copy.copy(user)


class InMemoryUsersUnitOfWork(UsersUnitOfWork):
    """Works on a copy of the store; commit() checks the unique rules like the database would."""

    def __init__(self, store: InMemoryUserStore) -> None:
        self._store = store

    async def __aenter__(self) -> Self:
        self._working = copy.deepcopy(self._store.users)
        self.users = InMemoryUserRepository(self._working, self._store)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._working = {}

    async def commit(self) -> None:
        emails = [canonical(u.email) for u in self._working.values()]
        names = [canonical(u.username) for u in self._working.values()]
        if len(set(emails)) != len(emails):
            raise EmailTaken
        if len(set(names)) != len(names):
            raise UsernameTaken
        self._store.users = copy.deepcopy(self._working)
        self._store.commits += 1


class InMemoryUserQueries(UserQueries):
    def __init__(self, store: InMemoryUserStore) -> None:
        self._store = store

    async def current_user(self, user_id: int) -> CurrentUser | None:
        user = self._store.users.get(user_id)
        return CurrentUser(id=user.id, username=user.username) if user else None

    async def user_view(self, user_id: int) -> UserView | None:
        user = self._store.users.get(user_id)
        return UserView.of(user) if user else None

    async def list_users(self, page: PageRequest) -> tuple[list[UserSummary], int]:
        ordered = sorted(self._store.users.values(), key=lambda u: u.id)
        chosen = ordered[page.offset : page.offset + page.limit]
        summaries = [
            UserSummary(id=u.id, username=u.username, email=u.email, created_at=u.created_at) for u in chosen
        ]
        return summaries, len(ordered)


class FakePasswordHasher(PasswordHasher):
    """Reversible "hash" with a version tag, so tests can see rehashing; counts dummy verifies."""

    def __init__(self, version: int = 1) -> None:
        self.version = version
        self.dummy_verifies = 0

    async def hash(self, password: str) -> str:
        return f"fake-v{self.version}${password}"

    async def verify(self, password: str, password_hash: str | None) -> bool:
        if password_hash is None:
            self.dummy_verifies += 1
            return False
        return password_hash.split("$", 1)[1] == password

    def needs_rehash(self, password_hash: str) -> bool:
        return not password_hash.startswith(f"fake-v{self.version}$")


class FakeTokenService(TokenService):
    def issue(self, user_id: int) -> str:
        return f"token-for-{user_id}"

    def read(self, token: str) -> int:
        prefix = "token-for-"
        if not token.startswith(prefix) or not token[len(prefix) :].isdigit():
            raise InvalidToken
        return int(token[len(prefix) :])
