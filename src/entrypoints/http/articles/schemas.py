"""Request and response bodies of the article endpoints. List items carry no body, as the spec says."""

import msgspec

from core.articles.views import ArticlePage, ArticleSummary, ArticleView
from entrypoints.http.common import Profile, Timestamp, timestamp


class NewArticle(msgspec.Struct):
    title: str
    description: str
    body: str
    tagList: list[str] = msgspec.field(default_factory=list)


class NewArticleRequest(msgspec.Struct):
    article: NewArticle


class UpdateArticle(msgspec.Struct):
    """All optional; `tagList` too (front ends' editors send it, the spec does not require it)."""

    title: str | None = None
    description: str | None = None
    body: str | None = None
    tagList: list[str] | None = None


class UpdateArticleRequest(msgspec.Struct):
    article: UpdateArticle


class ArticleListItem(msgspec.Struct, rename="camel"):
    slug: str
    title: str
    description: str
    tag_list: list[str]
    created_at: Timestamp
    updated_at: Timestamp
    favorited: bool
    favorites_count: int
    author: Profile


class Article(ArticleListItem, rename="camel"):
    body: str


class SingleArticleResponse(msgspec.Struct):
    article: Article

    @classmethod
    def of(cls, view: ArticleView) -> "SingleArticleResponse":
        return cls(Article(*_common(view), body=view.body))


class MultipleArticlesResponse(msgspec.Struct, rename="camel"):
    articles: list[ArticleListItem]
    articles_count: int

    @classmethod
    def of(cls, page: ArticlePage) -> "MultipleArticlesResponse":
        return cls([ArticleListItem(*_common(item)) for item in page.articles], page.total)


def _common(view: ArticleSummary) -> tuple[object, ...]:
    """The list item's fields in declaration order (positional: this runs for every listed article)."""
    author = view.author
    return (
        view.slug,
        view.title,
        view.description,
        view.tag_list,
        timestamp(view.created_at),
        timestamp(view.updated_at),
        view.favorited,
        view.favorites_count,
        Profile(author.username, author.bio, author.image, author.following),
    )
