"""Users and tokens."""

from typing import Annotated

from fastapi import APIRouter, Form, status
from pydantic import BaseModel, Field

from coordina.api.deps import DB
from coordina.api.types import Name, Password, UserName
from coordina.services import auth

router = APIRouter(prefix="/auth", tags=["auth"])


class NewUser(BaseModel):
    username: UserName = Field(min_length=2)
    full_name: Name
    password: Password


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


@router.post("/users", status_code=status.HTTP_201_CREATED)
def create_user(body: NewUser, db: DB) -> dict[str, int]:
    """Register a user; the password is stored as an Argon2id hash."""
    return {"id": auth.create_user(db, body.username, body.full_name, body.password)}


@router.post("/token")
def token(username: Annotated[UserName, Form()], password: Annotated[Password, Form()], db: DB) -> Token:
    """Exchange username and password for a bearer token (OAuth2 password flow)."""
    user_id = auth.authenticate(db, username, password)
    return Token(access_token=auth.issue_token(db, user_id))
