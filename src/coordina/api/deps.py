"""Request dependencies: the database and the authenticated user."""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from coordina.services import auth
from coordina.services.database import Database

oauth2 = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token")


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


DB = Annotated[Database, Depends(database)]


def current_user(db: DB, token: Annotated[str, Depends(oauth2)]) -> int:
    return auth.user_for_token(db, token)


UserId = Annotated[int, Depends(current_user)]
