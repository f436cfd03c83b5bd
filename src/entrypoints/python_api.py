"""The scripting API: Conduit's use cases for Python scripts, with the same rules as HTTP and the CLI.

    async with Conduit.open("sqlite:///blog.db", migrate=True) as conduit:
        jake = await conduit.register_user(username="jake", email="jake@example.com", password="s3cret-pass")

    with SyncConduit.open("postgresql://localhost/conduit") as conduit:   # plain scripts
        print(conduit.list_users())

Results are the core's views (dataclasses); failures are the core's errors (`core.shared.errors`).
"""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any, ParamSpec, TypeVar

from core.articles import CreateArticleCommand, ListArticlesQuery, UpdateArticleCommand
from core.articles.views import ArticlePage, ArticleView
from core.comments import AddCommentCommand
from core.comments.views import CommentView
from core.shared.actor import Actor
from core.shared.pagination import PageRequest, Slice
from core.shared.profiles import ProfileView
from core.tags import DEFAULT_TAGS
from core.users import LogInCommand, RegisterUserCommand, UpdateUserCommand
from core.users.ports import UserFilters
from core.users.views import AuthenticatedUser, CurrentUser, UserDetails, UserSummary, UserView
from entrypoints.container import ApplicationContainer, aclose, build_container
from entrypoints.python_operations import Operations
from entrypoints.settings import load_settings

P = ParamSpec("P")
R = TypeVar("R")


class Conduit(Operations):
    """Every Conduit use case as an awaitable method. Build it with `Conduit.open(...)`.

    Operators' methods (statistics, the audit log, content search, the cache, counts, demo data, the
    schema) come from `Operations`."""

    def __init__(self, container: ApplicationContainer) -> None:
        self._c = container

    @classmethod
    @asynccontextmanager
    async def open(
        cls, database_url: str | None = None, *, migrate: bool = False, **settings: Any
    ) -> AsyncIterator["Conduit"]:
        """Open Conduit on a database (default: the configured one, see CONDUIT_* variables).

        `migrate=True` first brings the schema to the newest migration. Other keyword arguments
        override settings by name (e.g. `argon2_time_cost=1`).
        """
        container = build_container(load_settings(database_url=database_url, **settings))
        try:
            if migrate:
                await asyncio.to_thread(container.infra.migrations().upgrade)
            yield cls(container)
        finally:
            await aclose(container)

    async def register_user(self, *, username: str, email: str, password: str) -> AuthenticatedUser:
        command = RegisterUserCommand(username=username, email=email, password=password)
        return await self._c.users.register_user().execute(command)

    async def log_in(self, *, email: str, password: str) -> AuthenticatedUser:
        return await self._c.users.log_in().execute(LogInCommand(email=email, password=password))

    async def authenticate(self, token: str) -> CurrentUser:
        return await self._c.users.authenticate().execute(token)

    async def get_user(self, user_id: int) -> UserView:
        return await self._c.users.get_current_user().execute(user_id)

    async def update_user(self, user_id: int, **changes: str | None) -> AuthenticatedUser:
        """Changes by name: email, username, password, bio, image; None leaves a field as it is."""
        return await self._c.users.update_user().execute(UpdateUserCommand(user_id=user_id, **changes))

    async def list_users(
        self,
        *,
        limit: int = 20,
        offset: int = 0,
        role: str | None = None,
        banned: bool | None = None,
        search: str | None = None,
        actor: Actor | None = None,
    ) -> Slice[UserSummary]:
        """One page of accounts, oldest first; `has_next` says whether another page follows."""
        filters = UserFilters(role=role, banned=banned, search=search)
        page = PageRequest(limit=limit, offset=offset)
        return await self._c.users.list_users().execute(actor or self.operator, page, filters)

    # Account administration: operators act as `self.operator` unless an admin `actor` is given.

    async def show_user(self, username: str, *, actor: Actor | None = None) -> UserDetails:
        return await self._c.users.show_user().execute(actor or self.operator, username)

    async def create_user(
        self,
        *,
        username: str,
        email: str,
        password: str,
        role: str = "user",
        reason: str = "",
        actor: Actor | None = None,
    ) -> UserDetails:
        """Open an account as an operator, with a role; audited (`user.create`), unlike `register_user`."""
        command = RegisterUserCommand(username=username, email=email, password=password)
        return await self._c.users.create_account().execute(actor or self.operator, command, role, reason)

    async def set_role(
        self, username: str, role: str, *, reason: str = "", actor: Actor | None = None
    ) -> UserDetails:
        return await self._c.users.set_role().execute(actor or self.operator, username, role, reason)

    async def ban_user(self, username: str, *, reason: str, actor: Actor | None = None) -> UserDetails:
        return await self._c.users.ban_user().execute(actor or self.operator, username, reason)

    async def unban_user(self, username: str, *, reason: str = "", actor: Actor | None = None) -> UserDetails:
        return await self._c.users.unban_user().execute(actor or self.operator, username, reason)

    async def set_password(
        self, username: str, password: str, *, reason: str = "", actor: Actor | None = None
    ) -> UserDetails:
        return await self._c.users.set_password().execute(actor or self.operator, username, password, reason)

    async def force_logout(
        self, username: str, *, reason: str = "", actor: Actor | None = None
    ) -> UserDetails:
        return await self._c.users.force_logout().execute(actor or self.operator, username, reason)

    async def delete_user(self, username: str, *, reason: str = "", actor: Actor | None = None) -> None:
        await self._c.users.delete_user().execute(actor or self.operator, username, reason)

    # Profiles. `viewer_id` / `user_id` is the acting user's id (see `authenticate`).

    async def get_profile(self, username: str, *, viewer_id: int | None = None) -> ProfileView:
        return await self._c.profiles.get_profile().execute(username, viewer_id)

    async def follow(self, username: str, *, user_id: int) -> ProfileView:
        return await self._c.profiles.follow_user().execute(username, user_id)

    async def unfollow(self, username: str, *, user_id: int) -> ProfileView:
        return await self._c.profiles.unfollow_user().execute(username, user_id)

    # Articles

    async def create_article(
        self, *, author_id: int, title: str, description: str, body: str, tags: list[str] | None = None
    ) -> ArticleView:
        command = CreateArticleCommand(
            author_id=author_id, title=title, description=description, body=body, tags=tags or []
        )
        return await self._c.articles.create_article().execute(command)

    async def update_article(self, slug: str, *, user_id: int, **changes: Any) -> ArticleView:
        """Changes by name: title, description, body, tags; None leaves a field as it is."""
        return await self._c.articles.update_article().execute(
            UpdateArticleCommand(slug=slug, user_id=user_id, **changes)
        )

    async def delete_article(self, slug: str, *, actor: Actor | None = None, reason: str = "") -> None:
        """As its author (`(await conduit.authenticate(token)).actor()`), a moderator, or the operator."""
        await self._c.articles.delete_article().execute(slug, actor or self.operator, reason)

    async def get_article(self, slug: str, *, viewer_id: int | None = None) -> ArticleView:
        return await self._c.articles.get_article().execute(slug, viewer_id)

    async def list_articles(self, **query: Any) -> ArticlePage:
        """Filters by name: tag, author, favorited, limit, offset, viewer_id."""
        return await self._c.articles.list_articles().execute(ListArticlesQuery(**query))

    async def feed(self, *, user_id: int, limit: int = 20, offset: int = 0) -> ArticlePage:
        return await self._c.articles.feed_articles().execute(user_id, limit=limit, offset=offset)

    async def favorite(self, slug: str, *, user_id: int) -> ArticleView:
        return await self._c.articles.favorite_article().execute(slug, user_id)

    async def unfavorite(self, slug: str, *, user_id: int) -> ArticleView:
        return await self._c.articles.unfavorite_article().execute(slug, user_id)

    # Comments and tags

    async def add_comment(self, slug: str, *, author_id: int, body: str) -> CommentView:
        return await self._c.comments.add_comment().execute(
            AddCommentCommand(slug=slug, author_id=author_id, body=body)
        )

    async def list_comments(self, slug: str, *, viewer_id: int | None = None) -> list[CommentView]:
        return await self._c.comments.list_comments().execute(slug, viewer_id)

    async def delete_comment(
        self, slug: str, comment_id: int, *, actor: Actor | None = None, reason: str = ""
    ) -> None:
        await self._c.comments.delete_comment().execute(slug, comment_id, actor or self.operator, reason)

    async def list_tags(self, limit: int = DEFAULT_TAGS) -> list[str]:
        """The most used tags first, ties by name; at most `limit` (1 to core.tags.MAX_TAGS)."""
        return await self._c.tags.list_tags().execute(limit)


class SyncConduit:
    """The same methods as Conduit, blocking, for plain scripts. Not for use inside an event loop."""

    def __init__(self, conduit: Conduit, runner: asyncio.Runner) -> None:
        self._conduit, self._runner = conduit, runner

    @classmethod
    @contextmanager
    def open(
        cls, database_url: str | None = None, *, migrate: bool = False, **settings: Any
    ) -> Iterator["SyncConduit"]:
        with asyncio.Runner() as runner:
            manager = Conduit.open(database_url, migrate=migrate, **settings)
            conduit = runner.run(manager.__aenter__())
            try:
                yield cls(conduit, runner)
            finally:
                runner.run(manager.__aexit__(None, None, None))

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._conduit, name)
        if not callable(method):
            return method
        return self._blocking(method)

    def _blocking(self, method: Callable[P, Awaitable[R]]) -> Callable[P, R]:
        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            return self._runner.run(method(*args, **kwargs))  # type: ignore[arg-type]

        return call
