"""Careers built by hand for the formula tests: the same career as the scalar ``Career`` and as
the kernel's ``Careers`` tables, so that a vectorised formula is checked against its scalar one
(the oracle) on careers a test chooses or Hypothesis draws."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

import polars as pl
from hypothesis import strategies as st

from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.formulas import Careers
from coordina.batch.vectorised.formulas.fraction_pairs import pair
from coordina.domain.scheme import BenefitFormulaKind, Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules.formulas import FORMULAS
from coordina.rules.formulas.career import Career
from coordina.rules.periods import UNITS_PER_MONTH

U = UNITS_PER_MONTH


@dataclass(frozen=True)
class Person:
    """A career by year: own month units, earnings (None: unknown) and other parties' units."""

    birth_date: date
    claim_date: date
    sex: str | None = "men"
    own: dict[int, int] = field(default_factory=dict)
    earnings: dict[int, Decimal | None] = field(default_factory=dict)
    foreign: dict[int, int] = field(default_factory=dict)
    theoretical: bool = False


def scalar_career(person: Person, currency: str) -> Career:
    own = {y: Fraction(m, U) for y, m in sorted(person.own.items()) if m > 0}
    earnings = {y: e for y, e in person.earnings.items() if e is not None and y in own}
    missing = tuple(y for y in own if y not in earnings)
    career = Career(
        birth_date=person.birth_date, sex=person.sex, claim_date=person.claim_date, pension_age_on=None,
        branch=Branch.old_age, months=sum(own.values(), Fraction(0)), months_by_year=own, earnings=earnings,
        currency=currency, earnings_missing=missing,
    )  # fmt: skip
    if not person.theoretical:
        return career
    every = dict(own)
    for year, units in person.foreign.items():
        if units > 0:
            every[year] = every.get(year, Fraction(0)) + Fraction(units, U)
    every = dict(sorted(every.items()))
    return Career(
        **{**career.__dict__, "months": sum(every.values(), Fraction(0)), "months_by_year": every,
           "own_months_by_year": own, "theoretical": True,
           "attributed_years": frozenset(y for y, m in person.foreign.items() if m > 0)},
    )  # fmt: skip


def kernel_careers(people: list[Person], currency: str) -> Careers:
    years, rows = [], []
    for index, person in enumerate(people):
        foreign = person.foreign if person.theoretical else {}
        units = 0
        for year in sorted({y for y, m in person.own.items() if m > 0} | {y for y, m in foreign.items() if m > 0}):
            own = person.own.get(year, 0) if person.own.get(year, 0) > 0 else 0
            earnings = person.earnings.get(year) if own > 0 else None
            value = Fraction(earnings) if earnings is not None else None
            months = own + foreign.get(year, 0)
            units += months
            years.append({"person": index, "year": year, "months": months, "own_months": own,
                          "earnings_n": value.numerator if value is not None else None,
                          "earnings_d": value.denominator if value is not None else None,
                          "attributed": foreign.get(year, 0) > 0})  # fmt: skip
        rows.append({"person": index, "birth_date": person.birth_date, "sex": person.sex,
                     "claim_date": person.claim_date, "pension_age_on": None, "months": units, "totalized": units,
                     "theoretical": person.theoretical, "currency": currency, "formula_version": 0})  # fmt: skip
    year_schema = {"person": pl.Int64, "year": pl.Int64, "months": pl.Int64, "own_months": pl.Int64,
                   "earnings_n": q.I128, "earnings_d": q.I128, "attributed": pl.Boolean}  # fmt: skip
    people_schema = {"person": pl.Int64, "birth_date": pl.Date, "sex": pl.Utf8, "claim_date": pl.Date,
                     "pension_age_on": pl.Date, "months": pl.Int64, "totalized": pl.Int64, "theoretical": pl.Boolean,
                     "currency": pl.Utf8, "formula_version": pl.Int64}  # fmt: skip
    return Careers(pl.DataFrame(years, schema=year_schema, orient="row"),
                   pl.DataFrame(rows, schema=people_schema, orient="row"))  # fmt: skip


def scalar_amounts(
    people: list[Person], scheme: Scheme, kind: BenefitFormulaKind, currency: str
) -> list[Fraction | None]:
    """The scalar formula's amount for each person (the oracle)."""
    formula = FORMULAS[kind]
    parameter = scheme.parameters.benefit_formula
    assert parameter is not None
    out = []
    for person in people:
        dated = parameter.at(person.claim_date)
        assert dated is not None, f"{scheme.id}: no benefit formula in force on {person.claim_date}"
        assert dated.value.kind is kind, f"{scheme.id}: {dated.value.kind} on {person.claim_date}, not {kind}"
        career = scalar_career(person, currency)
        out.append(formula.compute(career, scheme.parameters, dated.value).amount)
    return out


def kernel_amounts(found: pl.DataFrame, size: int) -> list[tuple[int, int] | None]:
    by_person = {r["person"]: r for r in found.iter_rows(named=True)}
    out: list[tuple[int, int] | None] = []
    for index in range(size):
        row = by_person.get(index)
        out.append(None if row is None or row["amount_n"] is None else (row["amount_n"], row["amount_d"]))
    return out


def as_pairs(amounts: list[Fraction | None]) -> list[tuple[int, int] | None]:
    """The scalar amounts as the kernel hands them on (``fraction_pairs.pair``)."""
    return [None if a is None else pair(a) for a in amounts]


@st.composite
def people(draw: st.DrawFn, first: int, last: int, claims: tuple[date, date], earnings_max: int) -> Person:
    """A drawn career: years between ``first`` and ``last`` with whole or part months, some
    earnings unknown, some other parties' months (theoretical careers)."""
    start = draw(st.integers(first, last))
    count = draw(st.integers(0, min(45, last - start + 1)))
    own: dict[int, int] = {}
    earnings: dict[int, Decimal | None] = {}
    foreign: dict[int, int] = {}
    for year in range(start, start + count):
        kind = draw(st.sampled_from(["full", "full", "full", "part", "none", "foreign"]))
        if kind in ("full", "part"):
            own[year] = 12 * U if kind == "full" else draw(st.integers(1, 12 * U - 1))
            earnings[year] = (
                None if draw(st.integers(0, 30)) == 0 else Decimal(draw(st.integers(0, earnings_max))) / 100
            )
        if kind == "foreign" or (kind == "part" and draw(st.booleans())):
            foreign[year] = draw(st.integers(1, 12 * U - own.get(year, 0)))
    claim = draw(st.dates(*claims))
    birth = date(claim.year - draw(st.integers(55, 75)), draw(st.integers(1, 12)), draw(st.integers(1, 28)))
    if draw(st.integers(0, 20)) == 0:
        birth = date(1952, 2, 29)
    sex = draw(st.sampled_from(["men", "women", None]))
    return Person(birth, claim, sex, own, earnings, foreign, draw(st.booleans()))
