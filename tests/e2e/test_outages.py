"""Dependencies failing under a running app: Redis trouble degrades (never a 5xx), a PostgreSQL restart
gives fast 503s while it is down and success again as soon as it is back, without restarting Conduit.
Both use servers of their own, never the shared ones."""

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterator

import pytest
from litestar.testing import AsyncTestClient

from adapters.persistence.migrations.runner import Migrations
from entrypoints.container import build_container
from entrypoints.http.app import create_app
from tests import postgres_helpers
from tests.e2e.conftest import Api, app_settings
from tests.postgres_helpers import ThrowawayPostgres
from tests.redis_helpers import ThrowawayRedis

RETRY = 0.3


@pytest.fixture
async def redis_backed(database_url: str, throwaway_redis: ThrowawayRedis, cache_prefix: str, tmp_path):
    settings = app_settings(
        database_url,
        tmp_path,
        redis_url=throwaway_redis.url,
        cache_prefix=cache_prefix,
        cache_retry_seconds=RETRY,
        redis_timeout_seconds=0.2,
    )
    async with AsyncTestClient(app=create_app(build_container(settings))) as client:
        yield Api(client)


async def test_redis_down_then_back_never_fails_a_request(
    redis_backed: Api, throwaway_redis: ThrowawayRedis, caplog: pytest.LogCaptureFixture
) -> None:
    api = redis_backed
    jake = await api.register("jake")
    await api.create_article(jake["token"], title="Dragons")
    for path in ["/api/articles", "/api/articles/dragons", "/api/tags"]:
        await api.get(path)

    throwaway_redis.stop()
    caplog.clear()
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="conduit.cache"):
        for n in range(5):
            for path in ["/api/articles", "/api/articles/dragons", "/api/tags", "/api/profiles/jake"]:
                response = await api.client.get(path)
                assert response.status_code == 200, (path, response.text)
            await api.create_article(jake["token"], title=f"Written while Redis is down {n}")
        favorited = await api.client.post("/api/articles/dragons/favorite", headers=api.auth(jake["token"]))
        assert favorited.status_code == 200
        assert (await api.get("/api/articles/dragons"))["article"]["favoritesCount"] == 1
        assert (await api.get("/api/articles"))["articlesCount"] == 6
    assert time.monotonic() - started < 10
    warnings = [r for r in caplog.records if r.name == "conduit.cache" and r.levelno == logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert (await api.client.get("/health/ready")).json()["failing"] == ["redis"]

    throwaway_redis.start()
    await asyncio.sleep(RETRY + 0.1)
    assert (await api.get("/api/articles"))["articlesCount"] == 6
    metrics = (await api.client.get("/metrics")).text
    hits_before = _counter(metrics, 'conduit_cache_reads_total{kind="response",outcome="hit"}')
    await api.get("/api/articles")
    metrics = (await api.client.get("/metrics")).text
    assert _counter(metrics, 'conduit_cache_reads_total{kind="response",outcome="hit"}') == hits_before + 1
    assert (await api.client.get("/health/ready")).status_code == 200


@pytest.fixture
async def hung_redis() -> AsyncIterator[str]:
    """A server on 127.0.0.1 that accepts connections and never answers: Redis hung or very slow."""
    held: list[asyncio.StreamWriter] = []

    async def hold(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"redis://127.0.0.1:{port}/0"
    for writer in held:
        writer.close()
    server.close()
    await server.wait_closed()


async def test_hung_redis_costs_one_timeout_not_one_per_request(
    database_url: str, hung_redis: str, cache_prefix: str, tmp_path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = app_settings(
        database_url,
        tmp_path,
        redis_url=hung_redis,
        cache_prefix=cache_prefix,
        redis_timeout_seconds=0.2,
        cache_retry_seconds=30,
    )
    async with AsyncTestClient(app=create_app(build_container(settings))) as client:
        api = Api(client)
        with caplog.at_level(logging.WARNING, logger="conduit.cache"):
            jake = await api.register("jake")
            await api.create_article(jake["token"], title="Dragons")
            started = time.monotonic()
            for _ in range(20):
                assert (await client.get("/api/articles/dragons")).status_code == 200
            assert time.monotonic() - started < 2.0  # 20 x 0.2 s would be 4 s: the breaker skips Redis
        assert len([r for r in caplog.records if r.name == "conduit.cache"]) == 1
        ready = await client.get("/health/ready")
        assert ready.status_code == 503 and ready.json()["failing"] == ["redis"]


def _counter(metrics: str, name: str) -> float:
    return next((float(line.split()[-1]) for line in metrics.splitlines() if line.startswith(name)), 0.0)


@pytest.fixture
def throwaway_postgres() -> Iterator[ThrowawayPostgres]:
    if not postgres_helpers.available():
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    server = ThrowawayPostgres()
    server.create()
    Migrations(server.url).upgrade()
    yield server
    server.destroy()


@pytest.fixture
async def on_throwaway_postgres(throwaway_postgres: ThrowawayPostgres, tmp_path) -> AsyncIterator[Api]:
    settings = app_settings(throwaway_postgres.url, tmp_path, db_connect_timeout=2.0)
    async with AsyncTestClient(app=create_app(build_container(settings))) as client:
        yield Api(client)


async def test_postgres_restart_gives_fast_503s_then_recovers(
    on_throwaway_postgres: Api, throwaway_postgres: ThrowawayPostgres
) -> None:
    api = on_throwaway_postgres
    jake = await api.register("jake")
    await api.create_article(jake["token"], title="Dragons")
    auth = api.auth(jake["token"])

    async def calls() -> list[int]:
        comment = {"comment": {"body": "hi"}}
        return [
            (await api.client.get("/api/user", headers=auth)).status_code,
            (await api.client.get("/api/articles/dragons/comments")).status_code,
            (await api.client.get("/api/articles/feed", headers=auth)).status_code,
            (await api.client.post("/api/articles/dragons/comments", json=comment, headers=auth)).status_code,
            (await api.client.post("/api/articles/dragons/favorite", headers=auth)).status_code,
        ]

    assert await calls() == [200, 200, 200, 201, 200]
    await asyncio.to_thread(throwaway_postgres.stop)
    started = time.monotonic()
    assert await calls() == [503] * 5
    down = await api.client.get("/api/articles/feed", headers=auth)
    assert down.json()["errors"]["body"][0].startswith("the database")
    assert time.monotonic() - started < 5  # fail fast, no hanging on a dead server
    ready = await api.client.get("/health/ready")
    assert ready.status_code == 503 and ready.json()["failing"] == ["database"]
    assert (await api.client.get("/health/live")).status_code == 200

    await asyncio.to_thread(throwaway_postgres.start)
    assert await calls() == [200, 200, 200, 201, 200]  # same app, the pool reconnects by itself
    assert (await api.client.get("/health/ready")).status_code == 200


async def _statuses_across_restart(
    api: Api, stop: Callable[[], None], start: Callable[[], None], pause: float
) -> list[int]:
    """Keep reads and writes in flight, four at a time, while a server stops and starts; every status."""
    jake = await api.register("jake")
    await api.create_article(jake["token"], title="Dragons")
    auth = api.auth(jake["token"])
    statuses: list[int] = []
    done = asyncio.Event()

    async def load() -> None:
        while not done.is_set():
            for response in await asyncio.gather(
                api.client.get("/api/user", headers=auth),
                api.client.get("/api/articles/dragons"),
                api.client.get("/api/articles?limit=5", headers=auth),
                api.client.post(
                    "/api/articles/dragons/comments", json={"comment": {"body": "x"}}, headers=auth
                ),
            ):
                statuses.append(response.status_code)

    running = asyncio.create_task(load())
    for step in (stop, start):
        await asyncio.sleep(pause)
        await asyncio.to_thread(step)
    await asyncio.sleep(pause)
    done.set()
    await running
    return statuses


async def test_postgres_restart_under_load_gives_only_503s_never_500s(
    on_throwaway_postgres: Api, throwaway_postgres: ThrowawayPostgres
) -> None:
    pg = throwaway_postgres
    statuses = await _statuses_across_restart(on_throwaway_postgres, pg.stop, pg.start, pause=0.3)
    assert set(statuses) <= {200, 201, 503}, sorted(set(statuses))
    assert 503 in statuses and statuses[-4:] == [200, 200, 200, 201]


async def test_redis_restart_under_load_fails_nothing(
    redis_backed: Api, throwaway_redis: ThrowawayRedis
) -> None:
    redis = throwaway_redis
    statuses = await _statuses_across_restart(redis_backed, redis.stop, redis.start, pause=RETRY)
    assert set(statuses) <= {200, 201}, sorted(set(statuses))
