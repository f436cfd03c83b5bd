"""Configuration from the environment: defaults, validation, secrets."""

import stat

import pytest

from entrypoints.settings import ConfigError, load_settings

STRONG = "Qm7vX2pL9sKd4TzR8wYc1NfH6jBe3GuA"  # random: what the production check wants


def test_embedded_defaults(tmp_path) -> None:
    settings = load_settings({"CONDUIT_DATA_DIR": str(tmp_path / "data")})
    assert settings.env == "development"
    assert settings.database_url == f"sqlite:///{tmp_path / 'data' / 'conduit.db'}"
    assert settings.redis_url is None


def test_development_secret_is_generated_once_and_kept_private(tmp_path) -> None:
    first = load_settings({"CONDUIT_DATA_DIR": str(tmp_path)})
    second = load_settings({"CONDUIT_DATA_DIR": str(tmp_path)})
    assert first.secret_key == second.secret_key and len(first.secret_key) >= 32
    mode = (tmp_path / "secret_key").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


@pytest.mark.parametrize(
    ("environ", "names"),
    [
        ({"CONDUIT_ENV": "production"}, "CONDUIT_SECRET_KEY"),
        ({"CONDUIT_ENV": "production", "CONDUIT_SECRET_KEY": "short"}, "CONDUIT_SECRET_KEY"),
        ({"CONDUIT_ENV": "production", "CONDUIT_SECRET_KEY": "a" * 64}, "CONDUIT_SECRET_KEY"),
        ({"CONDUIT_ENV": "staging"}, "CONDUIT_ENV"),
        ({"CONDUIT_TOKEN_TTL_SECONDS": "soon"}, "CONDUIT_TOKEN_TTL_SECONDS"),
        ({"CONDUIT_TOKEN_TTL_SECONDS": "0"}, "CONDUIT_TOKEN_TTL_SECONDS"),
        ({"CONDUIT_REDIS_URL": "localhost:6379"}, "CONDUIT_REDIS_URL"),
        ({"CONDUIT_DATABASE_URL": "mysql://x"}, "CONDUIT_DATABASE_URL"),
        ({"CONDUIT_DATABASE_URL": "postgresql://h:port/x"}, "port must be a number"),
        ({"CONDUIT_SECRET_KEYS": "typo"}, "CONDUIT_SECRET_KEYS"),
        ({"CONDUIT_CACHE_TTL_SECONDS": "0"}, "CONDUIT_CACHE_TTL_SECONDS"),
        ({"CONDUIT_REDIS_TIMEOUT_SECONDS": "-1"}, "CONDUIT_REDIS_TIMEOUT_SECONDS"),
        ({"CONDUIT_CACHE_MAX_ENTRIES": "many"}, "CONDUIT_CACHE_MAX_ENTRIES"),
        ({"CONDUIT_LOG_FORMAT": "xml"}, "CONDUIT_LOG_FORMAT"),
        ({"CONDUIT_SHUTDOWN_TIMEOUT_SECONDS": "-5"}, "CONDUIT_SHUTDOWN_TIMEOUT_SECONDS"),
    ],
)
def test_bad_configuration_names_the_variable(tmp_path, environ, names) -> None:
    with pytest.raises(ConfigError, match=names):
        load_settings({"CONDUIT_DATA_DIR": str(tmp_path), **environ})


def test_production_with_a_strong_secret(tmp_path) -> None:
    settings = load_settings(
        {
            "CONDUIT_ENV": "production",
            "CONDUIT_SECRET_KEY": STRONG,
            "CONDUIT_DATABASE_URL": "postgresql://db/x",
            "CONDUIT_DATA_DIR": str(tmp_path / "unused"),
        }
    )
    assert settings.is_production and settings.secret_key == STRONG
    assert not (tmp_path / "unused").exists()  # nothing written to disk in production with PostgreSQL


def test_secrets_and_passwords_never_show(tmp_path) -> None:
    settings = load_settings(
        {
            "CONDUIT_SECRET_KEY": STRONG,
            "CONDUIT_DATABASE_URL": "postgresql://app:hunter2@db:5432/conduit",
            "CONDUIT_DATA_DIR": str(tmp_path),
        }
    )
    assert STRONG not in repr(settings)
    assert "hunter2" not in settings.safe_database_url and "app:***@db" in settings.safe_database_url


def test_test_service_variables_are_not_settings(tmp_path) -> None:
    settings = load_settings(
        {"CONDUIT_DATA_DIR": str(tmp_path), "CONDUIT_TEST_POSTGRES_URL": "postgresql://x/y"}
    )
    assert settings.database_url.startswith("sqlite")


def test_logs_are_json_in_production_unless_told_otherwise(tmp_path) -> None:
    base = {"CONDUIT_DATA_DIR": str(tmp_path), "CONDUIT_SECRET_KEY": STRONG}
    assert not load_settings(base).json_logs
    assert load_settings({**base, "CONDUIT_ENV": "production"}).json_logs
    assert not load_settings({**base, "CONDUIT_ENV": "production", "CONDUIT_LOG_FORMAT": "text"}).json_logs
    assert load_settings({**base, "CONDUIT_LOG_FORMAT": "json"}).json_logs


def test_redis_password_never_shows(tmp_path) -> None:
    settings = load_settings(
        {"CONDUIT_DATA_DIR": str(tmp_path), "CONDUIT_REDIS_URL": "redis://:hunter2@cache:6379/0"}
    )
    assert settings.safe_redis_url == "redis://:***@cache:6379/0"


@pytest.mark.parametrize(
    ("environ", "field", "value"),
    [
        ({"CONDUIT_LOG_LEVEL": "debug"}, "log_level", "DEBUG"),
        ({"CONDUIT_LOG_FORMAT": "JSON"}, "log_format", "json"),
        ({"CONDUIT_ENV": "Development"}, "env", "development"),
        ({"CONDUIT_CACHE_ENABLED": "false"}, "cache_enabled", False),
    ],
)
def test_enumerations_ignore_case(tmp_path, environ, field, value) -> None:
    assert getattr(load_settings({"CONDUIT_DATA_DIR": str(tmp_path), **environ}), field) == value


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        (
            {"CONDUIT_LOG_LEVEL": "verbose"},
            "LOG_LEVEL=.verbose. is not valid: use one of DEBUG, INFO",
        ),
        ({"CONDUIT_DB_POOL_SIZE": "abc"}, "CONDUIT_DB_POOL_SIZE='abc' is not valid: use a whole number"),
        ({"CONDUIT_DB_POOL_TIMEOUT": "soon"}, "CONDUIT_DB_POOL_TIMEOUT='soon' is not valid: use a number"),
        ({"CONDUIT_DOCS_ENABLED": "maybe"}, "CONDUIT_DOCS_ENABLED='maybe' is not valid: use true or false"),
        (
            {"CONDUIT_TOKEN_TTL_SECONDS": "0"},
            "TOKEN_TTL_SECONDS=0 is not valid: use a number greater",
        ),
        (
            {"CONDUIT_REDIS_URL": "localhost"},
            "REDIS_URL=.localhost. is not valid: use a URL starting",
        ),
        (
            {"CONDUIT_DATABASE_URL": "mysql://u:pw@h/x"},
            r"URL=.mysql://u:\*\*\*@h/x. is not valid",
        ),
    ],
)
def test_errors_name_the_variable_the_value_and_what_is_accepted(tmp_path, environ, message) -> None:
    with pytest.raises(ConfigError, match=message) as raised:
        load_settings({"CONDUIT_DATA_DIR": str(tmp_path), **environ})
    assert "Expected" not in raised.value.message and "`" not in raised.value.message


def test_a_sqlite_file_in_a_missing_directory_names_the_directory(tmp_path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(ConfigError, match=f"the directory {missing} does not exist"):
        load_settings(
            {"CONDUIT_DATA_DIR": str(tmp_path), "CONDUIT_DATABASE_URL": f"sqlite:///{missing}/x.db"}
        )
    assert not missing.exists()


@pytest.mark.parametrize(
    ("secret", "why"),
    [
        ("0123456789abcdef0123456789abcdef", "repeats"),
        ("abcdefghijklmnopqrstuvwxyz0123456789ABCD", "runs like abcd"),
        ("aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbc", "runs like abcd"),
        ("acaacacaacaaacacacaaacacaacaacaac", "carry about"),
    ],
)
def test_production_refuses_patterned_secrets_and_says_why(tmp_path, secret, why) -> None:
    environ = {"CONDUIT_ENV": "production", "CONDUIT_DATA_DIR": str(tmp_path), "CONDUIT_SECRET_KEY": secret}
    with pytest.raises(ConfigError, match=why) as refused:
        load_settings(environ)
    assert "token_urlsafe" in str(refused.value) and secret not in str(refused.value)


def test_docs_and_metrics_are_opt_in_in_production(tmp_path) -> None:
    base = {"CONDUIT_DATA_DIR": str(tmp_path), "CONDUIT_SECRET_KEY": STRONG}
    production = load_settings({**base, "CONDUIT_ENV": "production"})
    assert (production.docs_enabled, production.metrics_enabled) == (False, False)
    enabled = load_settings(
        {**base, "CONDUIT_ENV": "production", "CONDUIT_DOCS_ENABLED": "true", "CONDUIT_METRICS_ENABLED": "1"}
    )
    assert (enabled.docs_enabled, enabled.metrics_enabled) == (True, True)
    development = load_settings(base)
    assert (development.docs_enabled, development.metrics_enabled) == (True, True)


def test_the_embedded_data_dir_and_database_are_private(tmp_path) -> None:
    data_dir = tmp_path / "fresh"
    settings = load_settings({"CONDUIT_DATA_DIR": str(data_dir)})
    assert data_dir.stat().st_mode & 0o777 == 0o700
    assert (data_dir / "conduit.db").stat().st_mode & 0o777 == 0o600
    assert settings.database_url.endswith("conduit.db")


def test_trusted_proxies_are_checked(tmp_path) -> None:
    settings = load_settings(
        {"CONDUIT_DATA_DIR": str(tmp_path), "CONDUIT_TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.1"}
    )
    assert [str(n) for n in settings.trusted_proxy_networks] == ["10.0.0.0/8", "192.0.2.1/32"]
    with pytest.raises(ConfigError, match="CONDUIT_TRUSTED_PROXIES"):
        load_settings({"CONDUIT_DATA_DIR": str(tmp_path), "CONDUIT_TRUSTED_PROXIES": "not-an-address"})
