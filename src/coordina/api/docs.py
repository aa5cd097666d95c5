"""The API's documentation pages, Swagger UI at ``/api/v1/docs`` and ReDoc at ``/api/v1/redoc``,
served with every asset from the package (``api/static``, vendored by
``scripts/vendor-docs-assets.sh``): they work offline, and no page loads anything from a CDN.

The pages also carry a Content-Security-Policy (W3C CSP Level 3) that lets the browser fetch from
this server alone. (Upstream, ReDoc's bundle shows a logo from cdn.redoc.ly; the vendored copy
points it at the vendored icon, see ``scripts/vendor-docs-assets.sh``.)
"""

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"
# Inline scripts and styles: the pages' own start-up script, and the styles both apps inject.
POLICY = "; ".join([
    "default-src 'self'", "script-src 'self' 'unsafe-inline'", "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:", "font-src 'self' data:", "worker-src 'self' blob:", "connect-src 'self'",
])  # fmt: skip


def _same_origin_only(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = POLICY
    return page


def install(app: FastAPI, prefix: str) -> None:
    """Mount the vendored assets at ``{prefix}/static`` and add the two pages under ``prefix``."""
    static = f"{prefix}/static"
    app.mount(static, StaticFiles(directory=STATIC), name="docs-static")
    redirect = f"{prefix}/docs/oauth2-redirect"

    def root(request: Request) -> str:
        return str(request.scope.get("root_path", "")).rstrip("/")

    @app.get(f"{prefix}/docs", include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        base = root(request)
        page = get_swagger_ui_html(
            openapi_url=base + (app.openapi_url or ""),
            title=f"{app.title} API",
            swagger_js_url=f"{base}{static}/swagger-ui-bundle.js",
            swagger_css_url=f"{base}{static}/swagger-ui.css",
            swagger_favicon_url=f"{base}{static}/favicon-32x32.png",
            oauth2_redirect_url=base + redirect,
            # No badge from validator.swagger.io: the page asks no other host for anything.
            swagger_ui_parameters={"validatorUrl": None},
        )
        return _same_origin_only(page)

    @app.get(redirect, include_in_schema=False)
    def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get(f"{prefix}/redoc", include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        base = root(request)
        page = get_redoc_html(
            openapi_url=base + (app.openapi_url or ""),
            title=f"{app.title} API",
            redoc_js_url=f"{base}{static}/redoc.standalone.js",
            redoc_favicon_url=f"{base}{static}/favicon-32x32.png",
            with_google_fonts=False,  # the system's fonts: no request to fonts.googleapis.com
        )
        return _same_origin_only(page)
