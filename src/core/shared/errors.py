"""Domain error categories. Entry points map each category once (HTTP status, CLI exit code)."""

from collections.abc import Mapping


class CoreError(Exception):
    """Base of every error the core raises on purpose; `message` is safe to show to users."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(CoreError):
    """One or more values break a rule. `fields` maps each field at fault to its messages."""

    def __init__(self, fields: Mapping[str, list[str]]) -> None:
        self.fields = {name: list(messages) for name, messages in fields.items()}
        super().__init__("; ".join(f"{name} {msg}" for name, msgs in self.fields.items() for msg in msgs))

    @classmethod
    def of(cls, field: str, message: str) -> "InvalidInput":
        return cls({field: [message]})


class AlreadyExists(InvalidInput):
    """A unique value (email, username, ...) is taken. A kind of invalid input for the client."""

    def __init__(self, field: str) -> None:
        super().__init__({field: ["has already been taken"]})
        self.field = field


class NotFound(CoreError):
    """The named resource does not exist."""


class NotAuthenticated(CoreError):
    """Credentials are missing, invalid or expired."""


class PermissionDenied(CoreError):
    """The caller is known but may not do this."""


class Unavailable(CoreError):
    """Infrastructure the use case needs is not reachable right now; retrying later may work."""


class Misconfigured(CoreError):
    """The deployment's configuration is missing or invalid; the message names the setting and the fix."""


class RateLimited(CoreError):
    """Too many attempts; the caller may retry after `retry_after` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
