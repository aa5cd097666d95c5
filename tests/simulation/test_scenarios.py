"""Two drafts side by side (issue 13 item 3): the same posted worker under a 24- and a 60-month
posting limit (examples/drafts, the bundled au-kr text with Art. 10's limit changed): beyond 24
months Korean law applies and its contributions are paid again."""

from pathlib import Path

import polars as pl
import pytest

from coordina.domain.simulation import SimulationRequest
from coordina.errors import CoordinaError
from coordina.services import simulation
from tests.simulation import cases

DRAFTS = Path(__file__).parents[2] / "examples" / "drafts"


@pytest.fixture(scope="module")
def comparison(tmp_path_factory: pytest.TempPathFactory) -> simulation.Comparison:
    folder = tmp_path_factory.mktemp("scenarios")
    population = cases.write(folder, cases.posted_to_korea(0, months=36, earnings=180_000))
    reports = [
        simulation.simulate(
            SimulationRequest(agreement=str(DRAFTS / f"au-kr-posting-{months}.yaml"), population=population)
        )
        for months in (24, 60)
    ]
    return simulation.compare(*reports)


def test_drafts_not_in_the_library_are_simulated_from_their_files(comparison: simulation.Comparison) -> None:
    assert comparison.a.agreement["id"] == "au-kr-posting-24"
    assert comparison.b.agreement["id"] == "au-kr-posting-60"
    assert comparison.a.key != comparison.b.key


def test_a_longer_posting_limit_saves_the_third_years_contributions(comparison: simulation.Comparison) -> None:
    yearly = comparison.tables["by_party_year"].filter(pl.col("party") == "KR")
    by_year = {r["year"]: r for r in yearly.to_dicts()}
    for year in (2027, 2028):  # within 24 months: saved in both
        assert by_year[year]["contributions_saved_eur_a"] == by_year[year]["contributions_saved_eur_b"] > 0
    assert by_year[2029]["contributions_saved_eur_a"] == 0  # the 25th month on: Korean law, contributions paid
    # the posting's earnings shared by days: 365 of 1,096 in 2029 against 366 in 2028
    assert by_year[2029]["contributions_saved_eur_b"] == pytest.approx(
        by_year[2028]["contributions_saved_eur_b"] * 365 / 366, abs=0.05
    )
    total = comparison.tables["totals"].filter(
        (pl.col("party") == "KR") & (pl.col("metric") == "contributions_saved_eur")
    )
    row = total.row(0, named=True)
    assert row["difference"] == pytest.approx(row["b"] - row["a"]) and row["difference"] > 0
    assert row["difference"] == pytest.approx(by_year[2029]["contributions_saved_eur_b"], abs=0.02)


def test_the_comparison_is_written_with_its_time_frame(comparison: simulation.Comparison, tmp_path: Path) -> None:
    written = simulation.write_comparison(comparison, tmp_path)
    assert {p.name for p in written} >= {"comparison.json", "comparison_totals.parquet", "comparison_net_cost.svg"}
    assert "2026-2050" in (tmp_path / "comparison_net_cost.svg").read_text()
    assert comparison.to_json()["tables"]["totals"]["title"].endswith("2026-2050")


def test_scenarios_over_different_years_are_not_compared(comparison: simulation.Comparison) -> None:
    other = simulation.Report(**{**comparison.b.__dict__, "years": (2026, 2030)})
    with pytest.raises(CoordinaError, match="different years"):
        simulation.compare(comparison.a, other)
