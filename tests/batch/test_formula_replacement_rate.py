"""The replacement-rate formula in columns (``batch.vectorised.formulas.replacement_rate``)
equals the scalar one for Brazil's RGPS (Lei 8.213/91 art. 29, EC 103/2019 art. 26) and
Uruguay's BPS (Ley 16.713 arts. 27 and 29): on careers worked out by hand, on careers Hypothesis
draws, and in the kernel's decisions of seeded populations."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordina.batch.vectorised.formulas import VECTORISED, replacement_rate
from coordina.batch.vectorised.formulas.frames import dated_values
from coordina.domain.scheme import BenefitFormulaKind
from tests.batch.conftest import claims_for, library, population
from tests.batch.formula_careers import Person, U, as_pairs, kernel_amounts, kernel_careers, people, scalar_amounts
from tests.batch.test_kernel_differential import assert_same, both

KIND = BenefitFormulaKind.replacement_rate
CURRENCY = {"br-rgps": "BRL", "uy-bps": "UYU"}


def _years(first: int, last: int, earnings: int) -> tuple[dict[int, int], dict[int, Decimal | None]]:
    return {y: 12 * U for y in range(first, last + 1)}, {y: Decimal(earnings) for y in range(first, last + 1)}


def _both(scheme_id: str, persons: list[Person]) -> tuple[list[Fraction | None], list[tuple[int, int] | None]]:
    scheme = library().schemes[scheme_id]
    found = replacement_rate.compute(kernel_careers(persons, CURRENCY[scheme_id]), scheme)
    return scalar_amounts(persons, scheme, KIND, CURRENCY[scheme_id]), kernel_amounts(found, len(persons))


def test_registered() -> None:
    assert VECTORISED[KIND] is replacement_rate.compute


def test_brazil_by_hand() -> None:
    claim = date(2021, 6, 1)  # EC 103/2019: 60 % + 2 points a year above 20 (men) / 15 (women); floor 1,100
    early, early_earnings = _years(1980, 1993, 10_000)  # before July 1994: counted for the years only
    persons = [
        # 15 years, the 2020 salaries at 3,000 a month (INPC of 2020 over itself: 1): 60 % x 3,000
        Person(date(1955, 1, 1), claim, "men", early | {2020: 12 * U}, early_earnings | {2020: Decimal(36_000)}),
        # the same at 10,000 a month: each month counts up to the 2020 ceiling 6,101.06
        Person(date(1955, 1, 1), claim, "women", early | {2020: 12 * U}, early_earnings | {2020: Decimal(120_000)}),
        # the years the rate starts from depend on the sex, which the case does not give
        Person(date(1955, 1, 1), claim, None, early | {2020: 12 * U}, early_earnings | {2020: Decimal(36_000)}),
        # no salary since July 1994: no reference salary
        Person(date(1955, 1, 1), claim, "men", early, early_earnings),
        # a reference year's earnings unknown
        Person(date(1955, 1, 1), claim, "men", early | {2020: 12 * U}, early_earnings | {2020: None}),
    ]
    scalar, kernel = _both("br-rgps", persons)
    expected = [Fraction(1800), Fraction("3660.636"), None, None, None]
    assert scalar == expected
    assert kernel == as_pairs(expected)


def test_uruguay_rate_and_age_increments_by_hand() -> None:
    claim, born = date(2016, 6, 1), date(1950, 3, 1)
    forty, forty_earnings = _years(1976, 2015, 600_000)
    persons = [
        # 40 years: 45 % + 1 point x 5 (30-35) + 0.5 x 5 (above 35) = 52.5 % (the maximum); 35 years
        # completed on 1 January 2011, 5 complete years of age deferred after: 3 x 5 points
        Person(born, claim, "men", forty, forty_earnings),
        # 32 years: 47 %; 35 years never completed: 2 points x 6 complete years of age over 60
        Person(born, claim, "men", *_years(1984, 2015, 600_000)),
    ]
    careers = kernel_careers(persons, "UYU")
    scheme = library().schemes["uy-bps"]
    names = replacement_rate.RATE + replacement_rate.AGE
    table = careers.people.join(dated_values(scheme, names, [claim]), on="claim_date")
    table = replacement_rate.age_increment(careers, replacement_rate.with_rate(table.lazy()).collect())
    rates = [Fraction(n, d) for n, d in table.select("rate_n", "rate_d").iter_rows()]
    ages = [Fraction(n, d) for n, d in table.select("age_n", "age_d").iter_rows()]
    assert rates == [Fraction("0.525"), Fraction("0.47")]
    assert ages == [Fraction("0.15"), Fraction("0.12")]
    scalar, kernel = _both("uy-bps", persons)
    assert all(a is not None for a in scalar)
    assert kernel == as_pairs(scalar)


# Claims drawn only while the replacement-rate formula is in force: Brazil from Lei 9.876/1999
# (29 November 1999), Uruguay from Ley 16.713's entry into force (1 April 1996).
SCHEMES = {
    "br-rgps": (1985, 2026, (date(1999, 11, 29), date(2027, 12, 31)), 15_000_000),
    "uy-bps": (1966, 2026, (date(1996, 4, 1), date(2027, 12, 31)), 300_000_000),
}


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SCHEMES)).flatmap(
    lambda s: st.tuples(st.just(s), st.lists(people(*SCHEMES[s]), min_size=5, max_size=25))))  # fmt: skip
def test_drawn_careers_equal_the_scalar_formula(drawn: tuple[str, list[Person]]) -> None:
    scheme_id, persons = drawn
    scalar, kernel = _both(scheme_id, persons)
    assert kernel == as_pairs(scalar)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), size=st.integers(1, 40))
def test_seeded_populations_decided_alike(seed: int, size: int) -> None:
    table = population("mercosur", size, seed)
    kernel, oracle = both("mercosur", table, claims_for(table, seed, date(1999, 1, 1), date(2040, 1, 1)))
    assert_same(kernel, oracle)
    assert not any(KIND.value in reason for reason in kernel.fallback_reasons)
