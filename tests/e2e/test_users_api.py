"""The user endpoints through HTTP, on SQLite and PostgreSQL."""

import pytest

from tests.e2e.conftest import Api

USER_KEYS = {"email", "token", "username", "bio", "image"}


async def test_register_login_and_get_current_user_round_trip(api: Api) -> None:
    registered = await api.register("jake")
    assert set(registered) == USER_KEYS
    assert registered | {"token": ""} == {
        "email": "jake@example.com",
        "token": "",
        "username": "jake",
        "bio": "",
        "image": "",
    }

    login = await api.client.post(
        "/api/users/login", json={"user": {"email": "jake@example.com", "password": "wooden-spoon-88"}}
    )
    assert login.status_code == 200
    token = login.json()["user"]["token"]

    for scheme in ("Token", "Bearer"):
        current = await api.client.get("/api/user", headers={"Authorization": f"{scheme} {token}"})
        assert current.status_code == 200
        assert current.json()["user"]["username"] == "jake"
        assert current.json()["user"]["token"] == token
        assert current.headers["cache-control"] == "private, no-store"


async def test_update_user_accepts_the_whole_user_object_back(api: Api) -> None:
    user = await api.register("jake")
    sent = {
        "user": {
            **user,
            "bio": "I like to skateboard",
            "image": "https://i.stack.imgur.com/xHWG8.jpg",
            "password": None,
            "unknown": 1,
        }
    }
    response = await api.client.put("/api/user", json=sent, headers=api.auth(user["token"]))
    assert response.status_code == 200, response.text
    body = response.json()["user"]
    assert body["bio"] == "I like to skateboard" and body["image"] == "https://i.stack.imgur.com/xHWG8.jpg"
    again = await api.client.get("/api/user", headers=api.auth(body["token"]))
    assert again.json()["user"]["bio"] == "I like to skateboard"


async def test_changed_password_and_email_are_used_for_the_next_login(api: Api) -> None:
    user = await api.register("jake")
    changes = {"user": {"email": "jacob@example.com", "password": "new password"}}
    assert (
        await api.client.put("/api/user", json=changes, headers=api.auth(user["token"]))
    ).status_code == 200
    old = await api.client.post(
        "/api/users/login", json={"user": {"email": "jake@example.com", "password": "wooden-spoon-88"}}
    )
    new = await api.client.post(
        "/api/users/login", json={"user": {"email": "jacob@example.com", "password": "new password"}}
    )
    assert (old.status_code, new.status_code) == (401, 200)


async def test_duplicates_are_422_with_field_errors(api: Api) -> None:
    await api.register("jake")
    body = {"user": {"username": "JAKE", "email": "JAKE@example.com", "password": "wooden-spoon-88"}}
    response = await api.client.post("/api/users", json=body)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["email"] == ["has already been taken"]
    assert "email has already been taken" in errors["body"]


async def test_wrong_password_and_unknown_email_get_the_same_401(api: Api) -> None:
    await api.register("jake")
    wrong = await api.client.post(
        "/api/users/login", json={"user": {"email": "jake@example.com", "password": "nope1234"}}
    )
    unknown = await api.client.post(
        "/api/users/login", json={"user": {"email": "who@example.com", "password": "wooden-spoon-88"}}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"errors": {"body": ["email or password is invalid"]}}


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Token"},
        {"Authorization": "Token not-a-jwt"},
        {"Authorization": "Basic amFrZTpqYWtl"},
        {"Authorization": "Token eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."},
    ],
)
async def test_current_user_needs_a_valid_token(api: Api, headers) -> None:
    await api.register("jake")
    for method in ("GET", "PUT"):
        response = await api.client.request(method, "/api/user", headers=headers, json={"user": {"bio": "x"}})
        assert response.status_code == 401
        assert response.json()["errors"]["body"]


BAD_REGISTRATIONS = [
    (b"{not json", "body"),
    (b'{"user":' * 5000 + b"1" + b"}" * 5000, "body"),  # nesting the decoder refuses
    (b"", "body"),
    (b"[]", "body"),
    (b"{}", "user"),
    (b'{"user": null}', "body"),
    (b'{"user": {"email": "a@b.co", "password": "wooden-spoon-88"}}', "username"),
    (b'{"user": {"username": 5, "email": "a@b.co", "password": "wooden-spoon-88"}}', "username"),
    (b'{"user": {"username": "jake", "email": ["a@b.co"], "password": "wooden-spoon-88"}}', "email"),
    (b'{"user": {"username": "", "email": "a@b.co", "password": "wooden-spoon-88"}}', "username"),
    (b'{"user": {"username": "jake", "email": "not-an-email", "password": "wooden-spoon-88"}}', "email"),
    (b'{"user": {"username": "jake", "email": "a@b.co", "password": "short"}}', "password"),
    (
        (
            '{"user": {"username": "' + "j" * 500 + '", "email": "a@b.co", "password": "wooden-spoon-88"}}'
        ).encode(),
        "username",
    ),
    (b'{"user": {"username": "jake", "email": "a@b.co", "password": "wooden-spoon-88", "bio": 3}}', None),
]


@pytest.mark.parametrize(("body", "field"), BAD_REGISTRATIONS)
async def test_bad_registrations_are_422_with_field_errors_and_write_nothing(
    api: Api, body: bytes, field
) -> None:
    response = await api.client.post("/api/users", content=body, headers={"Content-Type": "application/json"})
    if field is None:  # unknown extra fields are ignored
        assert response.status_code == 201
        return
    assert response.status_code == 422, response.text
    errors = response.json()["errors"]
    assert errors["body"] and all(isinstance(m, str) for m in errors["body"])
    assert field in errors
    listing = await api.client.post(
        "/api/users/login", json={"user": {"email": "a@b.co", "password": "wooden-spoon-88"}}
    )
    assert listing.status_code == 401  # nothing was written


@pytest.mark.parametrize(
    "changes",
    [
        {"email": "bad"},
        {"username": "has space"},
        {"password": "short"},
        {"image": "javascript:alert(1)"},
        {"bio": 12},
        {"email": ""},
    ],
)
async def test_bad_updates_are_422_and_change_nothing(api: Api, changes) -> None:
    user = await api.register("jake")
    response = await api.client.put("/api/user", json={"user": changes}, headers=api.auth(user["token"]))
    assert response.status_code == 422, response.text
    assert set(changes) <= set(response.json()["errors"])
    current = await api.client.get("/api/user", headers=api.auth(user["token"]))
    assert current.json()["user"] | {"token": user["token"]} == user


async def test_content_is_stored_and_returned_exactly(api: Api) -> None:
    user = await api.register("jake")
    bio = "<script>alert('x')</script> ' OR 1=1; -- 🎉 مرحبا\nline two"
    response = await api.client.put("/api/user", json={"user": {"bio": bio}}, headers=api.auth(user["token"]))
    assert response.json()["user"]["bio"] == bio
    assert response.headers["content-type"].startswith("application/json")


async def test_no_password_or_hash_ever_leaves(api: Api) -> None:
    user = await api.register("jake", password="super secret password")
    responses = [
        await api.client.get("/api/user", headers=api.auth(user["token"])),
        await api.client.post(
            "/api/users/login",
            json={"user": {"email": "jake@example.com", "password": "super secret password"}},
        ),
    ]
    for response in responses:
        assert "super secret password" not in response.text and "argon2" not in response.text


async def test_unknown_route_and_wrong_method_use_the_error_envelope(api: Api) -> None:
    missing = await api.client.get("/api/nothing-here")
    assert missing.status_code == 404 and missing.json()["errors"]["body"]
    wrong = await api.client.delete("/api/user")
    assert wrong.status_code == 405 and "GET" in wrong.headers["allow"]


async def test_cors_preflight_is_answered(api: Api) -> None:
    response = await api.client.options(
        "/api/users/login",
        headers={
            "Origin": "http://localhost:4200",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert response.status_code in (200, 204)
    assert response.headers["access-control-allow-origin"] in ("*", "http://localhost:4200")


async def test_openapi_schema_and_docs_are_served(api: Api) -> None:
    schema = await api.client.get("/docs/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/users", "/api/users/login", "/api/user"} <= set(paths)
    assert "Token" in schema.json()["components"]["securitySchemes"]
    docs = await api.client.get("/docs")
    assert docs.status_code == 200 and "<html" in docs.text.lower()
