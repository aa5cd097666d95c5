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

from collections import defaultdict
from fractions import Fraction

import polars as pl

from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.formulas.fraction_pairs import group_sums
from coordina.batch.vectorised.formulas.frames import Careers, by_person_year, dated_values, run_later, run_sum
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
"""Earnings terms below this keep each year's term within 2^100 (x the units taken, < 2^26)."""
SUM_BITS = 100
"""The window's sum in columns where it stays within 2^100: x U (< 2^20) and its denominator x
the units taken (< 2^26) stay within 128 bits (``fraction_pairs.group_sums``)."""
FLOOR_ROOM = 1 << 86
"""A reduced salary denominator below this is floored in columns (``_within_room_pair``)."""
SERVICE_D = 12 * YEAR
"""Service in years over 144 x the month units (months before 1 September 2014 / 12 / 12)."""


def compute(careers: Careers, scheme: Scheme) -> pl.DataFrame:
    people = careers.people.select("person", "birth_date", "claim_date", "months")
    values = dated_values(scheme, ("pension_divisor", "minimum_pension"), people.get_column("claim_date").to_list())
    table = people.join(values, on="claim_date", how="left")
    table = table.join(pensionable_salary(careers.years, scheme), on="person", how="left")
    table = table.join(service_before_split(careers.years), on="person", how="left").with_columns(
        pl.col("before").fill_null(0)
    )
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
    years) summed on the years in order of person and year."""
    own = by_person_year(years.filter(pl.col("own_months") > 0)).lazy()
    later = run_later(pl.col("own_months"))
    left = pl.lit(WINDOW_MONTHS * UNITS_PER_MONTH, dtype=pl.Int64) - later
    taken = pl.min_horizontal(pl.col("own_months"), left)
    return own.with_columns(taken=taken).filter(pl.col("taken") > 0)


def pensionable_salary(years: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """Per person the salary (``salary_n``/``salary_d``; absent where an earnings year or a
    ceiling of the window is unknown, or the window is empty), para 11(1): the sum of each
    year's min(pay, ceiling) x months taken over one common denominator
    (``fraction_pairs.group_sums``), x U / the units taken, in lowest terms; a window whose sum
    could leave 128 bits is summed in Python integers (``_salaries``)."""
    taken = window(reduced(years, "earnings", above=EARNINGS_ROOM))
    ceilings = _ceilings(scheme, years.get_column("year").unique().to_list())
    taken = taken.join(ceilings.lazy(), on="year", how="left", maintain_order="left")
    unknown = run_sum((pl.col("earnings_n").is_null() | pl.col("ceiling_n").is_null()).cast(pl.Int64)) > 0
    kept = taken.filter(~unknown)
    en, ed, cn, cd = pl.col("earnings_n"), pl.col("earnings_d"), pl.col("ceiling_n"), pl.col("ceiling_d")
    own, months = pl.col("own_months").cast(I128), pl.col("taken").cast(I128)
    # pay = earnings / own months (units / U): pay < ceiling, cross-multiplied
    by_pay = en * UNITS_PER_MONTH * cd < cn * ed * own
    whole = months % UNITS_PER_MONTH == 0
    term_n = (
        pl.when(by_pay & (months == own))
        .then(en)  # the whole year: its earnings
        .when(by_pay)
        .then(en * months)
        .when(whole)
        .then(cn * (months // UNITS_PER_MONTH))
        .otherwise(cn * months)
    )
    term_d = (
        pl.when(by_pay & (months == own))
        .then(ed)
        .when(by_pay)
        .then(ed * own)
        .when(whole)
        .then(cd)
        .otherwise(cd * UNITS_PER_MONTH)
    )
    small = (en < TERM_ROOM) & (ed < TERM_ROOM)  # so that the terms above stay within 2^100
    rows = kept.with_columns(term_n=term_n, term_d=term_d, small=run_sum((~small).cast(pl.Int64)) == 0).collect()
    fast = rows.filter(pl.col("small"))
    sums = group_sums(fast.lazy(), "person", "term", "sum", bits=SUM_BITS)
    units = fast.lazy().group_by("person").agg(pl.col("taken").sum())
    found = (
        sums.join(units, on="person")
        .with_columns(salary_n=pl.col("sum_n") * UNITS_PER_MONTH, salary_d=pl.col("sum_d") * pl.col("taken").cast(I128))
        .collect()
    )
    salary = reduced(found.filter(pl.col("sum_ok")), "salary")
    exact = salary.filter(pl.col("salary_d") < FLOOR_ROOM).with_columns(*q.named("salary", _within_room_pair()))
    fast = fast.join(exact.select("person"), on="person", how="anti")
    rest = pl.concat([rows.filter(~pl.col("small")), fast]).select("person", "term_n", "term_d", "taken")
    return pl.concat([exact.select("person", "salary_n", "salary_d"), _salaries(rest)])


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
    """The sum of each window's terms over its months taken: the one step outside columns (see
    the module's docstring), in Python integers, one ``Fraction`` (one reduction) per person."""
    total: dict[int, tuple[int, int]] = {}
    months: dict[int, int] = defaultdict(int)
    for person, term_n, term_d, taken in rows.iter_rows():
        before = total.get(person)
        total[person] = (
            (term_n, term_d) if before is None else (before[0] * term_d + term_n * before[1], before[1] * term_d)
        )
        months[person] += taken
    salaries = {
        person: _within_room(Fraction(n * UNITS_PER_MONTH, d * months[person])) for person, (n, d) in total.items()
    }
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
    ``before / SERVICE_D``."""
    months, year = pl.col("months").cast(pl.Int64), pl.col("year")
    part = pl.when(year < SPLIT.year).then(12 * months).when(year == SPLIT.year).then((SPLIT.month - 1) * months)
    return by_person_year(years).group_by("person").agg(part.otherwise(0).sum().alias("before"))


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
