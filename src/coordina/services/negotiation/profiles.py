"""Country profiles: each party's answers to the brief's checklist (step 1), with completion."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordina.domain.permissions import Write
from coordina.services import catalog
from coordina.services.drafting.profile_content import scheme_entry
from coordina.services.errors import Refused
from coordina.services.negotiation.access import acting, check_version
from coordina.services.negotiation.views import ProfileView
from coordina.store.db import Database
from coordina.store.tables import CountryProfile

CHECKLIST = {
    "personal_scope": "personal scope of the relevant laws (migrants, domestic and agricultural workers, refugees…)",
    "material_scope": "material scope: the branches the laws cover",
    "schemes": "schemes: contributory or not, general or specific, public or private",
    "eligibility_and_calculation": "eligibility requirements, minimum conditions and calculation methods",
    "other_information": "any other relevant information",
    "other_policies": "other relevant policies and laws (migration, employment, formalisation, health…)",
    "principle_preferences": "preferences on the key principles",
    "target_group_and_exclusions": "the target group of the agreement and any exclusions",
}
"""The checklist of the ILO brief (items 2.i-v, 3, 4 and 5; item 1, the representatives, is kept
on the delegation)."""


def _view(row: CountryProfile | None, party: str, representatives: list[Any]) -> ProfileView:
    content = dict(row.content) if row else {}
    done = [key for key in CHECKLIST if content.get(key)] + (["representatives"] if representatives else [])
    missing = [key for key in ["representatives", *CHECKLIST] if key not in done]
    return ProfileView(
        party=party, content=content, completion=round(len(done) / (len(CHECKLIST) + 1), 3), missing=missing,
        version=row.version if row else 0,
    )  # fmt: skip


def get_profile(db: Database, user_id: int, negotiation_id: int, party: str) -> ProfileView:
    with acting(db, negotiation_id, user_id, write=False) as act:
        row = _row(act.session, negotiation_id, party)
        return _view(row, party, act.delegation(party).representatives)


def update_profile(db: Database, user_id: int, negotiation_id: int, party: str, content: dict[str, Any],
                   expected_version: int) -> ProfileView:  # fmt: skip
    """Replace the party's answers; refused if someone saved a newer version meanwhile."""
    unknown = sorted(set(content) - set(CHECKLIST))
    if unknown:
        raise Refused("checklist", f"not checklist items: {', '.join(unknown)}; items: {', '.join(CHECKLIST)}")
    with acting(db, negotiation_id, user_id) as act:
        act.allow(Write.update_profile)
        act.require_party(party)
        row = _row(act.session, negotiation_id, party)
        if row is None:
            check_version(0, expected_version, f"{party}'s profile")
            row = CountryProfile(negotiation_id=negotiation_id, party=party, content=content, version=1)
            act.session.add(row)
        else:
            check_version(row.version, expected_version, f"{party}'s profile")
            row.content = content
            row.version += 1
        act.audit("update_profile", party=party, items=sorted(k for k, v in content.items() if v))
        return _view(row, party, act.delegation(party).representatives)


def prefilled(party: str, branches: list[str]) -> dict[str, Any]:
    """Answers drawn from the bundled national schemes of the party, for the branches in scope.

    Each scheme entry is a structured profile's scheme (``domain/drafting/profile.py``): id, name,
    kind, contributory, general, public and branches as before, with its institution, legal basis
    and newest facts (qualifying period, pension age, full career, formula kind, export rule),
    each with its source."""
    schemes = [s for s in catalog.library().schemes_of(party) if {b.value for b in s.branches} & set(branches)]
    if not schemes:
        return {}
    return {
        "material_scope": sorted({b.value for s in schemes for b in s.branches} & set(branches)),
        "schemes": [scheme_entry(s) for s in schemes],  # the structured profile's scheme entries
        "eligibility_and_calculation": [_parameters(s) for s in schemes if s.parameters.qualifying_period],
    }


def _parameters(scheme: Any) -> dict[str, Any]:
    qualifying = scheme.parameters.qualifying_period.latest()
    formula = scheme.parameters.benefit_formula.latest() if scheme.parameters.benefit_formula else None
    return {
        "scheme": scheme.id,
        "qualifying_period": str(qualifying.value.duration),
        "source": qualifying.source,
        "benefit_formula": formula.value.kind.value if formula else None,
    }


def prefill_profile(db: Database, user_id: int, negotiation_id: int, party: str,
                    expected_version: int) -> ProfileView:  # fmt: skip
    """Fill empty checklist items from the bundled scheme data (answers already given are kept)."""
    with acting(db, negotiation_id, user_id) as act:
        branches = act.negotiation.branches
        current = _row(act.session, negotiation_id, party)
    content = dict(current.content) if current else {}
    for key, value in prefilled(party, branches).items():
        content.setdefault(key, value)
    return update_profile(db, user_id, negotiation_id, party, content, expected_version)


def _row(session: Session, negotiation_id: int, party: str) -> CountryProfile | None:
    return session.scalar(
        select(CountryProfile).where(CountryProfile.negotiation_id == negotiation_id, CountryProfile.party == party)
    )
