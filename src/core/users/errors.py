"""Errors of the users module."""

from core.shared.errors import AlreadyExists, InvalidInput, NotAuthenticated, NotFound, PermissionDenied


class EmailTaken(AlreadyExists):
    def __init__(self) -> None:
        super().__init__("email")


class UsernameTaken(AlreadyExists):
    def __init__(self) -> None:
        super().__init__("username")


class InvalidCredentials(NotAuthenticated):
    """The same error for an unknown email and a wrong password, so accounts cannot be probed."""

    def __init__(self) -> None:
        super().__init__("email or password is invalid")


class UserNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("user not found")


class InvalidToken(NotAuthenticated):
    def __init__(self, reason: str = "token is invalid or expired") -> None:
        super().__init__(reason)


class AccountBanned(PermissionDenied):
    def __init__(self) -> None:
        super().__init__("this account is banned")


class UnknownRole(InvalidInput):
    def __init__(self, allowed: list[str]) -> None:
        super().__init__({"role": [f"must be one of: {', '.join(allowed)}"]})


class ReauthenticationRequired(PermissionDenied):
    """A sensitive change (e-mail, password) needs the current password or a fresh login."""


class SessionNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("session not found")
