"""A node's message log, conversations and access log (``store.exchange_tables``), and the
data-protection duties on them: every access to a document's personal data is logged (who, when,
which document, why), retention is enforced (a purge empties the expired documents and keeps
the fact), and a person's data can be exported on request (GDPR Art. 15; Convention 108+ Art. 9).
"""

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from coordina.domain.exchange_flow import FlowRole
from coordina.errors import NotFound, Refused
from coordina.exchange.flows import Conversation, Exchanged
from coordina.store.db import Database
from coordina.store.exchange_tables import ExchangeAccess, ExchangeConversation, ExchangeMessage

PURPOSE_MAX = 500


@dataclass(frozen=True)
class Logged:
    """A document of the log as a caseworker reads it (payload only through ``read``)."""

    message_id: str
    direction: str
    agreement: str
    form: str
    flow: str | None
    conversation_id: str | None
    in_reply_to: str | None
    sender: str
    recipient: str
    person: str | None
    sent_at: datetime
    kid: str
    signature: str
    """base64url, unpadded."""
    late: bool
    purged_at: datetime | None
    delivery: str | None = None
    """A sent document: ``accepted``, or why the other node did not take it."""


def signature_text(signature: bytes) -> str:
    return base64.urlsafe_b64encode(signature).rstrip(b"=").decode("ascii")


def seen(db: Database, message_id: str) -> bool:
    """Whether a document with this message id is already in the log (a replay)."""
    with db.transaction() as session:
        return session.scalar(select(ExchangeMessage.id).where(ExchangeMessage.message_id == message_id)) is not None


def record(session: Session, row: ExchangeMessage, conversation: Conversation | None, agreement: str, *,
           actor: str, action: str, purpose: str) -> None:  # fmt: skip
    """The document, its conversation's new state and the access that handled it, in ``session``
    (one transaction: all three or none)."""
    session.add(row)
    session.flush()
    if conversation is not None:
        save_conversation(session, conversation, agreement)
    session.add(ExchangeAccess(actor=actor, action=action, message_id=row.message_id, person=row.person,
                               purpose=purpose[:PURPOSE_MAX]))  # fmt: skip


def delivered(db: Database, message_id: str, outcome: str, *, restore: Conversation | None = None,
              opened: Conversation | None = None) -> None:  # fmt: skip
    """What became of a sent document: ``accepted``, or why not; a document not taken leaves its
    conversation as it was (``restore``), or removes the one it ``opened``."""
    with db.writing(), db.transaction() as session:
        row = session.scalar(select(ExchangeMessage).where(ExchangeMessage.message_id == message_id))
        if row is None:
            return
        row.delivery = outcome[:500]
        if restore is not None:
            save_conversation(session, restore, row.agreement)
        elif opened is not None:
            stored = session.get(ExchangeConversation, opened.id)
            if stored is not None:
                session.delete(stored)
            row.conversation_id = None


def conversation_of(session: Session, message_id: str) -> Conversation | None:
    """The conversation the document ``message_id`` belongs to (None: not in the log, or outside any)."""
    row = session.scalar(select(ExchangeMessage).where(ExchangeMessage.message_id == message_id))
    if row is None or row.conversation_id is None:
        return None
    stored = session.get(ExchangeConversation, row.conversation_id)
    if stored is None:
        return None
    history = tuple(
        Exchanged(h["message_id"], h["document"], FlowRole(h["by"]), datetime.fromisoformat(h["at"]), bool(h["late"]))
        for h in stored.history
    )
    return Conversation(stored.flow, stored.id, stored.initiator, stored.responder, stored.state, stored.entered_at,
                        history)  # fmt: skip


def save_conversation(session: Session, conversation: Conversation, agreement: str) -> None:
    history = [{"message_id": h.message_id, "document": h.document, "by": h.by.value, "at": h.at.isoformat(),
                "late": h.late} for h in conversation.history]  # fmt: skip
    stored = session.get(ExchangeConversation, conversation.id)
    if stored is None:
        session.add(ExchangeConversation(id=conversation.id, flow=conversation.flow, agreement=agreement,
                                         initiator=conversation.initiator, responder=conversation.responder,
                                         state=conversation.state, entered_at=conversation.entered_at,
                                         history=history))  # fmt: skip
    else:
        stored.state, stored.entered_at, stored.history = conversation.state, conversation.entered_at, history


def messages(db: Database, *, person: str | None = None, limit: int = 200, actor: str | None = None) -> list[Logged]:
    """The log, newest first (no personal data beyond the person's id: ``read`` gives the payload);
    with ``actor``, the listing is logged as an access (a caseworker's; the node's own reads are not)."""
    query = select(ExchangeMessage).order_by(ExchangeMessage.id.desc()).limit(max(1, min(limit, 1000)))
    if person is not None:
        query = query.where(ExchangeMessage.person == person)
    if actor is None:
        with db.transaction() as session:
            return [_logged(row) for row in session.scalars(query)]
    with db.writing(), db.transaction() as session:
        session.add(ExchangeAccess(actor=actor, action="listed", message_id=None, person=person,
                                   purpose="list the message log"))  # fmt: skip
        return [_logged(row) for row in session.scalars(query)]


def read(db: Database, message_id: str, *, actor: str, purpose: str) -> tuple[Logged, dict[str, Any] | None]:
    """A document with its payload (None once purged); the access is logged with its purpose."""
    if not purpose.strip():
        raise Refused(
            "access_purpose", "say why you read the document: access to personal data is logged with its purpose"
        )
    with db.writing(), db.transaction() as session:
        row = session.scalar(select(ExchangeMessage).where(ExchangeMessage.message_id == message_id))
        if row is None:
            raise NotFound("exchange_message", f"no document {message_id} in this node's log")
        session.add(ExchangeAccess(actor=actor, action="read", message_id=message_id, person=row.person,
                                   purpose=purpose.strip()[:PURPOSE_MAX]))  # fmt: skip
        return _logged(row), row.payload


def accesses(db: Database, *, message_id: str | None = None, person: str | None = None) -> list[dict[str, Any]]:
    """The access log (who, when, what, which document, why), oldest first."""
    query = select(ExchangeAccess).order_by(ExchangeAccess.id)
    if message_id is not None:
        query = query.where(ExchangeAccess.message_id == message_id)
    if person is not None:
        query = query.where(ExchangeAccess.person == person)
    with db.transaction() as session:
        return [{"at": a.at.isoformat(), "actor": a.actor, "action": a.action, "message_id": a.message_id,
                 "person": a.person, "purpose": a.purpose} for a in session.scalars(query)]  # fmt: skip


def purge(db: Database, now: datetime, *, actor: str) -> list[str]:
    """Empty every document whose retention has passed (its bytes and payload); the row, its
    signature and the access log stay, with the date of the purge. The message ids purged."""
    with db.writing(), db.transaction() as session:
        due = list(session.scalars(
            select(ExchangeMessage.message_id).where(
                ExchangeMessage.retain_until.is_not(None), ExchangeMessage.retain_until <= now,
                ExchangeMessage.purged_at.is_(None))
        ))  # fmt: skip
        if due:
            session.execute(update(ExchangeMessage).where(ExchangeMessage.message_id.in_(due))
                            .values(document=None, payload=None, purged_at=now))  # fmt: skip
            session.add_all(ExchangeAccess(actor=actor, action="purged", message_id=m,
                                           purpose="retention period over") for m in due)  # fmt: skip
        return due


def export_person(db: Database, person: str, *, actor: str, purpose: str) -> dict[str, Any]:
    """Everything this node holds on ``person`` (their documents with payloads, and who accessed
    them), for a request of the person; the export itself is logged."""
    with db.writing(), db.transaction() as session:
        rows = list(session.scalars(select(ExchangeMessage).where(ExchangeMessage.person == person)
                                    .order_by(ExchangeMessage.id)))  # fmt: skip
        session.add(ExchangeAccess(actor=actor, action="exported", message_id=None, person=person,
                                   purpose=purpose.strip()[:PURPOSE_MAX] or "the person's request"))  # fmt: skip
        documents = [{**_plain(_logged(row)), "payload": row.payload} for row in rows]
    return {"person": person, "documents": documents, "accesses": accesses(db, person=person)}


def _plain(logged: Logged) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in logged.__dict__.items():
        out[name] = value.isoformat() if isinstance(value, datetime) else value
    return out


def _logged(row: ExchangeMessage) -> Logged:
    return Logged(row.message_id, row.direction, row.agreement, row.form, row.flow, row.conversation_id,
                  row.in_reply_to, row.sender, row.recipient, row.person, row.sent_at, row.kid,
                  signature_text(row.signature), row.late, row.purged_at, row.delivery)  # fmt: skip


def as_rows(logged: Sequence[Logged]) -> list[dict[str, Any]]:
    """The log as plain JSON data."""
    return [_plain(item) for item in logged]
