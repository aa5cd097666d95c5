"""The tables of an institution's exchange node (migration 0010): the message log, the
conversations of the declared flows, and the log of access to personal data.

The message log is the evidence that outlives the transport (X-Road's message log is the model):
every document sent and received is kept as the signed bytes it travelled as, with its key id and
signature. Retention purges a document's bytes and payload once its form's retention has passed;
the row stays, with the fact and the date of the purge (``purged_at``), so the log still shows
that the document existed, who sent it and when.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.schema import CheckConstraint

from coordina.store.tables import Base, UtcDateTime, _now


class ExchangeMessage(Base):
    """A document sent or received by this node, kept with its signature."""

    __tablename__ = "exchange_messages"
    __table_args__ = (CheckConstraint("direction IN ('sent', 'received')", name="ck_exchange_messages_direction"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(36), unique=True)
    direction: Mapped[str] = mapped_column(String(8))
    agreement: Mapped[str] = mapped_column(String(80), index=True)
    form: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[int] = mapped_column(Integer)
    flow: Mapped[str | None] = mapped_column(String(64))
    conversation_id: Mapped[str | None] = mapped_column(String(36), index=True)
    in_reply_to: Mapped[str | None] = mapped_column(String(36))
    sender: Mapped[str] = mapped_column(String(80))
    recipient: Mapped[str] = mapped_column(String(80))
    person: Mapped[str | None] = mapped_column(String(80), index=True)  # the person's id at the institution
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime)
    logged_at: Mapped[datetime] = mapped_column(UtcDateTime, default=_now)
    kid: Mapped[str] = mapped_column(String(64))  # hex
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    document: Mapped[bytes | None] = mapped_column(LargeBinary)  # the COSE_Sign1 bytes; None once purged
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # the form's data; None once purged
    late: Mapped[bool] = mapped_column(default=False)
    delivery: Mapped[str | None] = mapped_column(String(500))  # a sent one: accepted, or why not
    retain_until: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    purged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ExchangeConversation(Base):
    """A run of a declared flow between this node and another institution (``exchange.flows``)."""

    __tablename__ = "exchange_conversations"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the first document's message id
    flow: Mapped[str] = mapped_column(String(64))
    agreement: Mapped[str] = mapped_column(String(80))
    initiator: Mapped[str] = mapped_column(String(80))
    responder: Mapped[str] = mapped_column(String(80))
    state: Mapped[str] = mapped_column(String(64))
    entered_at: Mapped[datetime] = mapped_column(UtcDateTime)
    history: Mapped[list[Any]] = mapped_column(JSON)


class ExchangeAccess(Base):
    """Who read or handled a document's personal data, when and why (the log keeps every access,
    also of documents since purged)."""

    __tablename__ = "exchange_access_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=_now)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    message_id: Mapped[str | None] = mapped_column(
        ForeignKey("exchange_messages.message_id", ondelete="SET NULL"), index=True
    )
    person: Mapped[str | None] = mapped_column(String(80), index=True)
    purpose: Mapped[str] = mapped_column(Text)
