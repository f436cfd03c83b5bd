"""Value-object rules of the users module."""

import pytest

from core.shared.errors import InvalidInput
from core.shared.text import canonical
from core.users.domain import Bio, Email, ImageUrl, Password, Username


@pytest.mark.parametrize("raw", ["jake@example.com", "  Jake.Doe+tag@Example.co.uk ", "ü@exämple.de"])
def test_valid_emails_are_kept_trimmed(raw: str) -> None:
    assert Email(raw).value == raw.strip()


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "jake",
        "jake@",
        "@example.com",
        "ja ke@example.com",
        "a@b",
        "a@b@c.de",
        "x" * 250 + "@example.com",
        "jake\x00@example.com",
    ],
)
def test_invalid_emails_are_rejected_on_the_email_field(raw: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        Email(raw)
    assert list(caught.value.fields) == ["email"]


def test_email_and_username_canonical_forms_ignore_case_and_width() -> None:
    assert Email("Jake@Example.COM").canonical == Email("jake@example.com").canonical
    assert Username("ＪＡＫＥ").canonical == Username("jake").canonical == canonical("Jake")


@pytest.mark.parametrize("raw", ["jake", "Jake_Doe-2.0", "élodie", "李小龍", "a" * 40])
def test_valid_usernames(raw: str) -> None:
    assert Username(raw).value == raw


@pytest.mark.parametrize("raw", ["", "ja ke", "jake/../admin", "<script>", "a" * 41, "ja\nke"])
def test_invalid_usernames(raw: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        Username(raw)
    assert "username" in caught.value.fields


def test_password_policy_allows_long_passphrases_but_bounds_length() -> None:
    assert Password("x" * 8).value == "x" * 8
    assert Password("correct horse battery staple " * 8).value
    for bad in ["short", " " * 12, "y" * 257]:
        with pytest.raises(InvalidInput):
            Password(bad)


def test_password_never_shows_in_repr() -> None:
    assert "hunter2hunter2" not in repr(Password("hunter2hunter2"))


def test_bio_allows_newlines_but_not_other_control_characters() -> None:
    assert Bio("line one\nline two").value == "line one\nline two"
    with pytest.raises(InvalidInput):
        Bio("bell\x07")


@pytest.mark.parametrize("raw", ["", "https://example.com/a.png", "http://cdn.example.org/x.jpg?size=2"])
def test_image_accepts_empty_or_http_urls(raw: str) -> None:
    assert ImageUrl(raw).value == raw


@pytest.mark.parametrize(
    "raw", ["javascript:alert(1)", "data:text/html;base64,xx", "ftp://example.com/a", "no-url", "https://"]
)
def test_image_rejects_other_schemes(raw: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        ImageUrl(raw)
    assert caught.value.fields == {"image": ["must be an http or https URL"]}


def test_names_whose_canonical_form_outgrows_the_limit_are_too_long() -> None:
    """NFKC turns U+FDFA into 18 letters: the stored canonical form must still fit its column."""
    with pytest.raises(InvalidInput, match="too long"):
        Username("\ufdfa" * 3)
    with pytest.raises(InvalidInput, match="too long"):
        Email("\ufdfa" * 14 + "@example.com")
    assert Username("\ufdfa").canonical == canonical("\ufdfa")
