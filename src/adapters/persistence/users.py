"""SQL implementations of the users ports, with explicit row <-> entity mapping."""

import copy
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from adapters.persistence import maintained
from adapters.persistence.changes import ChangeLog
from adapters.persistence.errors import translated_errors
from adapters.persistence.sql import execute_alone
from adapters.persistence.tables import sessions, users
from core.shared.actor import Role
from core.shared.pagination import PageRequest, Slice
from core.shared.text import canonical
from core.users.domain import NewUser, User
from core.users.ports import UserFilters, UserQueries, UserRepository
from core.users.views import SessionState, SessionView, UserSummary, UserView


def _to_user(row: Any) -> User:
    return User(
        id=row.id,
        email=row.email,
        username=row.username,
        password_hash=row.password_hash,
        bio=row.bio,
        image=row.image,
        created_at=row.created_at,
        updated_at=row.updated_at,
        role=Role(row.role),
        banned_at=row.banned_at,
        ban_reason=row.ban_reason,
        token_version=row.token_version,
    )


# What others see of a user, and what authentication reads: a save that changes them is published.
_PUBLIC = ("username", "bio", "image")
_AUTHENTICATION = ("username", "role", "banned_at", "token_version", "password_hash")


class SqlUserRepository(UserRepository):
    def __init__(self, session: AsyncSession, changes: ChangeLog) -> None:
        self._session, self._changes = session, changes
        self._loaded: dict[int, User] = {}  # as read, to tell what a save changed

    async def add(self, new_user: NewUser) -> User:
        values = {
            "email": new_user.email.value,
            "email_canonical": new_user.email.canonical,
            "username": new_user.username.value,
            "username_canonical": new_user.username.canonical,
            "password_hash": new_user.password_hash,
            "bio": "",
            "image": "",
            "created_at": new_user.created_at,
            "updated_at": new_user.created_at,
        }
        result = await self._session.execute(sa.insert(users).values(values).returning(users.c.id))
        return User(
            id=result.scalar_one(),
            email=new_user.email.value,
            username=new_user.username.value,
            password_hash=new_user.password_hash,
            bio="",
            image="",
            created_at=new_user.created_at,
            updated_at=new_user.created_at,
        )

    async def get(self, user_id: int) -> User | None:
        return await self._one(users.c.id == user_id)

    async def get_by_email(self, canonical_email: str) -> User | None:
        return await self._one(users.c.email_canonical == canonical_email)

    async def get_by_username(self, canonical_username: str, *, for_update: bool = False) -> User | None:
        return await self._one(users.c.username_canonical == canonical_username, for_update=for_update)

    async def save(self, user: User) -> None:
        before = self._loaded.get(user.id)
        if before is None or any(getattr(before, f) != getattr(user, f) for f in _PUBLIC):
            self._changes.people = True
        if before is None or any(getattr(before, f) != getattr(user, f) for f in _AUTHENTICATION):
            self._changes.accounts.add(user.id)
        self._loaded[user.id] = copy.copy(user)
        await self._session.execute(
            sa.update(users)
            .where(users.c.id == user.id)
            .values(
                email=user.email,
                email_canonical=canonical(user.email),
                username=user.username,
                username_canonical=canonical(user.username),
                password_hash=user.password_hash,
                bio=user.bio,
                image=user.image,
                updated_at=user.updated_at,
                role=user.role.value,
                banned_at=user.banned_at,
                ban_reason=user.ban_reason,
                token_version=user.token_version,
            )
        )

    async def delete(self, user_id: int) -> None:
        # Articles, comments, favorites and follows go with it through ON DELETE CASCADE; the counts
        # they made are taken back first.
        await maintained.user_leaving(self._session, user_id)
        self._changes.accounts.add(user_id)
        self._changes.people = self._changes.lists = True  # their profile, articles and comments go
        await self._session.execute(sa.delete(users).where(users.c.id == user_id))

    async def _one(self, condition: sa.ColumnElement[bool], *, for_update: bool = False) -> User | None:
        query = sa.select(users).where(condition)
        if for_update:  # PostgreSQL locks the row; SQLite's write transactions are serial already
            query = query.with_for_update()
        row = (await self._session.execute(query)).one_or_none()
        if row is None:
            return None
        self._loaded[row.id] = _to_user(row)
        return _to_user(row)


# Built once: a statement object reused with parameters skips SQLAlchemy's per-call cache key (logins).
_BY_EMAIL = sa.select(users).where(users.c.email_canonical == sa.bindparam("email"))
# What authentication reads on every request: one session and its account, both by primary key.
_SESSION_STATE = (
    sa.select(
        users.c.id,
        users.c.username,
        users.c.role,
        users.c.token_version,
        users.c.banned_at,
        sessions.c.id.label("session_id"),
        sessions.c.created_at,
        sessions.c.last_used_at,
        sessions.c.expires_at,
        sessions.c.ended_at,
    )
    .select_from(sessions.join(users, users.c.id == sessions.c.user_id))
    .where(sessions.c.id == sa.bindparam("session_id"), sessions.c.user_id == sa.bindparam("user_id"))
)


class SqlUserQueries(UserQueries):
    """Read-only lookups outside any write transaction (cheap on SQLite, no write lock)."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory
        self._engine: AsyncEngine = session_factory.kw["bind"]  # lookups by key skip the ORM session

    async def session_state(self, user_id: int, session_id: str) -> SessionState | None:
        row = await self._first(_SESSION_STATE, {"session_id": session_id, "user_id": user_id})
        if row is None:
            return None
        return SessionState(
            user_id=row.id,
            username=row.username,
            role=Role(row.role),
            token_version=row.token_version,
            banned=row.banned_at is not None,
            session_id=row.session_id,
            created_at=row.created_at,
            last_used_at=row.last_used_at,
            expires_at=row.expires_at,
            ended=row.ended_at is not None,
        )

    async def sessions_of(self, user_id: int) -> list[SessionView]:
        query = (
            sa.select(sessions)
            .where(sessions.c.user_id == user_id, sessions.c.ended_at.is_(None))
            .order_by(sessions.c.created_at.desc(), sessions.c.id)
        )
        async with translated_errors(), self._session_factory() as session:
            rows = (await session.execute(query)).all()
        return [
            SessionView(
                id=row.id,
                created_at=row.created_at,
                last_used_at=row.last_used_at,
                expires_at=row.expires_at,
                client=row.client,
                user_agent=row.user_agent,
            )
            for row in rows
        ]

    async def user_view(self, user_id: int) -> UserView | None:
        query = sa.select(users.c.email, users.c.username, users.c.bio, users.c.image).where(
            users.c.id == user_id
        )
        row = await self._first(query)
        return UserView(email=row.email, username=row.username, bio=row.bio, image=row.image) if row else None

    async def by_email(self, canonical_email: str) -> User | None:
        row = await self._first(_BY_EMAIL, {"email": canonical_email})
        return _to_user(row) if row else None

    async def list_users(self, page: PageRequest, filters: UserFilters) -> Slice[UserSummary]:
        query = (
            sa.select(users)
            .where(*_user_conditions(filters))
            .order_by(users.c.id)  # the primary key: a page walks the index and stops at limit + 1
            .limit(page.probe)
            .offset(page.offset)
        )
        async with translated_errors(), self._session_factory() as session:
            rows = (await session.execute(query)).all()
        return Slice.of([UserSummary.of(_to_user(row)) for row in rows], page)

    async def _first(self, query: sa.Select[Any], parameters: dict[str, Any] | None = None) -> Any:
        """The row of a lookup by key (login, authentication), or None."""
        async with translated_errors():
            rows = await execute_alone(self._engine, query, parameters or {})
        return rows[0] if rows else None


def _user_conditions(filters: UserFilters) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = []
    if filters.role is not None:
        conditions.append(users.c.role == filters.role)
    if filters.banned is not None:
        conditions.append(users.c.banned_at.is_not(None) if filters.banned else users.c.banned_at.is_(None))
    if filters.search:
        needle = canonical(filters.search.strip())
        conditions.append(
            sa.or_(
                users.c.username_canonical.contains(needle, autoescape=True),
                users.c.email_canonical.contains(needle, autoescape=True),
            )
        )
    return conditions
