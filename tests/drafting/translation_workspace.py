"""The demo's India–Brazil negotiation (step 3, draft 1 by India) with English and French as its
official languages, shared by the translation and attribution tests."""

from pathlib import Path

from coordina.services import auth, demo
from coordina.services.database import open_database
from coordina.store.db import Database
from coordina.store.tables import Negotiation


def india_brazil(folder: Path) -> tuple[Database, int, int, int]:
    """The database, the negotiation's id and the ids of its heads (India's, Brazil's)."""
    db = open_database(f"sqlite:///{folder / 'coordina.db'}")
    nid = demo.fill(db)[1]
    with db.transaction() as session:  # as set_languages records them in step 5 (this test is in step 3)
        negotiation = session.get(Negotiation, nid)
        assert negotiation is not None
        negotiation.official_languages = ["en", "fr"]
    return db, nid, auth.user_id_by_name(db, "priya_nair"), auth.user_id_by_name(db, "joao_silva")
