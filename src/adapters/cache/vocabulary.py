"""The cache's vocabulary: every kind of cached entry, every shared answer a route may name, the
generations they depend on, and which changes bump those generations. Everything that reads or
invalidates the cache names things from here (tests/unit/adapters/test_cache_vocabulary.py checks
the routes and read models).

Generations (a write bumps them after its commit; an entry's key embeds their current stamps):
    LISTS              any article created, edited (tags included) or deleted
    FAVORITES          any favorite or unfavorite (list pages show favorites counts; /tags does not)
    PEOPLE             any public profile (username, bio, image) changed, or a user deleted
    article:<digest>   that one article (by slug)
    account:<id>       what authentication reads of one account
    session:<id>       one session: ended, or its last use moved
    viewer:<id>        one viewer's favorites and follows
"""

from collections.abc import Callable, Iterable, Mapping, Sequence

from adapters.cache.read_through import digest

LISTS = "lists"
FAVORITES = "favorites"
PEOPLE = "people"


def article_generation(slug: str) -> str:
    return f"article:{digest(slug)}"


def account_generation(user_id: int) -> str:
    return f"account:{user_id}"


def session_generation(session_id: str) -> str:
    return f"session:{session_id}"


def viewer_generation(viewer_id: int) -> str:
    return f"viewer:{viewer_id}"


# Kinds of entries (a Codec's `kind`, the middle of every key) and what each depends on.
ENTRIES: Mapping[str, str] = {
    "article": "an article document: article:<slug>, PEOPLE",
    "page": "a list page (LISTS, FAVORITES, PEOPLE) or one viewer's feed page (also viewer:<id>)",
    "profile": "a profile: PEOPLE",
    "tags": "the most used tags, per limit: LISTS",
    "session": "a session with its account's state, for authentication: account:<id>, session:<id>",
    "flags": "one viewer's flags on a set of slugs and names: viewer:<id>, LISTS, PEOPLE",
    "response": "a whole anonymous answer of a shared resource (RESOURCES)",
}

# Shared resources a route names with `shares(...)`: the generations of its answer, from the path.
RESOURCES: Mapping[str, Callable[[Mapping[str, str]], Sequence[str]]] = {
    "article-list": lambda _params: (LISTS, FAVORITES, PEOPLE),  # counts, tags; authors' profiles
    "article": lambda params: (article_generation(params["slug"]), PEOPLE),
    "tags": lambda _params: (LISTS,),
    "profile": lambda _params: (PEOPLE,),
}


# Which change bumps which generations (one function per ChangeNotifier method).
def articles_changed(slugs: Iterable[str]) -> list[str]:
    # Lists hold counts, tags and favorites filters of any article, so every list page goes too.
    return [LISTS, *(article_generation(slug) for slug in slugs)]


def favorites_changed(slugs: Iterable[str]) -> list[str]:
    # Each list page shows favorites counts; tags and /tags do not depend on them.
    return [FAVORITES, *(article_generation(slug) for slug in slugs)]


def people_changed() -> list[str]:
    # Rare, and a user appears on every page of theirs: one generation for all people.
    return [PEOPLE]


def account_changed(user_id: int) -> list[str]:
    return [account_generation(user_id)]


def session_changed(session_id: str) -> list[str]:
    return [session_generation(session_id)]


def relations_changed(viewer_id: int) -> list[str]:
    return [viewer_generation(viewer_id)]
