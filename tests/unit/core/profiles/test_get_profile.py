"""GetProfile with in-memory fakes."""

import pytest

from core.profiles.errors import ProfileNotFound
from core.shared.errors import NotFound
from tests.unit.core.profiles.conftest import ProfilesWorld


async def test_a_profile_shows_username_bio_and_image(world: ProfilesWorld) -> None:
    world.db.add_user("jake", bio="I work at statefarm", image="https://example.com/jake.png")
    profile = await world.get().execute("jake", None)
    assert (profile.username, profile.bio, profile.image) == (
        "jake",
        "I work at statefarm",
        "https://example.com/jake.png",
    )
    assert profile.following is False


@pytest.mark.parametrize("asked", ["JAKE", "Jake", "ｊａｋｅ"])
async def test_usernames_match_ignoring_case_and_width(world: ProfilesWorld, asked: str) -> None:
    world.db.add_user("Jake")
    assert (await world.get().execute(asked, None)).username == "Jake"


async def test_following_is_as_seen_by_the_viewer(world: ProfilesWorld) -> None:
    jake, anna, bob = (world.db.add_user(name) for name in ("jake", "anna", "bob"))
    await world.follow().execute("jake", anna)
    assert (await world.get().execute("jake", anna)).following is True
    assert (await world.get().execute("jake", bob)).following is False
    assert (await world.get().execute("jake", None)).following is False
    assert (await world.get().execute("anna", jake)).following is False  # following is one-way


async def test_an_unknown_username_is_not_found(world: ProfilesWorld) -> None:
    world.db.add_user("jake")
    with pytest.raises(ProfileNotFound) as caught:
        await world.get().execute("jakob", None)
    assert isinstance(caught.value, NotFound)
