"""Who may do what to an account: moderators ban plain users; roles, deletion, passwords are admins'."""

import pytest

from core.shared.actor import Actor, Role
from core.shared.errors import PermissionDenied
from core.shared.pagination import PageRequest
from core.users import (
    AccountAction,
    BanUser,
    DeleteUser,
    ForceLogout,
    SetPassword,
    SetRole,
    ShowUser,
    UnbanUser,
    account_actions,
)

MODERATOR = Actor(user_id=99, name="mod", role=Role.MODERATOR)
PLAIN = Actor(user_id=98, name="joe", role=Role.USER)


async def test_a_moderator_bans_unbans_and_logs_out_a_plain_user_audited(world) -> None:
    await world.a_user("jake")
    assert (await world.admin(BanUser).execute(MODERATOR, "jake", "spam")).banned
    await world.admin(UnbanUser).execute(MODERATOR, "jake", "appeal")
    await world.admin(ForceLogout).execute(MODERATOR, "jake", "stolen phone")
    assert [(e.actor, e.action) for e in world.store.audit] == [
        ("mod", "user.ban"),
        ("mod", "user.unban"),
        ("mod", "user.logout"),
    ]
    assert (await world.admin(ShowUser).execute(MODERATOR, "jake")).username == "jake"
    assert (await world.list_users().execute(MODERATOR, PageRequest())).items


async def test_a_moderator_may_not_change_roles_delete_set_passwords_or_touch_staff(world) -> None:
    await world.a_user("jake")
    await world.a_user("boss")
    await world.admin(SetRole).execute(world.operator, "boss", "admin")
    audited = len(world.store.audit)
    refused = [
        world.admin(SetRole).execute(MODERATOR, "jake", "moderator"),
        world.admin(DeleteUser).execute(MODERATOR, "jake"),
        world.admin(SetPassword).execute(MODERATOR, "jake", "a new password"),
        world.admin(BanUser).execute(MODERATOR, "boss", "coup"),
        world.admin(ForceLogout).execute(MODERATOR, "boss"),
    ]
    for attempt in refused:
        with pytest.raises(PermissionDenied):
            await attempt
    assert len(world.store.audit) == audited  # nothing happened
    assert not (await world.admin(ShowUser).execute(world.operator, "boss")).banned


async def test_plain_users_may_not_look_at_accounts(world) -> None:
    await world.a_user("jake")
    with pytest.raises(PermissionDenied):
        await world.admin(ShowUser).execute(PLAIN, "jake")
    with pytest.raises(PermissionDenied):
        await world.list_users().execute(PLAIN, PageRequest())


def test_account_actions_list_exactly_what_the_checks_allow() -> None:
    admin = Actor(user_id=1, name="root", role=Role.ADMIN)
    assert account_actions(admin, Role.MODERATOR) == frozenset(AccountAction)
    assert account_actions(MODERATOR, Role.USER) == {
        AccountAction.BAN,
        AccountAction.UNBAN,
        AccountAction.LOGOUT,
    }
    assert account_actions(MODERATOR, Role.ADMIN) == frozenset()
    assert account_actions(PLAIN, Role.USER) == frozenset()
