"""Values a database cannot take (NUL characters, names that grow under normalisation) never give a 500.

SQLite stores NUL characters, so there such identifiers simply match nothing (404, empty lists);
PostgreSQL refuses them, which Conduit answers with 422. Either way: the error envelope, no stack trace.
"""

import pytest

from tests.e2e.conftest import Api

NUL_PATHS = [
    ("GET", "/api/articles?tag=%00"),
    ("GET", "/api/articles?author=a%00b"),
    ("GET", "/api/articles?favorited=%00"),
    ("GET", "/api/articles/a%00b"),
    ("GET", "/api/articles/a%00b/comments"),
    ("GET", "/api/profiles/a%00b"),
    ("POST", "/api/profiles/a%00b/follow"),
    ("POST", "/api/articles/a%00b/favorite"),
    ("DELETE", "/api/articles/a%00b"),
]


@pytest.mark.parametrize(("method", "path"), NUL_PATHS)
async def test_nul_characters_in_paths_and_queries(api: Api, method: str, path: str) -> None:
    jake = await api.register("jake")
    response = await api.client.request(method, path, headers=api.auth(jake["token"]))
    assert response.status_code in (200, 404, 422), response.text
    if response.status_code == 200:
        assert response.json() == {"articles": [], "articlesCount": 0}
    else:
        assert response.json()["errors"]["body"] and "Traceback" not in response.text


async def test_nul_character_in_a_login_email(api: Api) -> None:
    response = await api.client.post(
        "/api/users/login", json={"user": {"email": "a\u0000b@example.com", "password": "wooden-spoon-88"}}
    )
    assert response.status_code in (401, 422) and response.json()["errors"]["body"]


async def test_usernames_that_grow_under_normalisation_are_422_and_not_stored(api: Api) -> None:
    body = {"user": {"username": "\ufdfa" * 40, "email": "z@example.com", "password": "wooden-spoon-88"}}
    response = await api.client.post("/api/users", json=body)
    assert response.status_code == 422 and "username" in response.json()["errors"]
    login = await api.client.post(
        "/api/users/login", json={"user": {"email": "z@example.com", "password": "wooden-spoon-88"}}
    )
    assert login.status_code == 401
