"""Handlers take use cases by provider name: a name two modules provide must stop the app from starting."""

from types import SimpleNamespace

import pytest
from dependency_injector import providers

from entrypoints.container import build_container
from entrypoints.http import app as http_app
from tests.e2e.conftest import app_settings


class _UseCase:
    async def execute(self) -> None:
        return None


def test_a_use_case_name_two_modules_provide_is_refused(tmp_path, monkeypatch) -> None:
    container = build_container(app_settings(f"sqlite:///{tmp_path / 'd.db'}", tmp_path))
    twins = [SimpleNamespace(providers={"list_tags": providers.Factory(_UseCase)}) for _ in range(2)]
    monkeypatch.setattr(http_app, "module_containers", lambda _container: twins)
    with pytest.raises(ValueError, match="list_tags"):
        http_app.create_app(container)


def test_a_handler_gets_its_use_case_by_provider_name(tmp_path) -> None:
    container = build_container(app_settings(f"sqlite:///{tmp_path / 'd.db'}", tmp_path))
    app = http_app.create_app(container)
    api = next(route for route in app.routes if route.path.startswith("/api/tags"))
    handler = api.route_handlers[0]
    assert "list_tags" in handler.resolve_dependencies()
