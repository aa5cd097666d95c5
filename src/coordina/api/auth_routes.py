"""Accounts: users (created by administrators), tokens (OAuth2 password flow, refresh,
logout), password changes and invitations into a delegation."""

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Response, status
from pydantic import BaseModel, Field

from coordina.api.deps import DB, BearerToken, ClientAddress, UserId
from coordina.api.types import Name, NegotiationId, PartyCode, Password, UserName
from coordina.services import auth
from coordina.services.hashing_threads import hashing

router = APIRouter(prefix="/auth", tags=["auth"])


class NewUser(BaseModel):
    username: UserName = Field(min_length=2)
    full_name: Name
    password: Password
    administrator: bool = False


class Created(BaseModel):
    id: int


class Token(BaseModel):
    """OAuth2 token response (RFC 6749 s 5.1)."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    refresh_token: str


class Refresh(BaseModel):
    refresh_token: Annotated[str, Field(max_length=200)]


class PasswordChange(BaseModel):
    old_password: Password
    new_password: Password


class NewInvitation(BaseModel):
    negotiation_id: NegotiationId
    party: PartyCode
    role: Literal["head", "member", "observer"]


class Invitation(BaseModel):
    id: int
    token: str = Field(description="Shown once: only its hash is stored.")
    negotiation_id: int
    party: str
    role: str
    expires_at: datetime


class Acceptance(BaseModel):
    token: Annotated[str, Field(max_length=200)]
    username: UserName = Field(min_length=2)
    full_name: Name
    password: Password


def _token(pair: auth.TokenPair) -> Token:
    return Token(access_token=pair.access_token, expires_in=pair.expires_in, refresh_token=pair.refresh_token)


@router.post("/users", status_code=status.HTTP_201_CREATED)
async def create_user(body: NewUser, db: DB, user_id: UserId) -> Created:
    """An administrator creates a user (there is no self-registration); the password is stored as an Argon2id hash."""
    await hashing(auth.require_administrator, db, user_id)
    return Created(id=await hashing(auth.create_user, db, body.username, body.full_name, body.password,
                                    administrator=body.administrator))  # fmt: skip


@router.post("/token")
async def token(
    username: Annotated[UserName, Form()], password: Annotated[Password, Form()], db: DB, address: ClientAddress
) -> Token:
    """Exchange user name and password for an access and a refresh token (OAuth2 password flow).

    Failed logins are limited per account and per address (429 with Retry-After)."""
    user_id = await hashing(auth.authenticate, db, username, password, address)
    return _token(await hashing(auth.issue, db, user_id))


@router.post("/refresh")
def refresh(body: Refresh, db: DB) -> Token:
    """Spend a refresh token for a new pair; the old refresh token is revoked (rotation)."""
    return _token(auth.refresh(db, body.refresh_token))


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(db: DB, bearer: BearerToken) -> Response:
    """Revoke the access token presented and the refresh token of the same login."""
    auth.revoke_family(db, bearer)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/password", status_code=status.HTTP_204_NO_CONTENT)
async def change_password(body: PasswordChange, db: DB, user_id: UserId, address: ClientAddress) -> Response:
    """Change your password with the old one; every token of yours is revoked (log in again)."""
    await hashing(auth.change_password, db, user_id, body.old_password, body.new_password, address)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/invitations", status_code=status.HTTP_201_CREATED)
def invite(body: NewInvitation, db: DB, user_id: UserId) -> Invitation:
    """A head invites a member or observer of their own delegation, an administrator a head;
    the token is shown once and expires."""
    made = auth.invite(db, user_id, body.negotiation_id, body.party, body.role)
    return Invitation(id=made.id, token=made.token, negotiation_id=made.negotiation_id, party=made.party,
                      role=made.role, expires_at=made.expires_at)  # fmt: skip


@router.post("/invitations/accept", status_code=status.HTTP_201_CREATED)
async def accept(body: Acceptance, db: DB) -> Created:
    """Accept an invitation: choose a user name and a password; you join the delegation with the invited role."""
    return Created(id=await hashing(auth.accept_invitation, db, body.token, body.username, body.full_name,
                                    body.password))  # fmt: skip
