"""Errors of the profiles module."""

from core.shared.errors import InvalidInput, NotFound


class ProfileNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("profile not found")


class CannotFollowYourself(InvalidInput):
    """A 422 rather than a 403: the request names an invalid target, nobody lacks a permission."""

    def __init__(self) -> None:
        super().__init__({"username": ["cannot follow yourself"]})
