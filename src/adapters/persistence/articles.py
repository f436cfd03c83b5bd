"""SQL implementation of the articles repository: articles and their tags inside a unit of work,
with the counts they change kept in the same transaction (adapters.persistence.maintained) and what
changed recorded for the cache (adapters.persistence.changes). The read models are in
adapters.persistence.article_queries."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence import maintained
from adapters.persistence.changes import ChangeLog
from adapters.persistence.sql import author_returned, profile_of
from adapters.persistence.tables import article_tags, articles
from core.articles.domain import Article, NewArticle
from core.articles.ports import ArticleRepository, Published


class SqlArticleRepository(ArticleRepository):
    def __init__(self, session: AsyncSession, changes: ChangeLog) -> None:
        self._session, self._changes = session, changes
        self._loaded: dict[int, str] = {}  # id -> slug as read: an edit or deletion changes that one

    async def add(self, new_article: NewArticle) -> Article:
        values = {
            "slug": new_article.slug,
            "title": new_article.title.value,
            "description": new_article.description.value,
            "body": new_article.body.value,
            "author_id": new_article.author_id,
            "created_at": new_article.created_at,
            "updated_at": new_article.created_at,
        }
        row = (await self._session.execute(_INSERT, values)).one()
        await self._insert_tags(row.id, new_article.tags.values, new_article.created_at)
        await maintained.article_added(self._session, new_article.author_id, new_article.tags.values)
        self._changes.article(new_article.slug)
        self._changes.tags.update(new_article.tags.values)
        return Published(Article(id=row.id, tags=new_article.tags.values, **values), profile_of(row))

    async def get_by_slug(self, slug: str) -> Article | None:
        row = (await self._session.execute(sa.select(articles).where(articles.c.slug == slug))).one_or_none()
        if row is None:
            return None
        self._loaded[row.id] = row.slug
        tags = (
            await self._session.execute(
                sa.select(article_tags.c.tag).where(article_tags.c.article_id == row.id)
            )
        ).scalars()
        return Article(
            id=row.id,
            slug=row.slug,
            title=row.title,
            description=row.description,
            body=row.body,
            tags=tuple(tags),
            author_id=row.author_id,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    async def slug_taken(self, slug: str) -> bool:
        return bool((await self._session.execute(_SLUG_TAKEN, {"slug": slug})).scalar_one())

    async def save(self, article: Article) -> None:
        await self._session.execute(
            sa.update(articles)
            .where(articles.c.id == article.id)
            .values(
                slug=article.slug,
                title=article.title,
                description=article.description,
                body=article.body,
                updated_at=article.updated_at,
            )
        )
        # After the UPDATE, which locks the article row: concurrent edits read each other's tags.
        stored = (
            await self._session.execute(
                sa.select(article_tags.c.tag).where(article_tags.c.article_id == article.id)
            )
        ).scalars()
        old, new = set(stored), set(article.tags)
        if old - new:
            await self._session.execute(
                sa.delete(article_tags).where(
                    article_tags.c.article_id == article.id, article_tags.c.tag.in_(old - new)
                )
            )
        await self._insert_tags(article.id, tuple(new - old), article.created_at)
        await maintained.tags_changed(
            self._session, {**dict.fromkeys(old - new, -1), **dict.fromkeys(new - old, 1)}
        )
        old_slug = self._loaded.get(article.id, article.slug)
        self._changes.article(old_slug, article.slug)
        self._changes.tags.update(old | new)  # its place in each of its tags' lists may have changed
        self._changes.retired |= old_slug != article.slug

    async def delete(self, article_id: int) -> bool:
        # Comments, favorites and tag links go with it through ON DELETE CASCADE, in this transaction;
        # the counts they made are taken back first. A concurrent delete holds the row: this one waits
        # for its commit, then finds and deletes nothing.
        await maintained.articles_leaving(self._session, articles.c.id == article_id)
        deleted = await self._session.execute(
            sa.delete(articles).where(articles.c.id == article_id).returning(articles.c.slug)
        )
        slugs = list(deleted.scalars())
        self._changes.article(*slugs)
        self._changes.retired |= bool(slugs)
        return bool(slugs)

    async def _insert_tags(self, article_id: int, tags: tuple[str, ...], created_at: datetime) -> None:
        if tags:
            await self._session.execute(
                sa.insert(article_tags),
                [{"article_id": article_id, "tag": t, "created_at": created_at} for t in tags],
            )


# Built once: reused with parameters, they skip SQLAlchemy's per-call construction and cache key.
_INSERT = sa.insert(articles).returning(articles.c.id, *author_returned(articles))
_SLUG_TAKEN = sa.select(sa.exists().where(articles.c.slug == sa.bindparam("slug", type_=sa.String)))
