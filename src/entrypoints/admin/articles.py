"""/admin/articles: find articles; /admin/articles/{slug}: one with its comments; deleting either with
a reason, each behind a confirmation page that shows the form."""

from typing import Any
from urllib.parse import quote

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from core.admin.ports import ArticleSearch
from core.shared.actor import Actor
from core.shared.errors import NotFound
from entrypoints.admin.common import Container, Form, page_request, pager, render, see_other


@get("/articles")
async def find_articles(
    request: Request[Any, Any, Any],
    actor: NamedDependency[Actor],
    container: NamedDependency[Container],
    title: FromQuery[str] = "",
    author: FromQuery[str] = "",
    tag: FromQuery[str] = "",
    page: FromQuery[int] = 1,
    done: FromQuery[str] = "",
) -> Template:
    search = ArticleSearch(title=title, author=author, tag=tag)
    found = await container.admin.search_articles().execute(actor, search, page_request(page))
    return render(
        "articles.html",
        actor,
        articles=found.items,
        pages=pager(found, page, request),
        title=title,
        author=author,
        tag=tag,
        done=done,
    )


@get("/articles/{slug:str}")
async def show_article(
    actor: NamedDependency[Actor],
    container: NamedDependency[Container],
    slug: FromPath[str],
    done: FromQuery[str] = "",
) -> Template:
    article = await container.articles.get_article().execute(slug, None)
    comments = await container.comments.list_comments().execute(slug, None)
    return render("article.html", actor, article=article, comments=comments, done=done)


@get("/articles/{slug:str}/delete")
async def confirm_delete_article(
    actor: NamedDependency[Actor], container: NamedDependency[Container], slug: FromPath[str]
) -> Template:
    article = await container.articles.get_article().execute(slug, None)
    return render("confirm_delete.html", actor, article=article, comment=None)


@post("/articles/{slug:str}/delete")
async def delete_article(
    actor: NamedDependency[Actor], container: NamedDependency[Container], slug: FromPath[str], data: Form
) -> Response[Any]:
    await container.articles.delete_article().execute(slug, actor, data.get("reason", "").strip())
    return see_other("/admin/articles?done=delete")


@get("/articles/{slug:str}/comments/{comment_id:int}/delete")
async def confirm_delete_comment(
    actor: NamedDependency[Actor],
    container: NamedDependency[Container],
    slug: FromPath[str],
    comment_id: FromPath[int],
) -> Template:
    article = await container.articles.get_article().execute(slug, None)
    comments = await container.comments.list_comments().execute(slug, None)
    comment = next((c for c in comments if c.id == comment_id), None)
    if comment is None:
        raise NotFound("comment not found")
    return render("confirm_delete.html", actor, article=article, comment=comment)


@post("/articles/{slug:str}/comments/{comment_id:int}/delete")
async def delete_comment(
    actor: NamedDependency[Actor],
    container: NamedDependency[Container],
    slug: FromPath[str],
    comment_id: FromPath[int],
    data: Form,
) -> Response[Any]:
    reason = data.get("reason", "").strip()
    await container.comments.delete_comment().execute(slug, comment_id, actor, reason)
    return see_other(f"/admin/articles/{quote(slug)}?done=delete-comment")


handlers = [
    find_articles,
    show_article,
    confirm_delete_article,
    delete_article,
    confirm_delete_comment,
    delete_comment,
]
