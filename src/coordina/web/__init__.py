"""The web application: server-rendered pages (Jinja2, HTMX) over the services, at the plain
paths beside the REST API (``/api/v1``); no page is in the OpenAPI document.

``install(app)`` adds the pages, their static assets (``/static``, from the package: no CDN)
and the error pages to an application that already serves the API.
"""

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from coordina.web import errors, home_pages
from coordina.web.templating import TEMPLATES

STATIC = TEMPLATES.parent / "static"
ROUTERS = [home_pages.router]  # each area adds its router here


def install(app: FastAPI, api_prefix: str) -> None:
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    errors.install(app, api_prefix)
