"""``coordina serve``: the REST API (and, later, the web pages) on the workspace database."""

from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
) -> None:
    """Serve the API on COORDINA_DATABASE_URL (default ./coordina.db); OpenAPI at /docs and /openapi.json."""
    import uvicorn

    from coordina.api import create_app

    uvicorn.run(create_app(), host=host, port=port)
