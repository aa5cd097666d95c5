"""Who made each change of a counterproposal (ILO brief, steps 2-3: the delegations exchange
drafts and counterproposals; issue 15, item 5: its changes attributed to that delegation).

``docx_import`` reads each change of a returned DOCX with the delegation, and, from the Word
revision marks (ECMA-376 Part 1, §17.13.5 ``w:ins``/``w:del``), the ``w:author`` and ``w:date``
of each. They are kept in the workspace's append-only audit trail (``negotiation.access.Acting.audit``),
in the ``attribute_changes`` entry written with the new draft's number — no new column, no
migration — and read back from there, in the order they were recorded.
"""

from typing import Any

from pydantic import BaseModel
from sqlalchemy import select

from coordina.domain.permissions import Write
from coordina.services.comparison import WORD
from coordina.services.drafting.counterproposal import store_counterproposal
from coordina.services.drafting.docx_import import AttributedChange, Counterproposal
from coordina.services.negotiation import drafts
from coordina.services.negotiation.access import acting
from coordina.services.negotiation.views import DraftView
from coordina.store.db import Database
from coordina.store.tables import AuditEntry

ACTION = "attribute_changes"


class Attribution(BaseModel):
    """One change: the article and part (number, heading, text), the words deleted and inserted,
    the delegation, the authors and latest date of its revision marks (none for an untracked edit)."""

    article: str
    part: str
    change: str  # added | removed | changed (``comparison.WordChange``)
    deleted: list[str]
    inserted: list[str]
    delegation: str
    tracked: bool
    authors: list[str]
    date: str | None


class DraftAttributions(BaseModel):
    """The recorded changes of one draft, and the draft it answers."""

    draft: int
    answers: int | None
    delegation: str | None
    changes: list[Attribution]


def attribution_of(change: AttributedChange) -> Attribution:
    return Attribution(article=change.article, part=change.part, change=change.change.value,
                       deleted=WORD.findall(change.before), inserted=WORD.findall(change.after),
                       delegation=change.delegation, tracked=change.tracked, authors=list(change.authors),
                       date=change.date)  # fmt: skip


def record_attributions(db: Database, user_id: int, negotiation_id: int, draft_number: int, answers: int,
                        proposal: Counterproposal) -> DraftAttributions:  # fmt: skip
    """Keep ``proposal``'s changes with draft ``draft_number`` (a counterproposal the user stored)."""
    record = DraftAttributions(draft=draft_number, answers=answers, delegation=proposal.delegation,
                               changes=[attribution_of(c) for c in proposal.changes])  # fmt: skip
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.create_counterproposal)
        act.audit(ACTION, **record.model_dump())
    return record


def store_attributed_counterproposal(db: Database, user_id: int, negotiation_id: int, data: bytes, *,
                                     answers: int) -> tuple[DraftView, Counterproposal]:  # fmt: skip
    """``counterproposal.store_counterproposal``, its changes then kept with the new draft."""
    view, proposal = store_counterproposal(db, user_id, negotiation_id, data, answers=answers)
    record_attributions(db, user_id, negotiation_id, view.number, answers, proposal)
    return view, proposal


def changes_by(db: Database, user_id: int, negotiation_id: int, draft_number: int) -> DraftAttributions:
    """The changes recorded with draft ``draft_number``; none for a draft that is no counterproposal
    (or was stored before they were recorded). ``NotFound`` for a draft not in the negotiation."""
    drafts.get_draft(db, user_id, negotiation_id, draft_number)  # NotFound, named; participants only
    with acting(db, negotiation_id, user_id, write=False) as act:
        details: list[dict[str, Any]] = list(act.session.scalars(
            select(AuditEntry.detail).where(AuditEntry.negotiation_id == negotiation_id, AuditEntry.action == ACTION)
            .order_by(AuditEntry.id)))  # fmt: skip
    for detail in details:
        if detail.get("draft") == draft_number:
            return DraftAttributions.model_validate(detail)
    return DraftAttributions(draft=draft_number, answers=None, delegation=None, changes=[])
