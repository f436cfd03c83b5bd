"""Single-request medians of the read models, cache off, on one database: the size curve of issue #9.

    .venv/bin/python -m bench.read_curve postgresql://postgres@127.0.0.1:5432/conduit_10k [more URLs]

For each database it picks the most used tag, the author with the most articles, the user with the
most favorites and the user following the most authors, then times each read (median of 25 calls;
SQLAlchemy and the driver included, HTTP excluded). Compare the columns: they should not grow with size.
"""

import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

import sqlalchemy as sa

from adapters.persistence.article_queries import SqlArticleQueries
from adapters.persistence.comments import SqlCommentQueries
from adapters.persistence.engine import make_engine, make_read_session_factory
from adapters.persistence.profiles import SqlProfileQueries
from adapters.persistence.relations import SqlViewerRelations
from adapters.persistence.tags import SqlTagQueries
from core.articles.ports import ArticleFilters
from core.shared.pagination import PageRequest

CALLS = 25
_PICKS = {
    "tag": "SELECT name FROM tags ORDER BY articles_count DESC LIMIT 1",
    "author": "SELECT username_canonical FROM users ORDER BY articles_count DESC LIMIT 1",
    "fan": "SELECT username_canonical FROM users ORDER BY favorites_count DESC LIMIT 1",
    "follower": "SELECT follower_id FROM follows GROUP BY follower_id ORDER BY count(*) DESC LIMIT 1",
    "articles": "SELECT value FROM counters WHERE name = 'articles'",
    "article": "SELECT id, slug FROM articles ORDER BY created_at DESC LIMIT 1",
}


async def curve(url: str) -> dict[str, float]:
    engine = make_engine(url)
    sessions = make_read_session_factory(engine)
    try:
        async with engine.connect() as connection:
            picked: dict[str, Any] = {
                k: (await connection.execute(sa.text(q))).first() for k, q in _PICKS.items()
            }
        articles, relations = SqlArticleQueries(sessions), SqlViewerRelations(sessions)
        half = PageRequest(offset=min(picked["articles"][0] // 2, 2**31 - 1))

        async def signed_in_list() -> None:
            page = await articles.list_articles(ArticleFilters(), PageRequest())
            authors = {a.author.username.lower() for a in page.articles}
            await relations.flags(picked["follower"][0], {a.slug for a in page.articles}, authors)

        reads: dict[str, Callable[[], Awaitable[object]]] = {
            "list page 1": lambda: articles.list_articles(ArticleFilters(), PageRequest()),
            "list page 1, signed in": signed_in_list,
            "most used tag": lambda: articles.list_articles(
                ArticleFilters(tag=picked["tag"][0]), PageRequest()
            ),
            "author filter": lambda: articles.list_articles(
                ArticleFilters(author=picked["author"][0]), PageRequest()
            ),
            "favorited filter": lambda: articles.list_articles(
                ArticleFilters(favorited_by=picked["fan"][0]), PageRequest()
            ),
            "feed (top follower)": lambda: articles.feed(picked["follower"][0], PageRequest()),
            "/tags": lambda: SqlTagQueries(sessions).most_used(100),
            "article": lambda: articles.get(picked["article"][1]),
            "comments": lambda: SqlCommentQueries(sessions).for_article(picked["article"][0]),
            "profile": lambda: SqlProfileQueries(sessions).find(picked["author"][0]),
            "list at half the articles": lambda: articles.list_articles(ArticleFilters(), half),
        }
        medians = {}
        for name, read in reads.items():
            times = []
            for _ in range(CALLS):
                start = time.perf_counter()
                await read()
                times.append((time.perf_counter() - start) * 1000)
            medians[name] = statistics.median(times)
        medians["(articles)"] = picked["articles"][0]
        return medians
    finally:
        await engine.dispose()


def main(urls: list[str]) -> None:
    columns = [asyncio.run(curve(url)) for url in urls]
    print("| read, ms (median) | " + " | ".join(f"{c['(articles)']:,} articles" for c in columns) + " |")
    print("| --- |" + " ---: |" * len(columns))
    for name in columns[0]:
        if name != "(articles)":
            print(f"| {name} | " + " | ".join(f"{c[name]:.2f}" for c in columns) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
