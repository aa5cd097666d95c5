"""The command line: stable JSON records, readable text, errors without tracebacks."""

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

import coordina
from coordina.cli import app
from coordina.domain import Agreement, Scheme

runner = CliRunner()
AGREEMENT_KEYS = [
    "id",
    "title",
    "short_title",
    "kind",
    "parties",
    "signed",
    "in_force",
    "branches",
    "principles",
    "registry_id",
    "version",
    "version_of",
]
SCHEME_KEYS = ["id", "country", "name", "institution", "kind", "branches", "contributory"]


def test_agreements_list_json_records() -> None:
    result = runner.invoke(app, ["agreements", "list", "--json"])

    records = json.loads(result.stdout)
    assert result.exit_code == 0
    assert [r["id"] for r in records] == sorted(coordina.library().agreements)
    assert all(list(r) == AGREEMENT_KEYS for r in records)
    au_kr = next(r for r in records if r["id"] == "au-kr")
    assert (au_kr["parties"], au_kr["signed"], au_kr["in_force"]) == (
        ["AU", "KR"],
        "2006-12-06",
        "2008-10-01",
    )


def test_agreements_list_text_names_every_agreement() -> None:
    result = runner.invoke(app, ["agreements", "list"], env={"COLUMNS": "200"})

    assert result.exit_code == 0
    for agreement_id in coordina.library().agreements:
        assert agreement_id in result.stdout


def test_agreements_show_json_is_the_agreement() -> None:
    result = runner.invoke(app, ["agreements", "show", "mercosur", "--json"])

    assert result.exit_code == 0
    assert Agreement.model_validate(json.loads(result.stdout)) == coordina.load_agreement("mercosur")


def test_agreements_show_text_cites_articles() -> None:
    result = runner.invoke(app, ["agreements", "show", "in-de"], env={"COLUMNS": "200"})

    assert result.exit_code == 0
    assert "Art. " in result.stdout and "Personal scope" in result.stdout


def test_unknown_agreement_is_an_error_not_a_traceback() -> None:
    result = runner.invoke(app, ["agreements", "show", "xx-yy"])

    assert result.exit_code == 1
    assert "no agreement 'xx-yy'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_schemes_list_by_country() -> None:
    result = runner.invoke(app, ["schemes", "list", "--country", "de", "--json"])

    records = json.loads(result.stdout)
    assert records and {r["country"] for r in records} == {"DE"}
    assert all(list(r) == SCHEME_KEYS for r in records)


def test_schemes_show_json_and_text() -> None:
    as_json = runner.invoke(app, ["schemes", "show", "kr-nps", "--json"])
    as_text = runner.invoke(app, ["schemes", "show", "kr-nps"], env={"COLUMNS": "200"})

    assert Scheme.model_validate(json.loads(as_json.stdout)) == coordina.load_scheme("kr-nps")
    assert "qualifying_period" in as_text.stdout


def test_the_console_script_runs(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "coordina"
    result = subprocess.run(
        [str(script), "agreements", "validate", str(tmp_path / "missing.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert f"{tmp_path / 'missing.yaml'}:1: no such file or folder" in result.stderr
