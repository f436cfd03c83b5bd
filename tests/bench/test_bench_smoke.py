"""The benchmark harness (bench/): seeding, the wrk output parser, the Lua data and the verdicts."""

import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from bench import scale
from bench.config import CONFIGURATIONS, Options, cache_switch, describe, new_secret, server_env
from bench.probe import lua_data
from bench.run import selected
from bench.scenarios import SCENARIOS, judge
from bench.seed import PASSWORD, Argon2Settings, SeededData, SeedSize, recreate_database, seed
from bench.server import cpu_seconds
from bench.warm import read_every_article
from bench.wrk import LoadResult, LoadSpec, parse_wrk_output, run_wrk, wrk_path
from entrypoints.python_api import Conduit
from entrypoints.settings import load_settings

TINY = SeedSize(users=6, articles=30)
CHEAP = Argon2Settings(time_cost=1, memory_kib=8, parallelism=1)

WRK_TEXT = """\
Running 10s test @ http://127.0.0.1:8000/api/articles
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.34ms    5.67ms  98.76ms   70.00%
    Req/Sec     1.30k   100.00     1.50k    68.00%
  Latency Distribution
     50%   11.50ms
     75%   14.20ms
     90%   18.00ms
     99%  105.30ms
  25873 requests in 10.02s, 270.11MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 7
Requests/sec:   2582.14
Transfer/sec:     26.96MB
"""


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[str, SeededData]:
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    recreate_database(url)
    return url, seed(url, TINY, CHEAP)


def _count(url: str, table: str) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one())  # noqa: S608
    finally:
        engine.dispose()


def test_seed_fills_every_table_with_the_counts_it_reports(seeded) -> None:
    url, data = seeded
    assert data.counts["users"] == 6
    assert data.counts["articles"] == 30
    for table, rows in data.counts.items():
        assert rows > 0, table
        assert _count(url, table) == rows, table
    assert len(set(data.slugs)) == 30
    assert len(data.emails) == 6 and data.tags


async def test_seeded_users_log_in_and_read_through_the_app(seeded, tmp_path: Path) -> None:
    url, data = seeded
    secret = "bench-test-secret-that-is-long-enough-0123"
    async with Conduit.open(url, secret_key=secret, data_dir=str(tmp_path)) as conduit:
        session = await conduit.log_in(email=data.emails[0], password=PASSWORD)
        me = await conduit.authenticate(session.token)
        assert (await conduit.list_articles(limit=5)).total == 30
        assert (await conduit.list_articles(tag=data.tags[0])).total > 0
        assert (await conduit.feed(user_id=me.id)).total > 0
        assert (await conduit.get_article(data.slugs[0])).slug == data.slugs[0]


def test_seeding_is_deterministic(tmp_path: Path) -> None:
    first, second = (f"sqlite:///{tmp_path / name}" for name in ("a.db", "b.db"))
    for url in (first, second):
        recreate_database(url)
    assert seed(first, TINY, CHEAP).slugs == seed(second, TINY, CHEAP).slugs


def test_parser_reads_wrk_latency_report() -> None:
    result = parse_wrk_output(WRK_TEXT)
    assert result.requests == 25873
    assert result.seconds == pytest.approx(10.02)
    assert result.p50_ms == pytest.approx(11.5)
    assert result.p99_ms == pytest.approx(105.3)
    assert result.errors == 2 + 1 + 7
    assert result.rps == pytest.approx(25873 / 10.02)


def test_parser_prefers_the_exact_json_line() -> None:
    line = (
        'BENCH_JSON {"requests": 500, "duration_us": 2000000, "p50_us": 1500, "p99_us": 90250, '
        '"connect": 0, "read": 0, "write": 0, "status": 3, "timeout": 0}'
    )
    result = parse_wrk_output(WRK_TEXT + line + "\n")
    assert (result.requests, result.seconds, result.p50_ms, result.p99_ms, result.errors) == (
        500,
        2.0,
        1.5,
        90.25,
        3,
    )


def test_parser_converts_units() -> None:
    text = WRK_TEXT.replace("11.50ms", "850.00us").replace("105.30ms", "1.20s")
    result = parse_wrk_output(text)
    assert result.p50_ms == pytest.approx(0.85)
    assert result.p99_ms == pytest.approx(1200)


def test_lua_data_lists_what_the_scripts_need(seeded) -> None:
    _, data = seeded
    text = lua_data(data, ["token-a", "token-b"])
    assert text.startswith("return {")
    assert '"token-a", "token-b"' in text
    assert f'"{data.slugs[0]}"' in text
    assert f'password = "{PASSWORD}"' in text
    with pytest.raises(ValueError, match="plain Lua string"):
        lua_data(data, ['bad"token'])


def test_verdicts_follow_the_targets() -> None:
    by_name = {s.name: s for s in SCENARIOS}
    fast = LoadResult(requests=7000, seconds=10, p50_ms=3, p99_ms=20, errors=0)
    assert judge(by_name["anonymous_list"], fast, ceiling_rps=1000).text == "pass"
    slow = judge(by_name["anonymous_list"], fast, ceiling_rps=2000)
    assert slow.failures == ("35% < 60%",)
    assert judge(by_name["tag_filter"], fast, ceiling_rps=None).text == "pass"  # no ratio target
    assert "no ceiling measured" in judge(by_name["tags"], fast, ceiling_rps=None).text
    late = LoadResult(requests=10, seconds=10, p50_ms=30, p99_ms=250, errors=4)
    assert judge(by_name["mixed"], late, ceiling_rps=None).failures == ("4 errors",)  # no p99 target
    login = LoadResult(requests=80, seconds=10, p50_ms=900, p99_ms=2000, errors=0)
    assert judge(by_name["login"], login, ceiling_rps=10.0).text == "pass"  # 80% of argon2, no p99 target
    assert judge(by_name["login"], login, ceiling_rps=11.0).failures == ("73% < 80%",)


class _Fixed(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    seen: list[str] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        found = self.path == "/ok" or self.path.startswith("/api/articles/a")
        body = b'{"ok": true}' if found else b"{}"
        self.send_response(200 if found else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fixed_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Fixed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.skipif(wrk_path() is None, reason="wrk is not installed (make bench installs it)")
@pytest.mark.parametrize(("path", "errors"), [("/ok", False), ("/missing", True)])
def test_lua_script_runs_under_wrk_and_reports_errors(fixed_server, tmp_path: Path, path, errors) -> None:
    data_file = tmp_path / "data.lua"
    data_file.write_text("return {}\n")
    spec = LoadSpec(fixed_server + path, "ceiling", data_file, seconds=1, connections=2, threads=1)
    result = run_wrk(spec)
    assert result.requests > 0
    assert (result.errors > 0) is errors


def test_the_cold_pass_reads_every_article_once(fixed_server) -> None:
    slugs = [f"a{n}" for n in range(20)]
    _Fixed.seen.clear()
    assert read_every_article(fixed_server, slugs, connections=3) > 0
    assert sorted(_Fixed.seen) == sorted(f"/api/articles/{slug}" for slug in slugs)
    with pytest.raises(RuntimeError, match="answered 404"):
        read_every_article(fixed_server, ["missing"], connections=1)


def test_configurations_set_the_cache_honestly(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CONDUIT_TEST_POSTGRES_URL", "postgresql://leak")
    monkeypatch.setenv("CONDUIT_REDIS_URL", "redis://inherited:6379/0")
    monkeypatch.setenv("CONDUIT_ARGON2_TIME_COST", "3")
    options = Options.from_env({"BENCH_WORK_DIR": str(tmp_path), "BENCH_QUICK": "1"})
    assert (options.seconds, options.warmup, options.connections) == (3, 1, 32)
    switch = cache_switch()
    off = server_env(CONFIGURATIONS["postgres-nocache"], options, secret="s" * 40)
    on = server_env(CONFIGURATIONS["postgres-redis"], options, secret="s" * 40)
    assert "CONDUIT_REDIS_URL" not in off  # never inherited
    assert on["CONDUIT_REDIS_URL"] == options.redis_url
    assert "CONDUIT_TEST_POSTGRES_URL" not in on
    assert on["CONDUIT_ARGON2_TIME_COST"] == "3"  # other settings pass through
    if switch is None:
        assert "no cache switch found" in describe(CONFIGURATIONS["sqlite-cache"], options)
    else:
        assert on[switch[0]] == switch[1]
        assert off[switch[0]] == switch[2]


def test_explicit_cache_variables_win(tmp_path: Path) -> None:
    options = Options.from_env(
        {"BENCH_WORK_DIR": str(tmp_path), "BENCH_CACHE_OFF_ENV": "CONDUIT_CACHE_TTL_SECONDS=0"}
    )
    env = server_env(CONFIGURATIONS["sqlite-nocache"], options, secret="s" * 40)
    assert env["CONDUIT_CACHE_TTL_SECONDS"] == "0"
    assert env["CONDUIT_DATABASE_URL"].startswith("sqlite:///")
    assert "CONDUIT_CACHE_TTL_SECONDS=0" in describe(CONFIGURATIONS["sqlite-nocache"], options)


def test_every_configuration_gives_settings_a_server_accepts_on_a_fresh_work_dir(tmp_path: Path) -> None:
    """`make bench` on a new machine: nothing under BENCH_WORK_DIR exists yet."""
    options = Options.from_env({"BENCH_WORK_DIR": str(tmp_path / "new")})
    for config in CONFIGURATIONS.values():
        settings = load_settings(server_env(config, options, secret=new_secret()))
        assert Path(settings.data_dir) == options.work_dir / config.name


def test_bench_scenarios_picks_a_subset_in_the_usual_order(tmp_path: Path) -> None:
    picked = Options.from_env({"BENCH_WORK_DIR": str(tmp_path), "BENCH_SCENARIOS": "mixed,login"})
    assert [s.name for s in selected(picked)] == ["login", "mixed"]
    every = Options.from_env({"BENCH_WORK_DIR": str(tmp_path)})
    assert selected(every) == SCENARIOS


async def test_scale_subjects_are_the_busiest_of_the_seeded_site(seeded) -> None:
    url, _ = seeded
    subjects = await scale._subjects(url, 30)
    async with Conduit.open(url, secret_key="bench-test-secret-that-is-long-enough-0123") as conduit:
        totals = [(await conduit.list_articles(tag=t)).total for t in await conduit.list_tags()]
        assert (await conduit.list_articles(tag=subjects.top_tag)).total == max(totals)
        assert (await conduit.list_comments(subjects.commented_slug)) != []
    assert subjects.deep_offset == 15
    assert all(path.startswith("/api/") for _, path, _ in scale.requests_of(subjects))


def test_scale_tables_show_the_curve_and_judge_the_mixed_load() -> None:
    def result(rps: float, p99: float) -> LoadResult:
        return LoadResult(requests=int(rps * 10), seconds=10, p50_ms=1, p99_ms=p99, errors=0)

    curve = scale.Curve(
        ms={("postgres", c, "tags", n): 2.0 * (1 + (n > 10)) for c in (False, True) for n in (10, 20)},
        labels={("postgres", 10): ["tags"], ("postgres", 20): ["tags"]},
        seeding={("postgres", 10): 1.0, ("postgres", 20): 2.0},
        mixed=[(result(1000, 10), result(500, 50)), (result(1000, 10), result(700, 50))],
    )
    text = "\n".join(scale.tables_of(curve, [10, 20], ["postgres"]))
    assert "| tags | 2.0 | 4.0 | 2.0x |" in text
    assert "Ratio 60% (median of 50%, 70%): pass." in text
    curve.mixed.append((result(1000, 10), result(900, 150)))  # the best ratio, but its p99 misses
    assert "Ratio 70% (median of 50%, 70%, 90%): FAIL." in "\n".join(scale.tables_of(curve, [10], []))


def test_distinct_readers_are_judged_against_the_bare_query() -> None:
    def result(rps: float) -> LoadResult:
        return LoadResult(requests=int(rps * 10), seconds=10, p50_ms=1, p99_ms=20, errors=0)

    loads = {"bare": result(1000), "distinct_list": result(1200), "distinct_feed": result(900)}
    loads |= {"distinct_article": result(3000), "reader_mix": result(500)}
    text = "\n".join(scale.readers_table(loads))
    assert "| signed-in list | 1,200 | 20.0 | 0 | - | 1.20 | >= 1.00 of the bare query: pass |" in text
    assert "| feed | 900 | 20.0 | 0 | - | 0.90 | >= 1.00 of the bare query: FAIL |" in text
    assert "0.42 | >= 0.50 of the signed-in list: FAIL |" in text


def test_server_cpu_counts_every_process_of_the_group() -> None:
    # A parent and its child each spin for 0.4 s of CPU, then stay alive, as a server's workers do:
    # both are the server's cost.
    spin = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.4: pass\ntime.sleep(30)\n"
    script = f"import subprocess, sys\nsubprocess.Popen([sys.executable, '-c', {spin!r}])\n{spin}"
    process = subprocess.Popen([sys.executable, "-c", script], start_new_session=True)
    try:
        deadline = time.monotonic() + 20
        while cpu_seconds(process) < 0.8 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert 0.8 <= cpu_seconds(process) < 5
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the child too
        process.wait()


def test_scale_tables_show_the_server_cpu_per_request() -> None:
    measured = LoadResult(requests=1000, seconds=10, p50_ms=3, p99_ms=20, errors=0, server_cpu_ms=0.84)
    results = dict.fromkeys([*scale.READER_LOADS, "bare"], measured)
    assert "| 0.84 |" in "\n".join(scale.readers_table(results))
    unmeasured = LoadResult(requests=1000, seconds=10, p50_ms=3, p99_ms=20, errors=0)
    curve = scale.Curve(ms={}, labels={}, seeding={}, mixed=[(measured, unmeasured)])
    rows = [line for line in scale.tables_of(curve, [10], []) if line.startswith("| 1. reads")]
    assert rows[0].endswith("| 0.84 |") and rows[1].endswith("| - |")
