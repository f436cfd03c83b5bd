"""Comments on articles."""

from core.comments.use_cases.add_comment import AddComment, AddCommentCommand
from core.comments.use_cases.delete_comment import DeleteComment
from core.comments.use_cases.list_comments import ListComments

__all__ = ["AddComment", "AddCommentCommand", "DeleteComment", "ListComments"]
