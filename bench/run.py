"""`make bench`: seed, serve and load each configuration with wrk, then the ceilings, then the tables."""

import dataclasses
import os
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import redis

from bench import probe
from bench.argon2_rate import verify_rate
from bench.ceiling import PREFIX_VAR, REDIS_URL_VAR
from bench.config import CONFIGURATIONS, ROOT, Configuration, Options, describe, new_secret, server_env
from bench.report import config_table, header
from bench.scenarios import READS, SCENARIOS, Scenario
from bench.seed import Argon2Settings, SeededData, SeedSize, recreate_database, seed
from bench.server import free_port, running
from bench.services import flush_own_redis_db, unavailable
from bench.warm import read_every_article
from bench.wrk import LoadResult, LoadSpec, run_wrk, wrk_path
from entrypoints.settings import Settings, load_settings

CEILING_PREFIX = "conduit-bench:ceiling:"


@dataclass(slots=True)
class ConfigRun:
    config: Configuration
    label: str
    results: dict[str, LoadResult] = field(default_factory=dict)
    ceilings: dict[str, LoadResult] = field(default_factory=dict)  # measured just before each read
    argon2_rate: float | None = None  # the mean of its rate just before and just after the login load
    cold_article_rate: float | None = None  # the first read of every article (cold cache)
    skipped: str = ""


@dataclass(slots=True)
class Bench:
    options: Options
    bodies: dict[str, bytes] = field(default_factory=dict)  # a real answer per read scenario
    seeded: SeededData | None = None
    ceiling_base: str = ""  # the ceiling server, when Redis is there

    def log(self, message: str) -> None:
        print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)

    def load(self, url: str, scenario: str, data_file: Path) -> LoadResult:
        """A warm-up run (discarded), then the measured one."""
        o = self.options
        spec = LoadSpec(url, scenario, data_file, o.seconds, o.connections, o.threads)
        if o.warmup > 0:
            run_wrk(dataclasses.replace(spec, seconds=o.warmup))
        return run_wrk(spec)

    def run_configuration(self, config: Configuration) -> ConfigRun:
        env = server_env(config, self.options, secret=new_secret())
        run = ConfigRun(config, describe(config, self.options))
        settings = load_settings(env)
        postgres = self.options.postgres_url if config.database == "postgres" else None
        run.skipped = unavailable(postgres_url=postgres, redis_url=env.get("CONDUIT_REDIS_URL"))
        if run.skipped:
            self.log(f"{config.name}: skipped, {run.skipped}")
            return run
        if "CONDUIT_REDIS_URL" in env:
            flush_own_redis_db(self.options.redis_url)
        recreate_database(settings.database_url)
        seeded = self.seeded = seed(settings.database_url, SeedSize(), argon2_of(settings))
        self.log(f"{config.name}: seeded {seeded.counts} in {seeded.seconds:.1f}s")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        command = [str(Path(sys.executable).with_name("conduit")), "serve", "--host", "127.0.0.1"]
        command += ["--port", str(port), "--workers", str(self.options.workers), "--no-migrate"]
        log_file = self.options.work_dir / f"{config.name}.server.log"
        with running(command, env, ready_url=f"{base}/api/tags", log_file=log_file):
            tokens = [probe.log_in(base, email) for email in seeded.emails[: self.options.token_users]]
            data_file = self.options.work_dir / f"{config.name}.data.lua"
            data_file.write_text(probe.lua_data(seeded, tokens))
            if not self.bodies:
                self.bodies = {s.name: probe.sample_body(base, s, seeded, tokens[0]) for s in READS}
            self.store_bodies()
            for scenario in selected(self.options):
                if scenario.name == "article":
                    run.cold_article_rate = read_every_article(base, seeded.slugs)
                    self.log(
                        f"{config.name} cold pass over every article: {run.cold_article_rate:,.0f} req/s"
                    )
                self.measure_ceiling(run, scenario, settings)
                result = run.results[scenario.name] = self.load(base, scenario.name, data_file)
                if scenario.kind == "login" and run.argon2_rate is not None:
                    # Again after the load: the mean of both brackets the load, on a host whose speed drifts.
                    after = self.measure_argon2(settings)
                    self.log(f"argon2 verify after the login load: {after:.1f}/s")
                    run.argon2_rate = (run.argon2_rate + after) / 2
                self.log(f"{config.name} {scenario.label}: {summary(result)}")
        return run

    def measure_ceiling(self, run: ConfigRun, scenario: Scenario, settings: Settings) -> None:
        """Right before the scenario, so that both see the same machine (shared machines drift)."""
        if scenario.kind == "login":
            run.argon2_rate = self.measure_argon2(settings)
            self.log(f"argon2 verify on {settings.hash_concurrency} threads: {run.argon2_rate:.1f}/s")
        elif scenario.kind == "read" and self.ceiling_base:
            url = f"{self.ceiling_base}/ceiling/{scenario.name}"
            result = run.ceilings[scenario.name] = self.load(url, "ceiling", self.ceiling_data)
            size = len(self.bodies[scenario.name])
            self.log(f"ceiling {scenario.label} ({size} B): {summary(result)}")

    def measure_argon2(self, settings: Settings) -> float:
        """Argon2 verifications a second with the server's parameters and hashing threads."""
        seconds = min(5.0, self.options.seconds)
        return verify_rate(argon2_of(settings), threads=settings.hash_concurrency, seconds=seconds)

    @property
    def ceiling_data(self) -> Path:
        return self.options.work_dir / "ceiling.data.lua"

    def store_bodies(self) -> None:
        if self.ceiling_base:
            client = redis.Redis.from_url(self.options.redis_url)
            for name, body in self.bodies.items():
                client.set(f"{CEILING_PREFIX}{name}", body)

    @contextmanager
    def ceiling_server(self) -> Iterator[None]:
        """The bare endpoint serving each read scenario's real body from Redis, on the same software."""
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        level = os.environ.get("CONDUIT_LOG_LEVEL", "WARNING").lower()
        command = [sys.executable, "-m", "uvicorn", "bench.ceiling:app_from_env", "--factory"]
        command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(self.options.workers)]
        command += ["--log-level", level, "--timeout-graceful-shutdown", "20"]
        env = {**os.environ, REDIS_URL_VAR: self.options.redis_url, PREFIX_VAR: CEILING_PREFIX}
        self.ceiling_data.write_text("return {}\n")
        log_file = self.options.work_dir / "ceiling.server.log"
        try:
            with running(command, env, ready_url=f"{base}/ceiling/tags", log_file=log_file, cwd=ROOT):
                self.ceiling_base = base
                yield
        finally:
            self.ceiling_base = ""
            keys = [f"{CEILING_PREFIX}{s.name}" for s in READS]
            redis.Redis.from_url(self.options.redis_url).delete(*keys)


def selected(options: Options) -> tuple[Scenario, ...]:
    """The scenarios BENCH_SCENARIOS names, in their usual order; all of them when it is unset."""
    return tuple(s for s in SCENARIOS if not options.scenarios or s.name in options.scenarios)


def argon2_of(settings: Settings) -> Argon2Settings:
    return Argon2Settings(settings.argon2_time_cost, settings.argon2_memory_kib, settings.argon2_parallelism)


def summary(result: LoadResult) -> str:
    latency = f"p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms"
    cpu = f", server CPU {result.server_cpu_ms:.2f} ms/request" if result.server_cpu_ms is not None else ""
    return f"{result.rps:,.0f} req/s, {latency}, {result.errors} errors{cpu}"


def command_line() -> str:
    settings = " ".join(f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("BENCH_"))
    return f"make bench {settings}".strip()


def main() -> int:
    options = Options.from_env()
    if wrk_path() is None:
        print("wrk is not installed: `make bench` installs it (apt-get install -y wrk)", file=sys.stderr)
        return 2
    unknown = [name for name in options.configs if name not in CONFIGURATIONS]
    if unknown:
        print(
            f"unknown BENCH_CONFIGS entry {unknown[0]!r}; known: {', '.join(CONFIGURATIONS)}", file=sys.stderr
        )
        return 2
    names = [scenario.name for scenario in SCENARIOS]
    unknown = [name for name in options.scenarios if name not in names]
    if unknown:
        print(f"unknown BENCH_SCENARIOS entry {unknown[0]!r}; known: {', '.join(names)}", file=sys.stderr)
        return 2
    options.work_dir.mkdir(parents=True, exist_ok=True)
    bench = Bench(options)
    top = header(ROOT, command_line())
    no_ceiling = unavailable(postgres_url=None, redis_url=options.redis_url)
    with ExitStack() as stack:
        if not no_ceiling:
            stack.enter_context(bench.ceiling_server())
        runs = [bench.run_configuration(CONFIGURATIONS[name]) for name in options.configs]
    sizes = ", ".join(f"{s.label} {len(bench.bodies[s.name]):,} B" for s in READS if s.name in bench.bodies)
    reference = load_settings(server_env(CONFIGURATIONS["postgres-redis"], options, secret=new_secret()))
    sections = [
        "### Benchmark run",
        "",
        top,
        f"- load: wrk -t{options.threads} -c{options.connections}, {options.seconds:g} s per scenario after "
        f"{options.warmup:g} s warm-up; server: {options.workers} worker(s)",
        f"- dataset: {bench.seeded.counts if bench.seeded else 'none'}",
        f"- ceiling bodies: {sizes}" if not no_ceiling else f"- no ceiling: {no_ceiling}",
        f"- argon2: t={reference.argon2_time_cost}, m={reference.argon2_memory_kib} KiB, "
        f"p={reference.argon2_parallelism}, verified on {reference.hash_concurrency} threads",
    ]
    for run in runs:
        title = f"{run.label} (`{run.config.name}`)"
        table = config_table(title, run.results, run.ceilings, run.argon2_rate)
        sections += ["", f"#### {title}\n\nskipped: {run.skipped}" if run.skipped else table]
        if run.cold_article_rate is not None:
            sections += [
                "",
                f"Cold pass (every article read once before its scenario, 8 connections): "
                f"{run.cold_article_rate:,.0f} req/s.",
            ]
    sections += ["", "Targets are stated for PostgreSQL + Redis, one worker, 32 connections; the other"]
    sections += ["configurations are shown against the same targets for comparison."]
    text = "\n".join(sections) + "\n"
    (options.work_dir / "results.md").write_text(text)
    print("\n" + text, flush=True)
    bench.log(f"tables also written to {options.work_dir / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
