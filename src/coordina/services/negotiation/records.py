"""What the parties recorded on the text and on its conclusion, for reading (steps 3 to 8 of the
ILO brief): initials and consents given to drafts; signatures with full powers, approvals or
ratifications and their notifications, the administrative arrangement with its forms, and the
entry-into-force rule with the date it gives. Each read is one transaction without a lock.

The writes are in ``drafts`` and ``closing``; these are the records they leave.
"""

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select

from coordina.services.errors import Refused
from coordina.services.negotiation.access import acting
from coordina.services.negotiation.closing import entry_into_force_date
from coordina.services.negotiation.drafts import current_draft, text_is_initialled
from coordina.store.db import Database
from coordina.store.tables import Arrangement, Consent, Draft, Initialling, Ratification, Review, Signature


class Initials(BaseModel):
    draft: int
    party: str
    content_hash: str
    at: datetime


class Consents(BaseModel):
    draft: int
    party: str
    at: datetime


class TextRecords(BaseModel):
    """Initials and consents on the negotiation's drafts, the current text, and the reader's part."""

    role: str
    party: str | None
    current_draft: int | None  # the latest draft, leaving out changes not every party consented to
    initialled: bool  # every party initialled the current text (or consented to a change of it)
    initials: list[Initials]
    consents: list[Consents]


class ReviewRecord(BaseModel):
    id: int
    party: str
    authority: str
    outcome: str  # approved | modifications_requested
    modifications: str | None
    settled: bool


class SignatureRecord(BaseModel):
    party: str
    signatory: str
    capacity: str
    full_powers: str | None
    signed_on: date
    place: str
    languages: list[str]
    deposited_in: str | None


class RatificationRecord(BaseModel):
    party: str
    procedure: str
    approved_on: date
    notified_on: date


class ArrangementRecord(BaseModel):
    """``bodies``: the liaison agencies and competent institutions it names; None: not recorded."""

    title: str
    forms: list[dict[str, Any]]
    data_protection: str
    bodies: list[dict[str, Any]] | None = None
    signed_on: date | None
    version: int


class ClosingRecords(BaseModel):
    """Steps 4 to 8 as recorded. ``entry_into_force`` is the date fixed at entry into force, else
    the date the rule gives from the last notification once every party has notified (None while
    one has not, or when the rule is not one the service computes)."""

    role: str
    party: str | None
    reviews: list[ReviewRecord]
    signatures: list[SignatureRecord]
    ratifications: list[RatificationRecord]
    arrangement: ArrangementRecord | None
    entry_into_force_rule: dict[str, Any]
    entry_into_force: date | None
    every_party_notified: bool


def text_records(db: Database, user_id: int, negotiation_id: int) -> TextRecords:
    with acting(db, negotiation_id, user_id, write=False) as act:
        found = act.session.execute(select(Draft.id, Draft.number).where(Draft.negotiation_id == negotiation_id))
        numbers = {row.id: row.number for row in found}
        initials = act.session.scalars(select(Initialling).where(Initialling.negotiation_id == negotiation_id)
                                       .order_by(Initialling.id))  # fmt: skip
        consents = act.session.scalars(select(Consent).where(Consent.negotiation_id == negotiation_id)
                                       .order_by(Consent.id))  # fmt: skip
        current = current_draft(act)
        return TextRecords(
            role=act.role.value, party=act.party, current_draft=current.number if current else None,
            initialled=text_is_initialled(act),
            initials=[Initials(draft=numbers[i.draft_id], party=i.party, content_hash=i.content_hash, at=i.at)
                      for i in initials],
            consents=[Consents(draft=numbers[c.draft_id], party=c.party, at=c.at) for c in consents],
        )  # fmt: skip


def closing_records(db: Database, user_id: int, negotiation_id: int) -> ClosingRecords:
    with acting(db, negotiation_id, user_id, write=False) as act:
        signatures = act.session.scalars(select(Signature).where(Signature.negotiation_id == negotiation_id)
                                         .order_by(Signature.id)).all()  # fmt: skip
        ratifications = act.session.scalars(select(Ratification).where(Ratification.negotiation_id == negotiation_id)
                                            .order_by(Ratification.id)).all()  # fmt: skip
        reviews = act.session.scalars(select(Review).where(Review.negotiation_id == negotiation_id)
                                      .order_by(Review.id)).all()  # fmt: skip
        arrangement = act.session.scalar(select(Arrangement).where(Arrangement.negotiation_id == negotiation_id))
        rule = dict(act.negotiation.entry_into_force_rule or {})
        notified = {r.party for r in ratifications} >= set(act.negotiation.parties)
        in_force = act.negotiation.in_force
        if in_force is None and notified and ratifications:
            try:
                in_force = entry_into_force_date(rule, max(r.notified_on for r in ratifications))
            except Refused:
                in_force = None  # a rule the service does not compute: unknown, not guessed
        return ClosingRecords(
            role=act.role.value, party=act.party,
            reviews=[ReviewRecord(id=r.id, party=r.party, authority=r.authority, outcome=r.outcome,
                                  modifications=r.modifications, settled=r.settled) for r in reviews],
            signatures=[SignatureRecord(party=s.party, signatory=s.signatory, capacity=s.capacity,
                                        full_powers=s.full_powers, signed_on=s.signed_on, place=s.place,
                                        languages=list(s.languages or []), deposited_in=s.deposited_in)
                        for s in signatures],
            ratifications=[RatificationRecord(party=r.party, procedure=r.procedure, approved_on=r.approved_on,
                                              notified_on=r.notified_on) for r in ratifications],
            arrangement=ArrangementRecord(title=arrangement.title, forms=list(arrangement.forms or []),
                                          data_protection=arrangement.data_protection, bodies=arrangement.bodies,
                                          signed_on=arrangement.signed_on, version=arrangement.version)
            if arrangement else None,
            entry_into_force_rule=rule, entry_into_force=in_force, every_party_notified=notified,
        )  # fmt: skip
