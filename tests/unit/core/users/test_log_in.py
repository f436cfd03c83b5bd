"""LogIn with in-memory fakes."""

import pytest

from core.users import LogInCommand
from core.users.errors import InvalidCredentials


async def test_log_in_with_the_right_password_returns_a_token(world) -> None:
    await world.a_user("jake", password="correct horse")
    result = await world.log_in().execute(LogInCommand(email=" JAKE@example.com", password="correct horse"))
    assert result.user.username == "jake"
    assert world.tokens.read(result.token).user_id == 1


async def test_wrong_password_and_unknown_email_fail_the_same_way_after_the_same_work(world) -> None:
    await world.a_user("jake", password="correct horse")
    with pytest.raises(InvalidCredentials) as wrong_password:
        await world.log_in().execute(LogInCommand(email="jake@example.com", password="wrong horse"))
    with pytest.raises(InvalidCredentials) as unknown_email:
        await world.log_in().execute(LogInCommand(email="nobody@example.com", password="correct horse"))
    assert wrong_password.value.message == unknown_email.value.message
    assert world.hasher.dummy_verifies == 1  # the unknown account still cost one verification


async def test_log_in_rehashes_a_password_hashed_with_old_parameters(world) -> None:
    await world.a_user("jake", password="correct horse")
    world.hasher.version = 2
    await world.log_in().execute(LogInCommand(email="jake@example.com", password="correct horse"))
    assert world.store.users[1].password_hash == "fake-v2$correct horse"


async def test_log_in_leaves_a_current_hash_alone(world) -> None:
    await world.a_user("jake", password="correct horse")
    before = world.store.users[1].password_hash
    await world.log_in().execute(LogInCommand(email="jake@example.com", password="correct horse"))
    assert world.store.users[1].password_hash == before
    assert world.store.users[1].updated_at == world.store.users[1].created_at
