"""Demo data: the shape of a real site, with every count and name as the use cases would make them."""

from collections import Counter

import pytest

from core.admin import SeedDemoData, SeedDemoDataCommand
from core.admin.demo_data import SPAN, DemoIds, DemoSize
from core.admin.ports import SeedProgress
from core.admin.use_cases.seed_demo_data import MAX_ARTICLES
from core.shared.errors import InvalidInput
from core.shared.text import canonical, slugify
from tests.fakes.clock import FixedClock
from tests.fakes.demo_data import InMemoryDemoDataWriter
from tests.fakes.users import FakePasswordHasher


class Recorded(SeedProgress):
    def __init__(self) -> None:
        self.planned_rows: dict[str, int] = {}
        self.written: Counter[str] = Counter()

    def planned(self, rows: dict[str, int]) -> None:
        self.planned_rows = rows

    def wrote(self, kind: str, rows: int) -> None:
        self.written[kind] += rows


async def seeded(users: int = 300, articles: int = 3000, seed: int = 7, ids: DemoIds | None = None):
    writer = InMemoryDemoDataWriter(ids)
    progress = Recorded()
    use_case = SeedDemoData(writer=writer, hasher=FakePasswordHasher(), clock=FixedClock())
    command = SeedDemoDataCommand(users=users, articles=articles, password="conduit-demo", seed=seed)
    report = await use_case.execute(command, progress)
    return writer, report, progress


async def test_every_count_is_what_the_rows_say() -> None:
    writer, report, progress = await seeded()
    rows = writer.rows
    favorites = Counter(f.article_id for f in rows["favorites"])
    assert all(a.favorites_count == favorites[a.id] for a in rows["articles"])
    authored = Counter(a.author_id for a in rows["articles"])
    favorited = Counter(f.user_id for f in rows["favorites"])
    assert all(
        (u.articles_count, u.favorites_count) == (authored[u.id], favorited[u.id]) for u in rows["users"]
    )
    tagged = Counter(tag for a in rows["articles"] for tag in a.tags)
    assert {t.name: t.articles_count for t in rows["tags"]} == dict(tagged)
    assert report.rows == progress.planned_rows
    assert {kind: len(found) for kind, found in rows.items() if kind != "tags"} == {
        kind: n for kind, n in report.rows.items() if kind in rows and kind != "tags"
    }
    assert progress.written["favorites"] == len(rows["favorites"])


async def test_rows_are_what_the_use_cases_would_write() -> None:
    writer, _, _ = await seeded()
    users, articles = writer.rows["users"], writer.rows["articles"]
    assert all(u.username_canonical == canonical(u.username) for u in users)
    assert all(u.email_canonical == canonical(u.email) for u in users)
    assert len({u.username_canonical for u in users}) == len(users)
    assert all(a.slug == slugify(a.title) for a in articles)
    assert len({a.slug for a in articles}) == len(articles)
    assert all(1 <= len(a.tags) <= 20 and len(set(a.tags)) == len(a.tags) for a in articles)
    assert writer.password_hash == "fake-v1$conduit-demo"


async def test_newer_articles_have_higher_ids_and_fans_never_repeat() -> None:
    writer, _, _ = await seeded()
    articles = writer.rows["articles"]
    assert [a.created_at for a in articles] == sorted(a.created_at for a in articles)
    pairs = [(f.user_id, f.article_id) for f in writer.rows["favorites"]]
    assert len(pairs) == len(set(pairs))
    created = {a.id: a.created_at for a in articles}
    assert all(
        f.article_created_at == created[f.article_id] <= f.created_at for f in writer.rows["favorites"]
    )


async def test_shaped_like_a_real_site() -> None:
    writer, report, _ = await seeded(users=400, articles=20_000)
    articles = writer.rows["articles"]
    top_tag = max(writer.rows["tags"], key=lambda t: t.articles_count)
    assert top_tag.articles_count >= 0.2 * len(articles)  # the most used tag is on a fifth at least
    assert 2.3 <= report.rows["article_tags"] / len(articles) <= 2.8
    assert 2.7 <= report.rows["favorites"] / len(articles) <= 3.3
    assert 1.8 <= report.rows["comments"] / len(articles) <= 2.2
    by_author = Counter(a.author_id for a in articles).most_common()
    assert by_author[0][1] > 20 * (len(articles) / 400)  # a few write most
    half = len(articles) // 2
    old = sum(a.favorites_count for a in articles[:half])
    new = sum(a.favorites_count for a in articles[half:])
    assert new > 1.5 * old  # favorites lean to recent articles


async def test_one_heavy_reader_follows_thousands_and_nobody_follows_themselves() -> None:
    writer, report, _ = await seeded(users=2_500, articles=100)
    follows = writer.rows["follows"]
    assert len({(f.follower_id, f.followee_id) for f in follows}) == len(follows)
    assert all(f.follower_id != f.followee_id for f in follows)
    heavy = next(u for u in writer.rows["users"] if u.username == report.heavy_reader)
    assert sum(f.follower_id == heavy.id for f in follows) == 2_000
    others = Counter(f.follower_id for f in follows if f.follower_id != heavy.id)
    assert 8 <= sum(others.values()) / (2_500 - 1) <= 12


async def test_same_seed_same_data_and_ids_continue_after_existing_rows() -> None:
    first, _, _ = await seeded(seed=3)
    again, _, _ = await seeded(seed=3)
    assert first.rows["articles"] == again.rows["articles"]
    assert first.rows["follows"] == again.rows["follows"]
    later, report, _ = await seeded(seed=3, ids=DemoIds(first_user=301, first_article=3001))
    assert min(u.id for u in later.rows["users"]) == 301
    assert min(a.id for a in later.rows["articles"]) == 3001
    assert not {u.username for u in later.rows["users"]} & {u.username for u in first.rows["users"]}
    assert report.first_username.endswith("301")


@pytest.mark.parametrize(("users", "articles"), [(1, 10), (10, -1), (2_000_000, 10)])
async def test_impossible_sizes_are_refused(users: int, articles: int) -> None:
    with pytest.raises(InvalidInput):
        await seeded(users=users, articles=articles)


async def test_creation_times_stay_in_range_on_the_largest_site() -> None:
    writer, _, _ = await seeded(users=2, articles=0)
    plan = writer.plan
    plan.size = DemoSize(users=2, articles=MAX_ARTICLES)
    first, last = plan.article_time(0), plan.article_time(MAX_ARTICLES - 1)
    assert plan.now - SPAN <= first < last < plan.now
