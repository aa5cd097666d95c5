"""What the pages of every area take from a request: the posted form (CSRF checked), bounded
path values, the database, and the signed-in user's id."""

from typing import Annotated

from fastapi import Depends, Path, Request
from starlette.datastructures import FormData

from coordina.services.database import Database
from coordina.web.forms import posted
from coordina.web.visitor import Visitor

Posted = Annotated[FormData, Depends(posted)]  # a POST's form, once its CSRF token matched
NegotiationId = Annotated[int, Path(ge=1, le=2**31 - 1)]  # the stored id range (as the API's types)


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def user_id(visitor: Visitor) -> int:
    """The signed-in user of a page that asked for ``SignedIn``."""
    assert visitor.user_id is not None
    return visitor.user_id
