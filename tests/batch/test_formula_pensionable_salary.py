"""India's EPS 1995 member's pension in columns (``batch.vectorised.formulas.pensionable_salary``)
equals the scalar formula (paras 9, 10(2), 11(1), 12(2), 12(7A) as amended in 2014): on careers
worked out by hand, on careers Hypothesis draws, and in the kernel's decisions of seeded in-de
populations."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.formulas import VECTORISED, Careers, pensionable_salary
from coordina.batch.vectorised.formulas.lowest_terms import reduced
from coordina.domain.scheme import BenefitFormulaKind, Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules.formulas import FORMULAS
from coordina.rules.formulas.career import Career
from coordina.rules.periods import UNITS_PER_MONTH
from tests.batch.conftest import claims_for, library, population
from tests.batch.test_kernel_differential import assert_same, both

U = UNITS_PER_MONTH
KIND = BenefitFormulaKind.pensionable_salary_service
CLAIM = date(2025, 6, 1)
BORN = date(1965, 1, 15)  # 60 on the claim date


@dataclass(frozen=True)
class Case:
    """Own month units and earnings by year (None: unknown), other parties' units."""

    birth_date: date
    claim_date: date
    own: Mapping[int, tuple[int, Decimal | None]]
    foreign: Mapping[int, int] = field(default_factory=dict)


def scheme() -> Scheme:
    return library().schemes["in-eps"]


def scalar(case: Case) -> Fraction | None:
    own = {y: Fraction(units, U) for y, (units, _) in sorted(case.own.items()) if units > 0}
    every = dict(own)
    for year, units in case.foreign.items():
        every[year] = every.get(year, Fraction(0)) + Fraction(units, U)
    earnings = {y: e for y, (units, e) in case.own.items() if e is not None and units > 0}
    career = Career(
        birth_date=case.birth_date, sex="women", claim_date=case.claim_date, pension_age_on=None,
        branch=Branch.old_age, months=sum(every.values(), Fraction(0)), months_by_year=dict(sorted(every.items())),
        earnings=earnings, currency="INR", earnings_missing=tuple(y for y in own if y not in earnings),
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
        units_all = 0
        for year in sorted(set(case.own) | set(case.foreign)):
            units, earnings = case.own.get(year, (0, None))
            value = Fraction(earnings) if earnings is not None else None
            months = units + case.foreign.get(year, 0)
            units_all += months
            years.append({"person": person, "year": year, "months": months, "own_months": units,
                          "earnings_n": value.numerator if value is not None else None,
                          "earnings_d": value.denominator if value is not None else None,
                          "attributed": year in case.foreign})  # fmt: skip
        people.append({"person": person, "birth_date": case.birth_date, "claim_date": case.claim_date,
                       "months": units_all, "theoretical": bool(case.foreign)})  # fmt: skip
    year_schema = {"person": pl.Int64, "year": pl.Int64, "months": pl.Int64, "own_months": pl.Int64,
                   "earnings_n": q.I128, "earnings_d": q.I128, "attributed": pl.Boolean}  # fmt: skip
    people_schema = {"person": pl.Int64, "birth_date": pl.Date, "claim_date": pl.Date, "months": pl.Int64,
                     "theoretical": pl.Boolean}  # fmt: skip
    careers = Careers(pl.DataFrame(years, schema=year_schema, orient="row"),
                      pl.DataFrame(people, schema=people_schema, orient="row"))  # fmt: skip
    found = {p: (n, d) for p, n, d in pensionable_salary.compute(careers, scheme()).iter_rows()}
    return [None if found[i][0] is None else Fraction(*found[i]) for i in range(len(cases))]


def years(first: int, last: int, pay: int, months: int = 12) -> dict[int, tuple[int, Decimal | None]]:
    """Whole years at ``pay`` a month."""
    return {y: (months * U, Decimal(pay * months)) for y in range(first, last + 1)}


def test_registered() -> None:
    assert VECTORISED[KIND] is pensionable_salary.compute


def test_careers_by_hand() -> None:
    fifteen = years(2010, 2024, 10_000)
    cases = [
        # 25 years at 20,000 (capped: salary 15,000), 2 years' weightage; 176 months before September
        # 2014 = 44/3 years: (6,500 x (44/3 + 2) + 15,000 x (25 - 44/3)) / 70 = 790,000 / 210
        Case(BORN, CLAIM, years(2000, 2024, 20_000)),
        # 10 years at 5,000 after 2014: 5,000 x 10 / 70 = 714.29, raised to the minimum 1,000
        Case(BORN, CLAIM, years(2015, 2024, 5_000)),
        # 15 years at 10,000: (6,500 x 14/3 + 10,000 x 31/3) / 70 = 401,000 / 210
        Case(BORN, CLAIM, fifteen),
        # theoretical: 20 years abroad before: 35 years, weightage 2, 296 months before September 2014:
        # (6,500 x (74/3 + 2) + 10,000 x 31/3) / 70 = 830,000 / 210 (the salary of own months only)
        Case(BORN, CLAIM, fifteen, {y: 12 * U for y in range(1990, 2010)}),
        Case(date(1968, 1, 15), CLAIM, fifteen),  # 57: the early pension is not encoded
        Case(BORN, CLAIM, {**fifteen, 2022: (12 * U, None)}),  # the earnings of 2022, in the window, unknown
        Case(BORN, CLAIM, years(1992, 1996, 5_000)),  # the window reaches 1995: no ceiling before 16 November 1995
        # half of 2024 at 15,000 and half of 2019 at 15,000 around 48 months at 10,000: salary
        # 660,000 / 60 = 11,000; 14.5 years round to 15: (6,500 x 14/3 + 11,000 x 31/3) / 70 = 432,000 / 210
        Case(BORN, CLAIM, {**fifteen, 2024: (6 * U, Decimal(90_000)), 2019: (12 * U, Decimal(180_000))}),
        # exit in 2014 at 10,000: that year's ceiling (6,500 x 8 + 15,000 x 4) / 12 = 28,000 / 3; salary
        # (112,000 + 312,000) / 60 = 21,200 / 3; 19 years, 224 months before September 2014:
        # (6,500 x 56/3 + 21,200/3 x 1/3) / 70 = 1,113,200 / 630
        Case(BORN, CLAIM, years(1996, 2014, 10_000)),
    ]
    expected = [
        Fraction(790_000, 210),
        Fraction(1000),
        Fraction(401_000, 210),
        Fraction(830_000, 210),
        None,
        None,
        None,
        Fraction(432_000, 210),
        Fraction(1_113_200, 630),
    ]
    assert [scalar(c) for c in cases] == expected
    assert kernel(cases) == expected


def test_lowest_terms() -> None:
    table = pl.DataFrame(
        {"x_n": [6, 0, None, 10**30, 7], "x_d": [4, 5, 3, 4 * 10**29, 1]}, schema={"x_n": q.I128, "x_d": q.I128}
    )
    assert reduced(table, "x").rows() == [(3, 2), (0, 1), (None, 3), (5, 2), (7, 1)]
    assert reduced(table, "x", above=4).rows() == [(6, 4), (0, 1), (None, 3), (5, 2), (7, 1)]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    claim = draw(st.dates(date(2014, 9, 1), date(2030, 12, 31)))
    birth = date(claim.year - draw(st.integers(55, 72)), draw(st.integers(1, 12)), draw(st.integers(1, 28)))
    start = draw(st.integers(1985, claim.year))
    own: dict[int, tuple[int, Decimal | None]] = {}
    foreign: dict[int, int] = {}
    for year in range(start, min(claim.year, start + draw(st.integers(0, 40))) + 1):
        kind = draw(st.sampled_from(["full", "full", "part", "foreign", "none"]))
        units = 12 * U if kind == "full" else draw(st.integers(1, 12 * U - 1)) if kind == "part" else 0
        if units:
            known = draw(st.integers(0, 20)) > 0
            own[year] = (units, Decimal(draw(st.integers(0, 30_000_000))) / 100 if known else None)
        if kind == "foreign" or (kind == "part" and draw(st.booleans())):
            foreign[year] = draw(st.integers(1, 12 * U - units))
    return Case(birth, claim, own, foreign if draw(st.booleans()) else {})


@settings(max_examples=10, deadline=None)
@given(drawn=st.lists(cases(), min_size=1, max_size=20))
def test_drawn_careers_equal_the_scalar_formula(drawn: list[Case]) -> None:
    assert kernel(drawn) == [scalar(c) for c in drawn]


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31), size=st.integers(1, 30), first=st.dates(date(2014, 9, 1), date(2035, 1, 1)))
def test_drawn_populations_decided_alike(seed: int, size: int, first: date) -> None:
    table = population("in-de", size, seed)
    kernel_result, oracle = both("in-de", table, claims_for(table, seed, first, date(2050, 1, 1)))
    assert_same(kernel_result, oracle)
    assert not any("pensionable_salary_service" in reason for reason in kernel_result.fallback_reasons)
