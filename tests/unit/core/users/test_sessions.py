"""Sessions: opened by login and registration, listed, ended, expired; use recorded sparingly."""

import pytest

from core.shared.errors import NotAuthenticated, Unavailable
from core.users import LogInCommand
from core.users.errors import SessionNotFound


async def log_in(world, client: str = "203.0.113.5", agent: str = "Firefox") -> str:
    command = LogInCommand(
        email="jake@example.com", password="correct horse", client=client, user_agent=agent
    )
    return (await world.log_in().execute(command)).token


async def test_each_login_opens_a_session_the_token_names(world) -> None:
    registered = await world.a_user("jake")
    laptop = await log_in(world, agent="Firefox\x00\n on Linux")
    caller = await world.authenticate().execute(laptop)
    listed = await world.list_sessions().execute(caller)
    assert len(listed) == 2 and len({s.id for s in listed}) == 2
    current = [s for s in listed if s.current]
    assert [(s.id, s.client, s.user_agent) for s in current] == [
        (caller.session.id, "203.0.113.5", "Firefox   on Linux")
    ]
    assert (await world.authenticate().execute(registered.token)).session.id != caller.session.id


async def test_ending_a_session_refuses_its_tokens_at_once_and_only_its_own(world) -> None:
    phone = await world.authenticate().execute((await world.a_user("jake")).token)
    laptop = await log_in(world)
    laptop_session = (await world.authenticate().execute(laptop)).session.id
    await world.end_session().execute(phone, laptop_session)
    with pytest.raises(NotAuthenticated, match="revoked"):
        await world.authenticate().execute(laptop)
    with pytest.raises(SessionNotFound):
        await world.end_session().execute(phone, laptop_session)  # once
    await world.a_user("anna")
    anna = await world.authenticate().execute(
        (await world.log_in().execute(LogInCommand(email="anna@example.com", password="correct horse"))).token
    )
    with pytest.raises(SessionNotFound):
        await world.end_session().execute(anna, phone.session.id)  # not hers: same answer as unknown
    assert (await world.authenticate().execute(await log_in(world))).username == "jake"


async def test_log_out_ends_the_current_session(world) -> None:
    token = (await world.a_user("jake")).token
    await world.end_session().current(await world.authenticate().execute(token))
    with pytest.raises(NotAuthenticated):
        await world.authenticate().execute(token)


async def test_a_session_ends_when_idle_and_at_its_expiry(world) -> None:
    token = (await world.a_user("jake")).token
    world.clock.advance(hours=1, minutes=59)
    await world.authenticate().execute(token)  # used: the idle timer starts again
    world.clock.advance(hours=1, minutes=59)
    await world.authenticate().execute(token)
    world.clock.advance(hours=2)
    with pytest.raises(NotAuthenticated, match="expired"):
        await world.authenticate().execute(token)
    fresh = await log_in(world)
    for _ in range(12):  # used every 1 h 59: never idle (2 h) ...
        world.clock.advance(hours=1, minutes=59)
        await world.authenticate().execute(fresh)
    world.clock.advance(hours=1, minutes=59)  # ... but its lifetime (a day) is over
    with pytest.raises(NotAuthenticated, match="expired"):
        await world.authenticate().execute(fresh)


async def test_use_is_written_at_most_once_a_minute_per_session(world) -> None:
    token = (await world.a_user("jake")).token
    for _ in range(5):
        await world.authenticate().execute(token)
    assert world.activity.touches == []  # opened a moment ago
    world.clock.advance(seconds=61)
    for _ in range(5):
        await world.authenticate().execute(token)
    assert len(world.activity.touches) == 1
    assert world.changes.sessions == world.activity.touches  # cached copies learn the new time


async def test_a_session_end_is_refused_when_the_servers_cache_is_out_of_reach(world) -> None:
    caller = await world.authenticate().execute((await world.a_user("jake")).token)
    world.changes.revocable = False
    with pytest.raises(Unavailable):
        await world.end_session().current(caller)
    assert world.store.ended == set()  # nothing changed rather than a delayed logout


async def test_sensitive_changes_need_the_password_once_the_login_is_old(world) -> None:
    from core.users import UpdateUserCommand
    from core.users.errors import ReauthenticationRequired

    caller = await world.authenticate().execute((await world.a_user("jake")).token)
    world.clock.advance(minutes=11)  # the window is 10 minutes
    for change in ({"password": "a new passphrase"}, {"email": "new@example.com"}):
        with pytest.raises(ReauthenticationRequired, match="currentPassword"):
            await world.update().execute(UpdateUserCommand(user_id=1, session=caller.session, **change))
    assert world.store.users[1].email == "jake@example.com"
    same_email = UpdateUserCommand(user_id=1, session=caller.session, email="JAKE@example.com", bio="hi")
    await world.update().execute(same_email)  # not a change of address: no re-authentication
    done = await world.update().execute(
        UpdateUserCommand(
            user_id=1, session=caller.session, password="a new passphrase", current_password="correct horse"
        )
    )
    assert (await world.authenticate().execute(done.token)).session.id == caller.session.id


async def test_new_passwords_are_not_common_nor_made_of_the_names(world) -> None:
    from core.shared.errors import InvalidInput
    from core.users import RegisterUserCommand

    for password, why in [
        ("Password1", "most common"),
        ("jake-rocks-99", "username"),
        ("hello-jdoe-1", "email"),
    ]:
        command = RegisterUserCommand(username="jake", email="jdoe@example.com", password=password)
        with pytest.raises(InvalidInput, match=why):
            await world.register().execute(command)


async def test_wrong_current_passwords_are_limited_like_failed_logins(world) -> None:
    from core.shared.errors import RateLimited
    from core.users import UpdateUserCommand
    from core.users.errors import ReauthenticationRequired

    caller = await world.authenticate().execute((await world.a_user("jake")).token)
    guess = UpdateUserCommand(
        user_id=1, session=caller.session, password="a new passphrase", current_password="x"
    )
    for _ in range(world.throttle.limit):
        with pytest.raises(ReauthenticationRequired):
            await world.update().execute(guess)
    right = UpdateUserCommand(
        user_id=1, session=caller.session, password="a new passphrase", current_password="correct horse"
    )
    with pytest.raises(RateLimited):
        await world.update().execute(right)
