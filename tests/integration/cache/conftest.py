"""A read-through cache on either store (in-process, or the shared Redis under a prefix of its own)."""

from collections.abc import AsyncIterator

import pytest

from adapters.cache.factory import make_cache_store
from adapters.cache.read_through import ReadThrough


@pytest.fixture(params=["memory", "redis"])
async def cache(request: pytest.FixtureRequest, cache_prefix: str) -> AsyncIterator[ReadThrough]:
    url = request.getfixturevalue("redis_url") if request.param == "redis" else None
    store = make_cache_store(url, prefix=cache_prefix, timeout=1.0, retry_after=1.0, max_entries=1000)
    yield ReadThrough(store, prefix=cache_prefix, ttl=60, namespace=fixed_namespace)
    await store.aclose()


async def fixed_namespace() -> str:
    return "test-namespace"
