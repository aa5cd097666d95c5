"""Argentina's SIPA formula in columns (``batch.vectorised.formulas.basic_plus_accrual``) equals
the scalar one (Ley 24.241 arts. 20, 24 and 30): on careers worked out by hand, on careers
Hypothesis draws, and in the kernel's decisions of seeded populations."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordina.batch.vectorised.formulas import VECTORISED, basic_plus_accrual
from coordina.domain.scheme import BenefitFormulaKind
from tests.batch.conftest import claims_for, library, population
from tests.batch.formula_careers import (
    Person,
    U,
    as_pairs,
    kernel_amounts,
    kernel_careers,
    people,
    scalar_amounts,
)
from tests.batch.test_kernel_differential import assert_same, both

KIND = BenefitFormulaKind.basic_plus_accrual
CLAIM = date(2014, 10, 1)  # PBU 1526.75, haber mínimo 3231.63, máximo 23675.54; PAP 1.5 %


def _years(first: int, last: int, earnings: int) -> tuple[dict[int, int], dict[int, Decimal | None]]:
    return {y: 12 * U for y in range(first, last + 1)}, {y: Decimal(earnings) for y in range(first, last + 1)}


def _both(persons: list[Person]) -> tuple[list[Fraction | None], list[tuple[int, int] | None]]:
    scheme = library().schemes["ar-sipa"]
    found = basic_plus_accrual.compute(kernel_careers(persons, "ARS"), scheme)
    return scalar_amounts(persons, scheme, KIND, "ARS"), kernel_amounts(found, len(persons))


def test_registered() -> None:
    assert VECTORISED[KIND] is basic_plus_accrual.compute


def test_careers_by_hand() -> None:
    forty, forty_earnings = _years(1975, 2014, 120_000)
    thirty, thirty_earnings = _years(1985, 2014, 12_000)
    gap = dict(forty_earnings) | {2010: None}
    own, own_earnings = _years(1995, 2014, 120_000)
    abroad = {y: 12 * U for y in range(1975, 1995)}
    persons = [
        # 40 years: PBU 1526.75 x 1.10; 20 PC years (234.45 months) and 20 PAP years; 1.5 % x 10,000 x 40
        Person(date(1949, 5, 1), CLAIM, "men", forty, forty_earnings),
        # 30 years at 1,000 a month: 1526.75 + 150 + 300 = 1976.75, raised to the haber mínimo
        Person(date(1949, 5, 1), CLAIM, "men", thirty, thirty_earnings),
        # the earnings of 2010, a reference year, unknown: no amount
        Person(date(1949, 5, 1), CLAIM, "men", forty, gap),
        # no PBU on file on 1 January 2012: no amount
        Person(date(1946, 5, 1), date(2012, 1, 1), "men", forty, forty_earnings),
        # theoretical: 20 own years from 1995 and 20 years abroad before: as the first person
        Person(date(1949, 5, 1), CLAIM, "men", own, own_earnings, abroad, theoretical=True),
    ]
    scalar, kernel = _both(persons)
    expected = [Fraction("7679.425"), Fraction("3231.63"), None, None, Fraction("7679.425")]
    assert scalar == expected
    assert kernel == as_pairs(expected)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(people(1955, 2026, (date(2005, 1, 1), date(2027, 12, 31)), 5_000_000_00), min_size=5, max_size=25))
def test_drawn_careers_equal_the_scalar_formula(persons: list[Person]) -> None:
    scalar, kernel = _both(persons)
    assert kernel == as_pairs(scalar)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agreement_id=st.sampled_from(["ar-cl", "mercosur"]), seed=st.integers(0, 2**31), size=st.integers(1, 40))
def test_seeded_populations_decided_alike(agreement_id: str, seed: int, size: int) -> None:
    table = population(agreement_id, size, seed)
    kernel, oracle = both(agreement_id, table, claims_for(table, seed, date(2005, 1, 1), date(2040, 1, 1)))
    assert_same(kernel, oracle)
