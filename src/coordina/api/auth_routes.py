"""Users and tokens."""

from typing import Annotated

from fastapi import APIRouter, Depends, status
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel, Field

from coordina.api.deps import DB
from coordina.services import auth

router = APIRouter(prefix="/auth", tags=["auth"])


class NewUser(BaseModel):
    username: str = Field(min_length=2, max_length=80)
    full_name: str
    password: str


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


@router.post("/users", status_code=status.HTTP_201_CREATED)
def create_user(body: NewUser, db: DB) -> dict[str, int]:
    """Register a user; the password is stored as an Argon2id hash."""
    return {"id": auth.create_user(db, body.username, body.full_name, body.password)}


@router.post("/token")
def token(form: Annotated[OAuth2PasswordRequestForm, Depends()], db: DB) -> Token:
    """Exchange username and password for a bearer token (OAuth2 password flow)."""
    user_id = auth.authenticate(db, form.username, form.password)
    return Token(access_token=auth.issue_token(db, user_id))
