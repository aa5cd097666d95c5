"""The interval arithmetic of the batch kernel is the scalar one (``rules.periods.merge``, the
lowest-rank sharing of ``rules.totalization.share_days``, ``rules.formulas.career.months_by_year``)
on random intervals: overlapping, adjacent, one day long, spanning leap years."""

import random
from datetime import date, timedelta
from fractions import Fraction

import polars as pl
import pytest

from coordina.batch.vectorised import careers, intervals
from coordina.rules import periods
from coordina.rules.formulas.career import months_by_year
from coordina.rules.periods import UNITS_PER_MONTH


def _intervals(seed: int, people: int = 60) -> pl.DataFrame:
    rng = random.Random(seed)
    rows = []
    for person in range(people):
        for _ in range(rng.randint(0, 6)):
            start = date(rng.randint(1960, 2024), 1, 1) + timedelta(days=rng.randint(0, 365))
            length = rng.choice([0, 1, 27, 28, 365, 366, rng.randint(0, 8000)])
            rows.append((person * 3 - 7, rng.choice([0, 1, 2, 5]), start, start + timedelta(days=length)))
    schema = {"person": pl.Int64, "rank": pl.Int64, "start": pl.Date, "end": pl.Date}
    return pl.DataFrame(rows, schema=schema, orient="row")


def _by_person(table: pl.DataFrame) -> dict[int, list[tuple[date, date]]]:
    out: dict[int, list[tuple[date, date]]] = {}
    for person, start, end in table.select("person", "start", "end").iter_rows():
        out.setdefault(person, []).append((start, end))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_merge_is_the_scalar_union_sorted(seed: int) -> None:
    table = _intervals(seed)
    merged = intervals.merge(table, ["person"])
    assert merged.equals(merged.sort("person", "start"))
    expected = {p: periods.merge(days) for p, days in _by_person(table).items()}
    assert _by_person(merged) == expected


@pytest.mark.parametrize("seed", range(4))
def test_share_gives_each_day_to_the_lowest_rank_covering_it(seed: int) -> None:
    table = _intervals(seed, people=25)
    shared = intervals.share(table, ["person"])
    assert shared.equals(shared.sort("person", "start"))
    given: dict[tuple[int, date], int] = {}
    for person, rank, start, end in shared.select("person", "rank", "start", "end").iter_rows():
        for offset in range((end - start).days + 1):
            day = (person, start + timedelta(days=offset))
            assert day not in given, "pieces overlap"
            given[day] = rank
    wanted: dict[tuple[int, date], int] = {}
    for person, rank, start, end in table.select("person", "rank", "start", "end").iter_rows():
        for offset in range((end - start).days + 1):
            day = (person, start + timedelta(days=offset))
            wanted[day] = min(rank, wanted.get(day, rank))
    assert given == wanted


@pytest.mark.parametrize("seed", range(4))
def test_months_by_year_are_the_scalar_ones(seed: int) -> None:
    table = _intervals(seed)
    found = careers.months_by_year(table.select("person", "start", "end"))
    assert found.equals(found.sort("person", "year"))
    mine: dict[int, dict[int, Fraction]] = {}
    for person, year, units in found.iter_rows():
        mine.setdefault(person, {})[year] = Fraction(units, UNITS_PER_MONTH)
    expected = {p: {y: m for y, m in months_by_year(days).items() if m} for p, days in _by_person(table).items()}
    assert mine == {p: years for p, years in expected.items() if years}
