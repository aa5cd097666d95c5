"""A DOCX returned by a delegation, stored as its counterproposal (ILO brief, steps 2-3), and a
stored version of the text rendered as a document.

The delegation is the one the uploading user acts for in the negotiation; the new draft is a
``counterproposal`` of ``negotiation.drafts.create_draft`` (which checks who may write it), its
articles as ``docx_import`` read them, carrying the wIds of the version they answer.
"""

from typing import Any

from coordina.errors import Refused
from coordina.services.drafting.document import DraftArticle, DraftDocument, document_of
from coordina.services.drafting.docx_import import Counterproposal, read_counterproposal
from coordina.services.negotiation import drafts, records, workspace
from coordina.services.negotiation.access import acting
from coordina.services.negotiation.views import DraftView
from coordina.store.db import Database


def _stored(draft: DraftView) -> list[dict[str, Any]]:
    return [{k: v for k, v in a.model_dump().items() if v is not None} for a in draft.articles]


def draft_document(db: Database, user_id: int, negotiation_id: int, draft_number: int) -> DraftDocument:
    """A stored version as a document (for the AKN, DOCX and PDF renderings), with the dates of
    the versions before it and the signatures recorded."""
    negotiation = workspace.get(db, user_id, negotiation_id)
    versions = drafts.list_drafts(db, user_id, negotiation_id)
    draft = next((d for d in versions if d.number == draft_number), None)
    if draft is None:
        draft = drafts.get_draft(db, user_id, negotiation_id, draft_number)  # NotFound, named
    signatures = records.closing_records(db, user_id, negotiation_id).signatures
    document = document_of(negotiation, draft, articles=_stored(draft),
                           first_version_date=versions[0].created_at.date(), signatures=signatures)  # fmt: skip
    earlier = [(d.number, d.created_at.date()) for d in versions if d.number < draft_number]
    return document.model_copy(update={"earlier": earlier})


def store_counterproposal(db: Database, user_id: int, negotiation_id: int, data: bytes, *,
                          answers: int) -> tuple[DraftView, Counterproposal]:  # fmt: skip
    """The DOCX ``data``, answering draft ``answers``, as the user's delegation's counterproposal."""
    with acting(db, negotiation_id, user_id, write=False) as act:
        delegation = act.party
    if delegation is None:
        raise Refused("counterproposal_party", "a counterproposal is made by a delegation: you act for none here")
    base = drafts.get_draft(db, user_id, negotiation_id, answers)
    proposal = read_counterproposal(data, [DraftArticle.model_validate(a) for a in _stored(base)],
                                    delegation=delegation)  # fmt: skip
    view = drafts.create_draft(db, user_id, negotiation_id, kind="counterproposal", articles=proposal.articles)
    return view, proposal
