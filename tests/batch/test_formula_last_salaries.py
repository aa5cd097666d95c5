"""The last-salaries formula in columns (``batch.vectorised.formulas.last_salaries``) equals the
scalar one for the Tunisian CNSS (décret n° 74-499, art. 15-17 and 45) and the Paraguayan IPS
(Ley 98/92): on careers worked out by hand, on careers Hypothesis draws, and in the kernel's
decisions of seeded France-Tunisia and Mercosur populations."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordina.batch.vectorised.formulas import VECTORISED, last_salaries
from coordina.batch.vectorised.formulas.quotients import as_pair
from coordina.domain.scheme import BenefitFormulaKind
from tests.batch.conftest import claims_for, library, population
from tests.batch.formula_careers import Person, U, kernel_amounts, kernel_careers, people, scalar_amounts
from tests.batch.test_kernel_differential import assert_same, both

KIND = BenefitFormulaKind.last_salaries_rate
YEAR = 12 * U
CURRENCY = {"tn-cnss": "TND", "py-ips": "PYG"}


def _both(scheme_id: str, persons: list[Person]) -> tuple[list[Fraction | None], list[tuple[int, int] | None]]:
    scheme = library().schemes[scheme_id]
    found = last_salaries.compute(kernel_careers(persons, CURRENCY[scheme_id]), scheme)
    return scalar_amounts(persons, scheme, KIND, CURRENCY[scheme_id]), kernel_amounts(found, len(persons))


def _pairs(amounts: Sequence[Fraction | None]) -> list[tuple[int, int] | None]:
    return [None if a is None else as_pair(a) for a in amounts]


def _years(first: int, last: int, earnings: int) -> tuple[dict[int, int], dict[int, Decimal | None]]:
    return {y: YEAR for y in range(first, last + 1)}, {y: Decimal(earnings) for y in range(first, last + 1)}


def test_registered() -> None:
    assert VECTORISED[KIND] is last_salaries.compute


def test_tunisia_by_hand() -> None:
    # claim on 1 July 2025: hourly minimum wage 2.540 TND; minimum 1,600 h / 12 = 338.67, for a
    # proportional pension 1,200 h / 12 = 254; ceiling 14,976 h / 12 = 3,169.92 a month
    born, claim = date(1965, 3, 1), date(2025, 7, 1)
    ten, ten_earnings = _years(2015, 2024, 12_000)  # 1,000 a month
    twenty, twenty_earnings = _years(2005, 2024, 12_000)
    six, six_earnings = _years(2019, 2024, 12_000)
    four, four_earnings = _years(2021, 2024, 12_000)
    partial = {2014: YEAR, 2015: 6 * U} | {y: YEAR for y in range(2016, 2025)}
    partial_earnings: dict[int, Decimal | None] = {2014: Decimal(24_000), 2015: Decimal(3_000)}
    partial_earnings |= {y: Decimal(12_000) for y in range(2016, 2025)}
    own, own_earnings = _years(2020, 2024, 12_000)
    persons = [
        Person(born, claim, "men", ten, ten_earnings),  # 1,000 x 40 % = 400
        Person(born, claim, "men", twenty, twenty_earnings),  # 40 quarters beyond 120 months: 60 %
        Person(born, claim, "men", ten, {y: Decimal(2_400) for y in ten}),  # 80, raised to 338.67
        Person(born, claim, "men", six, six_earnings),  # 72 / 120 of 40 %: 240, raised to 254
        Person(born, claim, "men", four, four_earnings),  # fewer than 60 months: no pension
        Person(born, claim, "men", ten, {y: Decimal(60_000) for y in ten}),  # 5,000 capped at 3,169.92
        Person(born, claim, "men", ten, ten_earnings | {2020: None}),  # a year's earnings unknown
        # 2024-2016 (108 months), 2015 (6 months, 3,000) and 6 of the 12 months of 2014 (24,000):
        # 123,000 / 120 = 1,025 x 41 % (two quarters beyond 120 months) = 420.25
        Person(born, claim, "men", partial, partial_earnings),
        # five own years and five abroad given the own average of 1,000 a month: 400
        Person(born, claim, "men", own, own_earnings, {y: YEAR for y in range(2015, 2020)}, theoretical=True),
    ]
    scalar, kernel = _both("tn-cnss", persons)
    expected = [Fraction(400), Fraction(600), Fraction(1_016, 3), Fraction(254), Fraction(0),
                Fraction("1267.968"), None, Fraction("420.25"), Fraction(400)]  # fmt: skip
    assert scalar == expected
    assert kernel == _pairs(expected)


def test_paraguay_by_hand() -> None:
    # claim on 1 July 2020: the 36 months before the last one; 100 % from 60, 80 % + 4 points a
    # year from 55; minimum 50 % of the monthly minimum wage 2,192,839
    claim = date(2020, 7, 1)
    thirty, thirty_earnings = _years(1990, 2019, 36_000_000)  # 3,000,000 a month
    varying = thirty_earnings | {2016: Decimal(24_000_000)}
    persons = [
        Person(date(1958, 1, 1), claim, "men", thirty, thirty_earnings),  # 3,000,000
        Person(date(1963, 3, 1), claim, "men", thirty, thirty_earnings),  # age 57: 88 %
        Person(date(1966, 1, 1), claim, "men", thirty, thirty_earnings),  # age 54: nothing
        Person(date(1958, 1, 1), claim, "men", thirty, {y: Decimal(12_000_000) for y in thirty}),  # the minimum
        # 11 months of 2019, 2018, 2017 and one month of 2016 at 2,000,000: 107,000,000 / 36
        Person(date(1958, 1, 1), claim, "men", thirty, varying),
    ]
    scalar, kernel = _both("py-ips", persons)
    expected = [Fraction(3_000_000), Fraction(2_640_000), Fraction(0), Fraction(2_192_839, 2),
                Fraction(26_750_000, 9)]  # fmt: skip
    assert scalar == expected
    assert kernel == _pairs(expected)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    scheme_id=st.sampled_from(["tn-cnss", "py-ips"]),
    persons=st.lists(people(1960, 2026, (date(2007, 4, 1), date(2033, 6, 30)), 8_000_000_00), min_size=5, max_size=25),
)
def test_drawn_careers_equal_the_scalar_formula(scheme_id: str, persons: list[Person]) -> None:
    scalar, kernel = _both(scheme_id, persons)
    assert kernel == _pairs(scalar)
    with patch.object(last_salaries, "COLUMNS_FROM", 0):  # the columns for every person they can take
        assert _both(scheme_id, persons)[1] == kernel


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agreement_id=st.sampled_from(["fr-tn", "mercosur"]), seed=st.integers(0, 2**31), size=st.integers(1, 40))
def test_seeded_populations_decided_alike(agreement_id: str, seed: int, size: int) -> None:
    table = population(agreement_id, size, seed)
    kernel, oracle = both(agreement_id, table, claims_for(table, seed, date(2005, 1, 1), date(2040, 1, 1)))
    reasons = kernel.fallback_reasons
    assert not any("last_salaries" in reason for reason in reasons), reasons
    assert_same(kernel, oracle)
