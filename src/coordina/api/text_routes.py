"""Drafts, rounds, minutes, contentious points and initialling (steps 2 and 3)."""

from datetime import date
from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel

from coordina.api.deps import DB, UserId
from coordina.api.types import (
    ArticleNumber,
    Count,
    DraftNumber,
    DraftReference,
    FirstDraft,
    Kind,
    Line,
    NegotiationId,
    PartyCode,
    PointId,
    RoundNumber,
    SecondDraft,
    Text,
)
from coordina.domain.negotiation import PointStatus
from coordina.services.negotiation import drafts, rounds
from coordina.services.negotiation.views import ArticleChange, DraftView, PointView, RoundView

router = APIRouter(prefix="/negotiations/{negotiation_id}", tags=["drafts and rounds"])


class Article(BaseModel):
    """An article of a draft as sent (stored as JSON: ``ArticleText``)."""

    number: Line
    heading: Line | None = None
    text: Text


class NewDraft(BaseModel):
    kind: Kind
    articles: list[Article] | None = None
    based_on: DraftReference | None = None


class NewRound(BaseModel):
    held_on: date
    host_party: PartyCode
    participants: list[Line] = []


class Minutes(BaseModel):
    text: Text
    annexed_draft: Count
    participants: list[Line]
    expected_version: Count


class NewPoint(BaseModel):
    article: ArticleNumber
    subject: Text
    positions: dict[PartyCode, Text]
    round_number: Count | None = None


class Settlement(BaseModel):
    status: PointStatus
    expected_version: Count
    round_number: Count | None = None
    resolution: Text | None = None


@router.post("/drafts", status_code=status.HTTP_201_CREATED)
def create_draft(negotiation_id: NegotiationId, body: NewDraft, db: DB, user: UserId) -> DraftView:
    """A new version: initial (drafting party), counterproposal, revision, or a change of the initialled text."""
    articles: list[dict[str, Any]] | None = [a.model_dump() for a in body.articles] if body.articles else None
    return drafts.create_draft(db, user, negotiation_id, kind=body.kind, articles=articles, based_on=body.based_on)


@router.get("/drafts")
def list_drafts(negotiation_id: NegotiationId, db: DB, user: UserId) -> list[DraftView]:
    return drafts.list_drafts(db, user, negotiation_id)


@router.get("/drafts/compare")
def compare_drafts(
    negotiation_id: NegotiationId, first: FirstDraft, second: SecondDraft, db: DB, user: UserId
) -> list[ArticleChange]:
    """Article by article: what was added, removed or changed between two versions."""
    return drafts.compare(db, user, negotiation_id, first, second)


@router.get("/drafts/{number}")
def get_draft(negotiation_id: NegotiationId, number: DraftNumber, db: DB, user: UserId) -> DraftView:
    return drafts.get_draft(db, user, negotiation_id, number)


@router.post("/drafts/{number}/share")
def share_draft(negotiation_id: NegotiationId, number: DraftNumber, db: DB, user: UserId) -> DraftView:
    return drafts.share_draft(db, user, negotiation_id, number)


@router.post("/drafts/{number}/initial")
def initial(negotiation_id: NegotiationId, number: DraftNumber, db: DB, user: UserId) -> DraftView:
    """Heads of delegation initial the agreed text, freezing it by its content hash."""
    return drafts.initial(db, user, negotiation_id, number)


@router.post("/drafts/{number}/consent")
def consent(negotiation_id: NegotiationId, number: DraftNumber, db: DB, user: UserId) -> DraftView:
    """A head's consent to a change of the initialled text."""
    return drafts.consent_to_change(db, user, negotiation_id, number)


@router.post("/rounds", status_code=status.HTTP_201_CREATED)
def create_round(negotiation_id: NegotiationId, body: NewRound, db: DB, user: UserId) -> RoundView:
    return rounds.create_round(db, user, negotiation_id, **body.model_dump())


@router.get("/rounds")
def list_rounds(negotiation_id: NegotiationId, db: DB, user: UserId) -> list[RoundView]:
    return rounds.list_rounds(db, user, negotiation_id)


@router.put("/rounds/{number}/minutes")
def record_minutes(
    negotiation_id: NegotiationId, number: RoundNumber, body: Minutes, db: DB, user: UserId
) -> RoundView:
    """Minutes by the host: text, the revised draft annexed, the participants."""
    return rounds.record_minutes(db, user, negotiation_id, number, **body.model_dump())


@router.post("/points", status_code=status.HTTP_201_CREATED)
def raise_point(negotiation_id: NegotiationId, body: NewPoint, db: DB, user: UserId) -> PointView:
    return rounds.raise_point(db, user, negotiation_id, **body.model_dump())


@router.get("/points")
def list_points(negotiation_id: NegotiationId, db: DB, user: UserId) -> list[PointView]:
    return rounds.list_points(db, user, negotiation_id)


@router.post("/points/{point_id}/settle")
def settle_point(negotiation_id: NegotiationId, point_id: PointId, body: Settlement, db: DB, user: UserId) -> PointView:
    """Resolved in a round, postponed to the next, or settled by correspondence (recorded)."""
    return rounds.settle_point(db, user, negotiation_id, point_id, **body.model_dump())
