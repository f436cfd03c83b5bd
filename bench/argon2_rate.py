"""The login ceiling: argon2 verifications per second with the configured parameters and threads."""

import time
from concurrent.futures import ThreadPoolExecutor

from bench.seed import PASSWORD, Argon2Settings


def verify_rate(argon2: Argon2Settings, *, threads: int, seconds: float) -> float:
    """Verifications per second on `threads` threads (argon2-cffi releases the GIL while hashing)."""
    hasher = argon2.hasher()
    password_hash = hasher.hash(PASSWORD)
    deadline = time.monotonic() + seconds

    def work() -> int:
        done = 0
        while time.monotonic() < deadline:
            hasher.verify(password_hash, PASSWORD)
            done += 1
        return done

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        total = sum(pool.map(lambda _: work(), range(threads)))
    return total / (time.monotonic() - started)
