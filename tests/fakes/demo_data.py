"""An in-memory demo-data writer: keeps every planned row, as the SQL writer would store it."""

from core.admin.demo_data import DemoIds, DemoPlan
from core.admin.ports import DemoDataWriter, SeedProgress


class InMemoryDemoDataWriter(DemoDataWriter):
    def __init__(self, ids: DemoIds | None = None) -> None:
        self.ids = ids or DemoIds(first_user=1, first_article=1)
        self.rows: dict[str, list] = {}
        self.password_hash: str | None = None
        self.plan: DemoPlan | None = None

    async def next_ids(self) -> DemoIds:
        return self.ids

    async def write(self, plan: DemoPlan, password_hash: str, progress: SeedProgress) -> None:
        self.password_hash, self.plan = password_hash, plan
        batches = {
            "users": plan.users(),
            "articles": plan.articles(),
            "follows": plan.follows_rows(),
            "favorites": plan.favorites(),
            "comments": plan.comments_rows(),
        }
        for kind, source in batches.items():
            for batch in source:
                self.rows.setdefault(kind, []).extend(batch)
                progress.wrote(kind, len(batch))
        self.rows["tags"] = plan.tag_counts()
