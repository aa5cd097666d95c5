"""``coordina simulate`` at the command line (computed in the process, --in-process): the summary,
the files written, and bad input — an unknown agreement, an unreadable or invalid population, bad
years, a bad assumption file — each a message and exit status 1 (or with --json a problem
document), never a traceback."""

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from coordina.cli.simulate import compare, simulate
from tests.simulation import cases

runner = CliRunner()
app = typer.Typer()
app.command("simulate")(simulate)
app.command("compare")(compare)


@pytest.fixture(scope="module")
def population(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return cases.write(tmp_path_factory.mktemp("cli"), cases.newly_eligible_in_korea(0) + cases.posted_to_korea(1))


def _run(*args: str) -> Any:
    result = runner.invoke(app, ["simulate", *args, "--in-process", "--no-charts"])  # charts: test_simulation_report
    assert "Traceback" not in result.output
    return result


def test_the_summary_and_the_report_files(population: Path, tmp_path: Path) -> None:
    result = _run(
        "--agreement",
        "au-kr",
        "--population",
        str(population),
        "--out",
        str(tmp_path / "summary"),
        "--years",
        "2026-2040",
    )
    assert result.exit_code == 0, result.output
    assert "Totals per party, 2026-2040" in result.output and "KR" in result.output
    names = {p.name for p in (tmp_path / "summary").iterdir()}
    assert {"report.json", "summary.txt", "by_party_year.parquet", "totals.parquet", "gains.parquet"} <= names
    document = json.loads((tmp_path / "summary" / "report.json").read_text())
    assert document["time_frame"] == "2026-2040" and document["request"]["years"] == "2026-2040"


def test_json_prints_the_report(population: Path, tmp_path: Path) -> None:
    result = _run("--agreement", "au-kr", "--population", str(population), "--out", str(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert {"key", "request", "assumptions", "fallback", "tables", "notes"} <= set(document)


def _problem(*args: str) -> dict[str, Any]:
    result = _run(*args, "--json")
    assert result.exit_code == 1, result.output
    problem: dict[str, Any] = json.loads(result.stdout)
    assert {"type", "title", "status", "detail", "rule"} <= set(problem)
    return problem


def test_an_unknown_agreement(population: Path, tmp_path: Path) -> None:
    result = _run("--agreement", "xx-yy", "--population", str(population), "--out", str(tmp_path))
    assert result.exit_code == 1 and "xx-yy" in result.output and "au-kr" in result.output
    assert _problem("--agreement", "xx-yy", "--population", str(population), "--out", str(tmp_path))["status"] == 404


@pytest.mark.parametrize(
    ("years", "words"),
    [("2050-2026", "the first year is after the last"), ("1900-2000", "outside 1950-2150"), ("soon", "FIRST-LAST")],
)
def test_bad_years(population: Path, tmp_path: Path, years: str, words: str) -> None:
    result = _run("--agreement", "au-kr", "--population", str(population), "--years", years, "--out", str(tmp_path))
    assert result.exit_code == 1 and words in result.output, result.output


def test_a_missing_or_unreadable_population(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.parquet"
    garbage.write_bytes(b"not parquet at all")
    for path in (tmp_path / "none.parquet", garbage):
        problem = _problem("--agreement", "au-kr", "--population", str(path), "--out", str(tmp_path))
        assert problem["errors"][0]["file"] == str(path)


def test_an_empty_population(tmp_path: Path) -> None:
    empty = cases.write(tmp_path, [])
    result = _run("--agreement", "au-kr", "--population", str(empty), "--out", str(tmp_path))
    assert result.exit_code == 1 and "the population holds no period" in result.output


def test_an_invalid_register_is_refused_by_row_or_skipped_with_skip_invalid(tmp_path: Path) -> None:
    good = cases.newly_eligible_in_korea(0)
    register = tmp_path / "register.csv"
    lines = ["person,birth_date,sex,residence,country,kind,activity,start,end,earnings,currency"]
    for r in good:
        lines.append(
            f"0,1961-03-15,men,AU,{r['country']},{r['kind']},{r['activity'] or ''},{r['start']},{r['end']},"
            f"{r['earnings'] or ''},{r['currency'] or ''}"
        )
    lines.append("1,1970-01-01,men,AU,KR,employment,employed,2000-01-01,1999-01-01,,")  # ends before it starts
    register.write_text("\n".join(lines) + "\n")
    refused = _run("--agreement", "au-kr", "--population", str(register), "--out", str(tmp_path / "out"))
    assert refused.exit_code == 1 and "row 5: end: the period ends before it starts" in refused.output
    bad_rows = tmp_path / "bad.csv"
    done = _run(
        "--agreement",
        "au-kr",
        "--population",
        str(register),
        "--out",
        str(tmp_path / "out"),
        "--skip-invalid",
        str(bad_rows),
        "--years",
        "2026-2030",
    )
    assert done.exit_code == 0, done.output
    assert "row,field,message" in bad_rows.read_text()
    document = json.loads((tmp_path / "out" / "report.json").read_text())
    assert document["population"]["invalid_rows"] == 1
    assert any("1 invalid rows" in note for note in document["notes"])


def test_a_bad_assumption_file_at_its_line(population: Path, tmp_path: Path) -> None:
    own = cases.assumptions(tmp_path, "take_up: {value: 0.5, source: unverified}\ndiscount: 3\n")
    result = _run(
        "--agreement", "au-kr", "--population", str(population), "--assumptions", str(own), "--out", str(tmp_path)
    )
    assert result.exit_code == 1 and f"{own}:2: discount: Extra inputs are not permitted" in result.output
    problem = _problem(
        "--agreement", "au-kr", "--population", str(population), "--assumptions", str(own), "--out", str(tmp_path)
    )
    assert problem["errors"] == [{"file": str(own), "line": 2, "message": "discount: Extra inputs are not permitted"}]


def test_a_currency_without_a_rate(population: Path, tmp_path: Path) -> None:
    own = cases.assumptions(tmp_path, "exchange_rates: {KRW: []}\n")
    result = _run(
        "--agreement", "au-kr", "--population", str(population), "--assumptions", str(own), "--out", str(tmp_path)
    )
    assert result.exit_code == 1 and "KRW: no rate given" in result.output


def test_compare_needs_two_agreements(population: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", "--agreement", "au-kr", "--population", str(population)])
    assert result.exit_code == 1 and "two scenarios" in result.output
