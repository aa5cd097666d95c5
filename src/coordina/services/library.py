"""The agreements the engine can apply: the bundled library plus those that entered into force
in the negotiation workspace."""

from datetime import date
from typing import Any

from sqlalchemy import select

from coordina.catalog.loading import Library
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


def catalogue(db: Database) -> Library:
    """The bundled library with the agreements negotiated here and in force, so that an amendment
    that entered into force here is a version of the agreement it amends (``version_of``)."""
    bundled = catalog.library()
    negotiated = in_force_agreements(db)
    if not negotiated:
        return bundled
    return Library({**bundled.agreements, **negotiated}, bundled.schemes)


def agreement(db: Database, agreement_id: str, on: date | None = None) -> Agreement:
    """The agreement by id (an id only: never a path on the server); ``on`` a claim date, the text
    of it in force that day when it has several versions (amendments)."""
    library = catalogue(db)
    if agreement_id not in library.agreements:
        raise NotFound("agreement", f"no agreement {agreement_id!r} in the library")
    named = library.agreements[agreement_id]
    if on is None or named.version_of is not None:
        return named  # a version named by its own id is applied as named
    return library.version_on(agreement_id, on)
