"""Collects every rule a command breaks, so clients see all field errors at once."""

from collections.abc import Callable
from typing import TypeVar

from core.shared.errors import InvalidInput

T = TypeVar("T")


class Violations:
    """Run value-object constructors, gather their InvalidInput errors, raise them together."""

    def __init__(self) -> None:
        self._fields: dict[str, list[str]] = {}

    def check(self, make: Callable[[], T]) -> T | None:
        try:
            return make()
        except InvalidInput as error:
            for name, messages in error.fields.items():
                self._fields.setdefault(name, []).extend(messages)
            return None

    def raise_if_any(self) -> None:
        if self._fields:
            raise InvalidInput(self._fields)
