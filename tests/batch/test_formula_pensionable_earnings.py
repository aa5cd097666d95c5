"""The CPP retirement pension in columns (``batch.vectorised.formulas.pensionable_earnings``)
equals the scalar formula (``rules.formulas.pensionable_earnings``, Canada Pension Plan s. 42,
46, 48-53): on careers worked by hand, on careers Hypothesis draws (own and theoretical), and
through the kernel on seeded ca-nl populations claimed at 59-73."""

import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from coordina.batch.kernel import decide
from coordina.batch.vectorised.formulas import pensionable_earnings
from coordina.domain.scheme import BenefitFormulaKind, Scheme
from tests.batch.conftest import library, population
from tests.batch.formula_careers import Person, U, as_pairs, kernel_amounts, kernel_careers, scalar_amounts

KIND = BenefitFormulaKind.average_pensionable_earnings
Pair = tuple[int, int]


def scheme() -> Scheme:
    return library().schemes["ca-cpp"]


def both(persons: list[Person]) -> tuple[list[Pair | None], list[Pair | None]]:
    """(scalar amounts as the kernel hands them on, kernel amounts)."""
    scalar = as_pairs(scalar_amounts(persons, scheme(), KIND, "CAD"))
    found = pensionable_earnings.compute(kernel_careers(persons, "CAD"), scheme())
    return scalar, kernel_amounts(found, len(persons))


def cents(value: Fraction) -> Fraction:
    """To the cent, half up (by hand: the values below are far from 28 digits)."""
    return Fraction(Decimal(value.numerator / value.denominator).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def at_the_maximum(first: int, last: int, last_months: int = 12) -> tuple[dict[int, int], dict[int, Decimal | None]]:
    """Earnings of 100,000 dollars a year (above every YMPE and YAMPE) in each year."""
    own = {y: 12 * U for y in range(first, last + 1)}
    own[last] = last_months * U
    return own, {y: Decimal(100_000 * own[y] // (12 * U)) for y in own}


def test_maximum_pension_at_65_in_2015() -> None:
    """Born June 1950, claimed July 2015 (the month after 65: no adjustment), earnings above the
    YMPE over the whole contributory period (July 1968 - June 2015): every month is at the
    MPEA / 12, so the drop-outs change nothing: 25 % x (48,300 + 50,100 + 51,100 + 52,500 +
    53,600) / 5 / 12 = 25 % x 4,260 = 1,065.00, Service Canada's maximum for 2015."""
    own, earnings = at_the_maximum(1968, 2015, last_months=6)
    scalar, kernel = both([Person(date(1950, 6, 10), date(2015, 7, 1), own=own, earnings=earnings)])
    assert scalar == kernel == [(1065, 1)]


def test_early_pension_with_drop_outs() -> None:
    """The same person claimed in July 2010 at 60, with earnings only in 1980-2009: 504 months of
    contributory period, 15 % dropped = 76 months (the zero months), 360 at MPEA / 12 = 44,840 / 12
    over 428 months: 25 % x 1,345,200 / 428 = 785.7477 -> 785.75; 60 months early at 0.5 %:
    x 0.70 = 550.025."""
    own, earnings = at_the_maximum(1980, 2009)
    expected = cents(Fraction(1, 4) * 360 * Fraction(44_840, 12) / 428) * Fraction(70, 100)
    assert expected == Fraction("550.025")
    scalar, kernel = both([Person(date(1950, 6, 10), date(2010, 7, 1), own=own, earnings=earnings)])
    assert scalar == kernel == [(expected.numerator, expected.denominator)]


def test_enhancement_parts_in_2026() -> None:
    """Born January 1961, claimed February 2026 at 65, at the maximum from February 1979 to
    January 2026. MPEA 2026 = (64,900 + 66,600 + 68,500 + 71,300 + 74,600) / 5 = 69,180; base:
    25 % x 69,180 / 12 = 1,441.25; first additional: 8.33 % x 5,765 x (12 x (0.15 + 0.3 + 0.5 +
    0.75 + 1 + 1 + 1) + 1) / 480; second additional: 33.33 % x (the band between YMPE and YAMPE
    x MPEA / YMPE: 4,700 in 2024, 9,900 in 2025, 10,400 / 12 in January 2026) / 480."""
    own, earnings = at_the_maximum(1979, 2026, last_months=1)
    first = Fraction("0.0833") * 5765 * (12 * Fraction("4.7") + 1) / 480
    band = Fraction(4700 * 69180, 68500) + Fraction(9900 * 69180, 71300) + Fraction(10400, 12) * Fraction(69180, 74600)
    expected = Fraction("1441.25") + cents(first) + cents(Fraction("0.3333") * band / 480)
    assert cents(first) == Fraction("57.43")
    scalar, kernel = both([Person(date(1961, 1, 10), date(2026, 2, 1), own=own, earnings=earnings)])
    assert scalar == kernel == [(expected.numerator, expected.denominator)]


def test_no_amount_where_the_formula_lacks_a_figure() -> None:
    """Unknown earnings in the period, a pension year without YMPE (2027), and a theoretical
    career whose other parties' year has no own earnings: no amount, as the oracle says."""
    own, earnings = at_the_maximum(1980, 2009)
    unknown = Person(date(1950, 6, 10), date(2010, 7, 1), own=own, earnings={**earnings, 1990: None})
    no_ympe = Person(date(1962, 6, 10), date(2027, 7, 1), own=own, earnings=earnings)
    theoretical = Person(date(1950, 6, 10), date(2010, 7, 1), own=own, earnings=earnings, foreign={1975: 12 * U},
                         theoretical=True)  # fmt: skip
    scalar, kernel = both([unknown, no_ympe, theoretical])
    assert scalar == kernel == [None, None, None]


@st.composite
def canadian_careers(draw: st.DrawFn) -> Person:
    """A career from the 17th year of age to the claim at 59-73 (some claims after 2026: no
    YMPE), whole and part years, earnings up to 150,000 dollars (some unknown, some under the
    exemption), other parties' months in part years or whole years (theoretical careers: the
    oracle gives no amount where a year of the period has months but no own earnings)."""
    # born from 1929: every claim (at 59 or later) falls on or after 1 January 1987, when the
    # average-pensionable-earnings formula of the bundled data starts
    birth = date(draw(st.integers(1929, 1966)), draw(st.integers(1, 12)), draw(st.integers(1, 28)))
    claim = birth + timedelta(days=draw(st.integers(59 * 365, 73 * 365)))
    own: dict[int, int] = {}
    earnings: dict[int, Decimal | None] = {}
    foreign: dict[int, int] = {}
    kinds = ["full"] * 5 + ["part", "part", "none"] + (["foreign"] if draw(st.booleans()) else [])
    for year in range(max(1960, birth.year + 17), claim.year + 1):
        kind = draw(st.sampled_from(kinds))
        if kind in ("full", "part"):
            own[year] = 12 * U if kind == "full" else draw(st.integers(1, 12 * U - 1))
            unknown = draw(st.sampled_from([False] * 60 + [True]))
            earnings[year] = None if unknown else Decimal(draw(st.integers(0, 15_000_000))) / 100
        if kind == "foreign" or (kind == "part" and draw(st.booleans())):
            foreign[year] = draw(st.integers(1, 12 * U - own.get(year, 0)))
    return Person(birth, claim, "women", own, earnings, foreign, draw(st.booleans()))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=st.lists(canadian_careers(), min_size=1, max_size=8))
def test_drawn_careers_equal_the_scalar_formula(drawn: list[Person]) -> None:
    scalar, kernel = both(drawn)
    assert kernel == scalar


def claims_at_ages(table: pl.DataFrame, seed: int) -> pl.DataFrame:
    """One old-age claim a person at 59-73, before 2027 where the age allows."""
    rng = random.Random(seed)
    births = table.group_by("person").agg(pl.col("birth_date").first()).sort("person")
    days = []
    for birth in births.get_column("birth_date").to_list():
        day = birth + timedelta(days=int(365.25 * rng.uniform(59, 73)))
        days.append(min(day, date(2026, 12, 31) - timedelta(days=rng.randrange(3000))))
    return pl.DataFrame({"person": births.get_column("person"), "branch": "old_age", "claim_date": days})


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), size=st.integers(5, 25))
def test_seeded_populations_decided_alike(seed: int, size: int) -> None:
    lib = library()
    table = population("ca-nl", size, seed)
    claims = claims_at_ages(table, seed)
    agreement = lib.agreements["ca-nl"]
    kernel = decide(table, claims, agreement, lib.schemes)
    oracle = decide(table, claims, agreement, lib.schemes, vectorise=False)
    assert not any("average_pensionable_earnings" in reason for reason in kernel.fallback_reasons)
    assert_frame_equal(kernel.persons.drop("vectorised"), oracle.persons.drop("vectorised"))
    assert_frame_equal(kernel.decisions, oracle.decisions)


def test_kernel_decides_cpp_pensions_in_columns() -> None:
    lib = library()
    table = population("ca-nl", 150, 4)
    kernel = decide(table, claims_at_ages(table, 4), lib.agreements["ca-nl"], lib.schemes)
    assert kernel.fallback == 0
    assert kernel.decisions.filter((pl.col("scheme") == "ca-cpp") & (pl.col("payable_amount") > 0)).height > 10
