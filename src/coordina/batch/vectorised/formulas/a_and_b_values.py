"""Korea, National Pension, over every person (``rules.formulas.a_and_b_values``, the oracle):
the old-age pension from the basic pension amount (National Pension Act art. 51, 53, 61, 63, as
the 2007 wholly amended Act, No. 8541, and its addenda state them; art. 51(1) as amended by Act
No. 20903 from 2026). Only old-age claims reach it (the kernel sends the other branches to the
scalar engine).

In columns, as exact 128-bit rationals:

- per own insured year t: the standard monthly income (the year's earnings over its own months,
  half under the floor and ceiling of standard monthly income in force on 1 January and half
  under those of 1 July, Enforcement Decree art. 5) times the year's own months and its
  revaluation rate (art. 51(1)2: the ministry's rate of ``revaluation_<pension year>``, else
  A(pension year) / A(t + 1); 1 from the year before the pension starts);
- per person: the sums over insurance years of accrual factor x months and factor x B weight x
  months (art. 51(1), addenda), the addition of 5 % a year beyond 20 years (art. 51(1) proviso),
  the payment rate (art. 63(1)), the early rate (art. 63(2); at most 60 months, art. 61(2)) and
  the months of the last 5 insured years (art. 53).

Per person, in Python ``Fraction`` over the grouped years: B, the own average revalued income
(art. 51(1)2) -- a sum over years of incomes revalued by A(pension year) / A(t + 1), ratios
whose denominators are unrelated and overflow 128 bits -- and what multiplies it: the basic
pension amount (A and B by insurance year) and the cap of art. 53. The amount is handed on by
``fraction_pairs.pair``: exact where it fits (e.g. a pension year whose revaluation rates are
published), else floored to a multiple of 10^-k won, k >= 4, whose rounding to the won is that
of the exact amount (see ``fraction_pairs``).
"""

from datetime import date
from fractions import Fraction
from math import lcm
from typing import Any

import polars as pl

from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.formulas.fraction_pairs import amounts
from coordina.batch.vectorised.formulas.frames import Careers, yearly_table
from coordina.domain.scheme import Scheme
from coordina.rules.formulas.a_and_b_values import FULL_MONTHS, MINIMUM_MONTHS
from coordina.rules.periods import UNITS_PER_MONTH

I128 = q.I128
U = UNITS_PER_MONTH
CAP_MONTHS = 60
"""The last 5 insured years of the cap (art. 53)."""
EARLY_MONTHS = 60
"""An early old-age pension starts at most 5 years before the pension age (art. 61(2))."""

Rational = tuple[pl.Expr, pl.Expr]


def _int(value: int) -> pl.Expr:
    return pl.lit(value, dtype=I128)


def _add(a: Rational, b: Rational) -> Rational:
    return a[0] * b[1] + b[0] * a[1], a[1] * b[1]


def _pick_lower(a: Rational, b: Rational) -> Rational:
    return q.choose(q.less(b, a), b, a)


def _pick_higher(a: Rational, b: Rational) -> Rational:
    return q.choose(q.less(a, b), b, a)


def _value_on(scheme: Scheme, name: str, day: date) -> Fraction | None:
    parameter = scheme.parameters.values.get(name)
    found = parameter.at(day) if parameter else None
    return Fraction(found.value) if found is not None else None


def _limits(scheme: Scheme, years: list[int]) -> pl.DataFrame:
    """Floor and ceiling of standard monthly income in force on 1 January (``*_jan``) and
    1 July (``*_jul``) of each year (Enforcement Decree art. 5); null where the data give none."""
    rows = []
    for year in sorted(set(years)):
        row: dict[str, Any] = {"year": year}
        for suffix, day in (("jan", date(year, 1, 1)), ("jul", date(year, 7, 1))):
            for name, short in (("income_floor", "floor"), ("income_ceiling", "ceiling")):
                value = _value_on(scheme, name, day)
                row[f"{short}_{suffix}_n"] = value.numerator if value is not None else None
                row[f"{short}_{suffix}_d"] = value.denominator if value is not None else None
        rows.append(row)
    schema: dict[str, Any] = {"year": pl.Int64}
    schema |= {f"{s}_{x}_{p}": I128 for x in ("jan", "jul") for s in ("floor", "ceiling") for p in ("n", "d")}
    return pl.DataFrame(rows, schema=schema, orient="row")


def _published_rates(scheme: Scheme, pension_years: list[int]) -> pl.DataFrame:
    """The ministry's revaluation rates for each pension year that has a table
    ``revaluation_<pension year>`` (Enforcement Decree art. 37), by earnings year."""
    rows = []
    for pension_year in sorted(set(pension_years)):
        table = scheme.parameters.tables.get(f"revaluation_{pension_year}")
        for year, rate in table.values.items() if table else []:
            number = Fraction(rate)
            rows.append((pension_year, year, number.numerator, number.denominator))
    schema = {"pension_year": pl.Int64, "year": pl.Int64, "rate_n": I128, "rate_d": I128}
    return pl.DataFrame(rows, schema=schema, orient="row")


def _accrual(scheme: Scheme) -> tuple[pl.DataFrame, int, int]:
    """Per insurance year, the accrual factor and factor x B weight as whole multiples of their
    common denominators (returned), for years where both tables give a figure (art. 51(1), addenda)."""
    factors, weights = (scheme.parameters.tables.get(n) for n in ("accrual_factor", "b_weight"))
    pairs: dict[int, tuple[Fraction, Fraction]] = {}
    if factors is not None and weights is not None:
        for year in sorted(set(factors.values) & set(weights.values)):
            factor = Fraction(factors.values[year])
            pairs[year] = (factor, factor * Fraction(weights.values[year]))
    first = lcm(1, *(f.denominator for f, _ in pairs.values()))
    second = lcm(1, *(fw.denominator for _, fw in pairs.values()))
    rows = [(y, int(f * first), int(fw * second)) for y, (f, fw) in pairs.items()]
    schema = {"year": pl.Int64, "factor_l": I128, "weighted_l": I128}
    return pl.DataFrame(rows, schema=schema, orient="row"), first, second


def _people(people: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """Per person: the pension year and its A, whether the claim can have an amount (10 insured
    years, art. 61(1); at most 60 months early, art. 61(2); A known), and the multiplier of the
    weighted factor: the addition beyond 20 years x the payment rate x the early rate / 12."""
    a = yearly_table(scheme, "a_value").rename({"year": "pension_year", "value_n": "a_n", "value_d": "a_d"})
    age, claim = pl.col("pension_age_on"), pl.col("claim_date")
    early = (
        pl.when(age.is_null() | (claim >= age))
        .then(0)
        .otherwise((age.dt.year() - claim.dt.year()).cast(pl.Int64) * 12 + age.dt.month() - claim.dt.month())
    )
    table = people.with_columns(pension_year=claim.dt.year().cast(pl.Int64), early=early.cast(pl.Int64))
    table = table.join(a, on="pension_year", how="left")
    months = pl.col("months").cast(I128)
    beyond = pl.max_horizontal(months - FULL_MONTHS * U, _int(0))
    extra = (_int(1200 * U) + 5 * beyond, _int(1200 * U))
    rate = q.choose(
        months >= FULL_MONTHS * U, q.lit(1), (_int(600 * U) + 5 * (months - MINIMUM_MONTHS * U), _int(1200 * U))
    )
    early_rate = (_int(1000) - 5 * pl.col("early").cast(I128), _int(1000))
    multiplier = q.mul(q.mul(extra, rate), q.div(early_rate, q.lit(12)))
    possible = (
        (pl.col("months") >= MINIMUM_MONTHS * U) & (pl.col("early") <= EARLY_MONTHS) & pl.col("a_n").is_not_null()
    )
    return table.select("person", "pension_year", "a_n", "a_d", "months", *q.named("mult", multiplier),
                        possible=possible)  # fmt: skip


def _own_terms(years: pl.DataFrame, people: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """Per own insured year (own months u > 0): the standard monthly income within the limits,
    x u, x the revaluation rate (``term``, a rational; B = sum of terms / sum of u); ``known``
    false where the earnings, a limit or the rate is missing."""
    own = years.filter(pl.col("own_months") > 0).join(
        people.select("person", "pension_year", "a_n", "a_d"), on="person", how="inner"
    )
    a = yearly_table(scheme, "a_value").select(
        (pl.col("year") - 1).alias("year"), pl.col("value_n").alias("next_n"), pl.col("value_d").alias("next_d")
    )
    own = own.join(_limits(scheme, own.get_column("year").to_list()), on="year", how="left")
    own = own.join(_published_rates(scheme, own.get_column("pension_year").to_list()),
                   on=["pension_year", "year"], how="left")  # fmt: skip
    own = own.join(a, on="year", how="left")
    units = pl.col("own_months").cast(I128)
    # the month's income x u: the earnings as earned, or the floor or ceiling x u
    earned = (pl.col("earnings_n") * U, pl.col("earnings_d"))
    halves = []
    for suffix in ("jan", "jul"):
        floor = (pl.col(f"floor_{suffix}_n") * units, pl.col(f"floor_{suffix}_d"))
        ceiling = (pl.col(f"ceiling_{suffix}_n") * units, pl.col(f"ceiling_{suffix}_d"))
        halves.append(_pick_lower(_pick_higher(earned, floor), ceiling))
    limited = _add(halves[0], halves[1])
    limited = (limited[0], limited[1] * 2)
    by_table = q.col("rate")
    by_a = q.div(q.col("a"), q.col("next"))
    derived = pl.col("next_n").is_not_null() & (pl.col("next_n") != 0)
    factor = (
        pl.when(pl.col("year") >= pl.col("pension_year") - 1).then(_int(1))
        .when(pl.col("rate_n").is_not_null()).then(by_table[0])
        .when(derived).then(by_a[0]),
        pl.when(pl.col("year") >= pl.col("pension_year") - 1).then(_int(1))
        .when(pl.col("rate_n").is_not_null()).then(by_table[1])
        .when(derived).then(by_a[1]),
    )  # fmt: skip
    term = q.mul(limited, factor)
    limits = [f"{s}_{x}_n" for s in ("floor", "ceiling") for x in ("jan", "jul")]
    known = pl.all_horizontal(
        pl.col("earnings_n").is_not_null(), *(pl.col(c).is_not_null() for c in limits), factor[0].is_not_null()
    )
    return own.select("person", "year", "own_months", *q.named("term", term), known=known)


def _insured(years: pl.DataFrame, scheme: Scheme) -> tuple[pl.DataFrame, int, int]:
    """Per person: sum over insured years of factor x months and factor x B weight x months (in
    units, over the common denominators returned); ``known`` false where a year has no factor."""
    table, first, second = _accrual(scheme)
    joined = years.join(table, on="year", how="left")
    months = pl.col("months").cast(I128)
    sums = joined.group_by("person").agg(
        (pl.col("factor_l") * months).sum().alias("s1"),
        (pl.col("weighted_l") * months).sum().alias("s2"),
        pl.col("factor_l").is_not_null().all().alias("accrual_known"),
    )
    return sums, first, second


def _last_years(years: pl.DataFrame) -> pl.DataFrame:
    """The months each of the latest insured years gives to the last 60 insured months (art. 53)."""
    ordered = years.sort(["person", "year"], descending=[False, True])
    before = pl.col("months").cum_sum().over("person") - pl.col("months")
    taken = pl.min_horizontal(pl.max_horizontal(CAP_MONTHS * U - before, pl.lit(0)), pl.col("months"))
    return (
        ordered.with_columns(taken=taken)
        .filter(pl.col("taken") > 0)
        .select("person", "year", "months", "own_months", "taken")
    )


def compute(careers: Careers, scheme: Scheme) -> pl.DataFrame:
    people = _people(careers.people, scheme)
    years = careers.years.filter(pl.col("months") > 0)
    candidates = people.filter(pl.col("possible"))
    years = years.join(candidates.select("person"), on="person", how="semi")
    terms = _own_terms(years, candidates, scheme)
    insured, first, second = _insured(years, scheme)
    last = _last_years(years).join(terms.select("person", "year", "term_n", "term_d"), on=["person", "year"],
                                   how="left")  # fmt: skip
    own = terms.group_by("person").agg(
        pl.col("term_n"), pl.col("term_d"), pl.col("own_months").sum().alias("own_units"),
        pl.col("known").all().alias("own_known"),
    )  # fmt: skip
    latest = last.group_by("person").agg(
        pl.col("term_n").alias("last_n"), pl.col("term_d").alias("last_d"),
        pl.col("months").alias("last_months"), pl.col("own_months").alias("last_own"), pl.col("taken"),
    )  # fmt: skip
    table = (
        candidates.join(own, on="person", how="inner")
        .join(insured, on="person", how="inner")
        .join(latest, on="person", how="left")
        .filter(pl.col("own_known") & pl.col("accrual_known"))
    )
    found = amounts(_amount(row, first, second) for row in table.iter_rows(named=True))
    return careers.people.select("person").join(found, on="person", how="left")


def _amount(row: dict[str, Any], first: int, second: int) -> tuple[int, Fraction | None]:
    """One person's old-age pension a month (art. 51(1), 53, 63), exact."""
    own_units = row["own_units"]
    if not own_units:
        return row["person"], None
    b = sum((Fraction(n, d) for n, d in zip(row["term_n"], row["term_d"], strict=True)), Fraction(0)) / own_units
    months = row["months"]
    a = Fraction(row["a_n"], row["a_d"])
    weighted = (a * Fraction(row["s1"], first) + b * Fraction(row["s2"], second)) / months
    amount = weighted * Fraction(row["mult_n"], row["mult_d"])
    top, taken = Fraction(0), 0
    parts = zip(row["last_n"], row["last_d"], row["last_months"], row["last_own"], row["taken"], strict=True)
    for n, d, whole, own, part in parts:
        term = Fraction(n, d) if n is not None else Fraction(0)
        top += (term + b * (whole - own)) * part / whole
        taken += part
    cap = max(top / taken, b)
    return row["person"], min(amount, cap)
