"""Articles: publishing, editing, listing, the feed, and favorites."""

from core.articles.use_cases.create_article import CreateArticle, CreateArticleCommand
from core.articles.use_cases.delete_article import DeleteArticle
from core.articles.use_cases.favorite_article import FavoriteArticle, UnfavoriteArticle
from core.articles.use_cases.get_article import GetArticle
from core.articles.use_cases.list_articles import FeedArticles, ListArticles, ListArticlesQuery
from core.articles.use_cases.update_article import UpdateArticle, UpdateArticleCommand

__all__ = [
    "CreateArticle",
    "CreateArticleCommand",
    "DeleteArticle",
    "FavoriteArticle",
    "FeedArticles",
    "GetArticle",
    "ListArticles",
    "ListArticlesQuery",
    "UnfavoriteArticle",
    "UpdateArticle",
    "UpdateArticleCommand",
]
