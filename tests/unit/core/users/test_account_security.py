"""Bans, token revocation and login limits, with in-memory fakes."""

import pytest

from core.shared.errors import NotAuthenticated, PermissionDenied, RateLimited
from core.users import BanUser, ForceLogout, LogInCommand, SetRole, UnbanUser, UpdateUserCommand
from core.users.errors import AccountBanned, InvalidCredentials


async def test_a_ban_stops_existing_tokens_and_logins(world) -> None:
    jake = await world.a_user("jake", password="correct horse")
    await world.admin(BanUser).execute(world.operator, "jake", "spam")
    with pytest.raises(NotAuthenticated, match="revoked"):
        await world.authenticate().execute(jake.token)
    with pytest.raises(AccountBanned):
        await world.log_in().execute(LogInCommand(email="jake@example.com", password="correct horse"))


async def test_banned_status_is_only_revealed_to_the_right_password(world) -> None:
    await world.a_user("jake", password="correct horse")
    await world.admin(BanUser).execute(world.operator, "jake", "spam")
    with pytest.raises(InvalidCredentials):
        await world.log_in().execute(LogInCommand(email="jake@example.com", password="wrong horse"))


async def test_unban_allows_login_but_old_tokens_stay_revoked(world) -> None:
    jake = await world.a_user("jake", password="correct horse")
    await world.admin(BanUser).execute(world.operator, "jake", "spam")
    await world.admin(UnbanUser).execute(world.operator, "jake")
    session = await world.log_in().execute(LogInCommand(email="jake@example.com", password="correct horse"))
    assert (await world.authenticate().execute(session.token)).username == "jake"
    with pytest.raises(NotAuthenticated):
        await world.authenticate().execute(jake.token)


async def test_password_change_ends_other_sessions_but_not_the_callers(world) -> None:
    jake = await world.a_user("jake")
    other_device = (
        await world.log_in().execute(LogInCommand(email="jake@example.com", password="correct horse"))
    ).token
    caller = await world.authenticate().execute(jake.token)
    changed = await world.update().execute(
        UpdateUserCommand(user_id=1, password="brand new password", session=caller.session)
    )
    for old in (jake.token, other_device):  # a copy of the caller's old token too
        with pytest.raises(NotAuthenticated):
            await world.authenticate().execute(old)
    assert (await world.authenticate().execute(changed.token)).session == caller.session


async def test_profile_changes_keep_sessions(world) -> None:
    jake = await world.a_user("jake")
    await world.update().execute(UpdateUserCommand(user_id=1, bio="hello"))
    assert (await world.authenticate().execute(jake.token)).username == "jake"


async def test_forced_logout_revokes_every_token(world) -> None:
    jake = await world.a_user("jake")
    await world.admin(ForceLogout).execute(world.operator, "jake", "lost laptop")
    with pytest.raises(NotAuthenticated):
        await world.authenticate().execute(jake.token)
    assert [(e.action, e.target, e.reason) for e in world.store.audit] == [
        ("user.logout", "user:jake", "lost laptop")
    ]


async def test_failed_logins_block_the_failing_client_not_the_owner(world) -> None:
    await world.a_user("jake", password="correct horse")
    wrong = LogInCommand(email="jake@example.com", password="wrong horse", client="203.0.113.7")
    for _ in range(world.throttle.limit):
        with pytest.raises(InvalidCredentials):
            await world.log_in().execute(wrong)
    same_client = LogInCommand(email="JAKE@example.com", password="correct horse", client="203.0.113.7")
    with pytest.raises(RateLimited) as limited:
        await world.log_in().execute(same_client)  # the guessing client is blocked for this account
    assert limited.value.retry_after > 0
    other_account = LogInCommand(email="anna@example.com", password="x" * 8, client="203.0.113.7")
    with pytest.raises(RateLimited):
        await world.log_in().execute(other_account)  # and, by its own count, for every account
    assert world.hasher.dummy_verifies == 0  # the blocked attempt for an unknown account did no hashing
    owner = LogInCommand(email="jake@example.com", password="correct horse", client="198.51.100.1")
    assert (await world.log_in().execute(owner)).user.username == "jake"  # others' failures don't lock out


async def test_a_successful_login_clears_the_count_of_its_client(world) -> None:
    await world.a_user("jake", password="correct horse")
    for _ in range(world.throttle.limit - 1):
        with pytest.raises(InvalidCredentials):
            await world.log_in().execute(LogInCommand(email="jake@example.com", password="wrong horse"))
    await world.log_in().execute(LogInCommand(email="jake@example.com", password="correct horse"))
    assert world.throttle.failures.get("pair:jake@example.com|-") is None
    assert world.throttle.resets == ["pair:jake@example.com|-"]


async def test_a_successful_login_with_nothing_counted_resets_nothing(world) -> None:
    """No failure counted for the pair at the check: the success costs no write to the counts."""
    await world.a_user("jake", password="correct horse")
    elsewhere = LogInCommand(email="jake@example.com", password="wrong horse", client="192.0.2.9")
    with pytest.raises(InvalidCredentials):  # another client's failure: not this pair's
        await world.log_in().execute(elsewhere)
    await world.log_in().execute(LogInCommand(email="jake@example.com", password="correct horse"))
    assert world.throttle.resets == []
    assert world.throttle.failures == {"pair:jake@example.com|192.0.2.9": 1, "client:192.0.2.9": 1}


async def test_only_admins_may_change_roles(world) -> None:
    from core.shared.actor import Actor, Role

    await world.a_user("jake")
    moderator = Actor(user_id=9, name="mod", role=Role.MODERATOR)
    with pytest.raises(PermissionDenied):
        await world.admin(SetRole).execute(moderator, "jake", "admin")
    assert world.store.users[1].role is Role.USER  # moderators' other rights: test_moderator_rights.py


async def test_a_change_that_changes_nothing_is_not_audited(world) -> None:
    await world.a_user("jake")
    for _ in range(2):
        await world.admin(BanUser).execute(world.operator, "jake", "spam")
    await world.admin(UnbanUser).execute(world.operator, "jake")
    await world.admin(UnbanUser).execute(world.operator, "jake")
    assert [e.action for e in world.store.audit] == ["user.ban", "user.unban"]


def test_ipv6_clients_count_by_their_64_bit_network() -> None:
    from core.users.use_cases.log_in import throttle_keys

    _, first = throttle_keys("jake@example.com", "2001:db8:1:2::1")
    _, second = throttle_keys("jake@example.com", "2001:db8:1:2:ffff::9")
    _, v4 = throttle_keys("jake@example.com", "203.0.113.9")
    assert first == second == ["pair:jake@example.com|2001:db8:1:2::/64", "client:2001:db8:1:2::/64"]
    assert v4 == ["pair:jake@example.com|203.0.113.9", "client:203.0.113.9"]
