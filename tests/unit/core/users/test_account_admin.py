"""Administrative use cases on accounts: roles, passwords, deletion, details, listing filters; all audited."""

import pytest

from core.shared.errors import InvalidInput
from core.shared.pagination import PageRequest
from core.users import BanUser, DeleteUser, LogInCommand, SetPassword, SetRole, ShowUser
from core.users.errors import UnknownRole, UserNotFound
from core.users.ports import UserFilters


async def test_set_role_and_show(world) -> None:
    await world.a_user("jake")
    details = await world.admin(SetRole).execute(world.operator, "JAKE", "Moderator", "trusted")
    assert details.role == "moderator"
    shown = await world.admin(ShowUser).execute(world.operator, "jake")
    assert (shown.username, shown.role, shown.banned) == ("jake", "moderator", False)
    assert world.store.audit[-1].action == "user.set-role" and world.store.audit[-1].actor == "cli:test"


async def test_unknown_role_and_unknown_user(world) -> None:
    await world.a_user("jake")
    with pytest.raises(UnknownRole) as caught:
        await world.admin(SetRole).execute(world.operator, "jake", "superuser")
    assert "role" in caught.value.fields
    with pytest.raises(UserNotFound):
        await world.admin(BanUser).execute(world.operator, "nobody", "spam")
    assert world.store.audit == []


async def test_set_password_replaces_the_password_and_is_audited_without_it(world) -> None:
    await world.a_user("jake", password="correct horse")
    await world.admin(SetPassword).execute(world.operator, "jake", "operator chosen pw", "support ticket 12")
    session = await world.log_in().execute(
        LogInCommand(email="jake@example.com", password="operator chosen pw")
    )
    assert session.user.username == "jake"
    assert "operator chosen pw" not in repr(world.store.audit)
    with pytest.raises(InvalidInput):
        await world.admin(SetPassword).execute(world.operator, "jake", "short")


async def test_delete_user_removes_the_account_and_audits(world) -> None:
    await world.a_user("jake")
    await world.admin(DeleteUser).execute(world.operator, "jake", "gdpr request")
    assert world.store.users == {}
    assert (world.store.audit[-1].action, world.store.audit[-1].reason) == ("user.delete", "gdpr request")


async def test_list_filters(world) -> None:
    for name in ["alice", "bob", "carol"]:
        await world.a_user(name)
    await world.admin(SetRole).execute(world.operator, "bob", "admin")
    await world.admin(BanUser).execute(world.operator, "carol", "spam")
    listing = world.list_users()
    admins = await listing.execute(world.operator, PageRequest(), UserFilters(role="admin"))
    assert [u.username for u in admins.items] == ["bob"] and not admins.has_next
    banned = await listing.execute(world.operator, PageRequest(), UserFilters(banned=True))
    assert [u.username for u in banned.items] == ["carol"]
    found = await listing.execute(world.operator, PageRequest(), UserFilters(search="ALI"))
    assert [u.username for u in found.items] == ["alice"]
