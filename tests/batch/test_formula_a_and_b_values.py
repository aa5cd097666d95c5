"""Korea's old-age pension in columns (``batch.vectorised.formulas.a_and_b_values``) equals the
scalar formula (``rules.formulas.a_and_b_values``, National Pension Act art. 51, 53, 61, 63):
on careers worked by hand, on careers Hypothesis draws, and through the kernel on seeded au-kr
populations re-dated so that their Korean careers can be decided (from 1996, the first full year
of the income floor and ceiling encoded, or from 2009, the first year revalued by A values)."""

import random
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from coordina.batch.kernel import decide
from coordina.batch.vectorised.formulas import a_and_b_values
from coordina.batch.vectorised.formulas.fraction_pairs import pair
from coordina.domain.scheme import BenefitFormulaKind, Scheme
from coordina.rules.formulas import FORMULAS
from tests.batch.conftest import library, population
from tests.batch.formula_careers import Person, U, kernel_amounts, kernel_careers, people, scalar_career

KIND = BenefitFormulaKind.a_and_b_values
Pair = tuple[int, int]
A_2026 = 3_193_511
"""A for pensions starting in 2026 (scheme data ``tables.a_value``)."""


def scheme() -> Scheme:
    return library().schemes["kr-nps"]


def both(persons: list[Person], ages: list[date | None] | None = None) -> tuple[list[Pair | None], list[Pair | None]]:
    """(scalar amounts as the kernel hands them on, kernel amounts), the pension age reached on
    ``ages`` (None: no pension age)."""
    ages = ages or [None] * len(persons)
    parameters = scheme().parameters
    assert parameters.benefit_formula is not None
    formula = parameters.benefit_formula.root[-1].value
    scalar: list[Pair | None] = []
    for person, age in zip(persons, ages, strict=True):
        career = replace(scalar_career(person, "KRW"), pension_age_on=age)
        amount = FORMULAS[KIND].compute(career, parameters, formula).amount
        scalar.append(None if amount is None else pair(amount))
    careers = kernel_careers(persons, "KRW")
    careers = type(careers)(careers.years, careers.people.with_columns(pension_age_on=pl.Series(ages, dtype=pl.Date)))
    return scalar, kernel_amounts(a_and_b_values.compute(careers, scheme()), len(persons))


def own_years(first: int, last: int, yearly: int) -> tuple[dict[int, int], dict[int, Decimal | None]]:
    return {y: 12 * U for y in range(first, last + 1)}, {y: Decimal(yearly) for y in range(first, last + 1)}


def test_ten_own_years_revalued_by_the_published_rates() -> None:
    """2016-2025 at 2,000,000 won a month, claimed on 1 January 2026 at the pension age (63 for
    1963). B = 2,000,000 x the mean of the 2026 rates of 2016-2025 (1.467 + 1.407 + 1.355 + 1.310
    + 1.257 + 1.191 + 1.116 + 1.068 + 1.034 + 1.000 = 12.205) = 2,441,000; the factors of
    2016-2025 (1.380 down by 0.015 to 1.245) sum to 13.125, each year 12 of 120 months: basic =
    (A + B) x 1.3125 a year; 120 months pay 50 % of it a month. The cap (art. 53) is B (the last
    5 years average 2,163,600)."""
    own, earnings = own_years(2016, 2025, 24_000_000)
    person = Person(date(1963, 1, 1), date(2026, 1, 1), own=own, earnings=earnings)
    expected = (A_2026 + 2_441_000) * Fraction("13.125") / 10 / 12 / 2
    scalar, kernel = both([person], [date(2026, 1, 1)])
    assert scalar == kernel == [pair(expected)]
    assert round(float(expected)) == 308_137


def test_early_pension_three_years_before_the_pension_age() -> None:
    """The same career claimed 36 months before the pension age: 1 - 36 x 0.5 % = 82 % (art. 63(2))."""
    own, earnings = own_years(2016, 2025, 24_000_000)
    person = Person(date(1965, 1, 1), date(2026, 1, 1), own=own, earnings=earnings)
    expected = (A_2026 + 2_441_000) * Fraction("13.125") / 10 / 12 / 2 * Fraction(82, 100)
    scalar, kernel = both([person], [date(2029, 1, 1)])
    assert scalar == kernel == [pair(expected)]


def test_theoretical_career_gives_other_parties_years_the_own_average() -> None:
    """Own 2025 at 3,000,000 won a month (within the 2025 limits, not revalued: the year before
    the pension starts), Australian months 2006-2024 counted as if Korean: 240 months, B =
    3,000,000; the factors of 2006-2025 sum to 2 x 1.8 + 18 x (1.5 + 1.245) / 2 = 28.305, so the
    pension is (A + B) x 28.305 / 20 / 12 a month, under the cap B."""
    person = Person(date(1963, 1, 1), date(2026, 1, 1), own={2025: 12 * U}, earnings={2025: Decimal(36_000_000)},
                    foreign={y: 12 * U for y in range(2006, 2025)}, theoretical=True)  # fmt: skip
    expected = Fraction(A_2026 + 3_000_000) * Fraction("28.305") / 240
    scalar, kernel = both([person], [date(2026, 1, 1)])
    assert scalar == kernel == [pair(expected)]


def test_no_amount_where_the_formula_lacks_a_figure() -> None:
    """Unknown earnings, a year before the encoded limits (1995), a pension year without A (2027),
    fewer than 120 months, or more than 60 months early: no amount, as the oracle says."""
    own, earnings = own_years(2010, 2025, 30_000_000)
    unknown = Person(date(1963, 1, 1), date(2026, 1, 1), own=own, earnings={**earnings, 2014: None})
    early_limits = Person(date(1963, 1, 1), date(2026, 1, 1), own={**own, 1995: 12 * U},
                          earnings={**earnings, 1995: Decimal(1)})  # fmt: skip
    no_a = Person(date(1963, 1, 1), date(2027, 1, 1), own=own, earnings=earnings)
    short = Person(date(1963, 1, 1), date(2026, 1, 1), own={2024: 12 * U}, earnings={2024: Decimal(1)})
    too_early = Person(date(1963, 1, 1), date(2026, 1, 1), own=own, earnings=earnings)
    scalar, kernel = both([unknown, early_limits, no_a, short, too_early], [None, None, None, None, date(2031, 2, 1)])
    assert scalar == kernel == [None] * 5


def test_revaluation_by_a_values_is_handed_on_within_a_half_won() -> None:
    """A 2020 claim on 2009-2019 earnings revalues each year by A(2020) / A(t + 1): the exact
    amount's denominator is hundreds of digits long; the kernel hands on the same pair."""
    own, earnings = own_years(2009, 2019, 31_234_567)
    person = Person(date(1958, 3, 1), date(2020, 3, 1), own=own, earnings=earnings)
    scalar, kernel = both([person], [date(2020, 3, 1)])
    assert scalar == kernel
    assert scalar[0] is not None


@st.composite
def korean_careers(draw: st.DrawFn) -> tuple[Person, date | None]:
    """A career long enough to be decided: from 1996 (claims in 2026: published rates) or 2009
    (claims 2010-2026: rates from A), whole and part years, some earnings unknown, some other
    parties' years (theoretical careers), the pension age reached near the claim."""
    claim = draw(
        st.one_of(st.dates(date(2026, 1, 1), date(2027, 2, 1)), st.dates(date(2010, 1, 1), date(2025, 12, 31)))
    )
    first = draw(st.integers(1996, 2016) if claim.year >= 2026 else st.integers(2009, max(2009, claim.year - 10)))
    own: dict[int, int] = {}
    earnings: dict[int, Decimal | None] = {}
    foreign: dict[int, int] = {}
    for year in range(first, claim.year + 1):
        kind = draw(st.sampled_from(["full"] * 6 + ["part", "foreign", "none"]))
        if kind in ("full", "part"):
            own[year] = 12 * U if kind == "full" else draw(st.integers(1, 12 * U - 1))
            monthly = draw(st.integers(0, 9_000_000))
            unknown = draw(st.sampled_from([False] * 40 + [True]))
            earnings[year] = None if unknown else Decimal(monthly * own[year] // U)
        if kind == "foreign" or (kind == "part" and draw(st.booleans())):
            foreign[year] = draw(st.integers(1, 12 * U - own.get(year, 0)))
    birth = date(claim.year - draw(st.integers(57, 68)), draw(st.integers(1, 12)), draw(st.integers(1, 28)))
    early = draw(st.one_of(st.none(), st.integers(-24, 66)))
    age = None if early is None else claim + timedelta(days=30 * early)
    return Person(birth, claim, "men", own, earnings, foreign, draw(st.booleans())), age


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    drawn=st.lists(
        st.one_of(korean_careers(), st.tuples(people(1990, 2024, (date(2010, 1, 1), date(2027, 3, 1)), 10**10),
                                              st.none())),
        min_size=1,
        max_size=12,
    )
)  # fmt: skip
def test_drawn_careers_equal_the_scalar_formula(drawn: list[tuple[Person, date | None]]) -> None:
    scalar, kernel = both([p for p, _ in drawn], [a for _, a in drawn])
    assert kernel == scalar


def korean_population(size: int, seed: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A seeded au-kr population whose Korean periods start in 1996 or 2009 and whose claims fall
    in 2015-2026 at 57-68 (births moved by whole years), with the claims."""
    rng = random.Random(seed)
    table = population("au-kr", size, seed)
    cut = pl.when(pl.col("person") % 2 == 0).then(pl.lit(date(1996, 1, 1))).otherwise(pl.lit(date(2009, 1, 1)))
    korean = pl.col("country") == "KR"
    table = table.with_columns(start=pl.when(korean).then(pl.max_horizontal("start", cut)).otherwise("start"))
    table = table.filter(pl.col("end") >= pl.col("start"))
    births = table.group_by("person").agg(pl.col("birth_date").first()).sort("person")
    claims, shift = [], {}
    for person, birth in births.iter_rows():
        year = 2026 if person % 2 == 0 else rng.randint(2015, 2026)
        claims.append(date(year, rng.randint(1, 12), rng.randint(1, 28)))
        shift[person] = f"{year - rng.randint(57, 68) - birth.year}y"
    table = table.with_columns(birth_date=pl.col("birth_date").dt.offset_by(pl.col("person").replace_strict(shift)))
    table = table.filter(pl.col("start") >= pl.col("birth_date").dt.offset_by("16y"))
    people_claims = pl.DataFrame({"person": births.get_column("person"), "branch": "old_age", "claim_date": claims})
    return table, people_claims.join(table.select("person").unique(), on="person", how="semi")


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), size=st.integers(5, 40))
def test_seeded_populations_decided_alike(seed: int, size: int) -> None:
    lib = library()
    table, claims = korean_population(size, seed)
    agreement = lib.agreements["au-kr"]
    kernel = decide(table, claims, agreement, lib.schemes)
    oracle = decide(table, claims, agreement, lib.schemes, vectorise=False)
    assert not any("a_and_b_values" in reason for reason in kernel.fallback_reasons)
    assert_frame_equal(kernel.persons.drop("vectorised"), oracle.persons.drop("vectorised"))
    assert_frame_equal(kernel.decisions, oracle.decisions)


def test_kernel_decides_korean_pensions_in_columns() -> None:
    """On 120 re-dated people the kernel decides Korean pensions itself (none falls back), some of
    them paid from the formula (independent and pro-rata)."""
    lib = library()
    table, claims = korean_population(120, 5)
    kernel = decide(table, claims, lib.agreements["au-kr"], lib.schemes)
    assert kernel.fallback == 0
    korean = kernel.decisions.filter(pl.col("scheme") == "kr-nps")
    assert korean.filter(pl.col("theoretical_amount") > 0).height > 5
    assert korean.filter(pl.col("payable_amount") > 0).height > 5
