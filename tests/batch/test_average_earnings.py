"""The average earnings of the simple earnings formula in columns (``batch.vectorised.average_earnings``)
equal the scalar engine's (``rules.amounts.average_monthly_earnings`` and ``national_amount``,
read by ``rules.amounts_due._simple``): for Chile's former funds (cl-ips, earnings-related with
no accrual in the scheme data) the average is a basis without an amount, so such people are
decided in columns now; seeded populations of every agreement are decided alike."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordina.batch.vectorised import average_earnings, pipeline
from coordina.domain.scheme import Scheme
from coordina.services.populations import SCHEMA
from tests.batch.conftest import AGREEMENTS, claims_for, population
from tests.batch.test_kernel_differential import assert_same, both

REASON = "average earnings of the simple earnings formula"


def _row(person: int, country: str, start: date, end: date, earnings: int | None) -> dict[str, object]:
    return {"person": person, "birth_date": date(1950, 3, 1), "sex": "men", "nationality": "CL", "residence": "CL",
            "death_date": None, "country": country, "kind": "employment", "activity": "employed",
            "employer_country": None, "start": start, "end": end,
            "earnings": None if earnings is None else Decimal(earnings),
            "currency": "CLP" if country == "CL" else "ARS"}  # fmt: skip


def test_chilean_careers_by_hand(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [
        # 120 months at 24,000,000: 200,000 a month
        _row(0, "CL", date(1971, 1, 1), date(1980, 12, 31), 24_000_000),
        _row(0, "AR", date(1981, 1, 1), date(2005, 12, 31), 50_000_000),
        # 60 + 54 months, 17,000,000: 149,122.807... (28 digits, as the Decimal division gives it)
        _row(1, "CL", date(1971, 1, 1), date(1975, 12, 31), 6_000_000),
        _row(1, "CL", date(1976, 1, 1), date(1980, 6, 30), 11_000_000),
        _row(1, "AR", date(1981, 1, 1), date(2005, 12, 31), 50_000_000),
        # no earnings reported in Chile: no average, no basis
        _row(2, "CL", date(1971, 1, 1), date(1980, 12, 31), None),
        _row(2, "AR", date(1981, 1, 1), date(2005, 12, 31), 50_000_000),
    ]
    table = pl.DataFrame(rows, schema=SCHEMA, orient="row")
    claims = pl.DataFrame({"person": [0, 1, 2], "branch": ["old_age"] * 3, "claim_date": [date(2016, 6, 1)] * 3})
    seen: list[pl.DataFrame] = []
    original = average_earnings.average

    def spy(spells: pl.DataFrame, scheme: Scheme, table: pl.DataFrame, figures: pl.DataFrame) -> pl.DataFrame:
        found = original(spells, scheme, table, figures)
        if scheme.id == "cl-ips":
            seen.append(found)
        return found

    monkeypatch.setattr(pipeline.average_earnings, "average", spy)
    kernel, oracle = both("ar-cl", table, claims)
    assert_same(kernel, oracle)
    assert kernel.fallback == 0
    averages = {p: average_earnings.value(total, units) for p, total, units in seen[0].iter_rows()}
    assert averages == {0: Fraction(200_000), 1: Fraction(Decimal("149122.8070175438596491228070"))}


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agreement_id=st.sampled_from(AGREEMENTS), seed=st.integers(0, 2**31), size=st.integers(1, 40))
def test_seeded_populations_decided_alike(agreement_id: str, seed: int, size: int) -> None:
    table = population(agreement_id, size, seed)
    kernel, oracle = both(agreement_id, table, claims_for(table, seed))
    assert_same(kernel, oracle)
    assert REASON not in kernel.fallback_reasons
