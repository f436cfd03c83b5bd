"""The SQLAlchemy unit of work: one session, one transaction, explicit commit."""

from abc import abstractmethod
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.persistence.articles import SqlArticleRepository
from adapters.persistence.audit import SqlAuditTrail
from adapters.persistence.changes import ChangeLog
from adapters.persistence.comments import SqlCommentRepository
from adapters.persistence.engine import WRITE_TRANSACTION
from adapters.persistence.errors import translate
from adapters.persistence.favorites import SqlFavoriteRepository
from adapters.persistence.profiles import SqlFollowRepository
from adapters.persistence.sessions import SqlSessionRepository
from adapters.persistence.users import SqlUserRepository
from core.articles.ports import ArticlesUnitOfWork
from core.comments.ports import CommentsUnitOfWork
from core.profiles.ports import ProfilesUnitOfWork
from core.shared.changes import ChangeNotifier
from core.shared.uow import UnitOfWork
from core.users.ports import UsersUnitOfWork


class SqlUnitOfWork(UnitOfWork):
    """Base: opens a write transaction on enter, rolls back on exit unless committed.

    Subclasses attach their repositories to the session in `_bind`; what the repositories record in
    the change log goes to the change notifier after a successful commit.
    """

    def __init__(self, session_factory: async_sessionmaker[AsyncSession], changes: ChangeNotifier) -> None:
        self._session_factory, self._notifier = session_factory, changes
        self._session: AsyncSession | None = None
        self._changes = ChangeLog()

    async def __aenter__(self) -> Self:
        self._session = self._session_factory()
        try:
            await self._session.connection(execution_options={WRITE_TRANSACTION: True})
        except Exception as error:
            await self._close()
            raise _translated(error) from error
        self._changes = ChangeLog()
        self._bind(self._session, self._changes)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self._close()
        if isinstance(exc, Exception) and (core_error := translate(exc)) is not None:
            raise core_error from exc

    async def commit(self) -> None:
        assert self._session is not None, "commit() outside `async with`"  # noqa: S101
        try:
            await self._session.commit()
        except Exception as error:
            raise _translated(error) from error
        changes, self._changes = self._changes, ChangeLog()
        await changes.publish(self._notifier)  # before the use case answers: the next read sees it

    @abstractmethod
    def _bind(self, session: AsyncSession, changes: ChangeLog) -> None:
        """Attach this unit of work's repositories to the session."""

    async def _close(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()  # rolls back whatever was not committed


class SqlUsersUnitOfWork(SqlUnitOfWork, UsersUnitOfWork):
    def _bind(self, session: AsyncSession, changes: ChangeLog) -> None:
        self.users = SqlUserRepository(session, changes)
        self.sessions = SqlSessionRepository(session, changes)
        self.audit = SqlAuditTrail(session)


class SqlProfilesUnitOfWork(SqlUnitOfWork, ProfilesUnitOfWork):
    def _bind(self, session: AsyncSession, changes: ChangeLog) -> None:
        self.follows = SqlFollowRepository(session, changes)


class SqlArticlesUnitOfWork(SqlUnitOfWork, ArticlesUnitOfWork):
    def _bind(self, session: AsyncSession, changes: ChangeLog) -> None:
        self.articles = SqlArticleRepository(session, changes)
        self.favorites = SqlFavoriteRepository(session, changes)
        self.audit = SqlAuditTrail(session)


class SqlCommentsUnitOfWork(SqlUnitOfWork, CommentsUnitOfWork):
    def _bind(self, session: AsyncSession, changes: ChangeLog) -> None:
        self.comments = SqlCommentRepository(session)
        self.audit = SqlAuditTrail(session)


def _translated(error: Exception) -> Exception:
    return translate(error) or error
