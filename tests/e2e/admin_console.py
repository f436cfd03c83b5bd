"""Helpers to drive the admin console through HTTP, as a browser would (forms, cookies, CSRF tokens)."""

import re
import secrets
from dataclasses import dataclass, field
from typing import Any

import httpx
from litestar.testing import AsyncTestClient

from core.shared.actor import Actor
from core.shared.pagination import PageRequest
from core.users import RegisterUserCommand
from entrypoints.container import ApplicationContainer

STAFF_PASSWORD = "quiet-harbor-lights-7"  # passes the password rules for any of the tests' names

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
OPERATOR = Actor.operator("test")


@dataclass
class Console:
    client: AsyncTestClient
    container: ApplicationContainer  # the operator's, not the server's: another process
    # Failed logins are counted in Redis by e-mail address, across test runs: each console its own.
    domain: str = field(default_factory=lambda: f"{secrets.token_hex(6)}.example.com")

    def email(self, name: str) -> str:
        return f"{name}@{self.domain}"

    async def account(self, name: str, role: str = "user", password: str | None = None) -> str:
        """Create an account with a role; returns its API token."""
        created = await self.container.users.register_user().execute(
            RegisterUserCommand(username=name, email=self.email(name), password=password or STAFF_PASSWORD)
        )
        if role != "user":
            await self.container.users.set_role().execute(OPERATOR, name, role, "test set-up")
        return created.token

    async def csrf(self, path: str = "/admin/login") -> str:
        page = await self.client.get(path, follow_redirects=True)
        found = _TOKEN.search(page.text)
        assert found, page.text
        return found.group(1)

    async def sign_in(self, name: str, password: str | None = None) -> httpx.Response:
        form = {"email": self.email(name), "password": password or STAFF_PASSWORD}
        return await self.post("/admin/login", **form)

    async def post(self, path: str, **form: Any) -> httpx.Response:
        """Submit a form with the page's CSRF token, as the browser would; no redirect followed."""
        return await self.client.post(
            path, data={**form, "_csrf_token": await self.csrf()}, follow_redirects=False
        )

    async def get(self, path: str) -> httpx.Response:
        return await self.client.get(path, follow_redirects=False)

    async def audit(self) -> list[tuple[str, str, str, str]]:
        entries = await self.container.admin.list_audit_log().execute(OPERATOR, PageRequest(limit=100))
        return [(e.actor, e.action, e.target, e.reason) for e in entries.items]
