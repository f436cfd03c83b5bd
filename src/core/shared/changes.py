"""The change-notification port: what a committed write changed.

The SQL units of work call it after their commit with what their repositories recorded
(adapters.persistence.changes), so a new write use case keeps caches right by default (ADR 0020).
Two calls stay in use cases, neither a unit of work's write: `ensure_revocable`, a check before a
revoking commit (ADR 0012), and `session_changed` after Authenticate records a session's use through
its own port (SessionActivity).
"""

from abc import abstractmethod
from collections.abc import Iterable
from typing import Protocol


class ChangeNotifier(Protocol):
    """Told what a committed write changed, so derived copies (caches) never outlive it.

    Called only after a commit succeeded, and never raises: a notifier that cannot reach its store
    must make sure stale copies are not served (see the cache adapter). `ensure_revocable` is the one
    exception: use cases call it before a commit that revokes access, and it may raise.
    """

    @abstractmethod
    async def articles_changed(self, slugs: Iterable[str], tags: Iterable[str]) -> None:
        """Articles were created, edited (tags included) or deleted (old and new slugs), with the
        tags whose lists they joined or left or changed in (old and new)."""

    @abstractmethod
    async def favorites_changed(self, slugs: Iterable[str]) -> None:
        """These articles were favorited or unfavorited: their count changed, and nothing else."""

    @abstractmethod
    async def people_changed(self) -> None:
        """A user's public profile (username, bio, image) changed, as shown on profiles and articles."""

    @abstractmethod
    async def account_changed(self, user_id: int) -> None:
        """What authentication reads of an account changed: role, ban, token version, username,
        or the account is gone."""

    @abstractmethod
    async def session_changed(self, session_id: str) -> None:
        """One session ended, or its "last used" time moved."""

    @abstractmethod
    async def ensure_revocable(self) -> None:
        """Called before a change that revokes or restricts access (ban, role, logout, new password,
        ended session) is committed: raises Unavailable when this process could not make it reach
        every server's cache at once (ADR 0012), so the change is refused rather than delayed."""

    @abstractmethod
    async def relations_changed(self, viewer_id: int) -> None:
        """The viewer favorited or unfavorited: their own flags changed."""

    @abstractmethod
    async def follows_changed(self, viewer_id: int) -> None:
        """The viewer followed or unfollowed: their own flags and their feed changed."""

    @abstractmethod
    async def slugs_retired(self) -> None:
        """An article's slug changed or the article went: a slug may now name another article, or
        none (called with articles_changed, which names them)."""
