"""Every write that changes what readers see reports it after the commit (caches rely on it)."""

import pytest

from core.articles import UpdateArticleCommand
from core.shared.actor import Actor
from core.shared.errors import PermissionDenied


async def test_create_update_favorite_and_delete_report_their_slugs(world) -> None:
    jake, anna = world.db.add_user("jake"), world.db.add_user("anna")
    article = await world.publish(author_id=jake, title="First title")
    assert world.changes.articles == [{"first-title"}]
    await world.update().execute(UpdateArticleCommand(slug="first-title", user_id=jake, title="Second title"))
    assert world.changes.articles[-1] == {"first-title", "second-title"}
    await world.favorite().execute("second-title", anna)
    await world.unfavorite().execute("second-title", anna)
    assert world.changes.articles[-2:] == [{"second-title"}, {"second-title"}]
    await world.delete().execute("second-title", Actor(user_id=jake, name="jake"))
    assert world.changes.articles[-1] == {"second-title"}
    assert article.slug == "first-title"


async def test_failed_writes_report_nothing(world) -> None:
    jake, anna = world.db.add_user("jake"), world.db.add_user("anna")
    await world.publish(author_id=jake, title="Mine")
    reported = list(world.changes.articles)
    with pytest.raises(PermissionDenied):
        await world.delete().execute("mine", Actor(user_id=anna, name="anna"))
    assert world.changes.articles == reported
