"""Readiness: every dependency's check, run concurrently under one deadline."""

import asyncio
from collections.abc import Awaitable, Callable, Mapping

Check = Callable[[], Awaitable[None]]


class Readiness:
    """`failures()` names each failing check with a reason safe to show (no URLs, no secrets)."""

    def __init__(self, checks: Mapping[str, Check], timeout: float) -> None:
        self._checks, self._timeout = dict(checks), timeout

    @property
    def names(self) -> list[str]:
        return list(self._checks)

    async def failures(self) -> dict[str, str]:
        reasons = await asyncio.gather(*(self._run(check) for check in self._checks.values()))
        return {name: reason for name, reason in zip(self._checks, reasons, strict=True) if reason}

    async def _run(self, check: Check) -> str | None:
        try:
            async with asyncio.timeout(self._timeout):
                await check()
        except TimeoutError:
            return f"no answer within {self._timeout:g}s"
        except Exception as error:  # any failure means "not ready"; the reason is the adapter's message
            return str(error) or type(error).__name__
        return None
