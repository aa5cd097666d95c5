"""Review, signing, approval, the administrative arrangement and entry into force (steps 4-8)."""

from datetime import date
from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel

from coordina.api.deps import DB, UserId
from coordina.services.negotiation import closing
from coordina.services.negotiation.views import NegotiationView

router = APIRouter(prefix="/negotiations/{negotiation_id}", tags=["review to entry into force"])


class NewReview(BaseModel):
    authority: str
    outcome: str
    modifications: str | None = None


class Outcome(BaseModel):
    outcome: str
    expected_version: int


class Versioned(BaseModel):
    expected_version: int


class Languages(BaseModel):
    languages: list[str]
    expected_version: int
    translations: dict[str, str] = {}


class NewSignature(BaseModel):
    signatory: str
    capacity: str
    signed_on: date
    place: str
    full_powers: str | None = None
    deposited_in: str | None = None


class NewRatification(BaseModel):
    procedure: str
    approved_on: date
    notified_on: date


class ArrangementBody(BaseModel):
    title: str
    forms: list[dict[str, Any]]
    data_protection: str
    expected_version: int = 0


class Signing(BaseModel):
    signed_on: date


NO_CONTENT = status.HTTP_204_NO_CONTENT


@router.post("/reviews", status_code=NO_CONTENT)
def record_review(negotiation_id: int, body: NewReview, db: DB, user: UserId) -> None:
    closing.record_review(db, user, negotiation_id, **body.model_dump())


@router.post("/reviews/{review_id}/agree", status_code=NO_CONTENT)
def agree_modifications(negotiation_id: int, review_id: int, db: DB, user: UserId) -> None:
    closing.agree_modifications(db, user, negotiation_id, review_id)


@router.post("/outcome")
def choose_outcome(negotiation_id: int, body: Outcome, db: DB, user: UserId) -> NegotiationView:
    """No agreement in review: repeat_negotiations, suspend, abandon or cancel."""
    return closing.choose_outcome(db, user, negotiation_id, body.outcome, body.expected_version)


@router.post("/resume")
def resume(negotiation_id: int, body: Versioned, db: DB, user: UserId) -> NegotiationView:
    return closing.resume(db, user, negotiation_id, body.expected_version)


@router.put("/languages")
def set_languages(negotiation_id: int, body: Languages, db: DB, user: UserId) -> NegotiationView:
    """Official languages of the authentic texts, and who translates into each (language -> translator)."""
    return closing.set_languages(db, user, negotiation_id, body.languages, body.expected_version, body.translations)


@router.post("/signatures", status_code=NO_CONTENT)
def sign(negotiation_id: int, body: NewSignature, db: DB, user: UserId) -> None:
    """A head records the party's signature; others than Head of State or Government or Minister of
    Foreign Affairs need full powers."""
    closing.sign(db, user, negotiation_id, **body.model_dump())


@router.post("/ratifications", status_code=NO_CONTENT)
def ratify(negotiation_id: int, body: NewRatification, db: DB, user: UserId) -> None:
    closing.ratify(db, user, negotiation_id, **body.model_dump())


@router.put("/arrangement", status_code=NO_CONTENT)
def conclude_arrangement(negotiation_id: int, body: ArrangementBody, db: DB, user: UserId) -> None:
    closing.conclude_arrangement(db, user, negotiation_id, **body.model_dump())


@router.post("/arrangement/sign", status_code=NO_CONTENT)
def sign_arrangement(negotiation_id: int, body: Signing, db: DB, user: UserId) -> None:
    closing.sign_arrangement(db, user, negotiation_id, body.signed_on)


@router.put("/encoding", status_code=NO_CONTENT)
def set_encoding(negotiation_id: int, body: dict[str, Any], db: DB, user: UserId) -> None:
    """The agreed text encoded in the library format, for the coordination engine."""
    closing.set_encoding(db, user, negotiation_id, body)
