"""``coordina schema form NAME`` prints a form's JSON Schema; an unknown form is an error in words."""

import json

import jsonschema
from typer.testing import CliRunner

from coordina.cli import app
from coordina.domain.forms import FORMS, form_json_schema

runner = CliRunner()


def test_the_certificate_of_coverage_schema() -> None:
    result = runner.invoke(app, ["schema", "form", "coverage_certificate"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed == form_json_schema("coverage_certificate")
    assert printed["$id"] == "urn:coordina:form:coverage_certificate:v1"
    jsonschema.Draft202012Validator.check_schema(printed)
    assert set(printed["required"]) == {"person", "legislation", "status", "institution"}
    assert printed["$defs"]["LegislationSection"]["required"] == ["party", "start", "end", "article"]


def test_a_version_by_number() -> None:
    result = runner.invoke(app, ["schema", "form", "acknowledgement", "--version", "1"])
    assert result.exit_code == 0 and json.loads(result.stdout)["x-version"] == 1
    result = runner.invoke(app, ["schema", "form", "acknowledgement", "--version", "2"])
    assert result.exit_code == 1
    assert "form acknowledgement has no version 2; it has 1" in result.stderr


def test_the_list_of_forms() -> None:
    result = runner.invoke(app, ["schema", "form"])
    assert result.exit_code == 0
    printed = json.loads(result.stdout)
    assert set(printed) == set(FORMS)
    assert printed["life_certificate"] == {
        "version": 1, "purpose": FORMS["life_certificate"].purpose, "$id": "urn:coordina:form:life_certificate:v1"
    }  # fmt: skip


def test_an_unknown_form_names_the_known_ones() -> None:
    result = runner.invoke(app, ["schema", "form", "a1"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "there is no form 'a1'; the forms are acknowledgement, coverage_certificate" in result.stderr
    assert "Traceback" not in result.output


def test_only_a_form_takes_a_name() -> None:
    result = runner.invoke(app, ["schema", "agreement", "au-kr"])
    assert result.exit_code == 1
    assert "only a form takes a name and a version, not agreement" in result.stderr
    assert json.loads(runner.invoke(app, ["schema", "agreement"]).stdout)["$id"] == "urn:coordina:schema:agreement:v1"
