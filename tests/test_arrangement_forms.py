"""The forms of an administrative arrangement as data (coordina.services.arrangement_forms)."""

import pytest

from coordina.errors import Refused
from coordina.services.arrangement_forms import (
    ArrangementForm,
    checked,
    from_stored,
    missing_parts,
    personal_data_items,
    problems,
    unknown_fields,
)


def test_stored_forms_become_records_and_back() -> None:
    stored = [{"name": "KR/PH 1", "branch": "old_age", "personal_data": ["name", "date of birth"]}]
    forms = from_stored(stored)
    assert forms == [ArrangementForm("KR/PH 1", "old_age", ("name", "date of birth"))]
    assert forms[0].known_branch
    assert [f.stored() for f in forms] == stored


def test_missing_parts_are_empty_never_invented() -> None:
    (form,) = from_stored([{"branch": "pension"}])
    assert form == ArrangementForm("", "pension", ())
    assert not form.known_branch  # not a branch of C102: shown as recorded
    assert missing_parts(form) == ["name", "personal_data"]


def test_personal_data_as_typed() -> None:
    assert personal_data_items("name, date of birth\n bank account ,,") == ("name", "date of birth", "bank account")
    assert personal_data_items("  ") == ()


def test_a_coordina_form_keeps_its_purpose_fields_and_retention() -> None:
    stored = {"name": "KR/PH 1", "branch": "old_age", "personal_data": [], "form": "life_certificate",
              "purpose": "Pay a pension abroad to a living person.", "fields": ["person.surname"],
              "retention": "P2Y"}  # fmt: skip
    (form,) = from_stored([stored])

    assert form.form == "life_certificate" and form.fields == ("person.surname",) and problems(form) == []
    assert missing_parts(form) == []  # the fields say what personal data it collects
    assert checked([stored]) == [{**stored, "version": 1}]  # the current version, written down


def test_every_wrong_part_of_a_coordina_form_is_named() -> None:
    twice = ("person.surname", "person.shoe_size", "salary", "person.surname")
    form = ArrangementForm("F", "old_age", (), form="life_certificate", purpose=None, fields=twice, retention="ten")

    assert [(part, code) for part, code, _ in problems(form)] == [
        ("retention", "bad_retention"), ("fields", "unknown_fields"), ("fields", "fields_twice"),
        ("purpose", "missing_purpose"),
    ]  # fmt: skip
    assert unknown_fields(form) == ["person.shoe_size", "salary"]
    with pytest.raises(Refused) as refused:
        checked([form.stored()])
    assert refused.value.rule == "arrangement_form"
    assert "forms[1].fields: form life_certificate v1 has no field person.shoe_size, salary" in refused.value.message


@pytest.mark.parametrize("retention", ["P10Y", "P6M", "P90D", "P1Y6M", "P2Y3M10D"])
def test_a_retention_is_an_iso_8601_duration(retention: str) -> None:
    form = ArrangementForm("F", "old_age", ("name",), retention=retention)
    assert problems(form) == []


@pytest.mark.parametrize("retention", ["10Y", "P", "P10W", "P1.5Y", "PT10H", "forever", "P10Y "])
def test_anything_else_is_not_a_retention(retention: str) -> None:
    form = ArrangementForm("F", "old_age", ("name",), retention=retention)
    assert [code for _, code, _ in problems(form)] == ["bad_retention"]


def test_an_unknown_form_or_version_is_named() -> None:
    assert [c for _, c, _ in problems(ArrangementForm("F", "old_age", ("x",), form="a1"))] == ["unknown_form"]
    versioned = ArrangementForm("F", "old_age", ("x",), form="life_certificate", version=9, purpose="p",
                                fields=("person",), retention="P1Y")  # fmt: skip
    assert [c for _, c, _ in problems(versioned)] == ["unknown_version"]
    with pytest.raises(Refused, match="form 1 needs a name"):
        checked([{"name": "F", "branch": "old_age"}])
    with pytest.raises(Refused, match=r"forms\[2\]: each form is a mapping"):
        checked([{"name": "F", "branch": "old_age", "personal_data": ["name"]}, "F2"])  # type: ignore[list-item]
