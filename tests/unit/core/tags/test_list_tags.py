"""ListTags with in-memory fakes."""

import pytest

from core.shared.errors import InvalidInput
from tests.unit.core.tags.conftest import TagsWorld


async def test_no_articles_means_no_tags(world: TagsWorld) -> None:
    assert await world.tags() == []


async def test_tags_are_listed_most_used_first_then_alphabetically(world: TagsWorld) -> None:
    await world.publish("A", "zoo", "dragons")
    await world.publish("B", "dragons", "training")
    await world.publish("C", "apple", "zoo", "dragons")
    assert await world.tags() == ["dragons", "zoo", "apple", "training"]


async def test_a_tag_repeated_on_one_article_counts_once(world: TagsWorld) -> None:
    await world.publish("A", "zoo", " zoo", "zoo ")
    await world.publish("B", "apple")
    assert await world.tags() == ["apple", "zoo"]


async def test_tags_of_retagged_or_deleted_articles_disappear(world: TagsWorld) -> None:
    await world.publish("A", "dragons", "old")
    await world.publish("B", "dragons", "gone")
    await world.retag("a", "dragons", "new")
    await world.delete("b")
    assert await world.tags() == ["dragons", "new"]


async def test_the_list_is_bounded_by_the_limit(world: TagsWorld) -> None:
    await world.publish("A", "zoo", "dragons")
    await world.publish("B", "dragons", "training")
    assert await world.tags(2) == ["dragons", "training"]
    for wrong in (0, 501):
        with pytest.raises(InvalidInput):
            await world.tags(wrong)
