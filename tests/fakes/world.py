"""A shared in-memory "database" for the profiles, articles, comments and tags fakes."""

import copy
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self, TypeVar

from core.articles.domain import Article
from core.comments.domain import Comment
from core.shared.audit import AuditEntry
from core.shared.errors import AlreadyExists, NotFound
from core.shared.profiles import ProfileView
from core.shared.text import canonical
from core.shared.uow import UnitOfWork

T = TypeVar("T")


@dataclass
class Person:
    """A user row as these modules see it (the users module owns the accounts)."""

    id: int
    username: str
    bio: str = ""
    image: str = ""


@dataclass
class Tables:
    """The rows a unit of work may change; favorites are (user_id, article_id), follows are
    (follower_id, followee_id)."""

    articles: dict[int, Article] = field(default_factory=dict)
    comments: dict[int, Comment] = field(default_factory=dict)
    favorites: set[tuple[int, int]] = field(default_factory=set)
    follows: set[tuple[int, int]] = field(default_factory=set)
    audit: list[AuditEntry] = field(default_factory=list)


class InMemoryWorld:
    """Committed state. `on_commit` plays a concurrent writer that commits just before us."""

    def __init__(self) -> None:
        self.users: dict[int, Person] = {}
        self.tables = Tables()
        self.commits = 0
        self.on_commit: Callable[[Tables], None] | None = None
        self._ids: defaultdict[str, Iterator[int]] = defaultdict(lambda: itertools.count(1))

    def new_id(self, table: str) -> int:
        """Like a database sequence: never rolled back."""
        return next(self._ids[table])

    def add_user(self, username: str, *, bio: str = "", image: str = "") -> int:
        person = Person(id=self.new_id("users"), username=username, bio=bio, image=image)
        self.users[person.id] = person
        return person.id

    def user_id(self, canonical_username: str) -> int | None:
        found = (p.id for p in self.users.values() if canonical(p.username) == canonical_username)
        return next(found, None)

    def profile(self, user_id: int) -> ProfileView:
        """Impersonal, as read models give it (`following` False)."""
        person = self.users[user_id]
        return ProfileView(username=person.username, bio=person.bio, image=person.image, following=False)


class InMemoryUnitOfWork(UnitOfWork):
    """Works on a copy of the tables; commit() merges its changes into what others committed
    meanwhile and checks the constraints a database would (unique slugs, foreign keys)."""

    def __init__(self, world: InMemoryWorld) -> None:
        self._world = world

    async def __aenter__(self) -> Self:
        self._base = copy.deepcopy(self._world.tables)
        self._working = copy.deepcopy(self._world.tables)
        self._bind(self._working)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._working = Tables()  # whatever was not committed is gone

    async def commit(self) -> None:
        if self._world.on_commit is not None:
            self._world.on_commit(self._working)
        theirs = self._world.tables
        merged = Tables(
            articles=_merge_rows(self._base.articles, self._working.articles, theirs.articles),
            comments=_merge_rows(self._base.comments, self._working.comments, theirs.comments),
            favorites=_merge_set(self._base.favorites, self._working.favorites, theirs.favorites),
            follows=_merge_set(self._base.follows, self._working.follows, theirs.follows),
            audit=theirs.audit + self._working.audit[len(self._base.audit) :],
        )
        _check_constraints(merged)
        self._world.tables = copy.deepcopy(merged)
        self._world.commits += 1

    def _bind(self, tables: Tables) -> None:
        raise NotImplementedError


def _merge_rows(base: dict[int, T], mine: dict[int, T], theirs: dict[int, T]) -> dict[int, T]:
    """Their rows, minus the ones I deleted, plus the ones I inserted or changed."""
    merged = {key: row for key, row in theirs.items() if key in mine or key not in base}
    for key, row in mine.items():
        if key not in base or (key in theirs and vars(row) != vars(base[key])):
            merged[key] = row
    return merged


def _merge_set(base: set[T], mine: set[T], theirs: set[T]) -> set[T]:
    return (theirs - (base - mine)) | (mine - base)


def _check_constraints(tables: Tables) -> None:
    slugs = [article.slug for article in tables.articles.values()]
    if len(set(slugs)) != len(slugs):
        raise AlreadyExists("slug")
    referenced = {c.article_id for c in tables.comments.values()} | {a for _, a in tables.favorites}
    if not referenced <= tables.articles.keys():
        raise NotFound("a resource this change refers to no longer exists")
