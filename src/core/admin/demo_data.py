"""Demo data at any size: what `conduit seed` writes, planned here and written in bulk by an adapter.

The data is shaped like a real site's: authors, tags and followed people follow power laws (a few
write, tag and attract most), favorites lean to recent articles, one heavy reader follows thousands
of authors. Every row is what the use cases would have written (canonical names, slugs made by the
article rules, exact maintained counts), so a seeded database is indistinguishable from a used one.
The same seed gives the same data.
"""

import itertools
import random
from array import array
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import NamedTuple

from core.admin.demo_rows import (
    DemoArticle,
    DemoComment,
    DemoFavorite,
    DemoFollow,
    DemoIds,
    DemoSize,
    DemoTag,
    DemoUser,
)
from core.shared.text import canonical, slugify

ADJECTIVES = ["quiet", "brave", "lucky", "swift", "clever", "sunny", "mellow", "curious", "gentle", "bold"]
ANIMALS = ["otter", "falcon", "panda", "lynx", "heron", "badger", "koala", "raven", "gecko", "bison"]
TOPICS = (  # noqa: SIM905 (word lists read better as text)
    "python design databases travel cooking music startups testing security ux rust go javascript "
    "devops cloud data ai mobile web career writing books science health finance history art games "
    "photography privacy open-source linux networking performance architecture product management"
).split()
WORDS = (  # noqa: SIM905
    "the quick brown fox jumps over lazy dogs while writing tests for every edge case it can find and "
    "then deploys on friday afternoon because pipeline is green coffee strong we learned how to build "
    "systems that scale with care patience good tools clear names small steps honest measurements"
).split()
TAG_VARIANTS = ["", "-tips", "-news", "-101", "-deep-dive", "-tools", "-patterns", "-career", "-weekly"]
SPAN = timedelta(days=3 * 365)  # articles are spread over the last three years
BATCH = 5_000  # rows handed to the writer at once


class DemoPlan:
    """Every random choice that fixes the shape of the data, made up front in compact arrays.

    Counts follow from the shape, so they are exact before a row is written. The text of each row
    is made only when its batch is written (the plan of a million articles takes some 100 MB).
    """

    def __init__(self, size: DemoSize, ids: DemoIds, *, seed: int, now: datetime) -> None:
        self.size, self.ids, self.now = size, ids, now
        self._seed = seed
        rng = random.Random(seed)  # noqa: S311 (demo data, not security)
        users, articles = size.users, size.articles
        # Power laws: rank r has weight 1/(r+1)^s. Who writes, which tags, whom people follow.
        author_weights = _cumulative(users, 1.0)
        self.tag_names = _tag_names(size.tags)
        tag_weights = _cumulative(size.tags, 1.0)
        authors = _shuffled_ranks(rng, users)  # rank -> user index, so user 0 is not the top author
        self.author = array("l", (authors[r] for r in _draw(rng, author_weights, articles)))
        self.tags: list[tuple[int, ...]] = [
            tuple(dict.fromkeys(_draw(rng, tag_weights, 1 + int(rng.expovariate(1 / 2.0)))))[:20]
            for _ in range(articles)
        ]
        # Favorites lean to recent articles: article i (oldest first) is liked in proportion to
        # 0.25 + 1.5 * i / articles (mean 1), so new articles have six times the old ones' fans.
        self.fans: list[tuple[int, ...]] = [
            _distinct(rng, users, _count(rng, size.favorites_per_article * (0.25 + 1.5 * i / articles)))
            for i in range(articles)
        ]
        self.comments = array("l", (_count(rng, size.comments_per_article) for _ in range(articles)))
        self.follows: list[tuple[int, ...]] = []
        for user in range(users):
            wanted = size.heavy_follows if user == 0 else _count(rng, size.follows_per_user)
            wanted = min(wanted, users - 1)
            chosen: dict[int, None] = {}
            while len(chosen) < wanted:
                for rank in _draw(rng, author_weights, wanted - len(chosen)):
                    if authors[rank] != user:
                        chosen[authors[rank]] = None
            self.follows.append(tuple(chosen))

    @property
    def heavy_reader(self) -> str:
        return self.username(0)

    def username(self, user: int) -> str:
        return demo_username(self.ids.first_user + user)

    def article_time(self, article: int) -> datetime:
        """Oldest first, evenly spread, so ids and creation times rise together as in real use."""
        return self.now - SPAN + SPAN * ((article + 1) / (self.size.articles + 1))

    def tag_counts(self) -> list[DemoTag]:
        counts = [0] * len(self.tag_names)
        for tags in self.tags:
            for tag in tags:
                counts[tag] += 1
        return [DemoTag(name, n) for name, n in zip(self.tag_names, counts, strict=True) if n]

    def users(self) -> Iterator[list[DemoUser]]:
        written = [0] * self.size.users
        for author in self.author:
            written[author] += 1
        favorited = [0] * self.size.users
        for fans in self.fans:
            for fan in fans:
                favorited[fan] += 1
        rng = random.Random(self._seed + 1)  # noqa: S311
        for start in range(0, self.size.users, BATCH):
            batch = []
            for user in range(start, min(start + BATCH, self.size.users)):
                name = self.username(user)
                email = f"{name}@example.com"
                batch.append(
                    DemoUser(
                        id=self.ids.first_user + user,
                        username=name,
                        username_canonical=canonical(name),
                        email=email,
                        email_canonical=canonical(email),
                        bio=_words(rng, rng.randint(0, 16)).capitalize(),
                        image="",
                        created_at=self.now - SPAN - timedelta(days=30) * (1 - user / self.size.users),
                        articles_count=written[user],
                        favorites_count=favorited[user],
                    )
                )
            yield batch

    def articles(self) -> Iterator[list[DemoArticle]]:
        rng = random.Random(self._seed + 2)  # noqa: S311
        paragraphs = [_sentences(rng, rng.randint(2, 5)) for _ in range(2_000)]
        for start in range(0, self.size.articles, BATCH):
            batch = []
            for article in range(start, min(start + BATCH, self.size.articles)):
                article_id = self.ids.first_article + article
                title = f"{_words(rng, rng.randint(3, 8)).capitalize()} {article_id}"
                batch.append(
                    DemoArticle(
                        id=article_id,
                        slug=slugify(title),
                        title=title,
                        description=_words(rng, rng.randint(6, 14)).capitalize(),
                        body="\n\n".join(rng.choices(paragraphs, k=rng.randint(2, 4))),
                        author_id=self.ids.first_user + self.author[article],
                        created_at=self.article_time(article),
                        tags=tuple(self.tag_names[t] for t in self.tags[article]),
                        favorites_count=len(self.fans[article]),
                    )
                )
            yield batch

    def favorites(self) -> Iterator[list[DemoFavorite]]:
        rng = random.Random(self._seed + 3)  # noqa: S311
        rows = (
            DemoFavorite(
                self.ids.first_user + fan,
                self.ids.first_article + article,
                self._after(rng, article),
                self.article_time(article),
            )
            for article, fans in enumerate(self.fans)
            for fan in fans
        )
        yield from _batched(rows)

    def follows_rows(self) -> Iterator[list[DemoFollow]]:
        rng = random.Random(self._seed + 4)  # noqa: S311
        first = self.ids.first_user
        rows = (
            DemoFollow(first + user, first + followee, self.now - SPAN * rng.random())
            for user, followees in enumerate(self.follows)
            for followee in followees
        )
        yield from _batched(rows)

    def comments_rows(self) -> Iterator[list[DemoComment]]:
        rng = random.Random(self._seed + 5)  # noqa: S311
        users, first = self.size.users, self.ids.first_user
        rows = (
            DemoComment(
                self.ids.first_article + article,
                first + rng.randrange(users),
                _sentences(rng, rng.randint(1, 3)),
                self._after(rng, article),
            )
            for article, count in enumerate(self.comments)
            for _ in range(count)
        )
        yield from _batched(rows)

    def totals(self) -> dict[str, int]:
        return {
            "users": self.size.users,
            "articles": self.size.articles,
            "tags": len(self.tag_counts()),
            "article_tags": sum(len(t) for t in self.tags),
            "favorites": sum(len(f) for f in self.fans),
            "follows": sum(len(f) for f in self.follows),
            "comments": sum(self.comments),
        }

    def _after(self, rng: random.Random, article: int) -> datetime:
        created = self.article_time(article)
        return created + (self.now - created) * rng.random()


def demo_username(user_id: int) -> str:
    """Unique because the id is in it; ids are never reused, so neither are seeded names."""
    return f"{ADJECTIVES[user_id % 10]}_{ANIMALS[user_id // 10 % 10]}{user_id}"


def _cumulative(n: int, exponent: float) -> list[float]:
    return list(itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(n)))


def _draw(rng: random.Random, cumulative: list[float], k: int) -> list[int]:
    return rng.choices(range(len(cumulative)), cum_weights=cumulative, k=k)


def _shuffled_ranks(rng: random.Random, n: int) -> list[int]:
    order = list(range(n))
    rng.shuffle(order)
    return order


def _count(rng: random.Random, mean: float) -> int:
    """A long-tailed whole number with the given mean: most rows get a few, some get many."""
    return round(rng.expovariate(1 / mean)) if mean > 0 else 0


def _distinct(rng: random.Random, n: int, k: int) -> tuple[int, ...]:
    return tuple(rng.sample(range(n), min(k, n)))


def _tag_names(n: int) -> list[str]:
    """Single topics first, then topic pairs, each with its variants: some 12,000 distinct names."""
    topics = itertools.chain(TOPICS, (f"{a}-{b}" for a, b in itertools.permutations(TOPICS, 2)))
    names = (f"{topic}{variant}" for topic in topics for variant in TAG_VARIANTS)
    return list(itertools.islice(dict.fromkeys(names), n))


def _words(rng: random.Random, k: int) -> str:
    return " ".join(rng.choices(WORDS, k=k))


def _sentences(rng: random.Random, k: int) -> str:
    return " ".join(_words(rng, rng.randint(6, 16)).capitalize() + "." for _ in range(k))


def _batched(rows: Iterator[NamedTuple]) -> Iterator[list]:
    while batch := list(itertools.islice(rows, BATCH)):
        yield batch
