"""Request and response bodies of the comment endpoints (RealWorld's JSON shapes)."""

import msgspec

from core.comments.views import CommentView
from entrypoints.http.common import Profile, Timestamp, timestamp


class NewComment(msgspec.Struct):
    body: str


class NewCommentRequest(msgspec.Struct):
    comment: NewComment


class Comment(msgspec.Struct, rename="camel"):
    id: int
    created_at: Timestamp
    updated_at: Timestamp
    body: str
    author: Profile

    @classmethod
    def of(cls, view: CommentView) -> "Comment":
        return cls(
            id=view.id,
            created_at=timestamp(view.created_at),
            updated_at=timestamp(view.updated_at),
            body=view.body,
            author=Profile.of(view.author),
        )


class SingleCommentResponse(msgspec.Struct):
    comment: Comment


class MultipleCommentsResponse(msgspec.Struct):
    comments: list[Comment]
