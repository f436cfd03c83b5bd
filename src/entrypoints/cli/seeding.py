"""Demo data through the public use cases, concurrently, with a progress bar.

Every random choice is made up front, so the same seed gives the same data.
"""

import asyncio
import random
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from rich.progress import Progress

from core.shared.errors import AlreadyExists
from entrypoints.python_api import Conduit

T = TypeVar("T")

ADJECTIVES = ["quiet", "brave", "lucky", "swift", "clever", "sunny", "mellow", "curious", "gentle", "bold"]
ANIMALS = ["otter", "falcon", "panda", "lynx", "heron", "badger", "koala", "raven", "gecko", "bison"]
TOPICS = [
    "python",
    "design",
    "databases",
    "travel",
    "cooking",
    "music",
    "startups",
    "testing",
    "security",
    "ux",
]
WORDS = [
    "the",
    "quick",
    "brown",
    "fox",
    "jumps",
    "over",
    "lazy",
    "dogs",
    "while",
    "writing",
    "tests",
    "for",
    "every",
    "edge",
    "case",
    "it",
    "can",
    "find",
    "and",
    "then",
    "deploys",
    "on",
    "friday",
    "afternoon",
    "because",
    "the",
    "pipeline",
    "is",
    "green",
    "and",
    "the",
    "coffee",
    "is",
    "strong",
]
CONCURRENCY = 16


@dataclass
class SeedResult:
    users: int = 0
    articles: int = 0
    comments: int = 0
    favorites: int = 0
    follows: int = 0


@dataclass
class ArticlePlan:
    author: int  # index into the users
    title: str
    description: str
    body: str
    tags: list[str]
    fans: list[int]
    comments: list[tuple[int, str]] = field(default_factory=list)


async def seed_demo_data(conduit: Conduit, users: int, articles: int, password: str, seed: int) -> SeedResult:
    rng = random.Random(seed)  # noqa: S311 (demo data, not security)
    names = [f"{rng.choice(ADJECTIVES)}_{rng.choice(ANIMALS)}{n}" for n in range(users)]
    follows = [rng.sample(range(users), k=min(5, users)) for _ in range(users)]
    plans = [_plan(rng, number, users) for number in range(articles)]
    result = SeedResult()
    ids: dict[int, int] = {}  # user index -> user id

    async def register(index: int) -> None:
        try:
            session = await conduit.register_user(
                username=names[index], email=f"{names[index]}@example.com", password=password
            )
        except AlreadyExists:  # seeded before with the same seed
            return
        ids[index] = (await conduit.authenticate(session.token)).id
        result.users += 1

    async def follow(index: int) -> None:
        for other in follows[index]:
            if other != index and other in ids and index in ids:
                await conduit.follow(names[other], user_id=ids[index])
                result.follows += 1

    async def publish(plan: ArticlePlan) -> None:
        if plan.author not in ids:
            return
        article = await conduit.create_article(
            author_id=ids[plan.author],
            title=plan.title,
            description=plan.description,
            body=plan.body,
            tags=plan.tags,
        )
        result.articles += 1
        for fan in (f for f in plan.fans if f in ids):
            await conduit.favorite(article.slug, user_id=ids[fan])
            result.favorites += 1
        for author, body in ((a, b) for a, b in plan.comments if a in ids):
            await conduit.add_comment(article.slug, author_id=ids[author], body=body)
            result.comments += 1

    with Progress(transient=True) as progress:
        await _run(progress, "users", list(range(users)), register)
        await _run(progress, "follows", list(range(users)), follow)
        await _run(progress, "articles", plans, publish)
    return result


def _plan(rng: random.Random, number: int, users: int) -> ArticlePlan:
    def words(count: int) -> str:
        return " ".join(rng.choices(WORDS, k=count))

    return ArticlePlan(
        author=rng.randrange(users),
        title=f"{words(rng.randint(3, 8)).capitalize()} {number}",
        description=words(10).capitalize(),
        body="\n\n".join(words(60).capitalize() + "." for _ in range(rng.randint(2, 6))),
        tags=rng.sample(TOPICS, k=rng.randint(1, 4)),
        fans=rng.sample(range(users), k=min(rng.randint(0, 5), users)),
        comments=[(rng.randrange(users), words(12).capitalize() + ".") for _ in range(rng.randint(0, 3))],
    )


async def _run(
    progress: Progress, label: str, items: Sequence[T], work: Callable[[T], Awaitable[None]]
) -> None:
    task = progress.add_task(label, total=len(items))
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(item: T) -> None:
        async with gate:
            await work(item)
        progress.advance(task)

    await asyncio.gather(*(one(item) for item in items))
