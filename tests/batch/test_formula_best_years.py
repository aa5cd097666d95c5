"""The French basic pension in columns (``batch.vectorised.formulas.best_years``) equals the
scalar one (CSS L351-1, R351-27, R351-29, R351-9): on careers worked out by hand, on careers
Hypothesis draws, and in the kernel's decisions of seeded France-Tunisia populations."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordina.batch.vectorised.formulas import VECTORISED, best_years
from coordina.batch.vectorised.formulas.quotients import as_pair
from coordina.domain.scheme import BenefitFormulaKind
from tests.batch.conftest import claims_for, library, population
from tests.batch.formula_careers import Person, U, kernel_amounts, kernel_careers, people, scalar_amounts
from tests.batch.test_kernel_differential import assert_same, both

KIND = BenefitFormulaKind.best_years_rate_duration
BIRTH = date(1960, 1, 15)
CLAIM = date(2025, 7, 1)
"""Cohort 1960: 167 reference quarters (2023 schedule), the 1955 full-rate age (804 months) and
the 1953 décote (0.0125 a quarter), the best 25 years; 785 months of age on the claim date."""
YEAR = 12 * U


def _both(persons: list[Person], currency: str = "EUR") -> tuple[list[Fraction | None], list[tuple[int, int] | None]]:
    scheme = library().schemes["fr-cnav"]
    found = best_years.compute(kernel_careers(persons, currency), scheme)
    return scalar_amounts(persons, scheme, KIND, currency), kernel_amounts(found, len(persons))


def _pairs(amounts: Sequence[Fraction | None]) -> list[tuple[int, int] | None]:
    return [None if a is None else as_pair(a) for a in amounts]


def test_registered() -> None:
    assert VECTORISED[KIND] is best_years.compute


def test_careers_by_hand() -> None:
    # 2024: 20,000 EUR, four quarters (threshold 150 h x 11.65 = 1,747.50), below the plafond 46,368,
    # revalued by the 2025 coefficient 1.022: SAM 20,440. Rate: 7 quarters to the full-rate age
    # (ceil((804 - 785) / 3)), fewer than the 163 short of 167: 0.5 x (1 - 7 x 0.0125) = 0.45625.
    # 20,440 x 0.45625 x 4 / 167 = 37,303 / 167 a year, 37,303 / 2,004 a month.
    one = Person(BIRTH, CLAIM, "men", {2024: YEAR}, {2024: Decimal(20_000)})
    # 2023 earns 1,000 EUR, below one quarter (1,690.50): left out of the SAM (R351-29), no quarter
    unearned = Person(BIRTH, CLAIM, "men", {2023: YEAR, 2024: YEAR}, {2023: Decimal(1_000), 2024: Decimal(20_000)})
    # the earnings of 2023, an own year before the claim's year, unknown: no amount
    unknown = Person(BIRTH, CLAIM, "men", {2023: YEAR, 2024: YEAR}, {2023: None, 2024: Decimal(20_000)})
    # a claim in 2027: no plafond for the claim's year in the data, no amount
    late = Person(BIRTH, date(2027, 3, 1), "men", {2024: YEAR}, {2024: Decimal(20_000)})
    # only an unearned year: the SAM is nil, and so the amount
    nil = Person(BIRTH, CLAIM, "men", {2024: YEAR}, {2024: Decimal(1_000)})
    # theoretical: four years abroad (2020-2023) add 16 quarters to the duration, not to the SAM:
    # 20,440 x 0.45625 x 20 / 167 a year
    abroad = Person(BIRTH, CLAIM, "men", {2024: YEAR}, {2024: Decimal(20_000)},
                    {y: YEAR for y in range(2020, 2024)}, theoretical=True)  # fmt: skip
    scalar, kernel = _both([one, unearned, unknown, late, nil, abroad])
    expected = [Fraction(37_303, 2_004), Fraction(37_303, 2_004), None, None, Fraction(0), Fraction(186_515, 2_004)]
    assert scalar == expected
    assert kernel == _pairs(expected)


def test_earnings_in_another_currency_give_no_amount() -> None:
    scalar, kernel = _both([Person(BIRTH, CLAIM, "men", {2024: YEAR}, {2024: Decimal(20_000)})], "TND")
    assert scalar == kernel == [None]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(people(1950, 2026, (date(2007, 4, 1), date(2027, 6, 30)), 9_000_000), min_size=5, max_size=25))
def test_drawn_careers_equal_the_scalar_formula(persons: list[Person]) -> None:
    scalar, kernel = _both(persons)
    assert kernel == _pairs(scalar)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), size=st.integers(1, 40))
def test_seeded_populations_decided_alike(seed: int, size: int) -> None:
    table = population("fr-tn", size, seed)
    kernel, oracle = both("fr-tn", table, claims_for(table, seed, date(2007, 4, 1), date(2030, 1, 1)))
    assert kernel.fallback == 0, kernel.fallback_reasons
    assert_same(kernel, oracle)
