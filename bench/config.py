"""Bench options (BENCH_* variables) and the server environment of each configuration."""

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from entrypoints.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CONTROLLED = ("CONDUIT_DATABASE_URL", "CONDUIT_DATA_DIR", "CONDUIT_REDIS_URL", "CONDUIT_SECRET_KEY")
SERVER_DEFAULTS = {"CONDUIT_ENV": "production", "CONDUIT_LOG_LEVEL": "WARNING"}


@dataclass(frozen=True, slots=True)
class Options:
    seconds: float
    warmup: float
    connections: int
    threads: int
    workers: int
    configs: tuple[str, ...]
    scenarios: tuple[str, ...]  # empty: every scenario
    postgres_url: str
    redis_url: str
    token_users: int
    work_dir: Path
    cache_on_env: dict[str, str] = field(default_factory=dict)
    cache_off_env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "Options":
        quick = environ.get("BENCH_QUICK", "") not in ("", "0")
        return cls(
            seconds=float(environ.get("BENCH_SECONDS") or (3 if quick else 10)),
            warmup=float(environ.get("BENCH_WARMUP") or (1 if quick else 2)),
            connections=int(environ.get("BENCH_CONNECTIONS") or 32),
            threads=int(environ.get("BENCH_THREADS") or 2),
            workers=int(environ.get("BENCH_WORKERS") or 1),
            configs=tuple((environ.get("BENCH_CONFIGS") or ",".join(CONFIGURATIONS)).split(",")),
            scenarios=tuple(name for name in environ.get("BENCH_SCENARIOS", "").split(",") if name),
            postgres_url=environ.get("BENCH_POSTGRES_URL")
            or "postgresql://postgres@127.0.0.1:5432/conduit_bench",
            redis_url=environ.get("BENCH_REDIS_URL") or "redis://127.0.0.1:6379/11",
            token_users=int(environ.get("BENCH_TOKEN_USERS") or 40),
            work_dir=Path(environ.get("BENCH_WORK_DIR") or ROOT / ".bench"),
            cache_on_env=_pairs(environ.get("BENCH_CACHE_ON_ENV", "")),
            cache_off_env=_pairs(environ.get("BENCH_CACHE_OFF_ENV", "")),
        )


def _pairs(text: str) -> dict[str, str]:
    """'CONDUIT_A=1 CONDUIT_B=x' -> {'CONDUIT_A': '1', 'CONDUIT_B': 'x'}."""
    return dict(item.split("=", 1) for item in text.split() if "=" in item)


@dataclass(frozen=True, slots=True)
class Configuration:
    name: str
    database: str  # "sqlite" or "postgres"
    cache: bool


CONFIGURATIONS = {
    "sqlite-nocache": Configuration("sqlite-nocache", "sqlite", cache=False),
    "sqlite-cache": Configuration("sqlite-cache", "sqlite", cache=True),
    "postgres-nocache": Configuration("postgres-nocache", "postgres", cache=False),
    "postgres-redis": Configuration("postgres-redis", "postgres", cache=True),
}


def cache_switch() -> tuple[str, str, str] | None:
    """(variable, value for on, value for off) of a boolean cache setting, if this server has one."""
    for info in msgspec.structs.fields(Settings):
        if "cache" in info.name and info.type is bool:
            on, off = (
                ("false", "true") if "disable" in info.name or "no_cache" in info.name else ("true", "false")
            )
            return f"CONDUIT_{info.name.upper()}", on, off
    return None


def cache_env(options: Options, cache: bool) -> dict[str, str]:
    """The cache-related variables of a configuration: BENCH_CACHE_*_ENV, else the detected switch."""
    explicit = options.cache_on_env if cache else options.cache_off_env
    if explicit:
        return explicit
    switch = cache_switch()
    return {switch[0]: switch[1] if cache else switch[2]} if switch else {}


def describe(config: Configuration, options: Options) -> str:
    """An honest label: what the configuration really changes on this server."""
    database = "PostgreSQL" if config.database == "postgres" else "embedded SQLite"
    extra = cache_env(options, config.cache)
    switched = ", ".join(f"{k}={v}" for k, v in extra.items())
    if config.database == "postgres" and config.cache:
        cache = f"cache on: CONDUIT_REDIS_URL={options.redis_url}" + (f", {switched}" if switched else "")
    elif config.cache:
        cache = (
            f"cache on (in-process): {switched}"
            if switched
            else "cache on: no cache switch found, same server as off"
        )
    else:
        cache = (
            f"cache off: {switched}"
            if switched
            else "cache off: no CONDUIT_REDIS_URL (no cache switch found)"
        )
    return f"{database}, {cache}"


def server_env(config: Configuration, options: Options, *, secret: str) -> dict[str, str]:
    """The server's environment: inherited CONDUIT_* settings, bench defaults, this configuration."""
    env = {k: v for k, v in os.environ.items() if k not in CONTROLLED and not k.startswith("CONDUIT_TEST_")}
    for name, value in SERVER_DEFAULTS.items():
        env.setdefault(name, value)
    data_dir = options.work_dir / config.name
    data_dir.mkdir(parents=True, exist_ok=True)  # the settings refuse a SQLite file in a missing directory
    env.update(
        CONDUIT_DATA_DIR=str(data_dir),
        CONDUIT_DATABASE_URL=options.postgres_url
        if config.database == "postgres"
        else f"sqlite:///{data_dir / 'conduit.db'}",
        CONDUIT_SECRET_KEY=secret,
        **cache_env(options, config.cache),
    )
    if config.database == "postgres" and config.cache:
        env["CONDUIT_REDIS_URL"] = options.redis_url
    return env


def new_secret() -> str:
    return secrets.token_urlsafe(48)
