"""Operating the HTTP API: ETag / 304, cache headers, request ids, JSON logs, health probes, metrics."""

import io
import json
import logging
from collections.abc import Iterator

import msgspec
import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from entrypoints.container import build_container
from entrypoints.http.app import create_app
from entrypoints.logs import configure_logging, flush_logs, reset_logging
from entrypoints.settings import load_settings
from tests.conftest import TEST_SECRET
from tests.e2e.conftest import Api, app_settings
from tests.redis_helpers import free_port


async def test_etag_and_304_on_anonymous_reads(api: Api) -> None:
    jake = await api.register("jake")
    await api.create_article(jake["token"], title="Dragons", tagList=["dragons"])
    for path in ["/api/tags", "/api/articles", "/api/articles/dragons", "/api/profiles/jake"]:
        first = await api.client.get(path)
        etag = first.headers["etag"]
        assert etag.startswith('"') and first.headers["cache-control"] == "no-cache"
        assert (await api.client.get(path)).headers["etag"] == etag  # stable while nothing changes
        for condition in [etag, f"W/{etag}", f'"other", {etag}', "*"]:
            again = await api.client.get(path, headers={"If-None-Match": condition})
            assert again.status_code == 304, condition
            assert again.content == b"" and again.headers["etag"] == etag
            assert "content-length" not in again.headers or again.headers["content-length"] == "0"
        assert (await api.client.get(path, headers={"If-None-Match": '"other"'})).status_code == 200

    before = (await api.client.get("/api/articles")).headers["etag"]
    await api.client.post("/api/articles/dragons/favorite", headers=api.auth(jake["token"]))
    changed = await api.client.get("/api/articles", headers={"If-None-Match": before})
    assert changed.status_code == 200 and changed.headers["etag"] != before


async def test_personal_answers_are_never_stored_by_shared_caches(api: Api) -> None:
    jake = await api.register("jake")
    response = await api.client.get("/api/articles", headers=api.auth(jake["token"]))
    assert response.headers["cache-control"] == "private, no-store"
    assert "Authorization" in response.headers["vary"]
    etag = response.headers["etag"]
    again = await api.client.get("/api/articles", headers={**api.auth(jake["token"]), "If-None-Match": etag})
    assert again.status_code == 304 and again.headers["cache-control"] == "private, no-store"
    created = await api.client.post(
        "/api/users", json={"user": {"username": "x", "email": "x@x.io", "password": "wooden-spoon-88"}}
    )
    assert "etag" not in created.headers  # only successful reads are tagged


async def test_every_response_carries_a_request_id_and_the_security_headers(api: Api) -> None:
    ids = set()
    for method, path in [
        ("GET", "/api/tags"),
        ("GET", "/nowhere"),
        ("DELETE", "/api/tags"),
        ("GET", "/api/user"),
    ]:
        response = await api.client.request(method, path)
        ids.add(response.headers["x-request-id"])
        assert len(response.headers["x-request-id"]) == 32
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
    assert len(ids) == 4
    echoed = await api.client.get("/api/tags", headers={"X-Request-ID": "edge-proxy.42"})
    assert echoed.headers["x-request-id"] == "edge-proxy.42"
    unsafe = await api.client.get("/api/tags", headers={"X-Request-ID": "bad id\twith spaces"})
    assert unsafe.headers["x-request-id"] != "bad id\twith spaces"


@pytest.fixture
def json_log(settings) -> Iterator[io.StringIO]:
    stream = io.StringIO()
    level = logging.getLogger().level
    configure_logging(msgspec.structs.replace(settings, log_format="json"), stream=stream)
    yield stream
    reset_logging()
    logging.getLogger().setLevel(level)


async def test_json_logs_carry_the_request_id_and_no_secrets(api: Api, json_log: io.StringIO) -> None:
    password = "correct-horse-battery"
    jake = await api.register("jake", password=password)
    response = await api.client.get("/api/user", headers=api.auth(jake["token"]))
    login = {"user": {"email": "jake@example.com", "password": "wrong-password-123"}}
    assert (await api.client.post("/api/users/login", json=login)).status_code == 401
    flush_logs()
    text = json_log.getvalue()
    lines = [json.loads(line) for line in text.splitlines()]
    access = [line for line in lines if line["logger"] == "conduit.access"]
    assert len(access) == 3 and all(line["request_id"] != "-" for line in access)
    mine = next(line for line in access if line["path"] == "/api/user")
    assert mine["request_id"] == response.headers["x-request-id"]
    assert (mine["method"], mine["status"]) == ("GET", 200) and mine["duration_ms"] >= 0
    for secret in [password, "wrong-password-123", jake["token"], "Authorization", "authorization"]:
        assert secret not in text


async def test_health_probes(client: AsyncTestClient) -> None:
    assert (await client.get("/health/live")).json() == {"status": "ok"}
    ready = await client.get("/health/ready")
    assert ready.status_code == 200 and ready.json() == {"status": "ok", "checks": {"database": "ok"}}


async def _ready(settings) -> tuple[int, dict]:
    async with AsyncTestClient(app=create_app(build_container(settings))) as client:
        response = await client.get("/health/ready")
        assert (await client.get("/health/live")).status_code == 200  # liveness never depends on them
        return response.status_code, response.json()


async def test_ready_names_an_unmigrated_database(tmp_path) -> None:
    settings = load_settings({}, data_dir=str(tmp_path), secret_key=TEST_SECRET)  # fresh, not migrated
    status, body = await _ready(settings)
    assert status == 503 and body["failing"] == ["database"]
    assert "not migrated" in body["checks"]["database"]


async def test_ready_names_a_database_behind_the_newest_migration(settings) -> None:
    container = build_container(settings)
    async with container.infra.engine().begin() as connection:
        await connection.execute(sa.text("UPDATE alembic_version SET version_num = 'older'"))
    try:
        status, body = await _ready(settings)
        assert status == 503 and "needs" in body["checks"]["database"]
    finally:
        async with container.infra.engine().begin() as connection:
            head = container.infra.migrations().head()
            await connection.execute(sa.text("UPDATE alembic_version SET version_num = :h"), {"h": head})
        await container.infra.engine().dispose()


async def test_ready_names_unreachable_database_and_redis(tmp_path) -> None:
    closed = free_port()
    settings = app_settings(
        f"postgresql://nobody@127.0.0.1:{closed}/none", tmp_path, redis_url=f"redis://127.0.0.1:{closed}/0"
    )
    status, body = await _ready(settings)
    assert status == 503 and body["failing"] == ["database", "redis"]
    assert str(closed) not in json.dumps(body)  # no addresses in the answer


async def test_metrics_count_requests_per_route_and_cache_outcomes(api: Api) -> None:
    jake = await api.register("jake")
    await api.create_article(jake["token"], title="Dragons")
    for _ in range(3):
        await api.get("/api/articles/dragons")
    await api.client.get("/api/articles/nope")
    etag = (await api.client.get("/api/tags")).headers["etag"]
    await api.client.get("/api/tags", headers={"If-None-Match": etag})
    text = (await api.client.get("/metrics")).text
    assert any(  # the metrics see the final status (the registry is per process: counts accumulate)
        line.startswith("conduit_requests_total{") and 'path="/api/tags",status_code="304"' in line
        for line in text.splitlines()
    )
    route = 'path="/api/articles/{slug}"'
    assert any(
        line.startswith("conduit_requests_total{") and route in line and 'status_code="200"' in line
        for line in text.splitlines()
    )
    assert any(route in line and 'status_code="404"' in line for line in text.splitlines())
    assert 'conduit_cache_reads_total{kind="article",outcome="hit"}' in text
    assert 'conduit_cache_reads_total{kind="article",outcome="miss"}' in text
    assert "conduit_db_connections_in_use" in text
    assert "conduit_request_duration_seconds_bucket" in text


def _count(text: str, labels: str) -> float:
    return sum(
        float(line.split()[-1])
        for line in text.splitlines()
        if line.startswith("conduit_requests_total{") and labels in line
    )


async def test_metrics_count_unrouted_answers_under_one_label(api: Api) -> None:
    unrouted = 'method="GET",path="unrouted",status_code="404"'
    before = _count((await api.client.get("/metrics")).text, unrouted)
    for path in ("/wp-admin", "/.env", "/api/nothing/here"):
        assert (await api.client.get(path)).status_code == 404
    assert (await api.client.delete("/api/tags")).status_code == 405
    text = (await api.client.get("/metrics")).text
    assert _count(text, unrouted) == before + 3
    assert _count(text, 'method="DELETE",path="unrouted",status_code="405"') >= 1
    assert "/wp-admin" not in text and "/.env" not in text  # one label, whatever scanners try
    routed_404 = 'path="/api/articles/{slug}",status_code="404"'
    seen = _count(text, routed_404)
    await api.client.get("/api/articles/nope")
    after = (await api.client.get("/metrics")).text
    assert _count(after, routed_404) == seen + 1 and _count(after, unrouted) == before + 3  # once each
