"""Shared by the profile and feasibility tests: the demo's workspace (one per module) and the
test profiles (PH described by the party, others pre-filled from the library)."""

from pathlib import Path

from coordina.domain.drafting.profile import StructuredProfile
from coordina.services import auth, catalog, demo
from coordina.services.database import open_database
from coordina.services.drafting.profile_content import scheme_entry
from coordina.store.db import Database

PROFILES = Path(__file__).parent / "profiles"
PH = PROFILES / "ph.yaml"


def library_profile(party: str) -> StructuredProfile:
    """A party's profile pre-filled with its bundled schemes (as the workspace's prefill does)."""
    return StructuredProfile(party=party, schemes=[scheme_entry(s) for s in catalog.library().schemes_of(party)])


def demo_database(folder: Path) -> tuple[Database, dict[str, int], list[int]]:
    """The demo's workspace in a fresh SQLite file: the database, user ids by name, negotiation ids."""
    db = open_database(f"sqlite:///{folder / 'demo.db'}")
    ids = demo.fill(db)
    names = ["min_jun", "maria_santos", "priya_nair", "joao_silva", "sami_ben_ali", "ilo_adviser"]
    return db, {name: auth.user_id_by_name(db, name) for name in names}, ids
