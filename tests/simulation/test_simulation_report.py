"""What a simulation report holds and writes (issue 13 item 3): the request, key, assumptions and the
kernel's fallback count echoed; the time frame in every table's and chart's title; the tables as
Parquet with their titles; the charts as PNG and SVG."""

import json
from pathlib import Path

import polars as pl
import pytest

from coordina.domain.simulation import SimulationRequest
from coordina.services import simulation
from tests.simulation import cases


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[simulation.Report, Path]:
    folder = tmp_path_factory.mktemp("report")
    population = cases.write(folder, cases.newly_eligible_in_korea(0) + cases.posted_to_korea(1))
    report = simulation.simulate(SimulationRequest(agreement="au-kr", population=population, years=(2027, 2045)))
    simulation.write_report(report, folder / "out")
    return report, folder / "out"


def test_the_report_echoes_its_inputs(written: tuple[simulation.Report, Path]) -> None:
    report, out = written
    document = json.loads((out / "report.json").read_text())
    assert document["key"] == report.key and len(report.key) == 64
    assert document["request"]["agreement"] == "au-kr" and document["request"]["years"] == "2027-2045"
    assert document["assumptions"]["life_table"]["source"].startswith("US Social Security Administration")
    assert document["assumptions"]["take_up"]["value"] == "0.9"
    assert document["fallback"] == document["counts"]["fallback"] >= 0
    assert document["agreement"]["parties"] == ["AU", "KR"]
    assert any(note.startswith("Claims:") for note in document["notes"])
    rates = {(r["currency"], r["year"]): r for r in document["tables"]["rates"]["rows"]}
    assert rates[("KRW", 2030)]["carried_forward"] is True and rates[("KRW", 2030)]["rate_date"] == "2025-02-28"


def test_the_time_frame_is_in_every_title(written: tuple[simulation.Report, Path]) -> None:
    report, out = written
    document = json.loads((out / "report.json").read_text())
    assert all(table["title"].endswith("2027-2045") for table in document["tables"].values())
    for name in report.tables:
        metadata = pl.read_parquet_metadata(out / f"{name}.parquet")
        assert metadata["title"] == report.title(name) and "2027-2045" in metadata["title"]
        assert pl.read_parquet(out / f"{name}.parquet").equals(report.tables[name])
    assert "2027-2045" in (out / "summary.txt").read_text()
    years = report.tables["by_party_year"].get_column("year")
    assert (years.min(), years.max()) == (2027, 2045)


def test_the_charts_are_png_and_svg_with_the_time_frame(written: tuple[simulation.Report, Path]) -> None:
    _, out = written
    for name in ("benefits_added", "contributions_saved", "fractions", "gains"):
        assert (out / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        svg = (out / f"{name}.svg").read_text()
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "2027-2045" in svg


def test_the_tables_an_actuary_reads(written: tuple[simulation.Report, Path]) -> None:
    report, _ = written
    by_party = report.tables["by_party_year"]
    for column in (
        "newly_eligible",
        "benefits_added",
        "benefits_added_eur",
        "abroad_with",
        "abroad_without",
        "contributions_saved",
        "contributions_saved_eur",
        "net_cost_eur",
        "posted_workers",
    ):
        assert column in by_party.columns
    assert set(report.tables["fractions"].get_column("band")) == {f"{10 * i}-{10 * (i + 1)} %" for i in range(10)}
    assert set(report.tables["gains"].get_column("band")) <= {
        "new entitlement",
        "more",
        "same",
        "less",
        "none",
        "unknown",
    }
    assert report.tables["gains"].get_column("cohort").to_list() != []
    assert set(report.tables["present_value"].get_column("range")) == {
        "short range 2027-2036",
        "whole horizon 2027-2045",
    }
    shares = report.tables["cost_shift"].get_column("share_of_net_cost").drop_nulls().sum()
    assert shares == pytest.approx(1, abs=0.001)
