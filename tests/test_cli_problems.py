"""The command line prints the API's problems: as text, or with ``--json`` as one RFC 9457
problem document on stdout (``errors`` with file and line for invalid data), and never a
traceback; the exit status is the same either way."""

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coordina.cli import app
from coordina.services.problems import TYPE_BASE

runner = CliRunner()
PASSWORD = "correct horse battery staple"


def problem_of(args: list[str], env: dict[str, str] | None = None, status: int = 1) -> dict[str, Any]:
    """Run the command with ``--json``: it fails with ``status`` and prints one problem document."""
    result = runner.invoke(app, [*args, "--json"], env=env)
    assert result.exit_code == status, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    problem: dict[str, Any] = json.loads(result.stdout)
    assert {"type", "title", "status", "detail", "rule"} <= set(problem), problem
    assert problem["type"].startswith(TYPE_BASE)
    return problem


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, Path]:
    files = {
        "bad_date.yaml": "id: xx-yy\nparties: [AU, KR]\nsigned: 2024-02-30\n",
        "deep.yaml": "a: " + "[" * 5000 + "]" * 5000 + "\n",
        "nul.yaml": "id: x\x00y\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return {name.removesuffix(".yaml"): tmp_path / name for name in files}


def test_an_invalid_agreement_file_is_a_problem_with_each_file_and_line(hostile: dict[str, Path]) -> None:
    problem = problem_of(["agreements", "validate", str(hostile["bad_date"])])

    assert problem["type"] == TYPE_BASE + "invalid-data" and problem["status"] == 422
    assert problem["rule"] == "valid_data"
    dates = [e for e in problem["errors"] if e["message"].startswith("signed:")]
    assert dates == [{"file": str(hostile["bad_date"]), "line": 3, "message": dates[0]["message"]}]
    assert "2024-02-30" in dates[0]["message"]


@pytest.mark.parametrize("name", ["bad_date", "deep", "nul"])
def test_hostile_files_are_problems_as_json_and_as_text(hostile: dict[str, Path], name: str) -> None:
    problem = problem_of(["agreements", "validate", str(hostile[name])])
    as_text = runner.invoke(app, ["agreements", "validate", str(hostile[name])])

    assert problem["errors"] and all(e["file"] == str(hostile[name]) for e in problem["errors"])
    assert as_text.exit_code == 1 and "Traceback" not in as_text.output
    assert as_text.stdout == "" and f"{hostile[name]}:" in as_text.stderr  # file:line: message


def test_valid_files_say_so_as_json() -> None:
    result = runner.invoke(app, ["agreements", "validate", "src/coordina/data/agreements", "--json"])

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"valid": True, "problems": []}


def test_an_unknown_agreement_is_a_not_found_problem() -> None:
    problem = problem_of(["agreements", "show", "xx-yy"])
    as_text = runner.invoke(app, ["agreements", "show", "xx-yy"])

    assert problem["status"] == 404 and problem["rule"] == "agreement" and "xx-yy" in problem["detail"]
    assert as_text.exit_code == 1 and as_text.stdout == "" and "xx-yy" in as_text.stderr


def test_a_refusal_in_the_workspace_names_its_rule(tmp_path: Path) -> None:
    env = {"COORDINA_DATABASE_URL": f"sqlite:///{tmp_path / 'coordina.db'}", "COORDINA_PASSWORD": PASSWORD}
    for name in ("alice", "bob"):
        assert runner.invoke(app, ["users", "add", name], env=env).exit_code == 0
    opening = ["--title", "KR-PH", "--parties", "KR,PH", "--branches", "old_age", "--drafting-party", "KR"]
    opened = runner.invoke(app, ["negotiation", "open", "--as", "alice", *opening, "--own-party", "KR"], env=env)
    assert opened.exit_code == 0, opened.output

    refused = problem_of(["negotiation", "show", "1", "--as", "bob"], env)
    unknown = problem_of(["negotiation", "show", "1", "--as", "nobody"], env)
    as_text = runner.invoke(app, ["negotiation", "show", "1", "--as", "bob"], env=env)

    assert refused["type"] == TYPE_BASE + "forbidden" and refused["rule"] == "participant"
    assert refused["status"] == 403 and refused["detail"] == "you take no part in this negotiation"
    assert unknown["status"] == 401 and "nobody" in unknown["detail"]
    assert as_text.exit_code == 1 and "refused by rule 'participant'" in as_text.stderr
