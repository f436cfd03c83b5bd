"""/admin/users: find accounts; /admin/users/{username}: one account, and what may be done to it.

Each action has a confirmation page (GET /admin/users/{username}/{action}) showing its form, which
posts to the same path with a `reason` (and a `role` for a role change).
"""

from typing import Any
from urllib.parse import quote

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from core.shared.actor import Actor, Role
from core.shared.errors import PermissionDenied
from core.users import AccountAction, account_actions
from core.users.ports import UserFilters
from entrypoints.admin.common import Container, Form, page_request, pager, render, see_other

# The console's actions; setting passwords stays with the CLI (a password typed into a web form
# for someone else is one more place it could leak).
ACTIONS = [
    AccountAction.ROLE,
    AccountAction.BAN,
    AccountAction.UNBAN,
    AccountAction.LOGOUT,
    AccountAction.DELETE,
]
_BANNED = {"yes": True, "no": False}


@get("/users")
async def find_users(
    request: Request[Any, Any, Any],
    actor: NamedDependency[Actor],
    container: NamedDependency[Container],
    q: FromQuery[str] = "",
    role: FromQuery[str] = "",
    banned: FromQuery[str] = "",
    page: FromQuery[int] = 1,
    done: FromQuery[str] = "",
) -> Template:
    filters = UserFilters(
        search=q.strip() or None,
        role=role if role in set(Role) else None,
        banned=_BANNED.get(banned),
    )
    found = await container.users.list_users().execute(actor, page_request(page), filters)
    return render(
        "users.html",
        actor,
        users=found.items,
        pages=pager(found, page, request),
        q=q,
        role=role,
        banned=banned,
        roles=list(Role),
        done=done,
    )


@get("/users/{username:str}")
async def show_user(
    actor: NamedDependency[Actor],
    container: NamedDependency[Container],
    username: FromPath[str],
    done: FromQuery[str] = "",
) -> Template:
    details = await container.users.show_user().execute(actor, username)
    activity = await container.admin.get_user_activity().execute(actor, username)
    allowed = account_actions(actor, details.role)
    return render(
        "user.html",
        actor,
        user=details,
        activity=activity,
        actions=[a for a in ACTIONS if a in allowed and _applies(a, details.banned)],
        done=done,
    )


@get("/users/{username:str}/{action:str}")
async def confirm_action(
    actor: NamedDependency[Actor],
    container: NamedDependency[Container],
    username: FromPath[str],
    action: FromPath[str],
) -> Template:
    kind = _action(action)
    details = await container.users.show_user().execute(actor, username)
    if kind not in account_actions(actor, details.role):
        raise PermissionDenied(f"you may not {kind.value} this account")
    return render("confirm_user_action.html", actor, user=details, action=kind.value, roles=list(Role))


@post("/users/{username:str}/{action:str}")
async def do_action(
    actor: NamedDependency[Actor],
    container: NamedDependency[Container],
    username: FromPath[str],
    action: FromPath[str],
    data: Form,
) -> Response[Any]:
    kind, reason, users = _action(action), data.get("reason", "").strip(), container.users
    if kind is AccountAction.ROLE:
        await users.set_role().execute(actor, username, data.get("role", ""), reason)
    elif kind is AccountAction.BAN:
        await users.ban_user().execute(actor, username, reason)
    elif kind is AccountAction.UNBAN:
        await users.unban_user().execute(actor, username, reason)
    elif kind is AccountAction.LOGOUT:
        await users.force_logout().execute(actor, username, reason)
    else:
        await users.delete_user().execute(actor, username, reason)
        return see_other(f"/admin/users?done={kind.value}")
    return see_other(f"/admin/users/{quote(username)}?done={kind.value}")


def _action(name: str) -> AccountAction:
    if name not in {a.value for a in ACTIONS}:
        raise NotFoundException("no such action")
    return AccountAction(name)


def _applies(action: AccountAction, banned: bool) -> bool:
    """Ban shows for an account that is not banned, unban for one that is."""
    return not (action is AccountAction.BAN and banned) and not (action is AccountAction.UNBAN and not banned)


handlers = [find_users, show_user, confirm_action, do_action]
