"""ProfileQueries, FollowRepository and ViewerRelations: the same behaviour on every backend."""

from tests.contract.conftest import Backend


async def test_profiles_are_impersonal_and_follows_idempotent(backend: Backend) -> None:
    jake, anna = await backend.add_user("Jake"), await backend.add_user("anna")
    found = await backend.profile_queries.find("jake")  # canonical names match case-insensitively
    assert found is not None and found.user_id == jake
    assert (found.profile.username, found.profile.following) == ("Jake", False)
    assert await backend.profile_queries.find("nobody") is None
    for _ in range(2):
        async with backend.profiles() as uow:
            await uow.follows.follow(anna, jake)
            await uow.commit()
    assert (await backend.relations.flags(anna, (), {"jake", "anna"})).followed == {"jake"}
    assert (await backend.relations.flags(jake, (), {"anna"})).followed == set()
    assert (await backend.profile_queries.find("jake")).profile.following is False  # still impersonal
    for _ in range(2):
        async with backend.profiles() as uow:
            await uow.follows.unfollow(anna, jake)
            await uow.commit()
    assert (await backend.relations.flags(anna, (), {"jake"})).followed == set()


async def test_an_uncommitted_follow_is_not_seen(backend: Backend) -> None:
    jake, anna = await backend.add_user("jake"), await backend.add_user("anna")
    async with backend.profiles() as uow:
        await uow.follows.follow(anna, jake)  # no commit: rolled back
    assert (await backend.relations.flags(anna, (), {"jake"})).followed == set()


async def test_all_favorited_and_followed_hold_every_relation_of_a_viewer_up_to_a_bound(
    backend: Backend,
) -> None:
    jake, anna, bob = (
        await backend.add_user("Jake"),
        await backend.add_user("anna"),
        await backend.add_user("bob"),
    )
    first = await backend.publish(jake, "First")
    await backend.publish(jake, "Second")
    assert await backend.relations.all_favorited(anna, at_most=5) == set()
    assert await backend.relations.all_followed(anna, at_most=5) == set()
    await backend.favorite(anna, first.slug)
    async with backend.profiles() as uow:
        await uow.follows.follow(anna, jake)
        await uow.follows.follow(anna, bob)
        await uow.commit()
    assert await backend.relations.all_favorited(anna, at_most=2) == {"first"}
    assert await backend.relations.all_followed(anna, at_most=2) == {"jake", "bob"}
    assert await backend.relations.all_favorited(anna, at_most=1) == {"first"}
    assert await backend.relations.all_followed(anna, at_most=1) is None  # two follows: over the bound
    assert await backend.relations.all_followed(bob, at_most=1) == set()
