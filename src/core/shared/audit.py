"""The audit trail of moderation and administration: who did what to which target, when and why."""

from abc import abstractmethod
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditEntry:
    actor: str
    action: str  # e.g. "article.delete", "user.ban"
    target: str  # e.g. "article:how-to-train-your-dragon", "user:jake"
    reason: str
    at: datetime


class AuditTrail(Protocol):
    """Records entries inside the unit of work of the action, so both commit or neither does."""

    @abstractmethod
    async def record(self, entry: AuditEntry) -> None: ...
