"""A party's structured profile in a negotiation: read from, and saved into, its stored checklist
(``services/negotiation/profiles.py``), with the rights and the version check of that service."""

from coordina.domain.drafting.profile import StructuredProfile
from coordina.services.drafting.profile_content import read_content, write_content
from coordina.services.negotiation import profiles
from coordina.services.negotiation.views import ProfileView
from coordina.store.db import Database


def get_structured(db: Database, user_id: int, negotiation_id: int, party: str) -> StructuredProfile:
    """The party's structured profile (Forbidden for a non-participant; Refused if its structure is bad)."""
    return read_content(party, profiles.get_profile(db, user_id, negotiation_id, party).content)


def save_structured(db: Database, user_id: int, negotiation_id: int, profile: StructuredProfile) -> ProfileView:
    """Replace the checklist items the structured profile holds (branches, schemes, groups, capacity);
    the other answers are kept. Only the party's own delegation may (``profiles.update_profile``)."""
    current = profiles.get_profile(db, user_id, negotiation_id, profile.party)
    content = {**current.content, **write_content(profile)}
    return profiles.update_profile(db, user_id, negotiation_id, profile.party, content, current.version)
