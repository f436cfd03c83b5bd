"""/docs renders with no network beyond Conduit itself: every asset the page names is served here."""

import re
from html.parser import HTMLParser

from tests.e2e.conftest import Api


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]


async def test_the_docs_page_names_no_outside_host_and_its_assets_load(api: Api) -> None:
    page = await api.client.get("/docs")
    assert page.status_code == 200
    links = _Links()
    links.feed(page.text)
    assert len(links.urls) >= 4  # the CSS, two scripts, the icon
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", page.text.split("spec:")[0], re.I)
    for url in links.urls:
        assert url.startswith("/docs/assets/"), url
        asset = await api.client.get(url)
        assert asset.status_code == 200 and len(asset.content) > 100, url
    script = next(url for url in links.urls if url.endswith("swagger-ui-bundle.js"))
    assert "javascript" in (await api.client.get(script)).headers["content-type"]


async def test_the_schema_stays_at_docs_openapi_json(api: Api) -> None:
    schema = await api.client.get("/docs/openapi.json")
    assert schema.status_code == 200 and "/api/articles" in schema.json()["paths"]
    assert not any(path.startswith("/docs") for path in schema.json()["paths"])
