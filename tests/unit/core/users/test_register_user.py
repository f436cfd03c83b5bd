"""RegisterUser with in-memory fakes."""

import pytest

from core.shared.errors import InvalidInput
from core.users import RegisterUserCommand
from core.users.errors import EmailTaken, UsernameTaken


async def test_registration_stores_a_hashed_password_and_returns_a_token(world) -> None:
    result = await world.register().execute(
        RegisterUserCommand(username="jake", email="Jake@Example.com", password="correct horse")
    )
    assert result.user.username == "jake"
    assert result.user.email == "Jake@Example.com"
    assert (result.user.bio, result.user.image) == ("", "")
    assert world.tokens.read(result.token).user_id == 1
    stored = world.store.users[1]
    assert stored.password_hash == "fake-v1$correct horse"
    assert stored.created_at == world.clock.now()


async def test_all_broken_rules_are_reported_together_and_nothing_is_stored(world) -> None:
    with pytest.raises(InvalidInput) as caught:
        await world.register().execute(RegisterUserCommand(username="", email="nope", password="short"))
    assert set(caught.value.fields) == {"username", "email", "password"}
    assert world.store.users == {}


@pytest.mark.parametrize(
    ("username", "email", "error"),
    [("other", "JAKE@example.com", EmailTaken), ("JAKE", "other@example.com", UsernameTaken)],
)
async def test_email_and_username_are_unique_ignoring_case(world, username, email, error) -> None:
    await world.a_user("jake")
    with pytest.raises(error):
        await world.register().execute(
            RegisterUserCommand(username=username, email=email, password="wooden-spoon-88")
        )
    assert len(world.store.users) == 1
