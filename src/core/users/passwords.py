"""Rules a new password must pass beyond its length (ASVS 6.2.11, 6.2.12): not a common password, and
not built from the account's own names. Checked only when a password is set, so existing accounts
keep working."""

from abc import abstractmethod
from typing import Protocol

from core.shared.errors import InvalidInput
from core.shared.text import canonical

_MIN_NAME_PART = 3  # shorter names ("al") would reject too many good passwords


class CommonPasswords(Protocol):
    """A list of passwords attackers try first."""

    @abstractmethod
    def __contains__(self, password: str) -> bool:
        """True when the password, compared case-insensitively, is on the list."""


class PasswordRules:
    def __init__(self, common: CommonPasswords) -> None:
        self._common = common

    def violations(self, password: str, *, username: str, email: str) -> list[str]:
        """What is wrong with the password, as messages for the `password` field (empty: none)."""
        text = canonical(password)
        problems = []
        if password in self._common:
            problems.append("is one of the most common passwords, which attackers try first: choose another")
        name, local_part = canonical(username), canonical(email.partition("@")[0])
        if len(name) >= _MIN_NAME_PART and name in text:
            problems.append("must not contain your username")
        elif len(local_part) >= _MIN_NAME_PART and local_part in text:
            problems.append("must not contain the name part of your email address")
        return problems

    def check(self, password: str, *, username: str, email: str) -> None:
        """Raises InvalidInput naming every rule the password breaks."""
        if problems := self.violations(password, username=username, email=email):
            raise InvalidInput({"password": problems})
