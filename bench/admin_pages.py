"""Time every admin console page on a seeded dataset: `python -m bench.admin_pages [--articles N]`.

Issue #12 asks for pages in at most 50 ms on the million-article dataset. This prints, per page, the
first request (cold statistics) and the median and slowest of the next ones, served in-process (no
network) by the real app on the given database. Seeds a fresh database unless --keep.

    python -m bench.admin_pages --database-url postgresql://postgres@127.0.0.1/admin_bench --articles 1000000
"""

import argparse
import re
import statistics
import time
from pathlib import Path

from litestar.testing import TestClient

from bench.seed import PASSWORD, Argon2Settings, SeedSize, recreate_database, seed
from core.admin.demo_data import demo_username
from entrypoints.container import build_container
from entrypoints.http.app import create_app
from entrypoints.python_api import SyncConduit
from entrypoints.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
CHEAP = Argon2Settings(time_cost=1, memory_kib=8 * 1024)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / '.bench' / 'admin.db'}")
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="reuse the database as it is")
    parser.add_argument("--password", default=PASSWORD, help="the seeded users' password (with --keep)")
    options = parser.parse_args()
    overrides = {
        "database_url": options.database_url,
        "data_dir": str(ROOT / ".bench"),
        "argon2_time_cost": CHEAP.time_cost,
        "argon2_memory_kib": CHEAP.memory_kib,
    }
    if not options.keep:
        recreate_database(options.database_url)
        seeded = seed(options.database_url, SeedSize(users=options.users, articles=options.articles), CHEAP)
        print(f"seeded {seeded.counts} in {seeded.seconds:.0f}s")
    admin, someone = demo_username(1), demo_username(2)
    with SyncConduit.open(**overrides) as conduit:
        conduit.set_role(admin, "admin", reason="admin pages benchmark")
        slug = conduit.search_articles(limit=1).items[0].slug
        tag = conduit.search_articles(limit=1).items[0].tags[0]

    pages = [
        "/admin",
        "/admin/users",
        f"/admin/users?q={someone[:-1]}",
        "/admin/users?role=admin&banned=no",
        f"/admin/users/{someone}",
        "/admin/articles",
        "/admin/articles?title=python",
        f"/admin/articles?tag={tag}",
        f"/admin/articles?author={demo_username(3)}",
        f"/admin/articles/{slug}",
        "/admin/audit",
        "/admin/audit?action=user.",
    ]
    app = create_app(build_container(load_settings(**overrides)))
    with TestClient(app=app) as client:
        token = re.search(r'name="_csrf_token" value="([^"]+)"', client.get("/admin/login").text)
        if token is None:
            raise SystemExit("no CSRF token on the sign-in page")
        form = {"email": f"{admin}@example.com", "password": options.password, "_csrf_token": token.group(1)}
        if client.post("/admin/login", data=form).status_code != 200:
            raise SystemExit("could not sign in")
        print(f"{'page':45} {'first ms':>9} {'median ms':>10} {'max ms':>8}")
        for page in pages:
            times = []
            for _ in range(options.repeat + 1):
                started = time.perf_counter()
                response = client.get(page)
                times.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{page}: {response.status_code}")
            rest = times[1:]
            print(f"{page:45} {times[0]:9.1f} {statistics.median(rest):10.1f} {max(rest):8.1f}")


if __name__ == "__main__":
    main()
