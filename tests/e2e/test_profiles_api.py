"""Profiles and follows through HTTP, on SQLite and PostgreSQL."""

from tests.e2e.conftest import Api


async def test_profile_shows_following_for_the_viewer(api: Api) -> None:
    jake = await api.register("jake")
    anna = await api.register("anna")
    anonymous = await api.get("/api/profiles/jake")
    assert anonymous == {"profile": {"username": "jake", "bio": "", "image": "", "following": False}}

    followed = await api.client.post("/api/profiles/jake/follow", headers=api.auth(anna["token"]))
    assert followed.status_code == 200 and followed.json()["profile"]["following"] is True
    assert (await api.get("/api/profiles/JAKE", anna["token"]))["profile"]["following"] is True
    assert (await api.get("/api/profiles/jake", jake["token"]))["profile"]["following"] is False
    assert (await api.get("/api/profiles/jake"))["profile"]["following"] is False


async def test_follow_and_unfollow_are_idempotent(api: Api) -> None:
    await api.register("jake")
    anna = await api.register("anna")
    for _ in range(2):
        response = await api.client.post("/api/profiles/jake/follow", headers=api.auth(anna["token"]))
        assert response.json()["profile"]["following"] is True
    for _ in range(2):
        response = await api.client.delete("/api/profiles/jake/follow", headers=api.auth(anna["token"]))
        assert response.status_code == 200 and response.json()["profile"]["following"] is False
    assert (await api.get("/api/profiles/jake", anna["token"]))["profile"]["following"] is False


async def test_following_yourself_is_a_422_with_a_clear_message(api: Api) -> None:
    jake = await api.register("jake")
    response = await api.client.post("/api/profiles/jake/follow", headers=api.auth(jake["token"]))
    assert response.status_code == 422
    assert response.json()["errors"]["username"] == ["cannot follow yourself"]


async def test_unknown_profile_is_404_and_follow_needs_auth(api: Api) -> None:
    anna = await api.register("anna")
    assert (await api.client.get("/api/profiles/nobody")).status_code == 404
    assert (
        await api.client.post("/api/profiles/nobody/follow", headers=api.auth(anna["token"]))
    ).status_code == 404
    await api.register("jake")
    assert (await api.client.post("/api/profiles/jake/follow")).status_code == 401
    assert (await api.client.delete("/api/profiles/jake/follow")).status_code == 401


async def test_other_users_emails_never_appear(api: Api) -> None:
    await api.register("jake")
    anna = await api.register("anna")
    await api.create_article(anna["token"])
    for path in ["/api/profiles/jake", "/api/articles", "/api/articles/how-to-train-your-dragon"]:
        response = await api.client.get(path, headers=api.auth(anna["token"]))
        assert "jake@example.com" not in response.text and "anna@example.com" not in response.text
