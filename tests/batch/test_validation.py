"""French quarters validated by earnings in the kernel (``batch.vectorised.validation``) equal
the scalar engine's (``rules.validation.validated_counting``, CSS R351-9): the own months of a
year with earnings are three per quarter its earnings validate (150 hours at the hourly SMIC of
1 January from 2014), at most the room the other parties' months leave in the year."""

from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordina.batch.kernel import BatchDecisions
from tests.batch.conftest import claims_for, population
from tests.batch.test_kernel_differential import assert_same, both

SCHEMA: dict[str, Any] = {
          "person": pl.Int64, "birth_date": pl.Date, "sex": pl.Utf8, "nationality": pl.Utf8, "residence": pl.Utf8,
          "death_date": pl.Date, "country": pl.Utf8, "kind": pl.Utf8, "activity": pl.Utf8,
          "employer_country": pl.Utf8, "start": pl.Date, "end": pl.Date, "earnings": pl.Decimal(20, 0),
          "currency": pl.Utf8}  # fmt: skip
CLAIM = date(2025, 7, 1)


def _period(person: int, country: str, start: date, end: date, earnings: int | None) -> dict[str, object]:
    return {"person": person, "birth_date": date(1960, 1, 15), "sex": "men", "nationality": "FR", "residence": "FR",
            "death_date": None, "country": country, "kind": "employment", "activity": "employed",
            "employer_country": None, "start": start, "end": end,
            "earnings": None if earnings is None else Decimal(earnings),
            "currency": None if earnings is None else ("EUR" if country == "FR" else "TND")}  # fmt: skip


def _decide(rows: list[dict[str, object]]) -> BatchDecisions:
    table = pl.DataFrame(rows, schema=SCHEMA, orient="row")
    people = table.get_column("person").unique().sort()
    claims = pl.DataFrame({"person": people, "branch": "old_age", "claim_date": CLAIM},
                          schema={"person": pl.Int64, "branch": pl.Utf8, "claim_date": pl.Date})  # fmt: skip
    kernel, oracle = both("fr-tn", table, claims)
    assert kernel.fallback == 0, kernel.fallback_reasons
    assert_same(kernel, oracle)
    return kernel


def test_months_credited_by_earnings() -> None:
    rows = [
        # 2015-2016, 2,000 EUR split by days (998.63 and 1,001.37): below 1,441.50 (150 h x 9.61) and
        # 1,450.50 (150 h x 9.67), no quarter: 24 months served, none credited
        _period(0, "FR", date(2015, 1, 1), date(2016, 12, 31), 2_000),
        # 10,000 EUR (4,993.16 and 5,006.84): three quarters each year, 18 months of the 24 served
        _period(1, "FR", date(2015, 1, 1), date(2016, 12, 31), 10_000),
        # no earnings given: the 24 months served
        _period(2, "FR", date(2015, 1, 1), date(2016, 12, 31), None),
        # six months in France earning four quarters (20,000 EUR, threshold 1,464 = 150 h x 9.76): 12 months
        _period(3, "FR", date(2017, 1, 1), date(2017, 6, 30), 20_000),
        # the same, then three months in Tunisia: room for nine months in 2017
        _period(4, "FR", date(2017, 1, 1), date(2017, 6, 30), 20_000),
        _period(4, "TN", date(2017, 7, 1), date(2017, 9, 30), 5_000),
    ]
    decisions = _decide(rows).decisions.filter(pl.col("scheme") == "fr-cnav").sort("person")
    assert decisions.get_column("own_months").to_list() == [0.0, 18.0, 24.0, 12.0, 9.0]
    assert decisions.get_column("foreign_months").to_list() == [0.0, 0.0, 0.0, 0.0, 3.0]
    assert decisions.get_column("totalized_months").to_list() == [0.0, 18.0, 24.0, 12.0, 12.0]


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), size=st.integers(1, 40))
def test_seeded_populations_validated_alike(seed: int, size: int) -> None:
    table = population("fr-tn", size, seed)
    kernel, oracle = both("fr-tn", table, claims_for(table, seed, date(2007, 4, 1), date(2030, 1, 1)))
    assert kernel.fallback == 0, kernel.fallback_reasons
    assert_same(kernel, oracle)
