"""Where the feasibility report's profiles come from: a negotiation's stored profiles (read with
the user's rights in it), or profile files (YAML or JSON, checked with their lines)."""

from collections.abc import Sequence
from pathlib import Path

from coordina.catalog.validation import read_model
from coordina.domain.drafting.profile import StructuredProfile
from coordina.domain.vocabulary import Branch
from coordina.services import catalog
from coordina.services.drafting.feasibility import FeasibilityReport, feasibility
from coordina.services.drafting.profile_content import read_content
from coordina.services.negotiation import profiles, workspace
from coordina.store.db import Database


def negotiation_profiles(db: Database, user_id: int, negotiation_id: int) -> list[StructuredProfile]:
    """Every party's structured profile in the negotiation (Forbidden for a non-participant)."""
    negotiation = workspace.get(db, user_id, negotiation_id)
    return [
        read_content(party, profiles.get_profile(db, user_id, negotiation_id, party).content)
        for party in negotiation.parties
    ]


def for_negotiation(db: Database, user_id: int, negotiation_id: int) -> FeasibilityReport:
    """The report on the negotiation's profiles, within its branches."""
    negotiation = workspace.get(db, user_id, negotiation_id)
    found = negotiation_profiles(db, user_id, negotiation_id)
    branches = [Branch(b) for b in negotiation.branches]
    return feasibility(found, catalog.library().agreements, branches)


def read_profile(path: Path) -> StructuredProfile:
    """A profile file (``StructuredProfile``); DataError with each problem's line and field."""
    return read_model(StructuredProfile, path)


def for_files(paths: Sequence[Path], branches: Sequence[Branch] = ()) -> FeasibilityReport:
    """The report on profile files (two or more, of different parties)."""
    found = [read_profile(path) for path in paths]
    return feasibility(found, catalog.library().agreements, branches)
