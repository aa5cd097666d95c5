"""The administrative arrangement in the agreement data: every body has a stable id of its party,
each form named exists with the fields listed, and a mistake is reported naming the field."""

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

import coordina
from coordina.catalog.loading import bundled_data_dir
from coordina.domain import Agreement
from coordina.domain.forms import FORMS, VERSIONS, ArrangementForm, field_paths, retention_end
from coordina.errors import DataError
from coordina.services import catalog

AGREEMENTS = [a for a in coordina.library().agreements.values() if a.parties]
AU_KR = bundled_data_dir() / "agreements" / "au-kr.yaml"


def test_seven_agreements_with_bodies() -> None:
    assert len(AGREEMENTS) == 7


@pytest.mark.parametrize("agreement", AGREEMENTS, ids=lambda a: a.id)
def test_every_body_has_an_id_of_its_party_once_per_list(agreement: Agreement) -> None:
    for role in ("competent_authorities", "competent_institutions", "liaison_agencies"):
        ids = [body.id for body in getattr(agreement, role)]
        assert None not in ids, role
        assert len(set(ids)) == len(ids), role
    for _, body in agreement.bodies():
        assert body.id is not None and body.id.split(":")[0] == body.party
        assert agreement.body(body.id) is not None
    assert any(role == "competent_institutions" for role, _ in agreement.bodies())


def test_one_id_in_two_lists_is_one_body_in_two_roles() -> None:
    agreement = coordina.load_agreement("in-de")
    assert [role for role, body in agreement.bodies() if body.id == "IN:epfo"] == [
        "competent_institutions", "liaison_agencies"
    ]  # fmt: skip
    assert agreement.body("IN:nobody") is None


@pytest.mark.parametrize("agreement", AGREEMENTS, ids=lambda a: a.id)
def test_the_arrangements_forms_exist_with_their_fields(agreement: Agreement) -> None:
    arrangement = agreement.administrative_arrangement
    assert arrangement is not None and arrangement.forms and arrangement.data_protection is not None
    for entry in arrangement.forms:
        model = VERSIONS[entry.form, entry.version]
        assert set(entry.fields) <= field_paths(model)
        top = {path.split(".")[0] for path in entry.fields}
        required = {name for name, info in model.model_fields.items() if info.is_required()}
        assert required <= top, f"{entry.form} collects fewer fields than its model requires"
        assert entry.source == "unverified" or entry.source
        assert entry.kept_until(date(2026, 1, 1)) > date(2026, 1, 1)
    assert len({e.form for e in arrangement.forms}) == len(arrangement.forms)
    assert {"coverage_certificate", "decision_notification", "acknowledgement"} <= {e.form for e in arrangement.forms}


def test_what_was_not_read_is_marked_unverified() -> None:
    read = {("in-de", "coverage_certificate"), ("au-kr", "coverage_certificate"), ("au-kr", "pension_claim")}
    for agreement in AGREEMENTS:
        arrangement = agreement.administrative_arrangement
        assert arrangement is not None and arrangement.data_protection is not None
        for entry in arrangement.forms:
            assert entry.source is not None
            if (agreement.id, entry.form) in read:
                assert entry.source.startswith("https://") and "ours, unverified" in entry.source
            else:
                assert entry.source == "unverified"
        protection = arrangement.data_protection
        assert protection.source == "unverified" or protection.article is not None
    arrangement = coordina.load_agreement("ca-nl").administrative_arrangement
    assert arrangement is not None and arrangement.data_protection is not None
    assert arrangement.data_protection.article is not None and arrangement.data_protection.article.article == "XIX"


def _entry(**change: Any) -> dict[str, Any]:
    entry = {"form": "life_certificate", "purpose": "p", "fields": ["person", "seen_alive_on"], "retention": "P2Y"}
    return {**entry, **change}


@pytest.mark.parametrize(
    ("change", "loc", "message"),
    [
        ({"form": "birth_certificate"}, ("form",), "there is no form 'birth_certificate'"),
        ({"version": 7}, ("version",), "form life_certificate has no version 7"),
        ({"fields": ["person", "person.religion"]}, ("fields", 1), "has no field 'person.religion'"),
        ({"fields": ["person", "person"]}, ("fields",), "a field is listed twice"),
        ({"retention": "10 years"}, ("retention",), "should match pattern"),
        ({"retention": "P"}, ("retention",), "should match pattern"),
    ],
)
def test_a_wrong_form_entry_names_the_field(change: dict[str, Any], loc: tuple[Any, ...], message: str) -> None:
    with pytest.raises(ValidationError) as raised:
        ArrangementForm.model_validate(_entry(**change))
    (error,) = raised.value.errors()
    assert (*error["loc"], *(error.get("ctx") or {}).get("at", ())) == loc
    assert message in error["msg"]


def _au_kr_file(tmp_path: Path, edit: Any) -> Path:
    document = yaml.safe_load(AU_KR.read_text(encoding="utf-8"))
    edit(document)
    path = tmp_path / "au-kr.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as raised:
        catalog.agreement(path)
    return [p.message for p in raised.value.problems]


def test_a_body_id_of_another_party_is_reported_in_the_file(tmp_path: Path) -> None:
    def edit(document: dict[str, Any]) -> None:
        document["competent_institutions"][0]["id"] = "KR:services-australia"

    problems = _problems(_au_kr_file(tmp_path, edit))
    assert problems == [
        "competent_institutions[0].id: id KR:services-australia does not start with the body's party AU"
    ]


def test_a_body_id_given_twice_in_a_list_is_reported_in_the_file(tmp_path: Path) -> None:
    def edit(document: dict[str, Any]) -> None:
        document["competent_institutions"][1]["id"] = "KR:nps"
        document["competent_institutions"][1]["party"] = "KR"

    problems = _problems(_au_kr_file(tmp_path, edit))
    assert problems == ["competent_institutions[2].id: body id KR:nps is given twice"]


def test_a_form_field_the_model_lacks_is_reported_in_the_file(tmp_path: Path) -> None:
    def edit(document: dict[str, Any]) -> None:
        document["administrative_arrangement"]["forms"][0]["fields"].append("person.religion")

    (problem,) = _problems(_au_kr_file(tmp_path, edit))
    assert problem.startswith("administrative_arrangement.forms[0].fields[12]: form coverage_certificate v1 has no")


def test_a_body_id_that_is_not_an_id_is_refused(tmp_path: Path) -> None:
    def edit(document: dict[str, Any]) -> None:
        document["liaison_agencies"][1]["id"] = "National Pension Service"

    (problem,) = _problems(_au_kr_file(tmp_path, edit))
    assert problem.startswith("liaison_agencies[1].id: String should match pattern")


def test_retention_ends_by_the_calendar() -> None:
    assert retention_end(date(2020, 1, 1), "P10Y") == date(2029, 12, 31)
    assert retention_end(date(2020, 1, 31), "P1M") == date(2020, 2, 28)
    assert retention_end(date(2020, 3, 1), "P90D") == date(2020, 5, 29)
    assert retention_end(date(2020, 11, 15), "P1Y2M3D") == date(2022, 1, 17)
    with pytest.raises(ValueError, match="not a duration"):
        retention_end(date(2020, 1, 1), "P1W")


def test_every_form_has_paths_for_its_sections() -> None:
    paths = field_paths(FORMS["coverage_certificate"])
    assert {"person", "person.surname", "person.residence.country", "places_of_work.country"} <= paths
    assert copy.copy(paths) == paths
