"""An operator creates an account with a role: one audit entry, in the same transaction as the account."""

import pytest

from core.shared.actor import Actor
from core.shared.errors import InvalidInput, PermissionDenied
from core.users import CreateAccount, RegisterUserCommand
from core.users.errors import EmailTaken, UnknownRole


def create_account(world) -> CreateAccount:
    return CreateAccount(register=world.register())


def command(name: str = "anna", password: str = "correct horse") -> RegisterUserCommand:
    return RegisterUserCommand(username=name, email=f"{name}@example.com", password=password)


async def test_the_account_is_created_with_its_role_and_audited_once(world) -> None:
    created = await create_account(world).execute(world.operator, command(), "Moderator", "volunteer")
    assert created.role == "moderator"
    assert world.store.users[created.id].role.value == "moderator"
    [entry] = world.store.audit
    assert (entry.actor, entry.action, entry.target, entry.reason) == (
        "cli:test",
        "user.create",
        "user:anna",
        "volunteer",
    )


async def test_the_role_is_the_default_reason(world) -> None:
    await create_account(world).execute(world.operator, command())
    assert [(e.action, e.reason) for e in world.store.audit] == [("user.create", "role user")]


@pytest.mark.parametrize(
    ("actor", "role", "cmd", "error"),
    [
        (Actor.operator("cli:test"), "superuser", command(), UnknownRole),
        (Actor.operator("cli:test"), "user", command(password="short"), InvalidInput),
        (None, "user", command(), PermissionDenied),
    ],
)
async def test_nothing_is_created_or_audited_when_refused(world, actor, role, cmd, error) -> None:
    jake = await world.a_user("jake")
    actor = actor or (await world.authenticate().execute(jake.token)).actor()
    with pytest.raises(error):
        await create_account(world).execute(actor, cmd, role)
    assert len(world.store.users) == 1 and world.store.audit == []


async def test_a_taken_name_is_not_audited(world) -> None:
    await world.a_user("anna")
    with pytest.raises(EmailTaken):
        await create_account(world).execute(world.operator, command("anna"))
    assert world.store.audit == []
