"""The published JSON Schemas accept every bundled file, and models round-trip through JSON."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

import coordina
from coordina.catalog.loading import bundled_data_dir
from coordina.catalog.schema import json_schema
from coordina.cli import app
from coordina.domain import Agreement, Scheme

DATA = bundled_data_dir()


def _as_json(path: Path) -> object:
    """YAML dates become ISO strings, as a JSON document would carry them."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


@pytest.mark.parametrize("kind", ["agreement", "scheme"])
def test_the_schema_is_a_valid_json_schema(kind: str) -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema(kind))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "path"),
    [("agreement", p) for p in sorted((DATA / "agreements").glob("*.yaml"))]
    + [("scheme", p) for p in sorted((DATA / "schemes").rglob("*.yaml"))],
    ids=lambda v: v.name if isinstance(v, Path) else v,
)
def test_every_bundled_file_satisfies_the_published_schema(kind: str, path: Path) -> None:
    jsonschema.validate(_as_json(path), json_schema(kind))  # type: ignore[arg-type]


def test_the_schema_rejects_what_the_loader_rejects() -> None:
    document = _as_json(DATA / "agreements" / "au-kr.yaml")
    assert isinstance(document, dict)
    document["material_scope"][0]["branch"] = "pensionz"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, json_schema("agreement"))


def test_agreements_round_trip_through_json() -> None:
    for agreement in coordina.library().agreements.values():
        dumped = agreement.model_dump_json()
        assert Agreement.model_validate_json(dumped) == agreement


def test_schemes_round_trip_through_json() -> None:
    for scheme in coordina.library().schemes.values():
        assert Scheme.model_validate_json(scheme.model_dump_json()) == scheme


def test_dumped_json_satisfies_the_schema() -> None:
    agreement = coordina.load_agreement("mercosur")
    jsonschema.validate(json.loads(agreement.model_dump_json()), json_schema("agreement"))  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["agreement", "scheme"])
def test_cli_publishes_the_schema(kind: str) -> None:
    result = CliRunner().invoke(app, ["schema", kind])

    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema(kind)  # type: ignore[arg-type]
