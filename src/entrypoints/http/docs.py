"""The interactive API docs at /docs, served whole by Conduit: no CDN, so they render offline.

Swagger UI's files come from the `swagger-ui-bundle-v2` package (ADR 0017); the schema stays at
/docs/openapi.json.
"""

from litestar import Router
from litestar.datastructures import CacheControlHeader
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.static_files import create_static_files_router
from swagger_ui_bundle import swagger_ui_path

DOCS_PATH = "/docs"  # interactive UI here, schema at /docs/openapi.json
ASSETS_PATH = f"{DOCS_PATH}/assets/{swagger_ui_path.name}"  # versioned: a new release is a new URL


def swagger_ui() -> SwaggerRenderPlugin:
    return SwaggerRenderPlugin(
        path="/",
        js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
        css_url=f"{ASSETS_PATH}/swagger-ui.css",
        standalone_preset_js_url=f"{ASSETS_PATH}/swagger-ui-standalone-preset.js",
        favicon=f"<link rel='icon' type='image/png' href='{ASSETS_PATH}/favicon-32x32.png'>",
    )


def swagger_ui_assets() -> Router:
    return create_static_files_router(
        path=ASSETS_PATH,
        directories=[swagger_ui_path],
        name="docs-assets",
        cache_control=CacheControlHeader(max_age=7 * 24 * 3600, public=True),
    )
