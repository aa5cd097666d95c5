"""India, Employees' Pension Scheme 1995 over every person (``rules.formulas.pensionable_salary``,
the oracle): pensionable salary x pensionable service / 70 (para 12(2)), pro rata to the wage
ceilings of 6,500 and 15,000 a month (para 11(1) as substituted from 1 September 2014 by
G.S.R. 609(E)), at least the minimum pension (para 12(7A), G.S.R. 593(E)).

Stages:

1. **Pensionable salary** (para 11(1)): the average monthly pay, each year's pay per counted
   month capped at that year's monthly wage ceiling (its monthly values averaged where it
   changed within the year), over the last 60 own months before exit, latest year first. The
   window and each year's capped pay x months taken are columns; their sum, ratios with
   unrelated denominators (earnings split by days x part years' month units), would overflow
   128 bits, so this one step is a per-person sum in Python integers over the few rows of each
   window, made one ``Fraction`` (``_salaries``); exact, as the scalar, where the salary's
   denominator is at most 2^40 (see ``_within_room`` for the rest).
2. **Pensionable service** (paras 9, 10(2)): counted months (every totalized month in the
   theoretical career) in whole years, a rest of 6 months or more counting as a year; 2 years'
   weightage for 20 years or more (the member is 58 or older: an earlier claim has no amount,
   the early pension's reduction of para 12(7) not being encoded); the part of the service after
   31 August 2014 is the rounded total less the months before 1 September 2014 (the months of
   2014 spread evenly), the weightage going with the first part. In month units over 144 x
   ``UNITS_PER_MONTH`` (exact integers).
3. **Member's pension** (para 12(2), 12(7A)): min(salary, 6,500) x first part / 70 + min(salary,
   15,000) x later part / 70, raised to the minimum pension; the exact result reduced to lowest
   terms (Euclid's algorithm in columns) so that the pro-rata and comparison stages after it
   stay within 128 bits.
"""

import math
from collections import defaultdict
from fractions import Fraction

import polars as pl

from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.formulas.frames import (
    Careers,
    by_person_year,
    dated_values,
    person_sums,
    run_later,
    run_sum,
)
from coordina.batch.vectorised.formulas.lowest_terms import reduced
from coordina.domain.scheme import Scheme
from coordina.rules.formulas.career import Reading
from coordina.rules.formulas.pensionable_salary import SPLIT, SUPERANNUATION_AGE, WINDOW_MONTHS, ceiling_of_year
from coordina.rules.periods import UNITS_PER_MONTH

I128 = q.I128
YEAR = 12 * UNITS_PER_MONTH
EARNINGS_ROOM = 1 << 40
"""A year's earnings with a larger denominator are first reduced to lowest terms (the terms of
the salary then stay within 128 bits: at most about 2^107)."""
SALARY_ROOM = 1 << 40
"""The largest salary denominator kept exact (``_within_room``)."""
TERM_ROOM = 1 << 62
"""Earnings parts below this keep the comparison of pay and ceiling within 128 bits."""
CEILING_ROOM = 1 << 20
"""A monthly ceiling below this keeps the window's sum within the bounds of ``pensionable_salary``."""
COMMON_ROOM = 1 << 56
"""The largest common denominator of the window's terms (``_common``)."""
FLOOR_ROOM = 1 << 86
"""A reduced salary denominator below this is floored in columns (``_within_room_pair``)."""
SERVICE_D = 12 * YEAR
"""Service in years over 144 x the month units (months before 1 September 2014 / 12 / 12)."""


def compute(careers: Careers, scheme: Scheme) -> pl.DataFrame:
    people = careers.people.select("person", "birth_date", "claim_date", "months")
    dates = people.get_column("claim_date").unique().to_list()
    values = dated_values(scheme, ("pension_divisor", "minimum_pension"), dates)
    table = people.join(values, on="claim_date", how="left")
    years = by_person_year(careers.years)
    table = table.join(pensionable_salary(years, scheme), on="person", how="left")
    table = table.join(service_before_split(years), on="person", how="left").with_columns(pl.col("before").fill_null(0))
    ceiling = scheme.parameters.values.get("wage_ceiling")
    old, new = (ceiling.at(day) if ceiling else None for day in (SPLIT.replace(month=8), SPLIT))
    if old is None or new is None:
        return table.select("person", *q.named("amount", q.null()))
    amount = member_pension(q.lit(old.value), q.lit(new.value))
    known = (
        (_age_years() >= SUPERANNUATION_AGE)
        & pl.col("salary_n").is_not_null()
        & pl.col("pension_divisor_n").is_not_null()
        & (pl.col("pension_divisor_n") != 0)
    )
    floor = q.col("minimum_pension")
    raised = q.choose(pl.col("minimum_pension_n").is_not_null() & q.less(amount, floor), floor, amount)
    table = table.lazy().select("person", *q.named("amount", q.choose(known, raised, q.null()))).collect()
    return reduced(table, "amount")


def window(years: pl.DataFrame) -> pl.LazyFrame:
    """The last 60 own months before exit (``rules.formulas.pensionable_salary.window``): person,
    year, own_months, taken (units), earnings; ``later`` (the own units of the person's later
    years) summed on the years in order of person and year (``frames.by_person_year``)."""
    own = years.lazy().filter(pl.col("own_months") > 0)
    later = run_later(pl.col("own_months"))
    left = pl.lit(WINDOW_MONTHS * UNITS_PER_MONTH, dtype=pl.Int64) - later
    taken = pl.min_horizontal(pl.col("own_months"), left)
    return own.with_columns(taken=taken).filter(pl.col("taken") > 0)


def pensionable_salary(years: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """Per person the salary (``salary_n``/``salary_d``; absent where an earnings year or a
    ceiling of the window is unknown, or the window is empty), para 11(1): the sum of each
    year's min(pay, ceiling) x months taken, x U / the units taken, in lowest terms.

    The sum in columns over one denominator for the whole table (``_common``: the least common
    multiple of the most frequent denominators of the terms, at most ``COMMON_ROOM``) times the
    own units of the one part year a window can end on (its earliest year, where only some
    of its months are taken); a window with a denominator outside it, or a figure too large for
    the bounds below, is summed in Python ``Fraction`` (``_salaries``, as the scalar). Bounds: a
    term is at most the ceiling x its months (pay below the ceiling), so the window's sum x the
    denominator is at most 60 x the largest ceiling (< 2^20) x 2^56 x the part year's units
    (< 2^24), x U (< 2^20) below 2^126; the denominator 2^56 x 2^24 x the units taken (< 2^26)."""
    taken = window(reduced(years, "earnings", above=EARNINGS_ROOM))
    ceilings = _ceilings(scheme, years.get_column("year").unique().to_list())
    by_year = {part: dict(zip(ceilings.get_column("year"), ceilings.get_column(part), strict=True))
               for part in ("ceiling_n", "ceiling_d")}  # fmt: skip
    taken = taken.with_columns(
        pl.col("year").replace_strict(by_year[part], default=None, return_dtype=I128).alias(part) for part in by_year
    )
    unknown = run_sum((pl.col("earnings_n").is_null() | pl.col("ceiling_n").is_null()).cast(pl.Int64)) > 0
    en, ed, cn, cd = pl.col("earnings_n"), pl.col("earnings_d"), pl.col("ceiling_n"), pl.col("ceiling_d")
    own, months = pl.col("own_months").cast(I128), pl.col("taken").cast(I128)
    small = (en < TERM_ROOM) & (ed < TERM_ROOM) & (cn < CEILING_ROOM * cd)
    # pay = earnings / own months (units / U): pay < ceiling, cross-multiplied
    by_pay = en * UNITS_PER_MONTH * cd < cn * ed * own
    whole = months % UNITS_PER_MONTH == 0
    # each term is term_n / (term_d x the part year's own units, where the term is that year's pay)
    term_n = (
        pl.when(by_pay & (months == own))
        .then(en)  # the whole year: its earnings
        .when(by_pay)
        .then(en * months)
        .when(whole)
        .then(cn * (months // UNITS_PER_MONTH))
        .otherwise(cn * months)
    )
    term_d = pl.when(by_pay).then(ed).when(whole).then(cd).otherwise(cd * UNITS_PER_MONTH)
    rows = (
        taken.filter(~unknown)
        .with_columns(small=run_sum((~small).cast(pl.Int64)) == 0)
        .with_columns(
            term_n=pl.when("small").then(term_n),
            term_d=pl.when("small").then(term_d),
            part=pl.when("small").then(by_pay & (months != own)),
        )
        .collect()
    )
    common = pl.lit(_common(rows.get_column("term_d").drop_nulls()), dtype=I128)  # the small rows
    part = pl.col("part")
    scaled = pl.col("term_n") * (common // pl.col("term_d"))
    sums = (
        rows.lazy()
        .filter(pl.col("small"))
        .group_by("person")
        .agg(
            fits=(common % pl.col("term_d") == 0).all(),
            whole=scaled.filter(~part).sum(),
            part=scaled.filter(part).sum(),
            part_units=pl.col("own_months").filter(part).first().fill_null(1).cast(I128),
            taken=pl.col("taken").sum().cast(I128),
        )
        .filter(pl.col("fits"))
        .select(
            "person",
            salary_n=(pl.col("whole") * pl.col("part_units") + pl.col("part")) * UNITS_PER_MONTH,
            salary_d=common * pl.col("part_units") * pl.col("taken"),
        )
        .collect()
    )
    salary = reduced(sums, "salary")
    exact = salary.filter(pl.col("salary_d") < FLOOR_ROOM).with_columns(*q.named("salary", _within_room_pair()))
    every = rows.select(pl.col("person").unique())
    left = every.join(exact.select("person"), on="person", how="anti").get_column("person")  # a few
    rest = rows.filter(pl.col("person").is_in(left.implode()))
    return pl.concat([exact.select("person", "salary_n", "salary_d"), _salaries(rest)])


def _common(denominators: pl.Series) -> int:
    """The least common multiple of the most frequent ``denominators`` (most frequent first),
    each taken while the multiple stays within ``COMMON_ROOM``."""
    common = 1
    for value in denominators.value_counts(sort=True).get_column(denominators.name).to_list():
        wider = math.lcm(common, value)
        if wider <= COMMON_ROOM:
            common = wider
    return common


def _ceilings(scheme: Scheme, years: list[int]) -> pl.DataFrame:
    """The monthly wage ceiling over each year (``ceiling_of_year``: the scalar's dated lookup,
    once per calendar year)."""
    rows = []
    for year in years:
        value = ceiling_of_year(Reading(scheme.parameters), year)
        parts = (value.numerator, value.denominator) if value is not None else (None, None)
        rows.append({"year": year, "ceiling_n": parts[0], "ceiling_d": parts[1]})
    return pl.DataFrame(rows, schema={"year": pl.Int64, "ceiling_n": I128, "ceiling_d": I128}, orient="row")


def _salaries(rows: pl.DataFrame) -> pl.DataFrame:
    """The salary of the windows left (``rules.formulas.pensionable_salary.pensionable_salary``
    on the same rows): each year's min(pay, ceiling) x months taken as ``Fraction``, summed,
    over the months taken."""
    total: dict[int, Fraction] = defaultdict(Fraction)
    months: dict[int, int] = defaultdict(int)
    columns = ("person", "earnings_n", "earnings_d", "ceiling_n", "ceiling_d", "own_months", "taken")
    for person, en, ed, cn, cd, own, taken in rows.select(columns).iter_rows():
        pay = Fraction(en * UNITS_PER_MONTH, ed * own)
        total[person] += min(pay, Fraction(cn, cd)) * Fraction(taken, UNITS_PER_MONTH)
        months[person] += taken
    salaries = {person: _within_room(value * UNITS_PER_MONTH / months[person]) for person, value in total.items()}
    return pl.DataFrame(
        {
            "person": list(salaries),
            "salary_n": [s.numerator for s in salaries.values()],
            "salary_d": [s.denominator for s in salaries.values()],
        },
        schema={"person": pl.Int64, "salary_n": I128, "salary_d": I128},
    )


def _within_room_pair() -> tuple[pl.Expr, pl.Expr]:
    """``_within_room`` in columns, for a salary in lowest terms with a denominator below
    ``FLOOR_ROOM`` (the remainder x 10^12 then stays within 128 bits)."""
    n, d = q.col("salary")
    scale = pl.lit(10**12, dtype=I128)
    floored = (n // d) * scale + (n % d) * scale // d
    return q.choose(d <= SALARY_ROOM, (n, d), (floored, scale))


def _within_room(salary: Fraction) -> Fraction:
    """The salary as it is where its denominator is at most 2^40 (every window of the seeded
    populations: at most 2^25), else floored to a multiple of 10^-12 (the amount then lies within
    10^-12 below the exact one, so its rounding to the paisa and its pro-rata share can differ only
    if the exact amount were that close above a half paisa): the amount's pair, about 2^33 x the
    salary's denominator, then leaves room for the pro-rata fraction and the rounding after it."""
    if salary.denominator <= SALARY_ROOM:
        return salary
    return Fraction(salary.numerator * 10**12 // salary.denominator, 10**12)


def service_before_split(years: pl.DataFrame) -> pl.DataFrame:
    """Per person ``before``: 12 x the month units before 1 September 2014 (the months of 2014
    spread evenly over it, para 11(1) proviso), so that the service in years before the split is
    ``before / SERVICE_D`` (years in order of person, ``frames.by_person_year``)."""
    months, year = pl.col("months").cast(pl.Int64), pl.col("year")
    part = pl.when(year < SPLIT.year).then(12 * months).when(year == SPLIT.year).then((SPLIT.month - 1) * months)
    # Int64: 12 x a year's units (< 2^27) over fewer than 2^36 rows
    return person_sums(years.lazy(), before=part.otherwise(0)).collect()


def member_pension(old: tuple[pl.Expr, pl.Expr], new: tuple[pl.Expr, pl.Expr]) -> tuple[pl.Expr, pl.Expr]:
    """min(salary, old ceiling) x service to 31 August 2014 (with the weightage) + min(salary,
    new ceiling) x later service, over the divisor (para 11(1) proviso, 10(2), 12(2))."""
    whole = pl.col("months").cast(I128) // YEAR
    rest = pl.col("months").cast(I128) - whole * YEAR
    rounded = whole + (rest >= 6 * UNITS_PER_MONTH).cast(I128)  # para 9
    weightage = pl.when(rounded >= 20).then(pl.lit(2, dtype=I128)).otherwise(pl.lit(0, dtype=I128))  # para 10(2)
    after = pl.max_horizontal(pl.lit(0, dtype=I128), rounded * SERVICE_D - pl.col("before").cast(I128))
    first = rounded * SERVICE_D - after + weightage * SERVICE_D
    salary = q.col("salary")
    low, high = q.minimum(salary, old), q.minimum(salary, new)
    # over salary_d alone where the salary is below both ceilings (first + after = the whole service)
    below = (salary[0] * (rounded + weightage), salary[1])
    split = (low[0] * high[1] * first + high[0] * low[1] * after, low[1] * high[1] * SERVICE_D)
    total = q.choose(~q.less(old, salary) & ~q.less(new, salary), below, split)
    return q.div(total, q.col("pension_divisor"))


def _age_years() -> pl.Expr:
    """Completed years of age on the claim date."""
    birth, claim = pl.col("birth_date"), pl.col("claim_date")
    day = pl.Int64  # dt.month() and dt.day() are Int8: widen before scaling

    def of_year(on: pl.Expr) -> pl.Expr:
        return on.dt.month().cast(day) * 100 + on.dt.day().cast(day)

    before_birthday = of_year(claim) < of_year(birth)
    return claim.dt.year().cast(pl.Int64) - birth.dt.year().cast(pl.Int64) - before_birthday.cast(pl.Int64)
