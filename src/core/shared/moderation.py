"""Who may remove content: its author, or a moderator (whose removal is audited)."""

from datetime import datetime

from core.shared.actor import Actor
from core.shared.audit import AuditEntry, AuditTrail
from core.shared.errors import PermissionDenied


async def authorize_removal(
    actor: Actor,
    *,
    author_id: int,
    denied: PermissionDenied,
    audit: AuditTrail,
    action: str,
    target: str,
    reason: str,
    now: datetime,
) -> None:
    """Return when the actor may remove the content, raise `denied` otherwise.

    Authors removing their own content is ordinary use; a moderator removing someone else's is recorded.
    """
    if actor.user_id is not None and actor.user_id == author_id:
        return
    if not actor.can_moderate:
        raise denied
    await audit.record(
        AuditEntry(actor=actor.name, action=action, target=target, reason=reason or "moderation", at=now)
    )
