"""UpdateUser, GetCurrentUser, Authenticate and ListUsers with in-memory fakes."""

import pytest

from core.shared.actor import Actor
from core.shared.errors import InvalidInput, NotAuthenticated
from core.shared.pagination import PageRequest
from core.users import LogInCommand, UpdateUserCommand
from core.users.errors import EmailTaken, UsernameTaken, UserNotFound


async def test_update_changes_only_the_given_fields(world) -> None:
    await world.a_user("jake")
    world.clock.advance(minutes=5)
    result = await world.update().execute(UpdateUserCommand(user_id=1, bio="I work at statefarm", image=None))
    assert result.user.bio == "I work at statefarm"
    assert result.user.email == "jake@example.com"
    assert world.store.users[1].updated_at == world.clock.now()


async def test_empty_strings_clear_bio_and_image(world) -> None:
    await world.a_user("jake")
    await world.update().execute(UpdateUserCommand(user_id=1, bio="x", image="https://example.com/a.png"))
    result = await world.update().execute(UpdateUserCommand(user_id=1, bio="", image=""))
    assert (result.user.bio, result.user.image) == ("", "")


async def test_resending_own_email_and_username_in_other_case_is_allowed(world) -> None:
    await world.a_user("jake")
    result = await world.update().execute(
        UpdateUserCommand(user_id=1, email="JAKE@example.com", username="Jake")
    )
    assert (result.user.username, result.user.email) == ("Jake", "JAKE@example.com")


async def test_taking_another_users_email_or_username_fails(world) -> None:
    await world.a_user("jake")
    await world.a_user("anna")
    with pytest.raises(EmailTaken):
        await world.update().execute(UpdateUserCommand(user_id=2, email="jake@example.com"))
    with pytest.raises(UsernameTaken):
        await world.update().execute(UpdateUserCommand(user_id=2, username="JAKE"))
    assert world.store.users[2].username == "anna"


async def test_new_password_works_for_log_in(world) -> None:
    await world.a_user("jake", password="old password")
    await world.update().execute(UpdateUserCommand(user_id=1, password="new password"))
    result = await world.log_in().execute(LogInCommand(email="jake@example.com", password="new password"))
    assert result.user.username == "jake"


async def test_invalid_changes_are_all_reported_and_nothing_changes(world) -> None:
    await world.a_user("jake")
    with pytest.raises(InvalidInput) as caught:
        await world.update().execute(
            UpdateUserCommand(user_id=1, email="bad", image="javascript:alert(1)", bio="ok")
        )
    assert set(caught.value.fields) == {"email", "image"}
    assert world.store.users[1].bio == ""


async def test_update_of_a_deleted_account_is_not_found(world) -> None:
    with pytest.raises(UserNotFound):
        await world.update().execute(UpdateUserCommand(user_id=99, bio="x"))


async def test_authenticate_maps_a_valid_token_to_its_user(world) -> None:
    registered = await world.a_user("jake")
    current = await world.authenticate().execute(registered.token)
    assert (current.id, current.username) == (1, "jake")


@pytest.mark.parametrize("token", ["garbage", "token-for-42-v0", "token-for-1-v7"])
async def test_authenticate_rejects_bad_tokens_and_unknown_accounts(world, token: str) -> None:
    await world.a_user("jake")
    with pytest.raises(NotAuthenticated):
        await world.authenticate().execute(token)


async def test_get_current_user(world) -> None:
    await world.a_user("jake")
    assert (await world.get_current().execute(1)).username == "jake"
    with pytest.raises(UserNotFound):
        await world.get_current().execute(2)


async def test_list_users_pages_in_creation_order(world) -> None:
    for name in ["a1", "b2", "c3"]:
        await world.a_user(name)
    operator = Actor.operator("cli:test")
    first = await world.list_users().execute(operator, PageRequest(limit=2))
    assert [u.username for u in first.items] == ["a1", "b2"] and first.has_next
    page = await world.list_users().execute(operator, PageRequest(limit=2, offset=1))
    assert [u.role for u in page.items] == ["user", "user"]
    assert [u.username for u in page.items] == ["b2", "c3"]
    assert not page.has_next
