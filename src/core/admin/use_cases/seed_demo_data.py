"""Fill the database with realistic demo data of any size (up to millions of articles)."""

from dataclasses import dataclass

from core.admin.demo_data import DemoPlan, DemoSize
from core.admin.ports import DemoDataWriter, PasswordHashing, SeedProgress
from core.shared.clock import Clock
from core.shared.errors import InvalidInput

MAX_USERS = 1_000_000
MAX_ARTICLES = 10_000_000


@dataclass(frozen=True, slots=True, kw_only=True)
class SeedDemoDataCommand:
    users: int
    articles: int
    password: str
    seed: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class SeedReport:
    rows: dict[str, int]  # rows written per table ("users", "articles", "favorites", ...)
    heavy_reader: str  # username of the user who follows thousands of authors
    first_username: str
    last_username: str


class SeedDemoData:
    """Adds users, follows, tagged articles, favorites and comments shaped like a real site's.

    All or nothing, and additive: existing data stays, new ids follow the existing ones. Every user
    gets the given password. The same seed and sizes on the same database give the same data.
    Raises InvalidInput for impossible sizes, AlreadyExists when a planned name is taken.
    """

    def __init__(self, *, writer: DemoDataWriter, hasher: PasswordHashing, clock: Clock) -> None:
        self._writer, self._hasher, self._clock = writer, hasher, clock

    async def execute(self, command: SeedDemoDataCommand, progress: SeedProgress | None = None) -> SeedReport:
        wrong = {}
        if not 2 <= command.users <= MAX_USERS:
            wrong["users"] = [f"must be between 2 and {MAX_USERS:,}"]
        if not 0 <= command.articles <= MAX_ARTICLES:
            wrong["articles"] = [f"must be between 0 and {MAX_ARTICLES:,}"]
        if not command.password:
            wrong["password"] = ["can't be blank"]
        if wrong:
            raise InvalidInput(wrong)
        password_hash = await self._hasher.hash(command.password)
        ids = await self._writer.next_ids()
        size = DemoSize(users=command.users, articles=command.articles)
        plan = DemoPlan(size, ids, seed=command.seed, now=self._clock.now())
        progress = progress or _Quiet()
        progress.planned(plan.totals())
        await self._writer.write(plan, password_hash, progress)
        return SeedReport(
            rows=plan.totals(),
            heavy_reader=plan.heavy_reader,
            first_username=plan.username(0),
            last_username=plan.username(size.users - 1),
        )


class _Quiet(SeedProgress):
    def planned(self, rows: dict[str, int]) -> None:
        return None

    def wrote(self, kind: str, rows: int) -> None:
        return None
