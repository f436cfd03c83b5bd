"""FollowUser and UnfollowUser with in-memory fakes."""

import pytest

from core.profiles.errors import CannotFollowYourself, ProfileNotFound
from core.shared.errors import InvalidInput
from tests.unit.core.profiles.conftest import ProfilesWorld


async def test_follow_stores_the_edge_and_answers_following(world: ProfilesWorld) -> None:
    jake, anna = world.db.add_user("jake", bio="hi"), world.db.add_user("anna")
    profile = await world.follow().execute("JAKE", anna)
    assert (profile.username, profile.bio, profile.following) == ("jake", "hi", True)
    assert world.db.tables.follows == {(anna, jake)}


async def test_following_twice_is_the_same_as_once(world: ProfilesWorld) -> None:
    jake, anna = world.db.add_user("jake"), world.db.add_user("anna")
    await world.follow().execute("jake", anna)
    again = await world.follow().execute("jake", anna)
    assert again.following is True
    assert world.db.tables.follows == {(anna, jake)}


async def test_unfollow_removes_only_that_edge(world: ProfilesWorld) -> None:
    jake, anna, bob = (world.db.add_user(name) for name in ("jake", "anna", "bob"))
    await world.follow().execute("jake", anna)
    await world.follow().execute("jake", bob)
    profile = await world.unfollow().execute("Jake", anna)
    assert (profile.username, profile.following) == ("jake", False)
    assert world.db.tables.follows == {(bob, jake)}


async def test_unfollowing_someone_not_followed_is_harmless(world: ProfilesWorld) -> None:
    world.db.add_user("jake")
    anna = world.db.add_user("anna")
    profile = await world.unfollow().execute("jake", anna)
    assert profile.following is False
    assert world.db.tables.follows == set()


async def test_nobody_can_follow_themselves(world: ProfilesWorld) -> None:
    jake = world.db.add_user("jake")
    with pytest.raises(CannotFollowYourself) as caught:
        await world.follow().execute("JAKE", jake)
    assert isinstance(caught.value, InvalidInput)
    assert caught.value.fields == {"username": ["cannot follow yourself"]}
    assert world.db.tables.follows == set()
    assert world.db.commits == 0


@pytest.mark.parametrize("following", [True, False])
async def test_following_an_unknown_user_is_not_found_and_stores_nothing(
    world: ProfilesWorld, following: bool
) -> None:
    anna = world.db.add_user("anna")
    use_case = world.follow() if following else world.unfollow()
    with pytest.raises(ProfileNotFound):
        await use_case.execute("ghost", anna)
    assert world.db.commits == 0
