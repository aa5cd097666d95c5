"""Review, signing, approval, the administrative arrangement and entry into force (steps 4-8)."""

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, status
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from coordina.api.deps import DB, UserId
from coordina.api.types import (
    Capacity,
    Content,
    Count,
    Kind,
    Line,
    Name,
    NegotiationId,
    PartyCode,
    Place,
    ReviewId,
    Text,
    Title,
    one_line,
    text,
)
from coordina.domain.negotiation import ApprovalProcedure, ReviewOutcome
from coordina.domain.vocabulary import Branch
from coordina.errors import NotFound
from coordina.services.negotiation import closing, records
from coordina.services.negotiation.views import NegotiationView

router = APIRouter(prefix="/negotiations/{negotiation_id}", tags=["review to entry into force"])


class NewReview(BaseModel):
    authority: Name
    outcome: Kind
    modifications: Text | None = None


class Outcome(BaseModel):
    outcome: ReviewOutcome
    expected_version: Count


class Versioned(BaseModel):
    expected_version: Count


class Languages(BaseModel):
    languages: list[Line]
    expected_version: Count
    translations: dict[Line, Line] = {}


class NewSignature(BaseModel):
    signatory: Name
    capacity: Capacity
    signed_on: date
    place: Place
    full_powers: Name | None = None
    deposited_in: Name | None = None


class NewRatification(BaseModel):
    procedure: ApprovalProcedure
    approved_on: date
    notified_on: date


class ArrangementFormIn(BaseModel):
    """A form of the arrangement: its name, branch and the personal data it collects; for one of
    coordina's forms (``coordina schema form``), its version (the current one if left out), its
    purpose, the fields of that form it collects (dotted paths) and its retention (P10Y, P6M, P90D)."""

    model_config = ConfigDict(extra="forbid")
    name: Name
    branch: Kind
    personal_data: list[Name] = Field(default=[], max_length=200)
    form: Annotated[str, Field(max_length=60), AfterValidator(one_line)] | None = None
    version: int | None = Field(default=None, ge=1, le=999)
    purpose: Annotated[str, Field(max_length=500), AfterValidator(text)] | None = None
    fields: list[Annotated[str, Field(max_length=120), AfterValidator(one_line)]] = Field(default=[], max_length=200)
    retention: Annotated[str, Field(max_length=20), AfterValidator(one_line)] | None = None


class ArrangementBodyIn(BaseModel):
    """A liaison agency or competent institution the arrangement names: its id (``<PARTY>:<slug>``,
    the party one of the negotiation's), party, name, role and branches (empty: all)."""

    model_config = ConfigDict(extra="forbid")
    id: Annotated[str, Field(max_length=70), AfterValidator(one_line)]
    party: PartyCode
    name: Name
    role: Literal["liaison_agency", "competent_institution"]
    branches: list[Branch] = Field(default=[], max_length=9)


class ArrangementBody(BaseModel):
    """``bodies`` left out keeps the bodies already recorded."""

    title: Title
    forms: list[ArrangementFormIn] = Field(max_length=100)
    data_protection: Text
    bodies: list[ArrangementBodyIn] | None = Field(default=None, max_length=50)
    expected_version: Count = 0


class Signing(BaseModel):
    signed_on: date


NO_CONTENT = status.HTTP_204_NO_CONTENT


@router.post("/reviews", status_code=NO_CONTENT)
def record_review(negotiation_id: NegotiationId, body: NewReview, db: DB, user: UserId) -> None:
    closing.record_review(db, user, negotiation_id, **body.model_dump())


@router.post("/reviews/{review_id}/agree", status_code=NO_CONTENT)
def agree_modifications(negotiation_id: NegotiationId, review_id: ReviewId, db: DB, user: UserId) -> None:
    closing.agree_modifications(db, user, negotiation_id, review_id)


@router.post("/outcome")
def choose_outcome(negotiation_id: NegotiationId, body: Outcome, db: DB, user: UserId) -> NegotiationView:
    """No agreement in review: repeat_negotiations, suspend, abandon or cancel."""
    return closing.choose_outcome(db, user, negotiation_id, body.outcome, body.expected_version)


@router.post("/resume")
def resume(negotiation_id: NegotiationId, body: Versioned, db: DB, user: UserId) -> NegotiationView:
    return closing.resume(db, user, negotiation_id, body.expected_version)


@router.put("/languages")
def set_languages(negotiation_id: NegotiationId, body: Languages, db: DB, user: UserId) -> NegotiationView:
    """Official languages of the authentic texts, and who translates into each (language -> translator)."""
    return closing.set_languages(db, user, negotiation_id, body.languages, body.expected_version, body.translations)


@router.post("/signatures", status_code=NO_CONTENT)
def sign(negotiation_id: NegotiationId, body: NewSignature, db: DB, user: UserId) -> None:
    """A head records the party's signature; others than Head of State or Government or Minister of
    Foreign Affairs need full powers."""
    closing.sign(db, user, negotiation_id, **body.model_dump())


@router.post("/ratifications", status_code=NO_CONTENT)
def ratify(negotiation_id: NegotiationId, body: NewRatification, db: DB, user: UserId) -> None:
    closing.ratify(db, user, negotiation_id, **body.model_dump())


@router.get("/arrangement")
def arrangement(negotiation_id: NegotiationId, db: DB, user: UserId) -> records.ArrangementRecord:
    """The administrative arrangement as concluded: forms, bodies, data protection, signature."""
    found = records.closing_records(db, user, negotiation_id).arrangement
    if found is None:
        raise NotFound("arrangement", "no administrative arrangement is concluded yet")
    return found


@router.put("/arrangement", status_code=NO_CONTENT)
def conclude_arrangement(negotiation_id: NegotiationId, body: ArrangementBody, db: DB, user: UserId) -> None:
    """Conclude (or change, until signed) the administrative arrangement (step 7)."""
    closing.conclude_arrangement(db, user, negotiation_id, **body.model_dump(mode="json", exclude_none=True))


@router.post("/arrangement/sign", status_code=NO_CONTENT)
def sign_arrangement(negotiation_id: NegotiationId, body: Signing, db: DB, user: UserId) -> None:
    closing.sign_arrangement(db, user, negotiation_id, body.signed_on)


@router.put("/encoding", status_code=NO_CONTENT)
def set_encoding(negotiation_id: NegotiationId, body: Content, db: DB, user: UserId) -> None:
    """The agreed text encoded in the library format, for the coordination engine."""
    closing.set_encoding(db, user, negotiation_id, body)
