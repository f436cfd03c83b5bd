"""Validated configuration from the environment (CONDUIT_*), read once at start-up."""

import os
import re
import secrets
from collections.abc import Mapping
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints
from urllib.parse import urlsplit

import msgspec

from core.shared.errors import Misconfigured
from entrypoints.embedded_files import private_data_dir, private_database_file
from entrypoints.secret_strength import MIN_SECRET_BITS, secret_weakness

PREFIX = "CONDUIT_"
TEST_PREFIX = "CONDUIT_TEST_"  # reserved for the test suite's service URLs, not settings
MIN_SECRET_BYTES = 32
_DEV_SECRET_FILE = "secret_key"  # noqa: S105 (a file name, not a secret)


class ConfigError(Misconfigured):
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
    session_idle_seconds: int = 7 * 24 * 3600  # a session unused this long ends
    reauth_window_seconds: int = 600  # e-mail/password changes without the current password after login
    trusted_proxies: str = ""  # comma-separated addresses/networks whose X-Forwarded-For is believed
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
    docs_enabled: bool | None = None  # unset: on in development, off in production
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["auto", "json", "text"] = "auto"  # auto: json in production, text otherwise
    metrics_enabled: bool | None = None  # unset: on in development, off in production
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
    def trusted_proxy_networks(self) -> list[IPv4Network | IPv6Network]:
        return [
            ip_network(entry.strip(), strict=False)
            for entry in self.trusted_proxies.split(",")
            if entry.strip()
        ]

    @property
    def shared_cache_location(self) -> str | None:
        """Where account state is cached when every process shares it (Redis), without credentials;
        None when it is read from the database."""
        if not (self.cache_enabled and self.redis_url):
            return None
        url = urlsplit(self.redis_url)
        place = (
            url.path
            if url.scheme == "unix"
            else f"{url.hostname}:{url.port or 6379}/{url.path.strip('/') or '0'}"
        )
        return f"{url.scheme}://{place} prefix {self.cache_prefix!r}"

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
    for name, value in raw.items():
        raw[name] = _parsed(name, value)
    return _complete(msgspec.convert(raw, Settings, strict=False))


# What each kind of value must look like, in the words of the error message.
_FORMS = {int: "a whole number", float: "a number", bool: "true or false", str: "text"}


def _parsed(name: str, value: Any) -> Any:
    """The value converted to the setting's type (enumerations ignore case), or a ConfigError that says
    what was given and what is accepted."""
    kind = get_type_hints(Settings)[name]
    if get_origin(kind) is Literal:
        choices = get_args(kind)
        chosen = next((c for c in choices if str(value).lower() == str(c).lower()), None)
        if chosen is None:
            raise ConfigError(
                f"{PREFIX}{name.upper()}={value!r} is not valid: use one of {', '.join(choices)}"
            )
        return chosen
    base = next((t for t in get_args(kind) if t is not type(None)), kind)  # `str | None` -> str
    try:
        return msgspec.convert(value, base, strict=False)
    except msgspec.ValidationError as error:
        form = _FORMS.get(base, base.__name__)
        raise ConfigError(f"{PREFIX}{name.upper()}={value!r} is not valid: use {form}") from error


def _complete(settings: Settings) -> Settings:
    data_dir = Path(settings.data_dir).expanduser().resolve()
    database_url = settings.database_url or f"sqlite:///{data_dir / 'conduit.db'}"
    _check_positive(settings)
    try:
        settings.trusted_proxy_networks  # noqa: B018 (parsed here to fail fast)
    except ValueError as error:
        raise ConfigError(
            f"{PREFIX}TRUSTED_PROXIES: {error} (give addresses or networks, comma-separated)"
        ) from error
    if settings.redis_url and not settings.redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(
            f"{PREFIX}REDIS_URL={_masked(settings.redis_url)!r} is not valid: use a URL starting with "
            "redis://, rediss:// or unix:// (e.g. redis://localhost:6379/0)"
        )
    if not database_url.startswith(("sqlite", "postgresql", "postgres")):
        raise ConfigError(
            f"{PREFIX}DATABASE_URL={_masked(database_url)!r} is not valid: use sqlite:///path/to/file.db "
            "or postgresql://user:password@host:5432/database"
        )
    if settings.database_url.startswith("sqlite"):
        _check_sqlite_directory(settings.database_url)
    _check_port(database_url)
    if database_url.startswith("sqlite") or not settings.secret_key:
        private_data_dir(data_dir)
    secret = settings.secret_key or _secret_for(settings, data_dir)
    _check_secret(secret, production=settings.is_production)
    if database_url.startswith("sqlite"):
        private_database_file(database_url)
    exposed = not settings.is_production  # /docs and /metrics: opt-in in production
    return msgspec.structs.replace(
        settings,
        data_dir=str(data_dir),
        database_url=database_url,
        secret_key=secret,
        docs_enabled=exposed if settings.docs_enabled is None else settings.docs_enabled,
        metrics_enabled=exposed if settings.metrics_enabled is None else settings.metrics_enabled,
    )


def _check_port(url: str) -> None:
    try:
        _ = urlsplit(url).port
    except ValueError as error:
        raise ConfigError(
            f"{PREFIX}DATABASE_URL={_masked(url)!r} is not valid: the port must be a number "
            "(postgresql://user:password@host:5432/database)"
        ) from error


def _check_sqlite_directory(url: str) -> None:
    """SQLite creates a missing file but not a missing directory; say which one is missing."""
    path = url.partition(":///")[2].split("?", 1)[0]
    if not path or path == ":memory:":
        return
    directory = Path(path).expanduser().absolute().parent
    if not directory.is_dir():
        raise ConfigError(
            f"{PREFIX}DATABASE_URL={url!r}: the directory {directory} does not exist "
            f"(create it: mkdir -p {directory})"
        )


def _check_positive(settings: Settings) -> None:
    for name in (
        "token_ttl_seconds",
        "session_idle_seconds",
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
        if (value := getattr(settings, name)) <= 0:
            raise ConfigError(f"{PREFIX}{name.upper()}={value!r} is not valid: use a number greater than 0")
    for name in ("shutdown_timeout_seconds", "reauth_window_seconds", "db_max_overflow"):
        if (value := getattr(settings, name)) < 0:
            raise ConfigError(f"{PREFIX}{name.upper()}={value!r} is not valid: use 0 or more")


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
    if production and (problem := secret_weakness(secret)):
        raise ConfigError(
            f"{PREFIX}SECRET_KEY is too weak: {problem}. The production check refuses keys that repeat a "
            f"shorter part, that are half runs of neighbouring characters (abcd, 4321, aaaa), or whose "
            f"characters carry less than an estimated {MIN_SECRET_BITS} bits (length x Shannon entropy "
            "per character). Use a random value, e.g. "
            "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
