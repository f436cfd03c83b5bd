"""/admin/audit: the audit log, filtered by actor, action and target, a page at a time."""

from typing import Annotated, Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, QueryParameter
from litestar.response import Template

from core.admin.ports import AuditFilters
from core.shared.actor import Actor
from entrypoints.admin.common import Container, page_request, pager, render


@get("/audit")
async def audit_log(
    request: Request[Any, Any, Any],
    actor: NamedDependency[Actor],
    container: NamedDependency[Container],
    who: Annotated[str, QueryParameter(name="actor")] = "",
    action: FromPath[str] = "",
    target: FromQuery[str] = "",
    page: FromQuery[int] = 1,
) -> Template:
    filters = AuditFilters(
        actor=who.strip() or None, action=action.strip() or None, target=target.strip() or None
    )
    found = await container.admin.list_audit_log().execute(actor, page_request(page), filters)
    return render(
        "audit.html",
        actor,
        entries=found.items,
        pages=pager(found, page, request),
        who=who,
        action=action,
        target=target,
    )


handlers = [audit_log]
