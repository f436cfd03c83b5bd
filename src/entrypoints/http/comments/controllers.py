"""GET and POST /api/articles/{slug}/comments, DELETE /api/articles/{slug}/comments/{id}."""

from typing import Any

from litestar import Controller, Request, delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from core.comments import AddComment, AddCommentCommand, DeleteComment, ListComments
from entrypoints.http.auth import SECURITY, signed_in, viewer_of
from entrypoints.http.comments.schemas import (
    Comment,
    MultipleCommentsResponse,
    NewCommentRequest,
    SingleCommentResponse,
)
from entrypoints.http.openapi import documented


class CommentsController(Controller):
    path = "/articles/{slug:str}/comments"
    tags = ["Comments"]

    @get(
        operation_id="GetArticleComments",
        **documented(401, 404),
        summary="Comments of an article, newest first",
    )
    async def list_comments(
        self,
        slug: FromPath[str],
        request: Request[Any, Any, Any],
        list_comments: NamedDependency[ListComments],
    ) -> MultipleCommentsResponse:
        viewer = await viewer_of(request)
        views = await list_comments.execute(slug, viewer.id if viewer else None)
        return MultipleCommentsResponse([Comment.of(view) for view in views])

    @post(
        status_code=HTTP_201_CREATED,
        operation_id="CreateArticleComment",
        **documented(401, 404, 422),
        summary="Comment on an article",
        security=SECURITY,
    )
    async def add(
        self,
        slug: FromPath[str],
        data: JSONBody[NewCommentRequest],
        request: Request[Any, Any, Any],
        add_comment: NamedDependency[AddComment],
    ) -> SingleCommentResponse:
        current_user = await signed_in(request)
        command = AddCommentCommand(slug=slug, author_id=current_user.id, body=data.comment.body)
        return SingleCommentResponse(Comment.of(await add_comment.execute(command)))

    @delete(
        "/{comment_id:int}",
        status_code=HTTP_204_NO_CONTENT,
        operation_id="DeleteArticleComment",
        **documented(401, 403, 404),
        summary="Delete a comment (its author only)",
        security=SECURITY,
    )
    async def delete_comment(
        self,
        slug: FromPath[str],
        comment_id: FromPath[int],
        request: Request[Any, Any, Any],
        delete_comment: NamedDependency[DeleteComment],
    ) -> None:
        current_user = await signed_in(request)
        await delete_comment.execute(slug, comment_id, current_user.actor())
