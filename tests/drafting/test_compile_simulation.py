"""The impact simulation accepts a compiled draft (issue 15 item 3: negotiators see what an option
costs): two people written out period by period (tests/simulation/cases.py), a posting limit of 6
or 24 months for a 12-month posting from Australia to Korea in 2027."""

from datetime import date

import polars as pl
import pytest

from coordina.domain.simulation import SimulationRequest
from coordina.services import simulation
from coordina.services.drafting.compile import compile_to_file
from tests.drafting.drafting_cases import draft
from tests.simulation import cases


def _korea(report: simulation.Report, year: int) -> dict[str, object]:
    [row] = report.tables["by_party_year"].filter(pl.col("party") == "KR", pl.col("year") == year).to_dicts()
    return row


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str | int, simulation.Report]:
    folder = tmp_path_factory.mktemp("drafted")
    population = cases.write(folder, cases.newly_eligible_in_korea(0) + cases.posted_to_korea(1))
    found: dict[str | int, simulation.Report] = {}
    for name in (6, 24, "au-kr"):
        agreement = name
        if isinstance(name, int):
            path = folder / f"posting-{name}.yaml"
            compile_to_file(draft(posting={"max_months": name}), path, in_force=date(2026, 1, 1))
            agreement = str(path)
        request = SimulationRequest(
            agreement=str(agreement), population=population, assumptions=cases.assumptions(folder)
        )
        prepared = simulation.prepare(request)
        found[name] = simulation.combine(prepared, [simulation.run_partition(prepared, p) for p in prepared.partitions])
    return found


def test_the_simulation_runs_on_a_compiled_draft(reports: dict[str | int, simulation.Report]) -> None:
    # Five Korean years and twenty Australian: the draft's totalization makes her eligible in Korea in 2028.
    assert _korea(reports[24], 2028)["newly_eligible"] == 1


def test_a_shorter_posting_limit_saves_fewer_contributions(reports: dict[str | int, simulation.Report]) -> None:
    six, twenty_four = (float(str(_korea(reports[m], 2027)["contributions_saved"])) for m in (6, 24))
    assert 0 < six < twenty_four
    # A 12-month posting is inside both 24 months and au-kr's 60: the same contributions are saved.
    assert twenty_four == _korea(reports["au-kr"], 2027)["contributions_saved"]
