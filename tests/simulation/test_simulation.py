"""The simulation's figures checked by hand on people written out period by period (issue 13
item 3): a person made newly eligible by totalization, and her expected benefits year by year; a
posted worker's contributions no longer paid, from the host scheme's rates and ceiling; present
values; partitions that add up to the same report in any order and size."""

import json
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import polars as pl
import pytest

from coordina.batch.kernel import decide
from coordina.domain.simulation import SimulationRequest
from coordina.services import catalog, simulation
from tests.simulation import cases

Q_MEN_67 = Decimal("0.016695")  # data/simulation/assumptions.yaml, life_table.men at age 67 (SSA TR2020, 2027)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("simulation")


@pytest.fixture(scope="module")
def newly(folder: Path) -> tuple[simulation.Prepared, simulation.Report]:
    population = cases.write(folder, cases.newly_eligible_in_korea(0) + cases.posted_to_korea(1), "newly.parquet")
    request = SimulationRequest(agreement="au-kr", population=population, assumptions=cases.assumptions(folder))
    prepared = simulation.prepare(request)
    results = [simulation.run_partition(prepared, p) for p in prepared.partitions]
    return prepared, simulation.combine(prepared, results)


def _row(table: pl.DataFrame, **where: object) -> dict[str, object]:
    found = table.filter(*(pl.col(k) == v for k, v in where.items())).to_dicts()
    assert len(found) == 1, found
    return found[0]


def test_a_person_made_eligible_by_totalization_is_counted_in_her_claim_year(newly: tuple) -> None:
    _, report = newly
    korea = _row(report.tables["by_party_year"], party="KR", year=2028)
    assert (korea["claimants"], korea["newly_eligible"], korea["eligible_with"], korea["eligible_without"]) == (
        1,
        1,
        1,
        0,
    )
    assert _row(report.tables["totals"], party="KR")["newly_eligible"] == 1
    assert _row(report.tables["totals"], party="AU")["newly_eligible"] == 0  # 25 years: eligible in Australia alone
    assert report.counts["claim_outcomes"] == {"claims": 1, "pension age after the horizon": 1}


def test_her_korean_pension_year_by_year_by_hand(newly: tuple) -> None:
    prepared, report = newly
    cut = pl.read_parquet(prepared.population.path).filter(pl.col("person") == 0)
    claims = pl.DataFrame({"person": [0], "branch": ["old_age"], "claim_date": [date(2028, 4, 1)]})
    decided = decide(cut, claims, prepared.agreement, prepared.schemes)
    monthly = Decimal(str(_row(decided.decisions, scheme="kr-nps")["payable_amount"]))
    assert monthly > 0
    rows = report.tables["by_scheme_year"]
    # 2028: April to December, alive at the claim; 2029: twelve months, alive on 1 January at 68.
    assert _row(rows, scheme="kr-nps", year=2028)["with"] == pytest.approx(float(monthly * 9), abs=0.01)
    assert _row(rows, scheme="kr-nps", year=2029)["with"] == pytest.approx(
        float(monthly * 12 * (1 - Q_MEN_67)), abs=0.01
    )
    assert _row(rows, scheme="kr-nps", year=2029)["without"] == 0  # 60 months: no Korean pension alone
    added = _row(report.tables["by_party_year"], party="KR", year=2029)
    assert added["benefits_added"] == pytest.approx(float(monthly * 12 * (1 - Q_MEN_67)), abs=0.01)
    # Paid in Australia, where she lives, under the agreement's export article: all of it abroad.
    assert added["abroad_with"] == added["benefits_with"] and added["abroad_without"] == 0
    assert added["benefits_added_eur"] == pytest.approx(added["benefits_added"] / 1519.92, abs=0.01)


def _contributions(earnings_aud: int, year: int) -> Decimal:
    """The National Pension's contributions on a year's earnings converted to won at the assumed rates
    (KRW 1519.92 and AUD 1.6741 to the euro), under its latest rates and monthly ceiling."""
    kr = catalog.library().schemes["kr-nps"].parameters.contributions
    assert kr is not None
    rates = kr.latest().value
    assert rates.ceiling is not None and rates.period == "monthly"
    won = Decimal(earnings_aud) / Decimal("1.6741") * Decimal("1519.92")
    assessed = min(won, rates.ceiling.amount * 12)
    employee = (assessed * rates.employee_rate).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    employer = (assessed * rates.employer_rate).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return employee + employer


def test_a_posted_workers_contributions_no_longer_paid_by_hand(newly: tuple) -> None:
    _, report = newly
    saved = _row(report.tables["by_party_year"], party="KR", year=2027)
    expected = _contributions(60_000, 2027)
    assert saved["contributions_saved"] == pytest.approx(float(expected), abs=0.01)
    assert saved["posted_workers"] == 1
    assert saved["contributions_saved_eur"] == pytest.approx(float(expected) / 1519.92, abs=0.01)
    assert _row(report.tables["by_party_year"], party="KR", year=2028)["contributions_saved"] == 0
    australia = _row(report.tables["totals"], party="AU")
    assert (australia["posted_worker_years"], australia["contributions_saved_eur"]) == (0, 0)  # nobody posted there


def test_present_value_by_hand(newly: tuple) -> None:
    _, report = newly
    yearly = report.tables["by_party_year"].filter(pl.col("party") == "KR")
    by_hand = sum(r["net_cost_eur"] / 1.03 ** (r["year"] - 2026) for r in yearly.to_dicts())
    pv = _row(report.tables["present_value"], party="KR", range="whole horizon 2026-2050")
    assert pv["net_cost_eur"] == pytest.approx(by_hand, abs=0.05)
    short = _row(report.tables["present_value"], party="KR", range="short range 2026-2035")
    assert short["contributions_saved_eur"] == pytest.approx(
        float(_contributions(60_000, 2027)) / 1519.92 / 1.03, abs=0.01
    )


def test_partitions_add_up_to_the_same_report_in_any_order_and_size(folder: Path) -> None:
    rows = cases.newly_eligible_in_korea(0) + cases.posted_to_korea(1) + cases.newly_eligible_in_korea(2)
    rows += cases.posted_to_korea(3, months=30)
    population = cases.write(folder, rows, "four.parquet")
    reports = []
    for size in (1, 3, 50_000):
        prepared = simulation.prepare(SimulationRequest(agreement="au-kr", population=population, partition_size=size))
        results = [simulation.run_partition(prepared, p) for p in prepared.partitions]
        reports.append(json.dumps(simulation.combine(prepared, results[::-1]).to_json()["tables"], sort_keys=True))
        assert len(prepared.partitions) == {1: 4, 3: 2, 50_000: 1}[size]
    assert reports[0] == reports[1] == reports[2]


def test_a_partition_result_survives_its_parquet_files(newly: tuple, folder: Path) -> None:
    prepared, report = newly
    result = simulation.run_partition(prepared, prepared.partitions[0])
    result.write(folder / "part-0")
    result.write(folder / "part-0")  # written again over the first: replaced whole
    again = simulation.PartitionResult.read(folder / "part-0")
    assert again.meta == result.meta and again.index == result.index
    assert simulation.combine(prepared, [again]).to_json() == report.to_json()
    assert not (folder / "part-0.partial").exists()
