"""The real app (container, adapters, databases) driven through HTTP with Litestar's test client."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from entrypoints.container import build_container
from entrypoints.http.app import create_app
from entrypoints.settings import Settings, load_settings
from tests.conftest import CHEAP_HASHING, TEST_SECRET


def app_settings(database_url: str, data_dir, **overrides: Any) -> Settings:
    """Settings for an app under test: cheap hashing, a fixed secret, the given database."""
    return load_settings(
        {},
        database_url=database_url,
        data_dir=str(data_dir),
        secret_key=TEST_SECRET,
        **{**CHEAP_HASHING, **overrides},
    )


@pytest.fixture
def settings(database_url: str, tmp_path) -> Settings:
    return app_settings(database_url, tmp_path)


@pytest.fixture
async def client(settings) -> AsyncIterator[AsyncTestClient]:
    async with AsyncTestClient(app=create_app(build_container(settings))) as test_client:
        yield test_client


@dataclass
class Api:
    """Terse helpers over the client for the RealWorld flows."""

    client: AsyncTestClient

    async def register(self, name: str = "jake", password: str = "wooden-spoon-88") -> dict[str, Any]:
        body = {"user": {"username": name, "email": f"{name}@example.com", "password": password}}
        response = await self.client.post("/api/users", json=body)
        assert response.status_code == 201, response.text
        return response.json()["user"]

    @staticmethod
    def auth(token: str) -> dict[str, str]:
        return {"Authorization": f"Token {token}"}

    async def create_article(
        self, token: str, title: str = "How to train your dragon", **fields: Any
    ) -> dict[str, Any]:
        article = {"title": title, "description": "Ever wonder how?", "body": "Very carefully.", **fields}
        response = await self.client.post(
            "/api/articles", json={"article": article}, headers=self.auth(token)
        )
        assert response.status_code == 201, response.text
        return response.json()["article"]

    async def get(self, path: str, token: str | None = None) -> Any:
        response = await self.client.get(path, headers=self.auth(token) if token else None)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def api(client: AsyncTestClient) -> Api:
    return Api(client)
