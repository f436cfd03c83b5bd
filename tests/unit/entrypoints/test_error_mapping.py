"""Every core error category maps to one HTTP status and the RealWorld envelope."""

import json

import pytest

from core.shared.errors import (
    AlreadyExists,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    Unavailable,
)
from entrypoints.error_status import status_for
from entrypoints.http.errors import core_error_handler


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (InvalidInput.of("title", "can't be blank"), 422),
        (AlreadyExists("email"), 422),
        (NotAuthenticated("no"), 401),
        (PermissionDenied("no"), 403),
        (NotFound("no"), 404),
        (Unavailable("later"), 503),
    ],
)
def test_status_per_category(error, status) -> None:
    assert status_for(error) == status


def test_field_errors_keep_body_and_field_keys() -> None:
    response = core_error_handler(None, InvalidInput({"email": ["is invalid"], "password": ["is too short"]}))
    body = json.loads(response.render(response.content, "application/json"))
    assert body == {
        "errors": {
            "body": ["email is invalid", "password is too short"],
            "email": ["is invalid"],
            "password": ["is too short"],
        }
    }


def test_401_carries_the_auth_scheme() -> None:
    response = core_error_handler(None, NotAuthenticated("token is invalid"))
    assert response.status_code == 401 and response.headers["WWW-Authenticate"] == "Token"
