"""The argon2id hasher with real argon2-cffi."""

import asyncio
import time

from adapters.security.argon2_hasher import Argon2Parameters, Argon2PasswordHasher

CHEAP = Argon2Parameters(time_cost=1, memory_cost_kib=8, parallelism=1)


async def test_hash_is_argon2id_with_a_salt_and_verifies() -> None:
    hasher = Argon2PasswordHasher(CHEAP, max_concurrency=2)
    first, second = await hasher.hash("correct horse"), await hasher.hash("correct horse")
    assert first.startswith("$argon2id$") and first != second  # salted
    assert await hasher.verify("correct horse", first)
    assert not await hasher.verify("wrong horse", first)


async def test_default_parameters_meet_owasp_minimum() -> None:
    parameters = Argon2Parameters()
    assert (
        parameters.memory_cost_kib >= 19 * 1024 and parameters.time_cost >= 2 and parameters.parallelism >= 1
    )
    password_hash = await Argon2PasswordHasher(parameters, max_concurrency=1).hash("correct horse")
    assert "$m=19456,t=2,p=1$" in password_hash


async def test_unknown_account_and_broken_hash_verify_false() -> None:
    hasher = Argon2PasswordHasher(CHEAP, max_concurrency=1)
    assert not await hasher.verify("anything", None)
    assert not await hasher.verify("anything", "not-a-hash")


async def test_changed_parameters_ask_for_a_rehash() -> None:
    old = await Argon2PasswordHasher(CHEAP, max_concurrency=1).hash("pw")
    current = Argon2PasswordHasher(Argon2Parameters(time_cost=2, memory_cost_kib=8), max_concurrency=1)
    assert current.needs_rehash(old)
    assert not current.needs_rehash(await current.hash("pw"))


async def test_concurrency_is_bounded() -> None:
    hasher = Argon2PasswordHasher(CHEAP, max_concurrency=2)
    real = hasher._argon2
    running = peak = 0

    class Tracking:
        def hash(self, password: str) -> str:
            nonlocal running, peak
            running += 1
            peak = max(peak, running)
            try:
                time.sleep(0.02)
                return real.hash(password)
            finally:
                running -= 1

    hasher._argon2 = Tracking()  # type: ignore[assignment]
    await asyncio.gather(*(hasher.hash("pw") for _ in range(8)))
    assert peak == 2
