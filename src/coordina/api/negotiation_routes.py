"""Negotiations, delegations, country profiles, steps, notes and the audit log."""

from datetime import date

from fastapi import APIRouter, status
from pydantic import BaseModel

from coordina.api.deps import DB, UserId
from coordina.api.types import AgreementRef, Content, Count, Line, NegotiationId, PartyCode, Text, Title, UserName
from coordina.domain.negotiation import Role
from coordina.services.negotiation import profiles, workspace
from coordina.services.negotiation.views import AuditView, NegotiationView, NoteView, ProfileView

router = APIRouter(prefix="/negotiations", tags=["negotiations"])


class NewNegotiation(BaseModel):
    title: Title
    parties: list[PartyCode]
    branches: list[Line]
    drafting_party: PartyCode
    own_party: PartyCode
    time_frame_start: date | None = None
    time_frame_end: date | None = None
    entry_into_force_rule: Content | None = None
    amends: AgreementRef | None = None  # an agreement of the library this negotiation amends


class NewMember(BaseModel):
    username: UserName
    role: Role
    party: PartyCode | None = None


class Representative(BaseModel):
    name: Line
    institution: Line
    function: Line | None = None


class ProfileUpdate(BaseModel):
    content: Content
    expected_version: Count


class Versioned(BaseModel):
    expected_version: Count


class StepRequest(BaseModel):
    event: Line
    expected_version: Count


class NewNote(BaseModel):
    text: Text


@router.get("")
def list_negotiations(db: DB, user: UserId) -> list[NegotiationView]:
    return workspace.list_for(db, user)


@router.post("", status_code=status.HTTP_201_CREATED)
def open_negotiation(body: NewNegotiation, db: DB, user: UserId) -> NegotiationView:
    """Open a negotiation; you head your own party's delegation."""
    return workspace.open_negotiation(db, user, **body.model_dump())


@router.get("/{negotiation_id}")
async def get_negotiation(negotiation_id: NegotiationId, db: DB, user: UserId) -> NegotiationView:
    # On the event loop: one lock-free read, cheaper than a hop to a thread (cli/serve.py)
    return workspace.get(db, user, negotiation_id)


@router.post("/{negotiation_id}/members", status_code=status.HTTP_204_NO_CONTENT)
def add_member(negotiation_id: NegotiationId, body: NewMember, db: DB, user: UserId) -> None:
    workspace.add_member(db, user, negotiation_id, username=body.username, role=body.role, party=body.party)


@router.put("/{negotiation_id}/delegations/{party}/representatives", status_code=status.HTTP_204_NO_CONTENT)
def set_representatives(
    negotiation_id: NegotiationId, party: PartyCode, body: list[Representative], db: DB, user: UserId
) -> None:
    """The checklist's list of representatives, by ministry or institution."""
    workspace.set_representatives(db, user, negotiation_id, party, [r.model_dump() for r in body])


@router.get("/{negotiation_id}/profiles/{party}")
def get_profile(negotiation_id: NegotiationId, party: PartyCode, db: DB, user: UserId) -> ProfileView:
    return profiles.get_profile(db, user, negotiation_id, party)


@router.put("/{negotiation_id}/profiles/{party}")
def update_profile(
    negotiation_id: NegotiationId, party: PartyCode, body: ProfileUpdate, db: DB, user: UserId
) -> ProfileView:
    """Replace the country profile (the brief's checklist); 409 if your version is stale."""
    return profiles.update_profile(db, user, negotiation_id, party, body.content, body.expected_version)


@router.post("/{negotiation_id}/profiles/{party}/prefill")
def prefill_profile(
    negotiation_id: NegotiationId, party: PartyCode, body: Versioned, db: DB, user: UserId
) -> ProfileView:
    """Fill empty checklist items from the bundled national scheme data."""
    return profiles.prefill_profile(db, user, negotiation_id, party, body.expected_version)


@router.post("/{negotiation_id}/steps")
def take_step(negotiation_id: NegotiationId, body: StepRequest, db: DB, user: UserId) -> NegotiationView:
    """Move to the next step (a head decides); refused with the guard that does not hold."""
    return workspace.take_step(db, user, negotiation_id, body.event, body.expected_version)


@router.get("/{negotiation_id}/notes")
def list_notes(negotiation_id: NegotiationId, db: DB, user: UserId) -> list[NoteView]:
    """Your delegation's internal notes: never shown to another delegation."""
    return workspace.notes(db, user, negotiation_id)


@router.post("/{negotiation_id}/notes", status_code=status.HTTP_201_CREATED)
def add_note(negotiation_id: NegotiationId, body: NewNote, db: DB, user: UserId) -> NoteView:
    return workspace.add_note(db, user, negotiation_id, body.text)


@router.get("/{negotiation_id}/audit")
def audit_log(negotiation_id: NegotiationId, db: DB, user: UserId) -> list[AuditView]:
    """The append-only record of every change: who, when, what."""
    return workspace.audit_log(db, user, negotiation_id)
