"""Text rules shared by value objects: no control characters, bounded length."""

import re
import unicodedata

from core.shared.errors import InvalidInput

_ALLOWED_CONTROLS = {"\n", "\r", "\t"}
_DASHES = re.compile("-{2,}")


def clean_text(field: str, value: str, *, max_length: int, required: bool, multiline: bool = False) -> str:
    """Strip surrounding space, reject control characters and values that are too long or empty."""
    text = value.strip()
    if required and not text:
        raise InvalidInput.of(field, "can't be blank")
    if len(text) > max_length:
        raise InvalidInput.of(field, f"is too long (maximum is {max_length} characters)")
    allowed = _ALLOWED_CONTROLS if multiline else set()
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text):
        raise InvalidInput.of(field, "contains control characters")
    return text


def canonical(text: str) -> str:
    """The form in which two names are the same (case- and width-blind): NFKC, then casefold."""
    return unicodedata.normalize("NFKC", text).casefold()


def slugify(title: str) -> str:
    """A readable, URL-safe slug that keeps non-Latin letters: "Ça va, 世界!" -> "ça-va-世界".

    Letters, digits and combining marks (the dot of "i̇" in "i̇stanbul", Indic vowel signs) stay;
    everything else becomes a single "-".
    """
    text = unicodedata.normalize("NFKC", title).lower()
    kept = "".join(ch if ch.isalnum() or unicodedata.category(ch)[0] == "M" else "-" for ch in text)
    slug = _DASHES.sub("-", kept).strip("-")[:100].strip("-")
    return slug or "article"
