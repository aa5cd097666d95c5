"""Synthetic populations (issue 13 item 2): reproducible, in the documented columns, under the
documented and overridable assumptions, and every person a case the engine decides."""

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

import coordina
from coordina.batch.population import COLUMNS
from coordina.cli import app
from coordina.errors import DataError
from coordina.services import populations

AGREEMENTS = ["ar-cl", "au-kr", "ca-nl-1987", "ca-nl", "fr-tn", "in-de", "mercosur"]


def test_the_same_seed_gives_the_same_population_and_another_seed_another() -> None:
    first = populations.population("mercosur", 50, 7)
    assert first.equals(populations.population("mercosur", 50, 7))
    assert not first.equals(populations.population("mercosur", 50, 8))
    assert tuple(first.columns) == COLUMNS
    assert first["person"].n_unique() == 50
    assert set(first["country"]) <= {"AR", "BR", "PY", "UY"}


def test_postings_keep_the_sending_country_and_pay_there() -> None:
    table = populations.population("in-de", 400, 3)
    posted = table.filter(pl.col("activity") == "posted")
    assert posted.height > 0
    assert (posted["employer_country"] != posted["country"]).all()
    assert set(posted["currency"].drop_nulls()) <= {"EUR", "INR"}
    assert (table["end"] >= table["start"]).all() and (table["start"] >= table["birth_date"]).all()


@pytest.mark.parametrize("agreement_id", AGREEMENTS)
def test_every_person_is_a_case_the_engine_decides(agreement_id: str) -> None:
    table = populations.population(agreement_id, 15, 11)
    decided = 0
    for _, case in populations.cases(table, agreement_id, {"branch": "old_age", "date": date(2025, 6, 1)}):
        decision = coordina.compute(case, agreement_id)
        decided += 1
        assert decision.agreement in (agreement_id, "ca-nl")  # ca-nl-1987 is the earlier text of ca-nl
    assert decided == 15


def test_a_file_of_ones_own_replaces_some_assumptions(tmp_path: Path) -> None:
    own = tmp_path / "mine.yaml"
    own.write_text(
        "born_from: 1980\nborn_until: 1981\nwages:\n  KR: {year: 2024, amount: 1000, currency: KRW, source: mine}\n"
    )
    found = populations.assumptions(own)
    assert (found.born_from, found.born_until) == (1980, 1981)
    assert found.wages["KR"].amount == 1000 and found.wages["AU"].currency == "AUD"  # the others kept
    table = populations.population("au-kr", 20, 1, own)
    assert set(table["birth_date"].dt.year()) <= {1980, 1981}


def test_a_bad_assumption_is_reported_with_its_file_and_line(tmp_path: Path) -> None:
    own = tmp_path / "bad.yaml"
    own.write_text("born_from: 1980\nshare_women: {value: lots, source: mine}\n")
    with pytest.raises(DataError) as raised:
        populations.assumptions(own)
    assert "bad.yaml:2: share_women.value" in str(raised.value)


def test_the_command_writes_the_parquet_file(tmp_path: Path) -> None:
    out = tmp_path / "people.parquet"
    result = CliRunner().invoke(app, ["population", "--agreement", "fr-tn", "--size", "30", "--seed", "5",
                                      "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "30 people" in result.output
    assert pl.read_parquet(out).equals(populations.population("fr-tn", 30, 5))
    assert not list(tmp_path.glob("*.partial"))


def test_a_register_reads_back_and_every_bad_row_is_reported_by_number_and_field(tmp_path: Path) -> None:
    table = populations.population("au-kr", 10, 2)
    good = tmp_path / "register.csv"
    table.write_csv(good)
    register = populations.read_register(good)
    assert not register.problems and register.rows_read == table.height
    assert register.table.equals(table)
    parquet = tmp_path / "register.parquet"
    populations.write_population(table, parquet)
    assert populations.read_register(parquet).table.equals(table)
    lines = good.read_text().splitlines()
    header = lines[0].split(",")
    first = lines[1].split(",")
    first[header.index("end")] = "1900-01-01"  # ends before it starts
    second = lines[2].split(",")
    second[header.index("kind")] = "holiday"  # not a kind of period
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([lines[0], ",".join(first), ",".join(second), *lines[3:]]) + "\n")
    register = populations.read_register(bad)
    assert [(p.row, p.field) for p in register.problems] == [(1, "end"), (2, "kind")]
    assert register.table.height == table.height - 2 and register.rows_read == table.height
    out = tmp_path / "invalid.csv"
    populations.write_invalid(bad, register, out)
    assert out.read_text().splitlines()[0] == "row,field,message" and len(out.read_text().splitlines()) == 3


def test_a_register_without_the_columns_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("person,start\n1,2020-01-01\n")
    with pytest.raises(DataError) as raised:
        populations.read_register(bad)
    assert "missing columns: birth_date" in str(raised.value)


def test_the_register_command_reports_bad_rows_and_writes_them_out(tmp_path: Path) -> None:
    good = tmp_path / "register.csv"
    populations.population("mercosur", 5, 4).write_csv(good)
    lines = good.read_text().splitlines()
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([lines[0], lines[1].replace(",employment,", ",holiday,"), *lines[2:]]) + "\n")
    runner = CliRunner()
    result = runner.invoke(app, ["register", str(bad)])
    assert result.exit_code == 1 and "row 1: kind:" in result.output and "1 invalid" in result.output
    out = tmp_path / "invalid.csv"
    result = runner.invoke(app, ["register", str(bad), "--skip-invalid", str(out)])
    assert result.exit_code == 0 and out.read_text().startswith("row,field,message\n1,kind,")
    assert runner.invoke(app, ["register", str(good)]).exit_code == 0
