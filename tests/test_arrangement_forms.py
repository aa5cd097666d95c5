"""The forms of an administrative arrangement as data (coordina.services.arrangement_forms)."""

from coordina.services.arrangement_forms import ArrangementForm, from_stored, missing_parts, personal_data_items


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
