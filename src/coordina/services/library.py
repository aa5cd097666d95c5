"""The agreements the engine can apply: the bundled library plus those that entered into force
in the negotiation workspace."""

from typing import Any

from sqlalchemy import select

from coordina.domain import Agreement
from coordina.services import catalog
from coordina.services.errors import NotFound
from coordina.store.db import Database
from coordina.store.tables import LibraryAgreement, Negotiation


def in_force_agreements(db: Database) -> dict[str, Agreement]:
    """Agreements negotiated here and in force, by id."""
    with db.transaction() as session:
        rows = session.execute(
            select(LibraryAgreement).join(Negotiation, Negotiation.id == LibraryAgreement.negotiation_id)
            .where(Negotiation.status == "in_force")
        ).scalars()  # fmt: skip
        return {row.id: Agreement.model_validate(row.data) for row in rows}


def summaries(db: Database) -> list[dict[str, Any]]:
    bundled = [
        {"id": a.id, "title": a.title, "parties": a.parties, "in_force": a.in_force, "origin": "bundled"}
        for a in catalog.library().agreements.values()
    ]
    negotiated = [
        {"id": a.id, "title": a.title, "parties": a.parties, "in_force": a.in_force, "origin": "negotiated"}
        for a in in_force_agreements(db).values()
    ]
    return bundled + negotiated


def agreement(db: Database, agreement_id: str) -> Agreement:
    negotiated = in_force_agreements(db)
    if agreement_id in negotiated:
        return negotiated[agreement_id]
    if agreement_id in catalog.library().agreements:  # an id only: never a path on the server
        return catalog.library().agreements[agreement_id]
    raise NotFound("agreement", f"no agreement {agreement_id!r} in the library")
