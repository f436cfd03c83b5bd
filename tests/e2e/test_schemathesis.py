"""Property-based API test: Schemathesis over the app's own OpenAPI schema, in-process (ASGI).

Every operation of /docs/openapi.json gets generated requests (valid and invalid ones), sent straight to
the ASGI app on a fresh, migrated SQLite database, and every answer must be:
  - no server error (5xx),
  - a status code that the schema documents for that operation,
  - a documented content type, with a body that validates against the documented schema.

Requests carry a valid `Authorization: Token <jwt>`, so the handlers behind authentication run (a password
change through PUT /api/user revokes it: the test then carries on with the token that call returned), and
path parameters sometimes name seeded data (users, articles, comments, some of them someone else's), so the
success and 403 paths are reached too, not only the 404s. Schemathesis's negative cases still drop the
header now and then, on purpose.

RealWorld answers 422 (not 400) for invalid input and for "username already taken": the
`positive_data_acceptance` check, which would call that a rejection of valid data, is not run. The
statuses the app answers with (401, 403, 404, 422, 429 on login) must still be documented in the schema
for `status_code_conformance` to pass.

The schema is read when the module is imported, from the document the app serves (producing it touches no
database), so that there is one test per operation. `schemathesis.pytest.from_fixture` would load it from
a fixture instead, but it does not work with pytest 9 (`'Function' object has no attribute '_nodeid'`).

Bounded and deterministic: derandomized Hypothesis (and a fixed Schemathesis seed), no example database,
a modest number of examples per operation; the operations run in schema order against one database.
"""

import asyncio
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from litestar import Litestar
from litestar.testing import TestClient
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from adapters.persistence.migrations.runner import Migrations
from entrypoints.container import build_container
from entrypoints.http.app import DOCS_PATH, create_app
from entrypoints.python_api import Conduit
from entrypoints.settings import Settings, load_settings
from tests.conftest import CHEAP_HASHING, TEST_SECRET

MAX_EXAMPLES = 30
SEED = 20240917
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# What the `seeded` fixture puts in the fresh database (asserted there).
USER = "fuzzer"  # the token's owner; PUT /api/user may rename it or change its password
PASSWORD = "seeded passphrase"
OTHER_USER = "celebrity"
MY_SLUG = "seeded-article"  # by USER, neither renamed nor deleted on purpose
EDITED_SLUG = "seeded-article-to-edit"  # by USER, for PUT /api/articles/{slug} (a new title renames it)
DOOMED_SLUG = "seeded-article-to-delete"  # by USER, for DELETE /api/articles/{slug}
THEIR_SLUG = "their-article"  # by OTHER_USER: editing or deleting it is forbidden
MY_COMMENT_ID = 1  # by USER, on MY_SLUG
THEIR_COMMENT_ID = 2  # by OTHER_USER, on MY_SLUG
TOO_BIG_ID = 2**63  # no such comment, and beyond a 64-bit database integer: must be a 404, not a crash


def _served_openapi() -> dict[str, Any]:
    """The document the app serves at /docs/openapi.json; no database is reached to produce it."""
    app_settings = load_settings(
        {}, database_url="postgresql://schema-only.invalid/conduit", secret_key=TEST_SECRET
    )
    with TestClient(app=create_app(build_container(app_settings))) as client:
        response = client.get(f"{DOCS_PATH}/openapi.json")
    assert response.status_code == 200, response.text
    return response.json()


schema = schemathesis.openapi.from_dict(
    _served_openapi(),
    config=schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
        }
    ),
)


@schema.hook
def flatmap_path_parameters(context: schemathesis.HookContext, path_parameters: dict[str, Any] | None) -> Any:
    """Each path parameter is either the generated value or one that names seeded data."""
    if not path_parameters:
        return st.just(path_parameters)
    operation = context.operation
    assert operation is not None
    my_slug = MY_SLUG
    if operation.path.endswith("/articles/{slug}"):
        my_slug = {"PUT": EDITED_SLUG, "DELETE": DOOMED_SLUG}.get(operation.method.upper(), MY_SLUG)
    known: dict[str, list[Any]] = {
        "username": [OTHER_USER, USER],
        "slug": [my_slug, THEIR_SLUG],
        "comment_id": [MY_COMMENT_ID, THEIR_COMMENT_ID, TOO_BIG_ID],
    }
    return st.fixed_dictionaries(
        {name: st.sampled_from([value, *known.get(name, [])]) for name, value in path_parameters.items()}
    )


@dataclass
class Seeded:
    app: Litestar
    token: str  # USER's; a new password revokes it, so it follows what PUT /api/user returns
    settings: Settings
    email: str = f"{USER}@example.com"
    password: str = PASSWORD

    def follow(self, case: schemathesis.Case, response: Any) -> None:
        """Keep a working token: PUT /api/user returns a new one; logging out or ending a session
        ends this one, so log in again (with the e-mail and password PUT may have changed)."""
        method, status = case.method.upper(), response.status_code
        if (method, case.path, status) == ("PUT", "/api/user", 200):
            self.token = response.json()["user"]["token"]
            changed = (case.body or {}).get("user") or {}
            self.email = changed.get("email") or self.email
            self.password = changed.get("password") or self.password
        elif status == 204 and (
            case.path == "/api/users/logout" or case.path.startswith("/api/user/sessions")
        ):
            self.token = asyncio.run(self._log_in())

    async def _log_in(self) -> str:
        async with Conduit.open(self.settings.database_url, **_overrides(self.settings)) as conduit:
            return (await conduit.log_in(email=self.email, password=self.password)).token

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Token {self.token}"}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    """The app under test, on a fresh database with two users, four articles and two comments."""
    data_dir = tmp_path_factory.mktemp("schemathesis")
    url = f"sqlite:///{data_dir / 'conduit.db'}"
    Migrations(url).upgrade()
    app_settings = load_settings(
        {}, database_url=url, data_dir=str(data_dir), secret_key=TEST_SECRET, **CHEAP_HASHING
    )

    # Seeded through the API by an app of its own, shut down (engine disposed) when done.
    with TestClient(app=create_app(build_container(app_settings))) as client:

        def post(path: str, body: dict[str, Any], status: int, auth: dict[str, str] | None = None) -> Any:
            response = client.post(path, json=body, headers=auth)
            assert response.status_code == status, response.text
            return response.json()

        def register(name: str) -> str:
            user = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
            return post("/api/users", {"user": user}, 201)["user"]["token"]

        def publish(token: str, title: str) -> str:
            article = {"title": title, "description": "seeded", "body": "seeded", "tagList": ["seed"]}
            auth = {"Authorization": f"Token {token}"}
            return post("/api/articles", {"article": article}, 201, auth)["article"]["slug"]

        def comment(token: str, slug: str) -> int:
            body, auth = {"comment": {"body": "seeded"}}, {"Authorization": f"Token {token}"}
            return post(f"/api/articles/{slug}/comments", body, 201, auth)["comment"]["id"]

        mine, theirs = register(USER), register(OTHER_USER)
        assert publish(mine, "Seeded article") == MY_SLUG
        assert publish(mine, "Seeded article to edit") == EDITED_SLUG
        assert publish(mine, "Seeded article to delete") == DOOMED_SLUG
        assert publish(theirs, "Their article") == THEIR_SLUG
        assert comment(mine, MY_SLUG) == MY_COMMENT_ID
        assert comment(theirs, MY_SLUG) == THEIR_COMMENT_ID

    # The app under test is a fresh instance, run by Schemathesis's ASGI transport on its own event loop.
    return Seeded(app=create_app(build_container(app_settings)), token=mine, settings=app_settings)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_own_schema(case: schemathesis.Case, seeded: Seeded) -> None:
    response = case.call(app=seeded.app, headers=seeded.auth)
    seeded.follow(case, response)
    case.validate_response(response, checks=CHECKS)


def _overrides(settings: Settings) -> dict[str, Any]:
    return {"data_dir": settings.data_dir, "secret_key": settings.secret_key, **CHEAP_HASHING}
