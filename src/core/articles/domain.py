"""The Article entity, its value objects (the slug rule is in core.shared.text)."""

from dataclasses import dataclass
from datetime import datetime

from core.articles.errors import NotArticleAuthor
from core.shared.errors import InvalidInput
from core.shared.text import clean_text

TITLE_MAX = 200
DESCRIPTION_MAX = 1000
BODY_MAX = 100_000
TAG_MAX = 50
TAGS_MAX = 20
SLUG_MAX = 120  # room for a base of 100 plus a uniqueness suffix


@dataclass(frozen=True, slots=True)
class Title:
    value: str

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "value", clean_text("title", self.value, max_length=TITLE_MAX, required=True)
        )


@dataclass(frozen=True, slots=True)
class Description:
    value: str

    def __post_init__(self) -> None:
        text = clean_text(
            "description", self.value, max_length=DESCRIPTION_MAX, required=True, multiline=True
        )
        object.__setattr__(self, "value", text)


@dataclass(frozen=True, slots=True)
class Body:
    value: str

    def __post_init__(self) -> None:
        text = clean_text("body", self.value, max_length=BODY_MAX, required=True, multiline=True)
        object.__setattr__(self, "value", text)


@dataclass(frozen=True, slots=True)
class TagList:
    """Trimmed tags without exact duplicates (tags are case-sensitive, as the ?tag= filter is);
    empty entries are dropped."""

    values: tuple[str, ...]

    def __post_init__(self) -> None:
        tags: list[str] = []
        for raw in self.values:
            tag = clean_text("tagList", raw, max_length=TAG_MAX, required=False)
            if tag and tag not in tags:
                tags.append(tag)
        if len(tags) > TAGS_MAX:
            raise InvalidInput.of("tagList", f"has too many tags (maximum is {TAGS_MAX})")
        object.__setattr__(self, "values", tuple(tags))


@dataclass(frozen=True, slots=True, kw_only=True)
class NewArticle:
    slug: str
    title: Title
    description: Description
    body: Body
    tags: TagList
    author_id: int
    created_at: datetime


@dataclass(kw_only=True, eq=False)
class Article:
    id: int
    slug: str
    title: str
    description: str
    body: str
    tags: tuple[str, ...]
    author_id: int
    created_at: datetime
    updated_at: datetime

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Article) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    def ensure_editable_by(self, user_id: int | None) -> None:
        """Only the author may edit or delete an article."""
        if user_id != self.author_id:
            raise NotArticleAuthor

    def edit(
        self,
        *,
        title: Title | None,
        description: Description | None,
        body: Body | None,
        tags: TagList | None,
        now: datetime,
    ) -> None:
        if title is not None:
            self.title = title.value
        if description is not None:
            self.description = description.value
        if body is not None:
            self.body = body.value
        if tags is not None:
            self.tags = tags.values
        self.updated_at = now
