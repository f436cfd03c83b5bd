"""What the comments use cases return."""

from dataclasses import dataclass
from datetime import datetime

from core.shared.profiles import ProfileView


@dataclass(frozen=True, slots=True, kw_only=True)
class CommentView:
    id: int
    created_at: datetime
    updated_at: datetime
    body: str
    author: ProfileView
