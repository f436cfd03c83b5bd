"""Value objects and the slug rule of the articles module."""

import pytest

from core.articles.domain import (
    BODY_MAX,
    DESCRIPTION_MAX,
    SLUG_MAX,
    TAG_MAX,
    TAGS_MAX,
    TITLE_MAX,
    Body,
    Description,
    TagList,
    Title,
)
from core.shared.errors import InvalidInput
from core.shared.text import slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("How to train your dragon", "how-to-train-your-dragon"),
        ("Ça va, 世界!", "ça-va-世界"),
        ("Привет, мир", "привет-мир"),
        ("  Hello --  World__again?! ", "hello-world-again"),
        ("ＡＢＣ ｄｅｆ", "abc-def"),  # full width folds to ASCII
        ("C'est l'été", "c-est-l-été"),
    ],
)
def test_slugify_keeps_letters_of_every_script(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize("title", ["", "!!!", "?!...", "— · —", "___"])
def test_a_title_without_letters_or_digits_gives_a_generic_slug(title: str) -> None:
    assert slugify(title) == "article"


@pytest.mark.parametrize("title", ["x" * TITLE_MAX, "word " * 40, "ab-" * 60])
def test_slugs_are_bounded_and_never_end_with_a_hyphen(title: str) -> None:
    slug = slugify(title)
    assert 0 < len(slug) <= 100
    assert not slug.endswith("-")
    assert len(slug) + len("-") + 6 <= SLUG_MAX  # room for the uniqueness suffix


@pytest.mark.parametrize(
    ("word", "slug"), [("हिन्दी", "हिन्दी"), ("عَرَبِيّ", "عَرَبِيّ"), ("İstanbul", "i\u0307stanbul")]
)
def test_combining_marks_stay_inside_their_word(word: str, slug: str) -> None:
    assert slugify(word) == slug


@pytest.mark.parametrize(
    ("make", "field", "limit"),
    [(Title, "title", TITLE_MAX), (Description, "description", DESCRIPTION_MAX), (Body, "body", BODY_MAX)],
)
def test_text_fields_are_trimmed_required_and_bounded(make: type, field: str, limit: int) -> None:
    assert make("  text ").value == "text"
    assert make("x" * limit).value == "x" * limit
    for bad in ["", "   ", "x" * (limit + 1), "bell\x07"]:
        with pytest.raises(InvalidInput) as caught:
            make(bad)
        assert list(caught.value.fields) == [field]


def test_description_and_body_may_span_lines_but_a_title_may_not() -> None:
    assert Description("one\ntwo").value == "one\ntwo"
    assert Body("one\r\n\ttwo").value == "one\r\n\ttwo"
    with pytest.raises(InvalidInput) as caught:
        Title("one\ntwo")
    assert list(caught.value.fields) == ["title"]


def test_tags_are_trimmed_deduplicated_in_order_and_blanks_dropped() -> None:
    assert TagList((" dragons", "training ", "", "  ", "dragons", "angular")).values == (
        "dragons",
        "training",
        "angular",
    )


def test_tag_count_is_bounded_after_deduplication() -> None:
    many = tuple(f"tag{i}" for i in range(TAGS_MAX))
    assert TagList((*many, many[0])).values == many
    with pytest.raises(InvalidInput) as caught:
        TagList((*many, "one-too-many"))
    assert list(caught.value.fields) == ["tagList"]


@pytest.mark.parametrize("bad", ["x" * (TAG_MAX + 1), "tab\x00"])
def test_a_bad_tag_is_reported_on_tag_list(bad: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        TagList(("fine", bad))
    assert list(caught.value.fields) == ["tagList"]


def test_tags_are_case_sensitive_so_only_exact_duplicates_go() -> None:
    assert TagList(("Python", "python", "Python")).values == ("Python", "python")
