"""Review, signing, approval, the administrative arrangement and entry into force (steps 4-8)."""

from datetime import date

from fastapi import APIRouter, status
from pydantic import BaseModel

from coordina.api.deps import DB, UserId
from coordina.api.types import (
    Capacity,
    Content,
    ContentList,
    Count,
    Kind,
    Line,
    Name,
    NegotiationId,
    Place,
    ReviewId,
    Text,
    Title,
)
from coordina.domain.negotiation import ApprovalProcedure, ReviewOutcome
from coordina.services.negotiation import closing
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


class ArrangementBody(BaseModel):
    title: Title
    forms: ContentList
    data_protection: Text
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


@router.put("/arrangement", status_code=NO_CONTENT)
def conclude_arrangement(negotiation_id: NegotiationId, body: ArrangementBody, db: DB, user: UserId) -> None:
    closing.conclude_arrangement(db, user, negotiation_id, **body.model_dump())


@router.post("/arrangement/sign", status_code=NO_CONTENT)
def sign_arrangement(negotiation_id: NegotiationId, body: Signing, db: DB, user: UserId) -> None:
    closing.sign_arrangement(db, user, negotiation_id, body.signed_on)


@router.put("/encoding", status_code=NO_CONTENT)
def set_encoding(negotiation_id: NegotiationId, body: Content, db: DB, user: UserId) -> None:
    """The agreed text encoded in the library format, for the coordination engine."""
    closing.set_encoding(db, user, negotiation_id, body)
