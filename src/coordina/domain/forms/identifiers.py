"""Stable ids of the bodies that apply an agreement, and of the documents they exchange."""

from typing import Annotated

from pydantic import StringConstraints

BODY_ID_PATTERN = r"^[A-Z]{2}(-[A-Z0-9]{1,3})?:[a-z0-9][a-z0-9-]{1,62}$"

BodyId = Annotated[str, StringConstraints(pattern=BODY_ID_PATTERN, max_length=70)]
"""A competent authority, competent institution or liaison agency: ``<party>:<slug>``, the
party as in the agreement (ISO 3166-1 alpha-2, or ISO 3166-2 for a sub-national party), e.g.
``AU:services-australia``, ``DE:drv``, ``CA-QC:retraite-quebec``."""

MESSAGE_ID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"

MessageId = Annotated[str, StringConstraints(pattern=MESSAGE_ID_PATTERN, max_length=36)]
"""A document's id: a random UUID (RFC 9562 §5.4, version 4) in lower-case hex."""


def party_of(body: str) -> str:
    """The party a body id names: ``AU`` for ``AU:services-australia``."""
    return body.split(":", 1)[0]
