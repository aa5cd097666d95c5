"""The library of agreements: bundled, and negotiated ones once in force."""

from typing import Any

from fastapi import APIRouter

from coordina.api.deps import DB
from coordina.domain.case import Case
from coordina.domain.decision import Decision
from coordina.services import library
from coordina.services.compute import compute as compute_decision

router = APIRouter(prefix="/library", tags=["library"])


@router.get("/agreements")
def list_agreements(db: DB) -> list[dict[str, Any]]:
    return library.summaries(db)


@router.get("/agreements/{agreement_id}")
def get_agreement(agreement_id: str, db: DB) -> dict[str, Any]:
    """The agreement in the library format (as ``coordina agreements show --json``)."""
    return library.agreement(db, agreement_id).model_dump(mode="json", exclude_none=True)


@router.post("/agreements/{agreement_id}/compute")
def compute(agreement_id: str, case: Case, db: DB) -> Decision:
    """Apply the agreement to a case (the body is a case file as JSON): the engine's decision and trace."""
    return compute_decision(case, library.agreement(db, agreement_id))
