"""Translate driver errors into the core's categories, so no entrypoint ever sees SQL exceptions.

Messages are for operators too (the CLI prints them as they are): they name the problem and the fix,
never the SQL, the driver or a library URL.
"""

import re

from sqlalchemy import exc as sa_exc

from core.shared.errors import AlreadyExists, CoreError, InvalidInput, NotFound, Unavailable

# SQLSTATE classes of a server that is going away, starting up, or out of connections: retry later.
# 08 connection exception, 53 insufficient resources, 57 operator intervention (shutdown, starting up).
# 40 transaction rollback (a deadlock between concurrent writers, detected and undone by the server).
_UNAVAILABLE_SQLSTATES = ("08", "40", "53", "57")

# Characters PostgreSQL text cannot hold (a NUL, which SQLite stores): 22021 character not in repertoire,
# 22P05 untranslatable character. The request is at fault. Other data exceptions (a string too long for
# its column, ...) mean the value objects missed a rule: they stay bugs.
_UNSTORABLE_TEXT_SQLSTATES = ("22021", "22P05")

# Unique columns whose violation is the client's fault, and the API field to blame.
_UNIQUE_FIELDS = {"email_canonical": "email", "username_canonical": "username", "slug": "slug"}

NOT_MIGRATED = "the database has no Conduit tables yet (run: conduit db upgrade)"
_MISSING_DATABASE = "3D000"  # invalid_catalog_name
_REFUSED_LOGIN = ("28000", "28P01")  # invalid authorization / password
_UNDEFINED_TABLE = "42P01"
_QUOTED = re.compile(r'"([^"]+)"')


def translate(error: Exception) -> CoreError | None:
    """The core error for a database error, or None when it is a bug that must surface as one."""
    if isinstance(error, sa_exc.IntegrityError):
        text = str(error.orig)
        for column, field in _UNIQUE_FIELDS.items():
            if column in text:
                return AlreadyExists(field)
        if "foreign key" in text.lower():  # what it points at was deleted concurrently
            return NotFound("a resource this change refers to no longer exists")
        return None
    if (setup := _setup_problem(error)) is not None:
        return setup
    if isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError | sa_exc.TimeoutError):
        return Unavailable("the database is unavailable, try again shortly")
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return Unavailable("the database connection was lost, try again shortly")
    sqlstate = getattr(getattr(error, "orig", None), "sqlstate", None)
    if isinstance(error, sa_exc.DBAPIError) and str(sqlstate or "").startswith(_UNAVAILABLE_SQLSTATES):
        return Unavailable("the database is unavailable, try again shortly")
    if isinstance(error, sa_exc.DBAPIError) and sqlstate in _UNSTORABLE_TEXT_SQLSTATES:
        return InvalidInput.of(
            "body", "contains a value that cannot be stored or searched (e.g. a NUL character)"
        )
    if isinstance(error, OSError | TimeoutError):
        return Unavailable("the database is unavailable, try again shortly")
    return None


def _setup_problem(error: Exception) -> Unavailable | None:
    """A database that does not exist, refuses the login, or was never migrated: retrying won't help."""
    if not isinstance(error, sa_exc.DBAPIError):
        return None
    sqlstate, text = getattr(error.orig, "sqlstate", None), str(error.orig)
    name = match[1] if (match := _QUOTED.search(text)) else "named in CONDUIT_DATABASE_URL"
    if sqlstate == _MISSING_DATABASE:
        return Unavailable(
            f'the PostgreSQL database "{name}" does not exist: create it (createdb {name}) '
            "or fix CONDUIT_DATABASE_URL"
        )
    if sqlstate in _REFUSED_LOGIN:
        return Unavailable(
            "PostgreSQL refused the login: check the user and password in CONDUIT_DATABASE_URL"
        )
    if sqlstate == _UNDEFINED_TABLE or "no such table" in text:
        return Unavailable(NOT_MIGRATED)
    return None


class TranslatedErrors:
    """`with` / `async with` block that re-raises database errors as the core's categories."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, _type: type[BaseException] | None, error: BaseException | None, _tb: object) -> None:
        if isinstance(error, sa_exc.SQLAlchemyError | OSError | TimeoutError):
            core_error = translate(error)
            if core_error is not None:
                raise core_error from error

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(
        self, _type: type[BaseException] | None, error: BaseException | None, _tb: object
    ) -> None:
        self.__exit__(_type, error, _tb)


translated_errors = TranslatedErrors
