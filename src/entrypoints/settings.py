"""Validated configuration from the environment (CONDUIT_*), read once at start-up."""

import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import msgspec

PREFIX = "CONDUIT_"
TEST_PREFIX = "CONDUIT_TEST_"  # reserved for the test suite's service URLs, not settings
MIN_SECRET_BYTES = 32
_DEV_SECRET_FILE = "secret_key"  # noqa: S105 (a file name, not a secret)


class ConfigError(Exception):
    """Configuration is missing or invalid; the message names the variable and the fix."""


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    env: Literal["development", "production"] = "development"
    data_dir: str = ".conduit"
    database_url: str = ""  # empty: a SQLite file in data_dir
    redis_url: str | None = None  # unset: in-process cache
    cache_enabled: bool = True  # false: every read goes to the database (benchmarks, debugging)
    cache_ttl_seconds: float = 300.0  # a safety net: invalidation is exact without it
    cache_max_entries: int = 10_000  # in-process cache only
    cache_prefix: str = "conduit:"
    redis_timeout_seconds: float = 0.25
    cache_retry_seconds: float = 5.0  # after a Redis error, read from the database this long
    secret_key: str = ""  # empty: development generates and keeps one in data_dir
    token_ttl_seconds: int = 24 * 3600
    argon2_time_cost: int = 2
    argon2_memory_kib: int = 19 * 1024
    argon2_parallelism: int = 1
    hash_concurrency: int = max(2, os.cpu_count() or 2)
    db_pool_size: int = 20  # concurrency above it opens and closes extra connections, a handshake each
    db_max_overflow: int = 10
    db_pool_timeout: float = 5.0
    login_max_failures_per_account: int = 10
    login_max_failures_per_client: int = 50
    login_failure_window_seconds: int = 15 * 60
    db_connect_timeout: float = 5.0
    health_timeout_seconds: float = 2.0
    shutdown_timeout_seconds: float = 20.0  # in-flight requests get this long to finish on SIGTERM
    cors_origins: str = "*"  # comma-separated list of allowed origins
    docs_enabled: bool = True
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["auto", "json", "text"] = "auto"  # auto: json in production, text otherwise
    metrics_enabled: bool = True
    stats_ttl_seconds: float = 30.0  # dashboard counts and daily series are reused this long
    admin_enabled: bool = True  # the web admin console under /admin
    admin_idle_timeout_seconds: int = 30 * 60  # a console session ends after this long without a request
    admin_session_max_seconds: int = 8 * 3600  # ... and this long after sign-in, whatever happens

    def __repr__(self) -> str:  # never print the secret
        shown = {f: getattr(self, f) for f in self.__struct_fields__ if f != "secret_key"}
        return f"Settings({', '.join(f'{k}={v!r}' for k, v in shown.items())}, secret_key='***')"

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def json_logs(self) -> bool:
        return self.log_format == "json" or (self.log_format == "auto" and self.is_production)

    @property
    def safe_database_url(self) -> str:
        """The database URL with any password masked, for logs and messages."""
        return _masked(self.database_url)

    @property
    def safe_redis_url(self) -> str | None:
        return _masked(self.redis_url) if self.redis_url else None

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]


def _masked(url: str) -> str:
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Settings from CONDUIT_* variables (and keyword overrides), validated, with defaults filled in.

    Raises ConfigError with a message that names the offending variable.
    """
    environ = os.environ if environ is None else environ
    raw: dict[str, Any] = {
        name.removeprefix(PREFIX).lower(): value
        for name, value in environ.items()
        if name.startswith(PREFIX) and not name.startswith(TEST_PREFIX) and value != ""
    }
    raw.update({k: v for k, v in overrides.items() if v is not None})
    unknown = sorted(set(raw) - set(Settings.__struct_fields__))
    if unknown:
        raise ConfigError(f"unknown setting {PREFIX}{unknown[0].upper()}")
    try:
        settings = msgspec.convert(raw, Settings, strict=False)
    except msgspec.ValidationError as error:
        raise ConfigError(_explain(error)) from error
    return _complete(settings)


def _explain(error: msgspec.ValidationError) -> str:
    message = str(error)
    if " - at `$." in message:
        text, field = message.rsplit(" - at `$.", 1)
        return f"{PREFIX}{field.rstrip('`').upper()}: {text}"
    return message


def _complete(settings: Settings) -> Settings:
    data_dir = Path(settings.data_dir).expanduser().resolve()
    database_url = settings.database_url or f"sqlite:///{data_dir / 'conduit.db'}"
    _check_positive(settings)
    if settings.redis_url and not settings.redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(f"{PREFIX}REDIS_URL must start with redis://, rediss:// or unix://")
    if not database_url.startswith(("sqlite", "postgresql", "postgres")):
        raise ConfigError(f"{PREFIX}DATABASE_URL must be a sqlite:/// or postgresql:// URL")
    if database_url.startswith("sqlite") or not settings.secret_key:
        data_dir.mkdir(parents=True, exist_ok=True)
    secret = settings.secret_key or _secret_for(settings, data_dir)
    _check_secret(secret, production=settings.is_production)
    return msgspec.structs.replace(
        settings, data_dir=str(data_dir), database_url=database_url, secret_key=secret
    )


def _check_positive(settings: Settings) -> None:
    for name in (
        "token_ttl_seconds",
        "argon2_time_cost",
        "argon2_memory_kib",
        "argon2_parallelism",
        "hash_concurrency",
        "db_pool_size",
        "db_pool_timeout",
        "login_max_failures_per_account",
        "login_max_failures_per_client",
        "login_failure_window_seconds",
        "db_connect_timeout",
        "cache_ttl_seconds",
        "cache_max_entries",
        "redis_timeout_seconds",
        "cache_retry_seconds",
        "health_timeout_seconds",
        "stats_ttl_seconds",
        "admin_idle_timeout_seconds",
        "admin_session_max_seconds",
    ):
        if getattr(settings, name) <= 0:
            raise ConfigError(f"{PREFIX}{name.upper()} must be greater than 0")
    if settings.shutdown_timeout_seconds < 0:
        raise ConfigError(f"{PREFIX}SHUTDOWN_TIMEOUT_SECONDS must be 0 or more")
    if settings.db_max_overflow < 0:
        raise ConfigError(f"{PREFIX}DB_MAX_OVERFLOW must be 0 or more")


def _secret_for(settings: Settings, data_dir: Path) -> str:
    if settings.is_production:
        raise ConfigError(
            f"{PREFIX}SECRET_KEY is required in production: set it to a random value of at least "
            f"{MIN_SECRET_BYTES} bytes, e.g. the output of: "
            "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
    path = data_dir / _DEV_SECRET_FILE
    if not path.exists():  # development only: generated once, kept next to the embedded database
        draft = data_dir / f".{_DEV_SECRET_FILE}.{os.getpid()}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
        try:  # link() publishes the complete file atomically; a concurrent starter's file wins
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


def _check_secret(secret: str, *, production: bool) -> None:
    if len(secret.encode()) < MIN_SECRET_BYTES:
        raise ConfigError(f"{PREFIX}SECRET_KEY is too short: use at least {MIN_SECRET_BYTES} bytes")
    if production and len(set(secret)) < 10:
        raise ConfigError(f"{PREFIX}SECRET_KEY is too weak: use a random value, not a repeated pattern")
