"""Errors of the articles module."""

from core.shared.errors import NotFound, PermissionDenied


class ArticleNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("article not found")


class NotArticleAuthor(PermissionDenied):
    def __init__(self) -> None:
        super().__init__("only the author may change or delete this article")
