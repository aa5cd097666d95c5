"""Germany's earnings points in columns (``batch.vectorised.formulas.earnings_points``) equal the
scalar formula (SGB VI §§63, 64, 66, 68, 70, 77, 121; Anlagen 1, 2, 2b): on careers worked out by
hand, on careers Hypothesis draws, and in the kernel's decisions of seeded in-de populations."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.formulas import VECTORISED, Careers, earnings_points
from coordina.domain.scheme import BenefitFormulaKind, Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules.formulas import FORMULAS
from coordina.rules.formulas.career import Career
from coordina.rules.periods import UNITS_PER_MONTH
from tests.batch.conftest import claims_for, library, population
from tests.batch.test_kernel_differential import assert_same, both

U = UNITS_PER_MONTH
KIND = BenefitFormulaKind.earnings_points
CLAIM = date(2025, 8, 1)  # pension value 40.79 (from 1 July 2025)
AT_AGE = date(2025, 7, 10)  # the standard age reached on 9 July: the pension starts in August, factor 1


@dataclass(frozen=True)
class Case:
    """Own month units and earnings by year (None: unknown), other parties' units."""

    claim_date: date
    pension_age_on: date | None
    own: Mapping[int, tuple[int, Decimal | None]]
    foreign: Mapping[int, int] = field(default_factory=dict)
    currency: str | None = "EUR"


def scheme() -> Scheme:
    return library().schemes["de-grv"]


def scalar(case: Case) -> Fraction | None:
    own = {y: Fraction(units, U) for y, (units, _) in sorted(case.own.items())}
    every = dict(own)
    for year, units in case.foreign.items():
        every[year] = every.get(year, Fraction(0)) + Fraction(units, U)
    earnings = {y: e for y, (_, e) in case.own.items() if e is not None}
    career = Career(
        birth_date=date(1958, 1, 1), sex="men", claim_date=case.claim_date, pension_age_on=case.pension_age_on,
        branch=Branch.old_age, months=sum(every.values(), Fraction(0)), months_by_year=dict(sorted(every.items())),
        earnings=earnings, currency=case.currency, earnings_missing=tuple(y for y in own if y not in earnings),
        own_months_by_year=own if case.foreign else None, attributed_years=frozenset(case.foreign),
        theoretical=bool(case.foreign),
    )  # fmt: skip
    parameter = scheme().parameters.benefit_formula
    dated = parameter.at(case.claim_date) if parameter else None
    assert dated is not None
    return FORMULAS[KIND].compute(career, scheme().parameters, dated.value).amount


def kernel(cases: list[Case]) -> list[Fraction | None]:
    years, people = [], []
    for person, case in enumerate(cases):
        for year in sorted(set(case.own) | set(case.foreign)):
            units, earnings = case.own.get(year, (0, None))
            value = Fraction(earnings) if earnings is not None else None
            years.append({"person": person, "year": year, "months": units + case.foreign.get(year, 0),
                          "own_months": units, "earnings_n": value.numerator if value is not None else None,
                          "earnings_d": value.denominator if value is not None else None,
                          "attributed": year in case.foreign})  # fmt: skip
        people.append({"person": person, "claim_date": case.claim_date, "pension_age_on": case.pension_age_on,
                       "currency": case.currency, "theoretical": bool(case.foreign)})  # fmt: skip
    year_schema = {"person": pl.Int64, "year": pl.Int64, "months": pl.Int64, "own_months": pl.Int64,
                   "earnings_n": q.I128, "earnings_d": q.I128, "attributed": pl.Boolean}  # fmt: skip
    people_schema = {"person": pl.Int64, "claim_date": pl.Date, "pension_age_on": pl.Date, "currency": pl.Utf8,
                     "theoretical": pl.Boolean}  # fmt: skip
    careers = Careers(pl.DataFrame(years, schema=year_schema, orient="row"),
                      pl.DataFrame(people, schema=people_schema, orient="row"))  # fmt: skip
    found = {p: (n, d) for p, n, d in earnings_points.compute(careers, scheme()).iter_rows()}
    return [None if found[i][0] is None else Fraction(*found[i]) for i in range(len(cases))]


THREE_YEARS = {
    2022: (12 * U, Decimal(42053)),  # the final average of 2022: 1.0000
    2023: (12 * U, Decimal(100000)),  # capped at 87,600: 87,600 / 44,732 = 1.95832... -> 1.9583
    2024: (6 * U, Decimal(22679)),  # the provisional average of 2024 (claim year - 1): 22,679 / 45,358 = 0.5000
}


def test_registered() -> None:
    assert VECTORISED[KIND] is earnings_points.compute


def test_careers_by_hand() -> None:
    cases = [
        Case(CLAIM, AT_AGE, THREE_YEARS),  # 3.4583 x 1 x 40.79
        Case(CLAIM, date(2025, 2, 10), THREE_YEARS),  # 5 months late: 3.4583 x 1.025 = 3.5447575 -> 3.5448
        Case(CLAIM, date(2026, 1, 10), THREE_YEARS),  # 6 months early: 3.4583 x 0.982 = 3.3960506 -> 3.3961
        Case(CLAIM, AT_AGE, {**THREE_YEARS, 2023: (12 * U, None)}),  # earnings of 2023 unknown
        Case(CLAIM, None, THREE_YEARS),  # no standard-age day
        # a DM claim: 50,665 DM in 1995 = the final average, 1 point; 1 month late; pension value 47.44 DM
        Case(date(1998, 3, 1), date(1998, 2, 1), {1995: (12 * U, Decimal(50665))}, currency="DEM"),
        # a DM year in euro: 27,740 / (54,256 / 1.95583) = 0.99997... -> 1.0000
        Case(CLAIM, AT_AGE, {2000: (12 * U, Decimal(27740))}),
        # theoretical: 6 foreign months in 2024 raise the part-year ceiling to 90,600: 50,000 / 45,358 -> 1.1023
        Case(CLAIM, AT_AGE, {2024: (6 * U, Decimal(50000))}, {2024: 6 * U}),
        # own only: the ceiling for 6 months, 45,300 / 45,358 = 0.99872... -> 0.9987
        Case(CLAIM, AT_AGE, {2024: (6 * U, Decimal(50000))}),
        Case(CLAIM, AT_AGE, THREE_YEARS, currency="USD"),  # neither EUR nor DM
    ]
    expected = [
        Fraction("3.4583") * Fraction("40.79"),
        Fraction("3.5448") * Fraction("40.79"),
        Fraction("3.3961") * Fraction("40.79"),
        None,
        None,
        Fraction("1.005") * Fraction("47.44"),
        Fraction("40.79"),
        Fraction("1.1023") * Fraction("40.79"),
        Fraction("0.9987") * Fraction("40.79"),
        None,
    ]
    assert [scalar(c) for c in cases] == expected
    assert kernel(cases) == expected


def test_a_year_of_other_parties_only_has_no_amount() -> None:
    """A theoretical year with no own months has no earnings the formula could read: no amount
    (the scalar formula reads ``earnings[year]`` for it and fails)."""
    assert kernel([Case(CLAIM, AT_AGE, THREE_YEARS, {2021: 12 * U})]) == [None]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    claim = draw(st.dates(date(1993, 1, 1), date(2028, 12, 31)))
    start = draw(st.integers(1955, claim.year))
    own: dict[int, tuple[int, Decimal | None]] = {}
    foreign: dict[int, int] = {}
    for year in range(start, min(claim.year, start + draw(st.integers(0, 12))) + 1):
        units = 12 * U if draw(st.booleans()) else draw(st.integers(1, 12 * U - 1))
        known = draw(st.integers(0, 15)) > 0
        earnings = Decimal(draw(st.integers(0, 15_000_000))) / 100 if known else None
        own[year] = (units, earnings)
        if draw(st.integers(0, 4)) == 0:
            foreign[year] = draw(st.integers(1, 24 * U - units))
    offset = draw(st.integers(-80, 60))
    age = date(claim.year + offset // 12, 1 + (claim.month - 1 + offset % 12) % 12, draw(st.integers(1, 28)))
    tender = "DEM" if claim.year < 2002 else "EUR"
    currency = draw(st.sampled_from([tender, tender, tender, None, "EUR", "DEM", "USD"]))
    return Case(claim, None if draw(st.integers(0, 10)) == 0 else age, own, foreign, currency)


@settings(max_examples=10, deadline=None)
@given(drawn=st.lists(cases(), min_size=1, max_size=20))
def test_drawn_careers_equal_the_scalar_formula(drawn: list[Case]) -> None:
    assert kernel(drawn) == [scalar(c) for c in drawn]


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), size=st.integers(1, 30), first=st.dates(date(2010, 1, 1), date(2035, 1, 1)))
def test_drawn_populations_decided_alike(seed: int, size: int, first: date) -> None:
    table = population("in-de", size, seed)
    kernel_result, oracle = both("in-de", table, claims_for(table, seed, first, date(2050, 1, 1)))
    assert_same(kernel_result, oracle)
    assert not any("earnings_points" in reason for reason in kernel_result.fallback_reasons)
