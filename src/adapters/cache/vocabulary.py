"""The cache's vocabulary: every kind of cached entry, every shared answer a route may name, the
generations they depend on, and which changes bump those generations. Everything that reads or
invalidates the cache names things from here (tests/unit/adapters/test_cache_vocabulary.py checks
the routes and read models).

Generations (a write bumps them after its commit; an entry's key embeds their current stamps):
    LISTS              any article created, edited (tags included) or deleted
    FAVORITES          any favorite or unfavorite (which articles a fan's list holds)
    PEOPLE             any public profile (username, bio, image) changed, or a user deleted
    SLUGS              an article's slug changed, or an article went (a slug may name another one)
    article:<digest>   that one article (by slug)
    tag:<digest>       the list of one tag: an article with it created, or edited (then SLUGS covers
                       deletions and renames, which may leave a tag's list)
    account:<id>       what authentication reads of one account
    session:<id>       one session: ended, or its last use moved
    fan:<id>           which articles one viewer favorited
    following:<id>     whom one viewer follows (their flags and their feed)
"""

from collections.abc import Callable, Iterable, Mapping, Sequence

from adapters.cache.read_through import digest

LISTS = "lists"
FAVORITES = "favorites"
PEOPLE = "people"
SLUGS = "slugs"


def article_generation(slug: str) -> str:
    return f"article:{digest(slug)}"


def tag_generation(tag: str) -> str:
    return f"tag:{digest(tag)}"


def account_generation(user_id: int) -> str:
    return f"account:{user_id}"


def session_generation(session_id: str) -> str:
    return f"session:{session_id}"


def fan_generation(viewer_id: int) -> str:
    return f"fan:{viewer_id}"


def following_generation(viewer_id: int) -> str:
    return f"following:{viewer_id}"


# Kinds of entries (a Codec's `kind`, the middle of every key) and what each depends on.
ENTRIES: Mapping[str, str] = {
    "article": "an article document: article:<slug>, PEOPLE",
    "article-id": "which article a slug names (comments): SLUGS",
    "listing": "which articles a list page holds: tag:<digest> and SLUGS for one tag's; else LISTS"
    " (+PEOPLE with a username filter, +FAVORITES for a fan's list); a feed's: following:<id>, LISTS",
    "summary": "one article as listed (no body): article:<slug>, PEOPLE",
    "page": "one list or feed page with its articles' summaries: composed of its listing and summary entries",
    "profile": "a profile: PEOPLE",
    "tags": "the most used tags, per limit: LISTS",
    "session": "a session with its account's state, for authentication: account:<id>, session:<id>",
    "favorited": "every slug one viewer favorited: fan:<id>, SLUGS",
    "followed": "every name one viewer follows: following:<id>, PEOPLE",
    "flags": "one viewer's flags on a set of slugs and names (a viewer with too many favorites or"
    " follows for one entry): fan:<id>, following:<id>, SLUGS, PEOPLE",
    "response": "a whole answer of a shared resource (RESOURCES), anonymous or one viewer's, valid"
    " while the entries its handler read keep their stamps (a composed entry)",
}

# Shared resources a route names with `shares(...)`: the generations of its answer, from the path.
RESOURCES: Mapping[str, Callable[[Mapping[str, str]], Sequence[str]]] = {
    # Composed: it depends on the generations of the listing and summaries it was built from.
    "article-list": lambda _params: (),
    "feed": lambda _params: (),  # composed too: the viewer's feed listing, summaries and flags
    "article": lambda params: (article_generation(params["slug"]), PEOPLE),
    "tags": lambda _params: (LISTS,),
    "profile": lambda _params: (PEOPLE,),
}


# Which change bumps which generations (one function per ChangeNotifier method).
def articles_changed(slugs: Iterable[str], tags: Iterable[str]) -> list[str]:
    # Which articles a list holds may change (dates, tags, slugs), and the article's own entries;
    # of the tags' lists, only those of its own tags.
    return [LISTS, *(article_generation(slug) for slug in slugs), *(tag_generation(t) for t in tags)]


def favorites_changed(slugs: Iterable[str]) -> list[str]:
    # The article's count changed, and the fan's list; listings, tags and /tags do not depend on them.
    return [FAVORITES, *(article_generation(slug) for slug in slugs)]


def people_changed() -> list[str]:
    # Rare, and a user appears on every page of theirs: one generation for all people.
    return [PEOPLE]


def account_changed(user_id: int) -> list[str]:
    return [account_generation(user_id)]


def session_changed(session_id: str) -> list[str]:
    return [session_generation(session_id)]


def relations_changed(viewer_id: int) -> list[str]:
    # The viewer's own favorites: not whom they follow, so the author flags of the answer stay cached.
    return [fan_generation(viewer_id)]


def follows_changed(viewer_id: int) -> list[str]:
    return [following_generation(viewer_id)]


def slugs_retired() -> list[str]:
    return [SLUGS]
