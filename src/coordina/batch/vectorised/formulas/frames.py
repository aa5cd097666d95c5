"""What a vectorised formula reads (the columnar ``rules.formulas.career.Career``)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import polars as pl

from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.facts import per_date
from coordina.domain.scheme import Scheme


@dataclass(frozen=True)
class Careers:
    """The careers of one scheme's claims.

    ``years``: person, year, months (month units, ``rules.periods.UNITS_PER_MONTH`` a month),
    earnings_n / earnings_d (the year's earnings in ``currency``, exact; null: unknown, never
    zero), own_months (the scheme's own units of the year: equal to months except in a
    theoretical career), attributed (other parties' months counted as if national that year).
    ``people``: person, birth_date, sex, claim_date, pension_age_on (null: none or unknown),
    months (units, all years), totalized (units of every party's periods), theoretical (bool),
    currency, formula_version (the index of the scheme's ``benefit_formula`` value in force on
    the claim date)."""

    years: pl.DataFrame
    people: pl.DataFrame


def dated_values(scheme: Scheme, names: tuple[str, ...], dates: list[date]) -> pl.DataFrame:
    """The named ``values`` in force on each claim date as exact rationals (``<name>_n``,
    ``<name>_d``; null where the scheme data give none that day), keyed by claim_date."""

    parameters = [scheme.parameters.values.get(name) for name in names]
    known: dict[tuple[int, ...], dict[str, Any]] = {}

    def fact(day: date) -> dict[str, Any]:
        values = [parameter.at(day) if parameter else None for parameter in parameters]
        key = tuple(id(v) for v in values)  # the figures change only with the values in force
        if key not in known:
            out: dict[str, Any] = {}
            for name, value in zip(names, values, strict=True):
                number = Fraction(value.value) if value is not None else None
                out[f"{name}_n"] = number.numerator if number is not None else None
                out[f"{name}_d"] = number.denominator if number is not None else None
            known[key] = out
        return known[key]

    schema = {f"{n}_{part}": q.I128 for n in names for part in ("n", "d")}
    return per_date(dates, fact, schema)


def yearly_table(scheme: Scheme, name: str) -> pl.DataFrame:
    """A yearly table of the scheme (``tables.<name>``) as year, value_n, value_d."""
    table = scheme.parameters.tables.get(name)
    rows = []
    for year, value in table.values.items() if table else []:
        number = Fraction(Decimal(value))
        rows.append({"year": year, "value_n": number.numerator, "value_d": number.denominator})
    return pl.DataFrame(rows, schema={"year": pl.Int64, "value_n": q.I128, "value_d": q.I128}, orient="row")


def by_person_year(years: pl.DataFrame) -> pl.DataFrame:
    """``years`` in order of person and year (as ``batch.vectorised.careers`` hands them on:
    then not sorted again), the person column flagged sorted (Polars then groups by runs)."""
    person, year = pl.col("person"), pl.col("year")
    step = (person.diff() > 0) | ((person.diff() == 0) & (year.diff() > 0))
    if years.height > 1 and not years.select(step.slice(1).all()).item():
        years = years.sort("person", "year")
    return years.with_columns(person.set_sorted())


def _run_ends(value: pl.Expr) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """The running sum of ``value`` and its values before the person's first row and at the
    person's last row, on rows in order of person."""
    person, total = pl.col("person"), value.fill_null(0).cum_sum()
    first = (person != person.shift(1)).fill_null(True)
    last = (person != person.shift(-1)).fill_null(True)
    start = pl.when(first).then(total - value.fill_null(0)).forward_fill()
    return total, start, pl.when(last).then(total).backward_fill()


def run_sum(value: pl.Expr) -> pl.Expr:
    """The sum of ``value`` over the person's rows, on each of them (rows in order of person, as
    ``by_person_year`` gives them): running sums, no grouping."""
    _, start, end = _run_ends(value)
    return end - start


def run_later(value: pl.Expr) -> pl.Expr:
    """The sum of ``value`` over the person's later rows (rows in order of person)."""
    total, _, end = _run_ends(value)
    return end - total


def person_sums(rows: pl.LazyFrame, **sums: pl.Expr) -> pl.LazyFrame:
    """One row per person with the named sums over the person's rows (rows in order of person,
    as ``by_person_year`` gives them; nulls count as 0): running sums read at each person's last
    row, less the previous person's. For values whose running sum over the whole table cannot
    overflow (e.g. month units in Int64)."""
    person = pl.col("person")
    last = (person != person.shift(-1)).fill_null(True)
    running = rows.select(
        person, *(value.fill_null(0).cum_sum().alias(name) for name, value in sums.items()), _last=last
    )
    ends = running.filter(pl.col("_last"))
    return ends.select(person, *(pl.col(name) - pl.col(name).shift(1).fill_null(0) for name in sums))
