"""Request dependencies: the database, the authenticated user, the client's address."""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from coordina.services import auth
from coordina.services.database import Database

oauth2 = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token")


async def database(request: Request) -> Database:  # async: no I/O, so no hop to a thread
    db: Database = request.app.state.db
    return db


DB = Annotated[Database, Depends(database)]
BearerToken = Annotated[str, Depends(oauth2)]


async def current_user(db: DB, token: BearerToken) -> int:
    """On the event loop, not in a thread: one indexed read (a statement built once) that waits
    for no lock (SQLite in WAL mode, PostgreSQL's MVCC), cheaper than the hop to a thread and back."""
    return auth.user_for_token(db, token)


UserId = Annotated[int, Depends(current_user)]


async def client_address(request: Request) -> str:
    """The address failed logins are counted by (the peer of the connection; behind a proxy,
    run uvicorn with ``--proxy-headers`` so that it is the client's)."""
    return request.client.host if request.client else "unknown"


ClientAddress = Annotated[str, Depends(client_address)]
