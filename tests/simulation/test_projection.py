"""Expected payments by year (batch.projection.yearly_flows): the life table counts mortality from
the claim, or, for a population whose deaths are already drawn up to a day (``coordina
population --until``), only after that day, so that no death is counted twice."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import polars as pl

from coordina.batch.projection import yearly_flows
from coordina.domain.simulation_assumptions import LifeTable

# q = 0.1 at every age from 60: l(x + 1) / l(x) = 0.9
TABLE = LifeTable(from_age=60, men=[Decimal("0.1")] * 60, women=[Decimal("0.1")] * 60, source="a test table")


def _claimant(death: date | None = None) -> pl.DataFrame:
    return pl.DataFrame(
        {"party": ["DE"], "scheme": ["de-grv"], "currency": ["EUR"], "claim_date": [date(2026, 1, 1)],
         "birth_date": [date(1960, 1, 1)], "sex": ["women"], "death_date": [death], "abroad": [False],
         "with_yearly": [1200.0], "without_yearly": [0.0], "newly_eligible": [True]},
        schema_overrides={"death_date": pl.Date},
    )  # fmt: skip


def _with_by_year(outcome: pl.DataFrame, deaths_drawn_until: date | None) -> dict[int, Decimal]:
    flows = yearly_flows(outcome, (2026, 2032), TABLE, {}, Decimal(0), Decimal(1), deaths_drawn_until)
    return {year: value.quantize(Decimal("0.01")) for year, value in flows.select("year", "with").iter_rows()}


def test_the_life_table_counts_from_the_claim() -> None:
    found = _with_by_year(_claimant(), None)
    assert found[2026] == Decimal("1200.00")
    assert found[2027] == Decimal("1080.00")  # 1,200 x 0.9
    assert found[2028] == Decimal("972.00")  # 1,200 x 0.9^2


def test_deaths_drawn_until_a_day_are_not_counted_again() -> None:
    # the population drew deaths to 31 December 2029 and left this person alive: alive in 2030,
    # so 2027-2030 are paid whole and the table counts from 2030 on
    found = _with_by_year(_claimant(), date(2029, 12, 31))
    assert [found[y] for y in (2026, 2027, 2028, 2029, 2030)] == [Decimal("1200.00")] * 5
    assert found[2031] == Decimal("1080.00")
    assert found[2032] == Decimal("972.00")


def test_a_drawn_death_stops_the_payments_and_the_table_is_not_applied() -> None:
    found = _with_by_year(_claimant(death=date(2028, 6, 15)), date(2029, 12, 31))
    assert found[2027] == Decimal("1200.00")
    assert found[2028] == Decimal("600.00")  # January to June
    assert found.get(2029, Decimal(0)) == Decimal("0.00")


def test_a_drawn_population_file_says_until_when_its_deaths_are_drawn(tmp_path: Path) -> None:
    from coordina.services import populations
    from coordina.services.simulation_inputs import checked_population

    table = populations.population("in-de", 3, 1, until=date(2040, 12, 31))
    drawn, plain = tmp_path / "drawn.parquet", tmp_path / "plain.parquet"
    populations.write_population(table, drawn, deaths_drawn_until=date(2040, 12, 31))
    populations.write_population(table, plain)
    assert checked_population(drawn).deaths_drawn_until == date(2040, 12, 31)
    assert checked_population(plain).deaths_drawn_until is None
