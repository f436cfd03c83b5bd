"""Ports of the comments module."""

from abc import abstractmethod
from typing import Protocol

from core.comments.domain import Comment, NewComment
from core.comments.views import CommentView
from core.shared.audit import AuditTrail
from core.shared.uow import UnitOfWork


class ArticleLookup(Protocol):
    """Consumer-owned view of articles: comments only need to know an article's id by slug."""

    @abstractmethod
    async def article_id(self, slug: str) -> int | None: ...


class CommentRepository(Protocol):
    """Comments inside a unit of work. Never commits."""

    @abstractmethod
    async def add(self, new_comment: NewComment) -> CommentView:
        """The comment as shown, its author's public profile read with the insert (impersonal:
        `following` False, and nobody follows themselves)."""

    @abstractmethod
    async def get(self, comment_id: int) -> Comment | None: ...

    @abstractmethod
    async def delete(self, comment_id: int) -> bool:
        """False when it was gone already (a concurrent delete committed first)."""


class CommentsUnitOfWork(UnitOfWork, Protocol):
    comments: CommentRepository
    audit: AuditTrail


class CommentQueries(Protocol):
    @abstractmethod
    async def for_article(self, article_id: int) -> list[CommentView]:
        """All comments of an article, newest first; authors' `following` False (impersonal)."""

    @abstractmethod
    async def get(self, comment_id: int) -> CommentView | None: ...
