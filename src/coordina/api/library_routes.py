"""The library of agreements: bundled, and negotiated ones once in force."""

from datetime import date
from typing import Any

from fastapi import APIRouter

from coordina.api.deps import DB, UserId
from coordina.domain.case import Case
from coordina.domain.decision import Decision
from coordina.services import library
from coordina.services.compute import compute as compute_decision
from coordina.services.compute_limits import limits

router = APIRouter(prefix="/library", tags=["library"])


@router.get("/agreements")
def list_agreements(db: DB) -> list[dict[str, Any]]:
    return library.summaries(db)


@router.get("/agreements/{agreement_id}")
def get_agreement(agreement_id: str, db: DB, on: date | None = None) -> dict[str, Any]:
    """The agreement in the library format (as ``coordina agreements show --json``); with ``on``,
    the text of it in force that day where it has several versions (amendments)."""
    return library.agreement(db, agreement_id, on=on).model_dump(mode="json", exclude_none=True)


@router.post("/agreements/{agreement_id}/compute")
def compute(agreement_id: str, case: Case, db: DB, _: UserId) -> Decision:
    """Apply the agreement to a case (the body is a case file as JSON): the engine's decision and trace.

    For signed-in users; a case has at most ``COORDINA_MAX_PERIODS_PER_CASE`` periods (1,000) and
    at most ``COORDINA_COMPUTE_SLOTS`` computations run at once per server process (4; others wait,
    then 429). An agreement with several versions is applied in the text in force on the claim date."""
    bounds = limits()
    bounds.check(case)
    chosen = library.agreement(db, agreement_id, on=case.claim.date)
    with bounds.slot():
        return compute_decision(case, chosen, library=library.catalogue(db))
