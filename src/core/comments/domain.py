"""The Comment entity and its body rule."""

from dataclasses import dataclass
from datetime import datetime

from core.shared.text import clean_text

BODY_MAX = 10_000


@dataclass(frozen=True, slots=True)
class CommentBody:
    value: str

    def __post_init__(self) -> None:
        text = clean_text("body", self.value, max_length=BODY_MAX, required=True, multiline=True)
        object.__setattr__(self, "value", text)


@dataclass(frozen=True, slots=True, kw_only=True)
class NewComment:
    article_id: int
    author_id: int
    body: CommentBody
    created_at: datetime


@dataclass(kw_only=True, eq=False)
class Comment:
    id: int
    article_id: int
    author_id: int
    body: str
    created_at: datetime
    updated_at: datetime

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Comment) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)
