"""The web application: server-rendered pages (Jinja2, HTMX) over the services, at the plain
paths beside the REST API (``/api/v1``); no page is in the OpenAPI document.

``install(app)`` adds the pages, their static assets (``/static``, from the package: no CDN)
and the error pages to an application that already serves the API.
"""

import importlib
import pkgutil

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from coordina.web import errors
from coordina.web.templating import TEMPLATES

STATIC = TEMPLATES.parent / "static"
PACKAGE = __name__


def routers() -> list[APIRouter]:
    """The router of each area: every ``coordina.web.<area>_pages`` module's ``router``."""
    found = []
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.endswith("_pages")):
        found.append(importlib.import_module(f"{PACKAGE}.{module}").router)
    return found


def install(app: FastAPI, api_prefix: str) -> None:
    for router in routers():
        app.include_router(router, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    errors.install(app, api_prefix)
