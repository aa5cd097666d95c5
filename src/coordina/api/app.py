"""The application: routers, error translation, and the database it serves."""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from coordina.api import (
    auth_routes,
    closing_routes,
    library_routes,
    negotiation_routes,
    registry_routes,
    text_routes,
)
from coordina.services.errors import ServiceError
from coordina.store.db import Database
from coordina.store.migrate import upgrade


def create_app(database_url: str | None = None, migrate: bool = True) -> FastAPI:
    """The API over ``database_url`` (else ``COORDINA_DATABASE_URL``, else SQLite), migrated to head."""
    if migrate:
        upgrade(database_url)
    app = FastAPI(
        title="coordina",
        version="0.1.0",
        description="Social security agreements as code: the negotiation workspace of the ILO brief's eight steps.",
    )
    app.state.db = Database(database_url)

    @app.exception_handler(ServiceError)
    async def _refused(_: Request, error: ServiceError) -> JSONResponse:
        return JSONResponse(
            status_code=error.status, content={"detail": {"rule": error.rule, "message": error.message}}
        )

    for module in (auth_routes, negotiation_routes, text_routes, closing_routes, library_routes, registry_routes):
        app.include_router(module.router)
    return app
