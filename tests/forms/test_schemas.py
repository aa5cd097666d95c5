"""Each form is a versioned schema: its JSON Schema (2020-12) is valid and accepts the form's own
documents, every string and list is bounded, and a field the form does not declare is refused
with the field named (data protection by construction)."""

import copy
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from coordina.domain.forms import FORMS, VERSIONS, form_json_schema, form_model
from coordina.errors import NotFound
from tests.forms.samples import SAMPLES

NAMES = sorted(FORMS)


def test_the_eight_forms_of_the_arrangement() -> None:
    assert set(FORMS) == set(SAMPLES) == {
        "coverage_certificate", "insurance_periods", "periods_request", "pension_claim",
        "invalidity_medical_report", "life_certificate", "decision_notification", "acknowledgement",
    }  # fmt: skip
    assert all(VERSIONS[name, model.version] is model for name, model in FORMS.items())


@pytest.mark.parametrize("name", NAMES)
def test_each_form_says_its_name_version_and_purpose(name: str) -> None:
    model = FORMS[name]
    assert model.form == name
    assert model.version >= 1
    assert model.purpose.startswith("To ") and model.purpose.endswith(".")
    assert model.model_config.get("extra") == "forbid" and model.model_config.get("frozen")


@pytest.mark.parametrize("name", NAMES)
def test_the_json_schema_is_valid_2020_12_and_names_the_version(name: str) -> None:
    schema = form_json_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:coordina:form:{name}:v1"
    assert schema["x-purpose"] == FORMS[name].purpose
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("name", NAMES)
def test_a_document_of_the_form_satisfies_its_schema_and_round_trips(name: str) -> None:
    document = FORMS[name].model_validate(SAMPLES[name])
    dumped = document.model_dump(mode="json", exclude_none=True)
    jsonschema.Draft202012Validator(form_json_schema(name)).validate(dumped)
    assert FORMS[name].model_validate(dumped) == document


@pytest.mark.parametrize("name", NAMES)
def test_an_extra_field_is_refused_and_named(name: str) -> None:
    payload = {**SAMPLES[name], "religion": "none"}
    with pytest.raises(ValidationError) as raised:
        FORMS[name].model_validate(payload)
    (error,) = raised.value.errors()
    assert error["type"] == "extra_forbidden" and error["loc"] == ("religion",)
    assert "religion" in str(raised.value)
    with pytest.raises(jsonschema.ValidationError, match="religion"):
        jsonschema.validate(payload, form_json_schema(name))


@pytest.mark.parametrize("name", [n for n in NAMES if "person" in SAMPLES[n]])
def test_an_extra_field_in_a_section_is_refused_and_named(name: str) -> None:
    payload = copy.deepcopy(SAMPLES[name])
    payload["person"]["mothers_maiden_name"] = "Müller"
    with pytest.raises(ValidationError) as raised:
        FORMS[name].model_validate(payload)
    assert [e["loc"] for e in raised.value.errors()] == [("person", "mothers_maiden_name")]


def _leaves(schema: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(schema, dict):
        yield path, schema
        for key, value in schema.items():
            yield from _leaves(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _leaves(value, f"{path}/{index}")


def _fixed_length(pattern: str | None) -> bool:
    """``^[A-Z]{3}$``: a pattern that bounds the length by itself."""
    return pattern is not None and pattern.startswith("^") and pattern.endswith("$") and not {"*", "+"} & set(pattern)


@pytest.mark.parametrize("name", NAMES)
def test_every_string_and_list_is_bounded(name: str) -> None:
    unbounded = [
        path
        for path, node in _leaves(form_json_schema(name))
        if (node.get("type") == "string" and "maxLength" not in node and "enum" not in node
            and "format" not in node and not _fixed_length(node.get("pattern")))
        or (node.get("type") == "array" and "maxItems" not in node)
    ]  # fmt: skip
    assert unbounded == []


@pytest.mark.parametrize("name", NAMES)
def test_an_overlong_string_is_refused(name: str) -> None:
    payload = copy.deepcopy(SAMPLES[name])
    key = next(k for k in ("person", "examiner", "witnessed_by") if k in payload) if name != "acknowledgement" else None
    if key is None:
        payload = {**payload, "status": "rejected", "reason": "x" * 4001}
        where: tuple[str, ...] = ("reason",)
    else:
        field = "surname" if key == "person" else "name"
        payload[key][field] = "x" * 121
        where = (key, field)
    with pytest.raises(ValidationError) as raised:
        FORMS[name].model_validate(payload)
    assert raised.value.errors()[0]["loc"] == where


def test_documents_are_frozen() -> None:
    document = FORMS["life_certificate"].model_validate(SAMPLES["life_certificate"])
    with pytest.raises(ValidationError):
        setattr(document, "seen_alive_on", None)  # noqa: B010


def test_an_unknown_form_or_version_is_not_found() -> None:
    with pytest.raises(NotFound, match=r"no form 'pension'.*pension_claim"):
        form_model("pension")
    with pytest.raises(NotFound, match=r"pension_claim has no version 9; it has 1"):
        form_model("pension_claim", 9)
    assert form_model("pension_claim", 1) is FORMS["pension_claim"]
    with pytest.raises(NotFound):
        form_json_schema("pension_claim", 2)


def test_form_rules_name_the_field() -> None:
    certificate = copy.deepcopy(SAMPLES["coverage_certificate"])
    del certificate["legislation"]["end"]
    with pytest.raises(ValidationError) as raised:
        FORMS["coverage_certificate"].model_validate(certificate)
    assert raised.value.errors()[0]["loc"] == ("legislation", "end")  # a certificate has an end
    certificate["legislation"]["end"] = "2023-12-31"
    with pytest.raises(ValidationError, match="end 2023-12-31 is before start 2024-01-01"):
        FORMS["coverage_certificate"].model_validate(certificate)
    rejected = {**SAMPLES["acknowledgement"], "status": "rejected"}
    with pytest.raises(ValidationError, match="a rejection says why"):
        FORMS["acknowledgement"].model_validate(rejected)
    periods = copy.deepcopy(SAMPLES["insurance_periods"])
    periods["totals"].append(periods["totals"][0])
    with pytest.raises(ValidationError, match="the total of insurance in months is given twice"):
        FORMS["insurance_periods"].model_validate(periods)
    periods = copy.deepcopy(SAMPLES["insurance_periods"])
    del periods["periods"][1]["currency"]
    with pytest.raises(ValidationError, match="earnings and currency go together"):
        FORMS["insurance_periods"].model_validate(periods)
    with pytest.raises(ValidationError):
        FORMS["acknowledgement"].model_validate({**SAMPLES["acknowledgement"], "acknowledged": "not-a-uuid"})
