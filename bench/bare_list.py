"""The bare query: a signed-in list page straight from PostgreSQL, no cache, no Conduit code.

The reference for personal reads by many distinct readers (`make bench-scale`): whatever Conduit
does, it should serve a signed-in page at least as fast as plain SQLAlchemy Core on asyncpg does,
with the viewer's flags, the page's tags and the total. Served by the same software as Conduit
(Litestar on uvicorn, the same collector tuning). The token's `sub` is read without checking it.
Run it with `uvicorn --factory bench.bare_list:app_from_env` and BENCH_BARE_DATABASE_URL set.
"""

import gc
import os
from collections import defaultdict
from typing import Any

import jwt
import sqlalchemy as sa
from litestar import Litestar, Request, get

from adapters.persistence.engine import make_engine
from adapters.persistence.tables import article_tags, articles, counters, favorites, follows, users
from entrypoints.http.asgi import GC_THRESHOLDS

DATABASE_URL_VAR = "BENCH_BARE_DATABASE_URL"


def page_query(viewer: int, limit: int, offset: int) -> sa.Select[Any]:
    favorited = sa.exists().where(favorites.c.article_id == articles.c.id, favorites.c.user_id == viewer)
    following = sa.exists().where(follows.c.followee_id == users.c.id, follows.c.follower_id == viewer)
    return (
        sa.select(
            articles.c.id,
            articles.c.slug,
            articles.c.title,
            articles.c.description,
            articles.c.created_at,
            articles.c.updated_at,
            articles.c.favorites_count,
            favorited.label("favorited"),
            users.c.username,
            users.c.bio,
            users.c.image,
            following.label("following"),
        )
        .join(users, users.c.id == articles.c.author_id)
        .order_by(articles.c.created_at.desc(), articles.c.id.desc())
        .limit(limit)
        .offset(offset)
    )


def create_app(database_url: str) -> Litestar:
    engine = make_engine(database_url)
    total = sa.select(counters.c.value).where(counters.c.name == "articles")

    @get("/api/articles")
    async def list_articles(request: Request, limit: int = 20, offset: int = 0) -> dict[str, Any]:
        token = request.headers.get("authorization", "").removeprefix("Token ")
        viewer = int(jwt.decode(token, options={"verify_signature": False})["sub"])
        async with engine.connect() as connection:
            rows = (await connection.execute(page_query(viewer, limit, offset))).all()
            tags: dict[int, list[str]] = defaultdict(list)
            ids = [row.id for row in rows]
            tagged = sa.select(article_tags.c.article_id, article_tags.c.tag).where(
                article_tags.c.article_id.in_(ids)
            )
            for article_id, tag in await connection.execute(tagged):
                tags[article_id].append(tag)
            count = (await connection.execute(total)).scalar_one()
        return {
            "articles": [
                {
                    "slug": r.slug,
                    "title": r.title,
                    "description": r.description,
                    "tagList": sorted(tags[r.id]),
                    "createdAt": r.created_at.isoformat(),
                    "updatedAt": r.updated_at.isoformat(),
                    "favorited": r.favorited,
                    "favoritesCount": r.favorites_count,
                    "author": {
                        "username": r.username,
                        "bio": r.bio,
                        "image": r.image,
                        "following": r.following,
                    },
                }
                for r in rows
            ],
            "articlesCount": count,
        }

    async def close() -> None:
        await engine.dispose()

    return Litestar(route_handlers=[list_articles], on_shutdown=[close], openapi_config=None, debug=False)


def app_from_env() -> Litestar:
    app = create_app(os.environ[DATABASE_URL_VAR])
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    return app
