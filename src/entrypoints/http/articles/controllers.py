"""The /api/articles endpoints: list, feed, read, create, update, delete, favorite, unfavorite."""

from typing import Annotated, Any

from litestar import Controller, Request, delete, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from core.articles import (
    CreateArticle,
    CreateArticleCommand,
    DeleteArticle,
    FavoriteArticle,
    FeedArticles,
    GetArticle,
    ListArticles,
    ListArticlesQuery,
    UnfavoriteArticle,
    UpdateArticle,
    UpdateArticleCommand,
)
from core.shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET
from entrypoints.http.articles.schemas import (
    MultipleArticlesResponse,
    NewArticleRequest,
    SingleArticleResponse,
    UpdateArticleRequest,
)
from entrypoints.http.auth import SECURITY, signed_in, viewer_of
from entrypoints.http.middleware.shared_responses import shares
from entrypoints.http.openapi import documented

Limit = Annotated[int, Parameter(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}.")]
Offset = Annotated[int, Parameter(ge=0, le=MAX_OFFSET, description="Articles to skip.")]
Filter = Annotated[str | None, Parameter(max_length=200)]


class ArticlesController(Controller):
    path = "/articles"
    tags = ["Articles"]

    @get(
        operation_id="GetArticles",
        **documented(401, 422),
        summary="List articles, newest first",
        opt=shares("article-list", personal=True),  # a reader comes back to the same pages
    )
    async def list_articles(
        self,
        request: Request[Any, Any, Any],
        list_articles: NamedDependency[ListArticles],
        tag: Filter = None,
        author: Filter = None,
        favorited: Filter = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> MultipleArticlesResponse:
        viewer = await viewer_of(request)
        query = ListArticlesQuery(
            tag=tag,
            author=author,
            favorited=favorited,
            limit=limit,
            offset=offset,
            viewer_id=viewer.id if viewer else None,
        )
        return MultipleArticlesResponse.of(await list_articles.execute(query))

    @get(
        "/feed",
        operation_id="GetArticlesFeed",
        **documented(401, 422),
        summary="Articles by followed authors",
        security=SECURITY,
        opt=shares("feed", personal=True, anonymous=False),  # a reader's own pages, kept for them
    )
    async def feed(
        self,
        request: Request[Any, Any, Any],
        feed_articles: NamedDependency[FeedArticles],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> MultipleArticlesResponse:
        current_user = await signed_in(request)
        return MultipleArticlesResponse.of(
            await feed_articles.execute(current_user.id, limit=limit, offset=offset)
        )

    @get(
        "/{slug:str}",
        operation_id="GetArticle",
        **documented(401, 404),
        summary="Get an article",
        opt=shares("article"),
    )
    async def get_article(
        self,
        slug: FromPath[str],
        request: Request[Any, Any, Any],
        get_article: NamedDependency[GetArticle],
    ) -> SingleArticleResponse:
        viewer = await viewer_of(request)
        return SingleArticleResponse.of(await get_article.execute(slug, viewer.id if viewer else None))

    @post(
        status_code=HTTP_201_CREATED,
        operation_id="CreateArticle",
        **documented(401, 422),
        summary="Publish an article",
        security=SECURITY,
    )
    async def create(
        self,
        data: JSONBody[NewArticleRequest],
        request: Request[Any, Any, Any],
        create_article: NamedDependency[CreateArticle],
    ) -> SingleArticleResponse:
        current_user = await signed_in(request)
        article = data.article
        command = CreateArticleCommand(
            author_id=current_user.id,
            title=article.title,
            description=article.description,
            body=article.body,
            tags=article.tagList or [],
        )
        return SingleArticleResponse.of(await create_article.execute(command))

    @put(
        "/{slug:str}",
        operation_id="UpdateArticle",
        **documented(401, 403, 404, 422),
        summary="Edit an article (author only)",
        security=SECURITY,
    )
    async def update(
        self,
        slug: FromPath[str],
        data: JSONBody[UpdateArticleRequest],
        request: Request[Any, Any, Any],
        update_article: NamedDependency[UpdateArticle],
    ) -> SingleArticleResponse:
        current_user = await signed_in(request)
        changes = data.article
        command = UpdateArticleCommand(
            slug=slug,
            user_id=current_user.id,
            title=changes.title,
            description=changes.description,
            body=changes.body,
            tags=changes.tagList,
        )
        return SingleArticleResponse.of(await update_article.execute(command))

    @delete(
        "/{slug:str}",
        status_code=HTTP_204_NO_CONTENT,
        operation_id="DeleteArticle",
        **documented(401, 403, 404),
        summary="Delete an article (author only)",
        security=SECURITY,
    )
    async def delete_article(
        self,
        slug: FromPath[str],
        request: Request[Any, Any, Any],
        delete_article: NamedDependency[DeleteArticle],
    ) -> None:
        current_user = await signed_in(request)
        await delete_article.execute(slug, current_user.actor())

    @post(
        "/{slug:str}/favorite",
        status_code=HTTP_200_OK,
        operation_id="CreateArticleFavorite",
        **documented(401, 404),
        summary="Favorite an article",
        tags=["Favorites"],
        security=SECURITY,
    )
    async def favorite(
        self,
        slug: FromPath[str],
        request: Request[Any, Any, Any],
        favorite_article: NamedDependency[FavoriteArticle],
    ) -> SingleArticleResponse:
        current_user = await signed_in(request)
        return SingleArticleResponse.of(await favorite_article.execute(slug, current_user.id))

    @delete(
        "/{slug:str}/favorite",
        status_code=HTTP_200_OK,
        operation_id="DeleteArticleFavorite",
        **documented(401, 404),
        summary="Unfavorite an article",
        tags=["Favorites"],
        security=SECURITY,
    )
    async def unfavorite(
        self,
        slug: FromPath[str],
        request: Request[Any, Any, Any],
        unfavorite_article: NamedDependency[UnfavoriteArticle],
    ) -> SingleArticleResponse:
        current_user = await signed_in(request)
        return SingleArticleResponse.of(await unfavorite_article.execute(slug, current_user.id))
