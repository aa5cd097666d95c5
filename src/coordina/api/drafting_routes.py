"""Translations of a draft and who made each change of a counterproposal (issue 15, items 2 and 5;
ILO brief, steps 2-3 and 5)."""

from typing import Annotated

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, Field

from coordina.api.deps import DB, UserId
from coordina.api.types import DraftNumber, NegotiationId
from coordina.domain.agreement import LanguageCode
from coordina.services.drafting import attribution, translations
from coordina.services.drafting.document import MAX_ARTICLES, MAX_TEXT
from coordina.services.negotiation.views import DraftView

router = APIRouter(prefix="/negotiations/{negotiation_id}/drafts/{number}", tags=["drafting"])

ArticleName = Annotated[str, Field(min_length=1, max_length=100)]  # an eId or wId


class NewTranslation(BaseModel):
    """The translation into ``language`` of some or all articles, by eId or wId."""

    model_config = ConfigDict(extra="forbid")
    language: LanguageCode
    texts: dict[ArticleName, Annotated[str, Field(max_length=MAX_TEXT)]] = Field(max_length=MAX_ARTICLES)
    headings: dict[ArticleName, Annotated[str, Field(max_length=500)]] = Field(default={}, max_length=MAX_ARTICLES)


@router.post("/translations", status_code=status.HTTP_201_CREATED)
def add_translation(
    negotiation_id: NegotiationId, number: DraftNumber, body: NewTranslation, db: DB, user: UserId
) -> DraftView:
    """Store the draft with these translations as a new version (a revision, or a change once
    initialled); 422 naming the article for an unknown article, an empty text or a language not
    of the negotiation."""
    return translations.store_translation(db, user, negotiation_id, number, body.language, body.texts,
                                          headings=body.headings)  # fmt: skip


@router.get("/attributions")
def attributions(
    negotiation_id: NegotiationId, number: DraftNumber, db: DB, user: UserId
) -> attribution.DraftAttributions:
    """Who made each change of a counterproposal: article, words deleted and inserted, authors, date."""
    return attribution.changes_by(db, user, negotiation_id, number)
