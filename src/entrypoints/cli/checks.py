"""`conduit check`: a deployment checklist with a non-zero exit when something fails."""

import asyncio
import sys

import click

from core.shared.errors import CoreError
from entrypoints.python_api import Conduit
from entrypoints.settings import ConfigError, Settings, load_settings

CHECK_FAILED = 8
NEWER = "a migration this version does not have: a newer Conduit migrated the database (run that version)"
_SERVICES = ("database", "migrations", "redis")


@click.command()
def check() -> None:
    """Check configuration, database, migrations, Redis and production hardening.

    Prints one line per check; exits 8 when any check fails (warnings do not fail).
    """
    results: list[tuple[str, str, str]] = []  # (status, name, detail)
    try:
        settings = load_settings()
    except ConfigError as error:
        results.append(("fail", "configuration", error.message))
        results += [("fail", name, "not checked: fix the configuration first") for name in _SERVICES]
    else:
        results.append(("ok", "configuration", f"{settings.env}, database {settings.safe_database_url}"))
        results += asyncio.run(_services(settings))
        results += _surfaces(settings)
        results += _hardening(settings)
    for status, name, detail in results:
        mark = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}[status]
        click.echo(f"[{mark}] {name}: {detail}")
    if any(status == "fail" for status, _, _ in results):
        sys.exit(CHECK_FAILED)


async def _services(settings: Settings) -> list[tuple[str, str, str]]:
    results: list[tuple[str, str, str]] = []
    async with Conduit.open(settings.database_url) as conduit:
        try:
            current, head = await conduit.schema_status()
        except CoreError as error:
            results.append(("fail", "database", error.message))
            results.append(("fail", "migrations", "not checked: the database is not reachable"))
        else:
            results.append(("ok", "database", "reachable"))
            if current == head:
                results.append(("ok", "migrations", f"at the newest revision {head}"))
            elif current and not await conduit.knows_migration(current):
                results.append(("fail", "migrations", f"at {current}, {NEWER}"))
            else:
                results.append(
                    (
                        "fail",
                        "migrations",
                        f"at {current or 'nothing'}, newest is {head} (run: conduit db upgrade)",
                    )
                )
        redis = await conduit.redis_reachable()
        if redis is None:
            results.append(("ok", "redis", "not configured (in-process cache and login limits, one process)"))
        else:
            results.append(("ok", "redis", "reachable") if redis else ("fail", "redis", "unreachable"))
    return results


def _surfaces(settings: Settings) -> list[tuple[str, str, str]]:
    """What the server exposes besides the API, and whose client addresses it believes."""
    exposed = "warn" if settings.is_production else "ok"
    docs = (
        (exposed, "surface /docs", "on: the interactive docs and /docs/openapi.json are public")
        if settings.docs_enabled
        else ("ok", "surface /docs", "off (CONDUIT_DOCS_ENABLED)")
    )
    metrics = (
        (exposed, "surface /metrics", "on: Prometheus metrics are public; restrict it at the proxy")
        if settings.metrics_enabled
        else ("ok", "surface /metrics", "off (CONDUIT_METRICS_ENABLED)")
    )
    proxies = settings.trusted_proxies.strip()
    return [
        ("ok", "surface /health", "on: /health/live and /health/ready (no data, for load balancers)"),
        docs,
        metrics,
        (
            "ok",
            "trusted proxies",
            f"X-Forwarded-For believed from {proxies}"
            if proxies
            else "none: client addresses are the TCP peers (set CONDUIT_TRUSTED_PROXIES behind a proxy)",
        ),
    ]


def _hardening(settings: Settings) -> list[tuple[str, str, str]]:
    if not settings.is_production:
        return [("warn", "environment", "development: set CONDUIT_ENV=production for a deployment")]
    results = [("ok", "secret", "set and strong enough")]
    if settings.database_url.startswith("sqlite"):
        results.append(
            ("warn", "database", "SQLite in production: one machine only; PostgreSQL is recommended")
        )
    if "*" in settings.cors_origin_list:
        results.append(
            ("warn", "cors", "any origin may call the API: set CONDUIT_CORS_ORIGINS to your front ends")
        )
    return results
