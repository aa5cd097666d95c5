"""The country profile as structured data: pre-filled from the scheme data, read from the stored
checklist content (old and new shapes), refused with the field named when it does not fit."""

import pytest

from coordina.domain.drafting.profile import ProfileScheme, StructuredProfile
from coordina.errors import Refused
from coordina.services.drafting.profile_content import read_content, write_content
from coordina.services.negotiation.profiles import prefilled

OLD_KEYS = {"id", "name", "kind", "contributory", "general", "public", "branches"}


def test_prefilled_schemes_keep_the_old_keys_and_carry_the_facts_with_their_sources() -> None:
    content = prefilled("IN", ["old_age", "invalidity", "survivors"])

    entries = {entry["id"]: entry for entry in content["schemes"]}
    assert all(set(entry) >= OLD_KEYS for entry in entries.values())
    eps = ProfileScheme.model_validate(entries["in-eps"])
    assert eps.in_library and eps.qualifying_period is not None and eps.qualifying_period.source
    assert eps.pension_age is not None and eps.formula is not None and eps.export is not None
    assert entries["in-epf"]["kind"] == "provident_fund"
    assert content["eligibility_and_calculation"]  # the old item is still filled


def test_content_stored_before_the_structured_profile_stays_readable() -> None:
    old = {
        "material_scope": ["old_age"],
        "schemes": [{"id": "kr-nps", "name": "National Pension", "kind": "social_insurance", "contributory": True,
                     "general": True, "public": True, "branches": ["old_age", "invalidity", "survivors"]}],
        "target_group_and_exclusions": "Seasonal workers are excluded.",
        "other_information": "Nothing else.",
    }  # fmt: skip

    profile = read_content("KR", old)

    (nps,) = profile.schemes
    assert nps.qualifying_period is not None and str(nps.qualifying_period.duration) == "10 years"
    assert profile.groups_note == "Seasonal workers are excluded." and profile.capacity == []
    assert profile.covered_branches() == ["old_age"]


def test_structured_items_round_trip_through_the_checklist_content() -> None:
    profile = StructuredProfile.model_validate({
        "party": "PH", "branches": ["old_age"],
        "schemes": [{"id": "ph-sss", "name": "Social Security System", "kind": "social_insurance",
                     "branches": ["old_age"]}],
        "groups": [{"group": "domestic_workers", "coverage": "partly_covered", "note": "as stated"}],
        "groups_note": "More to say.", "capacity": [{"topic": "IT", "note": "No electronic exchange yet."}],
    })  # fmt: skip

    assert read_content("PH", write_content(profile)) == profile


def test_a_structured_item_that_does_not_fit_is_refused_naming_the_field() -> None:
    with pytest.raises(Refused) as refused:
        read_content("PH", {"schemes": [{"name": "SSS", "kind": "banana", "branches": ["old_age"]}]})

    assert "schemes.0.kind" in refused.value.message and "PH" in refused.value.message
