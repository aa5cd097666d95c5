"""The HTTP protocols ``coordina serve --workers N`` runs: uvicorn's httptools protocol (its h11
one where httptools is not installed) with Nagle's algorithm turned off on every connection.

With several workers uvicorn binds the listening socket itself, with ``proto`` 0; accepted
sockets inherit it, and asyncio sets ``TCP_NODELAY`` only on sockets whose ``proto`` is
``IPPROTO_TCP`` (uvicorn issue #3149). Nagle's algorithm then holds the response body until the
client acknowledges the headers, and the client delays that ACK: about 40 ms per request on a
keep-alive connection (RFC 896 and RFC 1122 s 4.2.3.2 together).
"""

import asyncio
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol


def no_delay(transport: asyncio.BaseTransport) -> None:
    """Send small segments at once on this TCP connection (``TCP_NODELAY``)."""
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class NoDelayH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]  # as uvicorn's
        no_delay(transport)
        super().connection_made(transport)


def protocol() -> str:
    """The protocol class for uvicorn: httptools' parser (faster) when it is installed."""
    try:
        import httptools  # noqa: F401
    except ImportError:
        return "coordina.cli.tcp:NoDelayH11Protocol"
    return "coordina.cli.tcp_httptools:NoDelayHttpToolsProtocol"
