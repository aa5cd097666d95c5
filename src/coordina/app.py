"""The application ``coordina serve`` runs: the REST API under ``/api/v1`` and the web pages
at the plain paths, on one database."""

from fastapi import FastAPI

from coordina.api.app import PREFIX
from coordina.api.app import create_app as create_api
from coordina.web import install as install_web


def create_app(database_url: str | None = None, migrate: bool = True, max_body_bytes: int | None = None) -> FastAPI:
    """The API (``coordina.api.create_app``, same arguments) with the web application installed."""
    app = create_api(database_url, migrate=migrate, max_body_bytes=max_body_bytes)
    install_web(app, PREFIX)
    return app
