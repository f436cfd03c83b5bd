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


@pytest.mark.parametrize("sqlstate", ["42P01", "22001", None])  # undefined table, too long, unknown
def test_other_database_errors_stay_bugs(sqlstate: str | None) -> None:
    assert translate(sa_exc.DBAPIError("SELECT 1", None, DriverError(sqlstate))) is None


@pytest.mark.parametrize("sqlstate", ["22021", "22P05"])  # NUL or untranslatable character in text
def test_text_postgresql_cannot_hold_is_invalid_input(sqlstate: str) -> None:
    error = translate(sa_exc.DBAPIError("SELECT 1", None, DriverError(sqlstate)))
    assert isinstance(error, InvalidInput) and list(error.fields) == ["body"]
