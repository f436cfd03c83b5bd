"""Database errors of a server that is going away or starting up are Unavailable (503), not bugs (500)."""

import pytest
from sqlalchemy import exc as sa_exc

from adapters.persistence.errors import translate
from core.shared.errors import InvalidInput, Unavailable


class DriverError(Exception):
    def __init__(self, sqlstate: str | None) -> None:
        super().__init__("driver error")
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    "sqlstate",
    ["57P03", "57P01", "08006", "53300"],  # starting up, admin shutdown, connection failure, too many
)
def test_server_side_unavailability_is_unavailable(sqlstate: str) -> None:
    error = sa_exc.DBAPIError("SELECT 1", None, DriverError(sqlstate))
    assert isinstance(translate(error), Unavailable)


class DriverMessage(DriverError):
    def __init__(self, sqlstate: str | None, text: str) -> None:
        super().__init__(sqlstate)
        self.args = (text,)


@pytest.mark.parametrize(
    ("sqlstate", "text", "message"),
    [
        (
            "3D000",
            'database "blog" does not exist',
            'database "blog" does not exist: create it (createdb blog)',
        ),
        ("28P01", 'password authentication failed for user "app"', "check the user and password"),
        ("42P01", 'relation "users" does not exist', "no Conduit tables yet (run: conduit db upgrade)"),
        (None, "no such table: users", "no Conduit tables yet (run: conduit db upgrade)"),  # SQLite
    ],
)
def test_a_database_that_is_not_set_up_says_how_to_set_it_up(sqlstate, text, message) -> None:
    error = translate(sa_exc.OperationalError("SELECT 1", None, DriverMessage(sqlstate, text)))
    assert isinstance(error, Unavailable) and message in error.message
    assert "SELECT" not in error.message and "sqlalche" not in error.message


@pytest.mark.parametrize("sqlstate", ["42703", "22001", None])  # undefined column, too long, unknown
def test_other_database_errors_stay_bugs(sqlstate: str | None) -> None:
    assert translate(sa_exc.DBAPIError("SELECT 1", None, DriverError(sqlstate))) is None


@pytest.mark.parametrize("sqlstate", ["22021", "22P05"])  # NUL or untranslatable character in text
def test_text_postgresql_cannot_hold_is_invalid_input(sqlstate: str) -> None:
    error = translate(sa_exc.DBAPIError("SELECT 1", None, DriverError(sqlstate)))
    assert isinstance(error, InvalidInput) and list(error.fields) == ["body"]
