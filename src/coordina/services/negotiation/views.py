"""What the services return: plain typed records (the API's response models)."""

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Row

from coordina.domain.negotiation import Step
from coordina.store import tables


class NegotiationView(BaseModel):
    id: int
    title: str
    kind: str
    parties: list[str]
    branches: list[str]
    time_frame_start: date | None
    time_frame_end: date | None
    drafting_party: str
    official_languages: list[str]
    translations: dict[str, str]
    step: int
    step_name: str
    status: str
    in_force: date | None
    agreement_id: str | None
    amends: str | None = None  # the agreement this negotiation amends, by id
    version: int

    @classmethod
    def of(cls, row: tables.Negotiation | Row[Any]) -> "NegotiationView":  # an entity, or its columns
        return cls(
            id=row.id, title=row.title, kind=row.kind, parties=row.parties, branches=row.branches,
            time_frame_start=row.time_frame_start, time_frame_end=row.time_frame_end,
            drafting_party=row.drafting_party, official_languages=row.official_languages or [],
            translations=row.translations or {},
            step=row.step, step_name=Step(row.step).name, status=row.status, in_force=row.in_force,
            agreement_id=row.agreement_id, amends=row.amends, version=row.version,
        )  # fmt: skip


class ArticleText(BaseModel):
    number: str
    heading: str | None = None
    text: str
    # A generated draft's articles also carry (services/drafting): the Akoma Ntoso eId from the
    # numbering, the wId that stays with the article across versions, and text and heading by language.
    eid: str | None = None
    wid: str | None = None
    texts: dict[str, str] | None = None
    headings: dict[str, str] | None = None

    def stored(self) -> dict[str, Any]:
        """As stored: ``{number, heading, text}``, plus the generated draft's keys where present."""
        extra = ("eid", "wid", "texts", "headings")
        return {k: v for k, v in self.model_dump().items() if k not in extra or v is not None}


class DraftView(BaseModel):
    id: int
    number: int
    kind: str
    party: str | None
    based_on: str | None
    articles: list[ArticleText]
    content_hash: str
    shared_at: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, row: tables.Draft) -> "DraftView":
        return cls(
            id=row.id, number=row.number, kind=row.kind, party=row.party, based_on=row.based_on,
            articles=[ArticleText.model_validate(a) for a in row.articles], content_hash=row.content_hash,
            shared_at=row.shared_at, created_at=row.created_at,
        )  # fmt: skip


class ArticleChange(BaseModel):
    article: str
    change: str  # added | removed | changed
    before: str | None = None
    after: str | None = None


class ProfileView(BaseModel):
    party: str
    content: dict[str, Any]
    completion: float
    missing: list[str]
    version: int


class PointView(BaseModel):
    id: int
    article: str
    subject: str
    positions: dict[str, str]
    status: str
    resolution: str | None
    version: int

    @classmethod
    def of(cls, row: tables.ContentiousPoint) -> "PointView":
        return cls(
            id=row.id, article=row.article, subject=row.subject, positions=row.positions, status=row.status,
            resolution=row.resolution, version=row.version,
        )  # fmt: skip


class RoundView(BaseModel):
    id: int
    number: int
    held_on: date
    host_party: str
    participants: list[str]
    minutes: str | None
    minutes_draft_id: int | None
    version: int

    @classmethod
    def of(cls, row: tables.Round) -> "RoundView":
        return cls(
            id=row.id, number=row.number, held_on=row.held_on, host_party=row.host_party,
            participants=row.participants, minutes=row.minutes, minutes_draft_id=row.minutes_draft_id,
            version=row.version,
        )  # fmt: skip


class NoteView(BaseModel):
    id: int
    party: str
    text: str
    at: datetime


class AuditView(BaseModel):
    id: int
    at: datetime
    user: str | None
    action: str
    detail: dict[str, Any]
