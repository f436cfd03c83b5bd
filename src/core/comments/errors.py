"""Errors of the comments module."""

from core.shared.errors import NotFound, PermissionDenied


class ArticleNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("article not found")


class CommentNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("comment not found")


class NotCommentAuthor(PermissionDenied):
    def __init__(self) -> None:
        super().__init__("only the author may delete this comment")
