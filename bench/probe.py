"""Plain HTTP calls the driver makes outside the load: log-ins, sample answers, the Lua data file."""

import json
import urllib.request

from bench.scenarios import Scenario
from bench.seed import PASSWORD, SeededData


def request(url: str, *, token: str | None = None, body: dict | None = None) -> bytes:
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Token {token}"
    data = json.dumps(body).encode() if body is not None else None
    call = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 (a local http URL)
    with urllib.request.urlopen(call, timeout=30) as response:  # noqa: S310
        return response.read()


def log_in(base: str, email: str) -> str:
    answer = request(f"{base}/api/users/login", body={"user": {"email": email, "password": PASSWORD}})
    return str(json.loads(answer)["user"]["token"])


def sample_body(base: str, scenario: Scenario, seeded: SeededData, token: str) -> bytes:
    """A real answer of a read scenario: the ceiling serves a body of this size."""
    path = scenario.probe.format(slug=seeded.slugs[0], tag=seeded.tags[0])
    return request(base + path, token=token if scenario.auth else None)


def lua_data(seeded: SeededData, tokens: list[str]) -> str:
    """The Lua table lua/conduit.lua loads: tokens, slugs, tags, emails and the shared password."""

    def strings(items: list[str]) -> str:
        for item in items:
            if not item.isascii() or any(ch in item for ch in '"\\\n\r'):
                raise ValueError(f"not a plain Lua string: {item!r}")
        return "{" + ", ".join(f'"{item}"' for item in items) + "}"

    fields = {"tokens": tokens, "slugs": seeded.slugs, "tags": seeded.tags, "emails": seeded.emails}
    body = "".join(f"  {name} = {strings(items)},\n" for name, items in fields.items())
    return f'return {{\n{body}  password = "{PASSWORD}",\n}}\n'
