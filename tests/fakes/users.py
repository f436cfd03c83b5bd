"""In-memory fakes of the users ports, with real transaction semantics (commit or nothing)."""

import copy
import dataclasses
from datetime import datetime
from types import TracebackType
from typing import Self

from core.shared.audit import AuditEntry
from core.shared.pagination import PageRequest, Slice
from core.shared.text import canonical
from core.users.domain import NewUser, User
from core.users.errors import EmailTaken, InvalidToken, UsernameTaken
from core.users.passwords import CommonPasswords
from core.users.ports import (
    LoginThrottle,
    PasswordHasher,
    SessionActivity,
    SessionLog,
    SessionRepository,
    ThrottleCheck,
    TokenClaims,
    TokenService,
    UserFilters,
    UserQueries,
    UserRepository,
    UsersUnitOfWork,
)
from core.users.sessions import NewSession
from core.users.views import SessionState, SessionView, UserSummary, UserView
from tests.fakes.audit import InMemoryAuditTrail


class InMemoryUserStore:
    """The "database": committed accounts by id."""

    def __init__(self) -> None:
        self.users: dict[int, User] = {}
        self.sessions: dict[str, SessionView] = {}
        self.session_owner: dict[str, int] = {}
        self.ended: set[str] = set()
        self.next_id = 1
        self.commits = 0
        self.audit: list[AuditEntry] = []


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

    async def get_by_username(self, canonical_username: str, *, for_update: bool = False) -> User | None:
        found = (u for u in self._users.values() if canonical(u.username) == canonical_username)
        return next((copy.copy(u) for u in found), None)

    async def save(self, user: User) -> None:
        self._users[user.id] = copy.copy(user)

    async def delete(self, user_id: int) -> None:
        self._users.pop(user_id, None)


class InMemorySessionRepository(SessionRepository):
    """Works on the unit of work's pending copies of the sessions."""

    def __init__(self, sessions: dict[str, SessionView], owners: dict[str, int], ended: set[str]) -> None:
        self._sessions, self._owners, self._ended = sessions, owners, ended

    async def add(self, session: NewSession) -> None:
        self._sessions[session.id] = SessionView(
            id=session.id,
            created_at=session.created_at,
            last_used_at=session.created_at,
            expires_at=session.expires_at,
            client=session.client,
            user_agent=session.user_agent,
        )
        self._owners[session.id] = session.user_id

    async def end(self, session_id: str, user_id: int, now: datetime) -> bool:
        if self._owners.get(session_id) != user_id or session_id in self._ended:
            return False
        self._ended.add(session_id)
        return True

    async def end_all(self, user_id: int, now: datetime, *, keep: str | None = None) -> None:
        self._ended.update(sid for sid, owner in self._owners.items() if owner == user_id and sid != keep)


class InMemorySessionLog(SessionLog):
    """Adds straight to the committed store, as the real one commits each row by itself."""

    def __init__(self, store: "InMemoryUserStore") -> None:
        self._store = store

    async def add(self, session: NewSession) -> None:
        store = self._store  # a unit of work's commit replaces these collections: look them up now
        await InMemorySessionRepository(store.sessions, store.session_owner, store.ended).add(session)


class InMemorySessionActivity(SessionActivity):
    def __init__(self, store: "InMemoryUserStore") -> None:
        self._store = store
        self.touches: list[str] = []

    async def touch(self, session_id: str, now: datetime) -> bool:
        self.touches.append(session_id)
        self._store.sessions[session_id] = dataclasses.replace(
            self._store.sessions[session_id], last_used_at=now
        )
        return True


class FakeCommonPasswords(CommonPasswords):
    def __contains__(self, password: str) -> bool:
        return password.lower() in {"password", "12345678", "password1", "qwertyuiop"}


class InMemoryUsersUnitOfWork(UsersUnitOfWork):
    """Works on a copy of the store; commit() checks the unique rules like the database would."""

    def __init__(self, store: InMemoryUserStore) -> None:
        self._store = store

    async def __aenter__(self) -> Self:
        self._working = copy.deepcopy(self._store.users)
        self._sessions = dict(self._store.sessions)
        self._owners = dict(self._store.session_owner)
        self._ended = set(self._store.ended)
        self._audit: list[AuditEntry] = []
        self.users = InMemoryUserRepository(self._working, self._store)
        self.sessions = InMemorySessionRepository(self._sessions, self._owners, self._ended)
        self.audit = InMemoryAuditTrail(self._audit)
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
        self._store.sessions, self._store.session_owner = self._sessions, self._owners
        self._store.ended = self._ended
        self._store.audit.extend(self._audit)
        self._store.commits += 1


class InMemoryUserQueries(UserQueries):
    def __init__(self, store: InMemoryUserStore) -> None:
        self._store = store

    async def session_state(self, user_id: int, session_id: str) -> SessionState | None:
        user, session = self._store.users.get(user_id), self._store.sessions.get(session_id)
        if user is None or session is None or self._store.session_owner[session_id] != user_id:
            return None
        return SessionState(
            user_id=user.id,
            username=user.username,
            role=user.role,
            token_version=user.token_version,
            banned=user.is_banned,
            session_id=session.id,
            created_at=session.created_at,
            last_used_at=session.last_used_at,
            expires_at=session.expires_at,
            ended=session_id in self._store.ended,
        )

    async def sessions_of(self, user_id: int) -> list[SessionView]:
        mine = [
            s
            for sid, s in self._store.sessions.items()
            if self._store.session_owner[sid] == user_id and sid not in self._store.ended
        ]
        return sorted(mine, key=lambda s: s.created_at, reverse=True)

    async def user_view(self, user_id: int) -> UserView | None:
        user = self._store.users.get(user_id)
        return UserView.of(user) if user else None

    async def by_email(self, canonical_email: str) -> User | None:
        found = (u for u in self._store.users.values() if canonical(u.email) == canonical_email)
        return copy.copy(next(found, None))

    async def list_users(self, page: PageRequest, filters: UserFilters) -> Slice[UserSummary]:
        def matches(user: User) -> bool:
            needle = canonical(filters.search or "")
            return (
                (filters.role is None or user.role == filters.role)
                and (filters.banned is None or user.is_banned == filters.banned)
                and (needle in canonical(user.username) or needle in canonical(user.email))
            )

        ordered = sorted((u for u in self._store.users.values() if matches(u)), key=lambda u: u.id)
        chosen = ordered[page.offset : page.offset + page.probe]
        return Slice.of([UserSummary.of(u) for u in chosen], page)


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
    """Readable tokens: "token-for-<user id>-v<version>-s<session id>"."""

    def issue(self, claims: TokenClaims, expires_at: datetime) -> str:
        return f"token-for-{claims.user_id}-v{claims.version}-s{claims.session_id}"

    def read(self, token: str) -> TokenClaims:
        user_id, _, rest = token.removeprefix("token-for-").partition("-v")
        version, _, session_id = rest.partition("-s")
        if (
            not token.startswith("token-for-")
            or not user_id.isdigit()
            or not version.isdigit()
            or not session_id
        ):
            raise InvalidToken
        return TokenClaims(user_id=int(user_id), version=int(version), session_id=session_id)


class FakeLoginThrottle(LoginThrottle):
    """Blocks a key after `limit` failures, until reset; records what it was asked."""

    def __init__(self, limit: int = 3) -> None:
        self.limit = limit
        self.failures: dict[str, int] = {}
        self.resets: list[str] = []

    async def check(self, keys: list[str]) -> ThrottleCheck:
        blocked = any(self.failures.get(key, 0) >= self.limit for key in keys)
        return ThrottleCheck(60 if blocked else None, frozenset(key for key in keys if key in self.failures))

    async def record_failure(self, keys: list[str]) -> None:
        for key in keys:
            self.failures[key] = self.failures.get(key, 0) + 1

    async def reset(self, key: str) -> None:
        self.resets.append(key)
        self.failures.pop(key, None)
