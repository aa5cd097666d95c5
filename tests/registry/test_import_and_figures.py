"""Importing a registry into the workspace, the figures as files, and the registry over the API."""

import csv
import json
import struct
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from coordina.api import create_app
from coordina.catalog.registry_file import COLUMNS
from coordina.cli import app
from tests.negotiation.conftest import api_client

runner = CliRunner()
ROW = {"id": "es-ma", "parties": "ES;MA", "kind": "bilateral", "signed": "1979-11-08", "in_force": "1982",
       "branches": "old_age;invalidity", "source": "BOE 1982 (test)", "notes": ""}  # fmt: skip


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"COORDINA_DATABASE_URL": f"sqlite:///{tmp_path / 'coordina.db'}"}


def _csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _search(env: dict[str, str], *args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["registry", "search", *args, "--json"], env=env)
    assert result.exit_code == 0, result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def test_an_invalid_file_imports_nothing_and_names_each_row(tmp_path: Path, env: dict[str, str]) -> None:
    bad_country = {**ROW, "id": "fr-ma", "parties": "FR;ZZ"}
    bad_date = {**ROW, "id": "it-ma", "parties": "IT;MA", "in_force": "1982-13-01"}
    path = _csv(tmp_path / "issa.csv", [ROW, bad_country, bad_date])

    result = runner.invoke(app, ["registry", "import", str(path)], env=env)

    assert result.exit_code == 1
    assert f"{path}:3: parties: unknown country code(s) ZZ" in result.stderr
    assert f"{path}:4: in_force:" in result.stderr and "nothing was imported" in result.stderr
    assert _search(env, "--between", "ES", "MA") == []


def test_skip_invalid_imports_the_rest_and_writes_the_rejected_rows(tmp_path: Path, env: dict[str, str]) -> None:
    path = _csv(tmp_path / "issa.csv", [ROW, {**ROW, "id": "fr-ma", "parties": "FR;ZZ"}])
    rejects = tmp_path / "rejected.csv"

    result = runner.invoke(app, ["registry", "import", str(path), "--skip-invalid", str(rejects)], env=env)

    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in _search(env, "--between", "Spain", "Morocco")] == ["es-ma"]
    rejected = list(csv.DictReader(rejects.read_text(encoding="utf-8").splitlines()))
    assert [(r["row"], r["id"]) for r in rejected] == [("3", "fr-ma")] and "ZZ" in rejected[0]["problems"]


def test_an_imported_row_replaces_the_bundled_row_with_its_id(tmp_path: Path, env: dict[str, str]) -> None:
    fuller = {**ROW, "id": "au-kr", "parties": "AU;KR", "signed": "2006-12-06", "in_force": "2008-10-01",
              "branches": "old_age", "source": "fuller export (test)"}  # fmt: skip
    assert runner.invoke(app, ["registry", "import", str(_csv(tmp_path / "f.csv", [fuller]))], env=env).exit_code == 0

    shown = json.loads(runner.invoke(app, ["registry", "show", "au-kr", "--json"], env=env).stdout)

    assert (shown["in_force"], shown["source"], shown["encoded_as"]) == ("2008-10-01", "fuller export (test)", "au-kr")


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("name", ["1", "2", "network"])
def test_figures_are_valid_images_of_the_expected_size(tmp_path: Path, env: dict[str, str], name: str) -> None:
    png, svg = tmp_path / f"figure-{name}.png", tmp_path / f"figure-{name}.svg"

    for out in (png, svg):
        result = runner.invoke(app, ["registry", "figure", name, "--out", str(out)], env=env)
        assert result.exit_code == 0, result.stderr
        assert "Source: coordina registry" in result.stdout

    assert _png_size(png) == (1000, 600)
    root = ElementTree.parse(svg).getroot()
    assert root.tag.endswith("svg") and root.get("width") == "720pt" and root.get("height") == "432pt"


def test_stats_state_completeness(env: dict[str, str]) -> None:
    stats = json.loads(runner.invoke(app, ["registry", "stats", "--json"], env=env).stdout)
    assert 0 < stats["complete_share"] < 1 and stats["rows"] == 217
    text = runner.invoke(app, ["registry", "stats"], env=env).stdout
    assert "complete rows" in text and "by region" in text


def test_the_registry_over_the_api(tmp_path: Path) -> None:
    with api_client(create_app(f"sqlite:///{tmp_path / 'api.db'}")) as client:
        found = client.get("/registry/agreements", params={"party": "Chile", "branch": "old_age"}).json()
        pair = client.get("/registry/agreements", params=[("between", "KR"), ("between", "AU")]).json()
        stats = client.get("/registry/stats").json()
        figure = client.get("/registry/figures/2", params={"format": "png"})
        bad = client.get("/registry/agreements", params={"party": "Atlantis"})

    assert "ar-cl" in {e["id"] for e in found} and [e["id"] for e in pair] == ["au-kr"]
    assert stats["encoded"] == sorted(["ar-cl", "au-kr", "ca-nl", "de-in", "fr-tn", "multi-mercosur"])
    assert figure.status_code == 200 and figure.headers["content-type"] == "image/png"
    assert figure.content[:4] == b"\x89PNG" and "Source" in figure.headers["x-caption"]
    assert bad.status_code == 422 and bad.json()["rule"] == "registry_filter"
