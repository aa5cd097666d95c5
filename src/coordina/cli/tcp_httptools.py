"""uvicorn's httptools protocol with Nagle's algorithm turned off (see ``coordina.cli.tcp``); in
a module of its own, imported only where httptools is installed."""

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from coordina.cli.tcp import no_delay


class NoDelayHttpToolsProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]  # as uvicorn's
        no_delay(transport)
        super().connection_made(transport)
