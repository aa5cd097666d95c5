"""The application: routers, error translation, and the database it serves."""

from fastapi import FastAPI

from coordina.api import (
    auth_routes,
    closing_routes,
    docs,
    drafting_routes,
    errors,
    library_routes,
    negotiation_routes,
    openapi,
    registry_routes,
    text_routes,
)
from coordina.api.body_limit import BodyLimit, body_limit
from coordina.services.database import open_database

PREFIX = "/api/v1"  # the web application owns the plain paths


def create_app(database_url: str | None = None, migrate: bool = True, max_body_bytes: int | None = None) -> FastAPI:
    """The API over ``database_url`` (else ``COORDINA_DATABASE_URL``, else SQLite), migrated to head.

    A request body over ``max_body_bytes`` (else ``COORDINA_MAX_BODY_BYTES``, else 1 MiB) is
    refused with 413 before it is parsed.
    """
    app = FastAPI(
        openapi_url=f"{PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
        title="coordina",
        version="0.1.0",
        description="Social security agreements as code: the negotiation workspace of the ILO brief's eight steps.",
    )
    app.state.db = open_database(database_url, migrate=migrate)
    errors.install(app)
    docs.install(app, PREFIX)
    openapi.install(app)
    app.add_middleware(BodyLimit, limit=body_limit(max_body_bytes), api_prefix=PREFIX)
    for module in (
        auth_routes,
        negotiation_routes,
        text_routes,
        closing_routes,
        library_routes,
        registry_routes,
        drafting_routes,
    ):
        app.include_router(module.router, prefix=PREFIX)
    return app
