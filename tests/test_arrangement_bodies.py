"""The liaison agencies and competent institutions of an arrangement concluded in the workspace
(coordina.services.arrangement_bodies), and what the starting encoding carries over of the
arrangement into the agreement's data (coordina.services.negotiation.encoding)."""

from typing import Any

import pytest

from coordina.domain.agreement import Agreement
from coordina.errors import Refused
from coordina.services.arrangement_bodies import checked, from_stored, problems
from coordina.services.negotiation.encoding import CONCLUDED, skeleton

NPS = {"id": "KR:nps", "party": "KR", "name": "National Pension Service", "role": "liaison_agency", "branches": []}
ROLES = {"scope": "1", "equality": "2", "export": "3", "legislation": "4", "totalization": "5"}


def codes(bodies: list[dict[str, Any]], parties: tuple[str, ...] = ("KR", "PH")) -> list[tuple[int, str, str]]:
    return [(index, part, code) for index, part, code, _ in problems(from_stored(bodies), parties)]


def test_bodies_are_stored_as_given() -> None:
    both = [NPS, {**NPS, "role": "competent_institution", "branches": ["old_age"]}]  # one body in two roles

    assert checked(both, ["KR", "PH"]) == both
    assert from_stored(None) == []  # concluded before bodies were recorded
    assert from_stored([NPS])[0].in_agreement() == {"id": "KR:nps", "party": "KR", "name": "National Pension Service"}


@pytest.mark.parametrize(("change", "found"), [
    ({"id": "JP:nenkin", "party": "JP"}, [(1, "party", "foreign_party")]),
    ({"id": "PH:nps"}, [(1, "id", "id_party")]),
    ({"id": "KR:NPS"}, [(1, "id", "bad_id")]),
    ({"id": ""}, [(1, "id", "missing_id")]),
    ({"name": "", "role": ""}, [(1, "name", "missing_name"), (1, "role", "missing_role")]),
    ({"role": "competent_authority"}, [(1, "role", "bad_role")]),
    ({"branches": ["pensions"]}, [(1, "branches", "unknown_branch")]),
])  # fmt: skip
def test_each_wrong_part_is_named(change: dict[str, Any], found: list[tuple[int, str, str]]) -> None:
    assert codes([{**NPS, **change}]) == found


def test_an_id_is_one_body_each_role_once() -> None:
    assert codes([NPS, NPS]) == [(2, "id", "duplicate_id")]
    assert codes([NPS, {**NPS, "role": "competent_institution", "name": "Ministry"}]) == [(2, "id", "duplicate_id")]
    with pytest.raises(Refused) as refused:
        checked([NPS, NPS], ["KR", "PH"])
    assert refused.value.rule == "arrangement_body" and "bodies[2].id: the id KR:nps is given twice" in str(
        refused.value.message
    )


def arrangement(**change: Any) -> dict[str, Any]:
    return {
        "title": "Administrative Arrangement KR–PH", "signed_on": "2027-04-20", "version": 1,
        "data_protection": "Used only to apply the agreement.",
        "forms": [
            {"name": "KR/PH 1", "branch": "old_age", "personal_data": ["name"]},
            {"name": "KR/PH 2", "branch": "old_age", "personal_data": [], "form": "life_certificate", "version": 1,
             "purpose": "Pay a pension to a living person.", "fields": ["person.surname"], "retention": "P2Y"},
        ],
        "bodies": [NPS, {**NPS, "id": "PH:sss", "party": "PH", "name": "Social Security System",
                         "role": "competent_institution", "branches": ["old_age"]}],
        **change,
    }  # fmt: skip


def test_the_encoding_carries_over_what_was_concluded() -> None:
    agreement = Agreement.model_validate(skeleton("kr-ph-x", "KR–PH", ["KR", "PH"], ["old_age"], ROLES, arrangement()))

    aa = agreement.administrative_arrangement
    assert aa is not None and aa.signed is not None and aa.signed.isoformat() == "2027-04-20"
    (form,) = aa.forms  # the form that is not one of coordina's is not an agreement's form
    assert (form.form, form.title, form.fields, form.retention, form.source) == (
        "life_certificate", "KR/PH 2", ["person.surname"], "P2Y", CONCLUDED)  # fmt: skip
    assert aa.data_protection is not None and aa.data_protection.summary == "Used only to apply the agreement."
    assert [b.id for b in agreement.liaison_agencies] == ["KR:nps"]
    assert [(b.id, b.branches) for b in agreement.competent_institutions] == [("PH:sss", ["old_age"])]
    assert agreement.notes and "1 of its 2 forms" in agreement.notes


def test_only_what_was_concluded() -> None:
    encoded = skeleton("kr-ph-x", "KR–PH", ["KR", "PH"], ["old_age"], ROLES,
                       arrangement(signed_on=None, bodies=None, data_protection="d" * 1001))  # fmt: skip
    agreement = Agreement.model_validate(encoded)

    assert agreement.administrative_arrangement is not None
    assert (
        agreement.administrative_arrangement.signed is None
        and agreement.administrative_arrangement.data_protection is None
    )
    assert agreement.liaison_agencies == [] and agreement.competent_institutions == []
    assert agreement.notes and "not its data-protection provisions" in agreement.notes
    assert "administrative_arrangement" not in skeleton("kr-ph-x", "KR–PH", ["KR", "PH"], ["old_age"], ROLES)
