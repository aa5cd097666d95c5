"""The library of agreements: bundled, and negotiated ones once in force."""

from datetime import date
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from coordina.api.deps import DB, UserId
from coordina.api.types import AgreementRef, Text
from coordina.domain.case import Case
from coordina.domain.decision import Decision
from coordina.services import library
from coordina.services.compute import compute as compute_decision
from coordina.services.compute_limits import limits
from coordina.services.drafting.scheme_uploads import MAX_FILES, with_sent_files

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


class SentFile(BaseModel):
    """A data file sent as its text (YAML or JSON), with the name problems are reported under."""

    name: str = Field(min_length=1, max_length=100, pattern=r"^[^/\\\x00-\x1f]+$")
    text: Text = Field(max_length=1_048_576)


class ComputeWithFiles(BaseModel):
    """A case, applied to a user agreement file (or a library agreement) with user scheme files."""

    case: Case
    agreement_file: SentFile | None = None
    agreement: AgreementRef | None = Field(default=None, description="A library id, without agreement_file.")
    scheme_files: list[SentFile] = Field(min_length=1, max_length=MAX_FILES)


@router.post("/compute")
def compute_with_files(body: ComputeWithFiles, db: DB, _: UserId) -> Decision:
    """Apply a user agreement file (or a library agreement) to a case, with national scheme files sent
    beside the library's (a party's own schemes, compiled from its profile: issue 15). Each file's
    problems are listed with its name and line (422); the same limits as the library's compute."""
    bounds = limits()
    bounds.check(body.case)
    sent = (body.agreement_file.name, body.agreement_file.text) if body.agreement_file else None
    catalogue, agreement = with_sent_files([(f.name, f.text) for f in body.scheme_files], sent)
    chosen = agreement if agreement is not None else body.agreement
    with bounds.slot():
        return compute_decision(body.case, chosen, library=catalogue)
