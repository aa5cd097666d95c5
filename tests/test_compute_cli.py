"""``coordina compute``: the JSON contract, the readable trace, and refused cases."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coordina.cli import app

EXAMPLE = Path(__file__).parents[1] / "examples" / "au-kr-old-age.yaml"
runner = CliRunner()
TOP_KEYS = {"agreement", "covered", "reasons", "applicable_legislation", "decisions"}
LEGISLATION_KEYS = {"start", "end", "country", "rule", "article"}
DECISION_KEYS = {
    "country", "scheme", "own_months", "foreign_months", "totalized_months", "eligible_national",
    "eligible_totalized", "pro_rata_fraction", "independent_amount", "theoretical_amount", "pro_rata_amount",
    "payable_amount", "currency", "payable_abroad", "trace",
}  # fmt: skip
STEP_KEYS = {"rule", "article", "inputs", "outcome"}


def test_json_output_keeps_the_documented_contract() -> None:
    result = runner.invoke(app, ["compute", str(EXAMPLE), "--json"])

    decision = json.loads(result.stdout)
    assert result.exit_code == 0, result.stderr
    assert set(decision) >= TOP_KEYS
    assert all(set(e) >= LEGISLATION_KEYS for e in decision["applicable_legislation"])
    assert decision["decisions"] and all(set(d) >= DECISION_KEYS for d in decision["decisions"])
    assert all(set(s) >= STEP_KEYS for d in decision["decisions"] for s in d["trace"])


def test_explain_prints_every_step_with_its_article() -> None:
    result = runner.invoke(app, ["compute", str(EXAMPLE), "--explain"])

    assert result.exit_code == 0, result.stderr
    assert "[Art. 13]" in result.stdout and "[Art. 16]" in result.stdout
    assert "why:" in result.stdout


def test_agreement_option_overrides_the_case(tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    text = EXAMPLE.read_text(encoding="utf-8").replace("agreement: au-kr\n", "")
    case.write_text(text, encoding="utf-8")

    without = runner.invoke(app, ["compute", str(case)])
    with_option = runner.invoke(app, ["compute", str(case), "--agreement", "au-kr", "--json"])

    assert without.exit_code == 1 and "agreement" in without.stderr
    assert json.loads(with_option.stdout)["agreement"] == "au-kr"


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("end: 1991-12-31", "end: 1980-12-31"), 5, "periods[0].end: end 1980-12-31 is before start"),
        (("country: DE", "country: XX"), 8, "periods[3].country: unknown country 'XX'"),
        (("start: 1985-01-01", "start: 1950-01-01"), 5, "before the birth date"),
        (("branch: old_age", "branch: pensions"), 3, "claim.branch"),
    ],
)
def test_bad_input_names_field_and_line_and_exits_1(
    tmp_path: Path, change: tuple[str, str], line: int, message: str
) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(EXAMPLE.read_text(encoding="utf-8").replace(*change), encoding="utf-8")

    result = runner.invoke(app, ["compute", str(case)])

    assert result.exit_code == 1
    assert f"{case}:{line + 1}: " in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_contradictory_periods_are_refused_at_their_line(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    text += "  - {country: KR, kind: insurance, activity: self_employed, start: 1990-01-01, end: 1990-12-31}\n"
    case.write_text(text, encoding="utf-8")

    result = runner.invoke(app, ["compute", str(case)])

    assert result.exit_code == 1
    assert f"{case}:11: periods[4]: overlaps periods[0]" in result.stderr


def test_a_claim_outside_the_material_scope_is_not_covered(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(EXAMPLE.read_text(encoding="utf-8").replace("old_age", "unemployment"), encoding="utf-8")

    result = runner.invoke(app, ["compute", str(case), "--json"])

    decision = json.loads(result.stdout)
    assert result.exit_code == 0
    assert decision["covered"] is False and "material scope" in decision["reasons"][0]
