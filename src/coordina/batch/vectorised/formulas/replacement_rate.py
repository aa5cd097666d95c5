"""A replacement rate by insured years times a reference salary over every person
(``rules.formulas.replacement_rate``): Brazil's RGPS (Lei 8.213/91 arts. 29 and 50 as worded by
Lei 9.876/99; EC 103/2019 art. 26) and Uruguay's BPS (Ley 16.713 arts. 27 and 29, as worded by
Ley 18.395), each scheme's data citing its own law.

    reference salary = the average monthly earnings of the reference years (the last
                       ``reference_years`` own years, or every own year from
                       ``reference_from_year``; the best ``reference_best`` of them, or the best
                       covering ``reference_best_share`` of their months), each year capped at
                       ``earnings_ceiling`` x its months and revalued by ``revaluation_index``;
                       with ``alternative_best_years``, the higher of that and the best years'
                       average, the first limited to the latter x ``alternative_cap_factor``
    rate             = ``base_rate`` + ``rate_per_year`` x complete years above ``base_years``
                       (by sex where the data say), ``rate_per_year_upper`` from ``upper_years``,
                       less ``rate_per_year_below`` per year short, between ``min_rate`` and
                       ``max_rate``; plus the age increments from ``age_rate_from``
    amount           = reference salary x rate, between ``minimum_amount`` and ``maximum_amount``
                       where in force

In columns: the complete years, the rate and the age increments as 128-bit rationals (the day
the ``age_rate_years`` were completed from the months by calendar year, each year's counted
from 1 January, as the scalar estimate); the reference and other own years, the missing
earnings, the ceiling and the index levels of each year. The revalued earnings carry the index
levels' denominators (Uruguay's have 16 digits), so the ranking of the years, the averages and
the amount on them are Python ``Fraction`` per person over the grouped years (the scalar's
``best``, ``best_share`` and ``average``); the amount is handed back as
``fraction_pairs.pair`` gives it.
"""

import itertools
from fractions import Fraction
from typing import Any

import polars as pl

from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.formulas import fraction_pairs as fp
from coordina.batch.vectorised.formulas.frames import Careers, dated_values, yearly_table
from coordina.domain.scheme import Scheme
from coordina.rules.periods import UNITS_PER_MONTH

U = UNITS_PER_MONTH
RATE = ("base_rate", "base_years", "base_years_men", "base_years_women", "rate_per_year", "rate_per_year_below",
        "upper_years", "rate_per_year_upper", "min_rate", "max_rate")  # fmt: skip
AGE = ("age_rate_from", "age_rate_years", "rate_per_year_of_age", "rate_per_year_of_age_before", "age_rate_until",
       "max_age_rate")  # fmt: skip
SALARY = ("reference_years", "reference_from_year", "reference_best", "reference_best_share", "alternative_best_years",
          "alternative_cap_factor", "revaluation_required", "minimum_amount", "maximum_amount")  # fmt: skip


def _given(name: str) -> pl.Expr:
    """The value is in force (``Reading.optional`` reads it)."""
    return pl.col(f"{name}_n").is_not_null()


def _truthy(name: str) -> pl.Expr:
    """In force and not zero (``if _optional(...)``)."""
    return _given(name) & (pl.col(f"{name}_n") != 0)


def _or_zero(name: str) -> fp.Pair:
    """``_optional(...) or 0``."""
    return pl.col(f"{name}_n").fill_null(0), pl.col(f"{name}_d").fill_null(1)


def with_rate(table: pl.LazyFrame) -> pl.LazyFrame:
    """``table`` with rate_n / rate_d: the replacement rate for the complete insured years (null:
    a figure it needs missing), in named steps (each intermediate computed once)."""
    sex = pl.col("sex")
    base_years = (
        pl.when((sex == "men") & _given("base_years_men"))
        .then(fp.whole("base_years_men"))
        .when((sex == "women") & _given("base_years_women"))
        .then(fp.whole("base_years_women"))
        .otherwise(fp.whole("base_years"))
    )
    years, base = pl.col("_years"), pl.col("_base")
    above, below, upper = _or_zero("rate_per_year"), _or_zero("rate_per_year_below"), fp.whole("upper_years")
    value = fp.add(q.col("base_rate"), q.mul(above, fp.of_int(pl.max_horizontal(years - base, 0))))
    steps = pl.max_horizontal(years - pl.max_horizontal(upper, base), 0)
    slower = q.mul(fp.sub(above, q.col("rate_per_year_upper")), fp.of_int(steps))
    has_upper = _given("upper_years") & _given("rate_per_year_upper") & (years > upper)
    value = q.choose(has_upper, fp.sub(value, slower), value)
    value = fp.sub(value, q.mul(below, fp.of_int(pl.max_horizontal(base - years, 0))))
    low, high, found = q.col("min_rate"), q.col("max_rate"), q.col("_value")
    found = q.choose(_given("min_rate") & q.less(found, low), low, found)
    bounded = q.col("_low")
    bounded = q.choose(_given("max_rate") & q.less(high, bounded), high, bounded)
    known = _given("base_rate") & base.is_not_null()
    return (
        table.with_columns(_years=pl.col("months") // (12 * U), _base=base_years)
        .with_columns(*q.named("_value", value))
        .with_columns(*q.named("_low", found))
        .with_columns(*q.named("rate", q.choose(known, bounded, q.null())))
        .drop("_years", "_base", "_value_n", "_value_d", "_low_n", "_low_d")
    )


def _birthday(age: pl.Expr) -> pl.Expr:
    """The day a person born on ``birth_date`` reaches ``age`` (29 February: 1 March)."""
    birth = pl.col("birth_date")
    year = birth.dt.year().cast(pl.Int64) + age
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    moved = (birth.dt.month() == 2) & (birth.dt.day() == 29) & ~leap
    return pl.date(
        year, pl.when(moved).then(3).otherwise(birth.dt.month()), pl.when(moved).then(1).otherwise(birth.dt.day())
    )


def _complete_years(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """Complete years from ``start`` to ``end`` (0 where ``end`` is not after ``start``)."""
    short = (end.dt.month() < start.dt.month()) | (
        (end.dt.month() == start.dt.month()) & (end.dt.day() < start.dt.day())
    )
    years = end.dt.year().cast(pl.Int64) - start.dt.year().cast(pl.Int64) - short.cast(pl.Int64)
    return pl.when(end <= start).then(0).otherwise(years)


def completed_on(careers: Careers, table: pl.DataFrame) -> pl.DataFrame:
    """person, completed: the first day after ``age_rate_years`` of insurance were completed,
    each year's months counted from its 1 January (``replacement_rate.completed_on``)."""
    needed = table.select(
        "person", n=pl.col("age_rate_years_n").fill_null(0), d=pl.col("age_rate_years_d").fill_null(1)
    )
    years = careers.years.join(needed, on="person").sort("person", "year")
    years = years.with_columns(prev=pl.col("months").cum_sum().over("person") - pl.col("months"))
    wanted = pl.col("n").cast(q.I128) * (12 * U)
    prev = pl.col("prev").cast(q.I128) * pl.col("d")
    reached = years.filter((pl.col("prev") + pl.col("months")).cast(q.I128) * pl.col("d") >= wanted)
    first = reached.group_by("person").agg(pl.all().sort_by("year").first())
    per = pl.col("d") * U
    month = ((wanted - prev + per - 1) // per).cast(pl.Int64)  # whole months into the year, rounded up
    return first.select("person", completed=pl.date(pl.col("year") + month // 12, month % 12 + 1, 1))


def age_increment(careers: Careers, table: pl.DataFrame) -> pl.DataFrame:
    """``table`` with age_n / age_d: Ley 16.713 art. 29 A) 2) C), as worded by Ley 18.395 art. 2
    (``replacement_rate.age_increment``): per complete year of age deferred from ``age_rate_from``
    after ``age_rate_years`` of services (at most ``max_age_rate``), and per year of age from then
    while those years were not completed, up to ``age_rate_until``."""
    table = table.join(completed_on(careers, table), on="person", how="left")
    completed, on = pl.col("completed"), pl.col("claim_date")
    start, until = pl.col("_start"), pl.col("_until")
    steps = (
        table.lazy()
        .with_columns(  # in named steps: each date and count computed once
            _start=_birthday(fp.whole("age_rate_from")),
            _until=pl.when(_truthy("age_rate_until")).then(_birthday(fp.whole("age_rate_until"))),
        )
        .with_columns(
            _before=_complete_years(start, pl.min_horizontal(on, completed, until)),
            _deferred=_complete_years(pl.max_horizontal(start, completed), on),
        )
        .with_columns(
            *q.named("_b", q.mul(_or_zero("rate_per_year_of_age_before"), fp.of_int(pl.col("_before")))),
            *q.named("_f", q.mul(_or_zero("rate_per_year_of_age"), fp.of_int(pl.col("_deferred")))),
        )
    )
    before, deferred = q.col("_b"), q.col("_f")
    deferred = q.choose(
        _given("max_age_rate") & q.less(q.col("max_age_rate"), deferred), q.col("max_age_rate"), deferred
    )
    increment = q.choose(completed.is_not_null(), fp.add(before, deferred), before)
    age = q.choose(_given("age_rate_from"), increment, q.lit(0))
    helpers = ("_start", "_until", "_before", "_deferred", "_b_n", "_b_d", "_f_n", "_f_d")
    return steps.with_columns(*q.named("age", age)).drop(helpers).collect()


def salary_years(careers: Careers, table: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """The own years the reference salary reads, grouped by person: year, in_ref (a reference
    year), units, value_n / value_d (the earnings, capped at the year's ceiling), level_n /
    level_d (the index level, 1 where not revalued); unknown: an earnings, ceiling or level
    missing."""
    people = table.select(
        "person", "reference_years_n", "reference_years_d", "reference_from_year_n", "reference_from_year_d",
        "alternative_best_years_n", "revalue",
    )  # fmt: skip
    own = careers.years.filter(pl.col("own_months") > 0).join(people, on="person")
    latest = pl.col("year").rank("ordinal", descending=True).over("person")
    first = fp.whole("reference_from_year")
    in_ref = (
        pl.when(_truthy("reference_years"))
        .then(latest <= fp.whole("reference_years"))
        .otherwise(first.is_null() | (pl.col("year") >= first))
    )
    own = own.with_columns(in_ref=in_ref).filter(pl.col("in_ref") | _truthy("alternative_best_years"))
    earnings = q.col("earnings")
    if "earnings_ceiling" in scheme.parameters.tables:
        ceiling = yearly_table(scheme, "earnings_ceiling").rename({"value_n": "ceiling_n", "value_d": "ceiling_d"})
        own = own.join(ceiling, on="year", how="left")
        cap = q.mul(q.col("ceiling"), q.of_units(pl.col("own_months"), U))
        unknown = pl.col("ceiling_n").is_null() | pl.col("earnings_n").is_null()
        earnings = q.choose(unknown, q.null(), q.minimum(earnings, cap))
    levels = yearly_table(scheme, "revaluation_index").filter(pl.col("value_n") != 0)
    own = own.join(levels.rename({"value_n": "level_n", "value_d": "level_d"}), on="year", how="left")
    revalue = pl.col("revalue")
    own = own.with_columns(
        *q.named("value", earnings),
        level_n=pl.when(revalue).then(pl.col("level_n")).otherwise(pl.lit(1, dtype=q.I128)),
        level_d=pl.when(revalue).then(pl.col("level_d")).otherwise(pl.lit(1, dtype=q.I128)),
    )
    own = own.with_columns(unknown=pl.col("value_n").is_null() | pl.col("level_n").is_null())
    return (
        own.sort("person", "year")
        .group_by("person")
        .agg(
            pl.col("year", "in_ref", "own_months", "value_n", "value_d", "level_n", "level_d"),
            pl.col("unknown").any(),
        )
    )


def compute(careers: Careers, scheme: Scheme) -> pl.DataFrame:
    people = careers.people
    values = dated_values(scheme, RATE + AGE + SALARY, people.get_column("claim_date").unique().to_list())
    table = people.join(values, on="claim_date", how="left")
    table = with_rate(table.lazy()).collect()
    table = age_increment(careers, table)
    indexed = "revaluation_index" in scheme.parameters.tables
    table = table.with_columns(revalue=pl.lit(indexed) | _truthy("revaluation_required"))
    last = yearly_table(scheme, "revaluation_index").select(
        last_year=pl.col("year"), last_n=pl.col("value_n"), last_d=pl.col("value_d")
    )
    table = table.with_columns(last_year=pl.col("claim_date").dt.year().cast(pl.Int64) - 1).join(
        last, on="last_year", how="left"
    )
    table = table.join(salary_years(careers, table, scheme), on="person", how="left")
    pairs = ("rate", "age", "minimum_amount", "maximum_amount", "last", "reference_best", "reference_best_share",
             "alternative_best_years", "alternative_cap_factor")  # fmt: skip
    lists = ("year", "in_ref", "own_months", "value_n", "value_d", "level_n", "level_d")
    read = table.select("person", "unknown", "revalue", *lists, *(f"{n}_{part}" for n in pairs for part in "nd"))
    return fp.amounts((row["person"], _amount(row)) for row in read.iter_rows(named=True))


def _amount(row: dict[str, Any]) -> Fraction | None:
    """Reference salary x (rate + age increment), bounded (``replacement_rate.compute``)."""
    replacement = fp.fraction(row["rate_n"], row["rate_d"])
    salary = _salary(row)
    if salary is None or replacement is None:
        return None
    amount = salary * (replacement + Fraction(row["age_n"], row["age_d"]))
    low = fp.fraction(row["minimum_amount_n"], row["minimum_amount_d"])
    return fp.bounded(amount, low, fp.fraction(row["maximum_amount_n"], row["maximum_amount_d"]))


Value = tuple[int, int]
"""A revalued year's earnings as an integer pair (numerator, denominator), not reduced."""


def _salary(row: dict[str, Any]) -> Fraction | None:
    """The reference salary (``replacement_rate.reference_salary``) of one person's years, in
    Python integers: each year's revalued earnings a pair, ranked by float (exact where the
    floats differ), summed over one denominator, one ``Fraction`` per average."""
    years = row["year"]
    if years is None or not any(row["in_ref"]) or row["unknown"]:
        return None  # no reference year, or an earnings, ceiling or index level missing
    last_n, last_d = 1, 1
    if row["revalue"]:
        if row["last_n"] is None:
            return None
        last_n, last_d = row["last_n"], row["last_d"]
    values: dict[int, Value] = {}
    units: dict[int, int] = {}
    for year, own, n, d, ln, ld in zip(
        years, row["own_months"], row["value_n"], row["value_d"], row["level_n"], row["level_d"], strict=True
    ):
        values[year] = (n * last_n * ld, d * last_d * ln)  # earnings x last level / the year's level
        units[year] = own
    chosen = [y for y, ref in zip(years, row["in_ref"], strict=True) if ref]
    if row["reference_best_n"]:
        chosen = _best(values, units, chosen, int(Fraction(row["reference_best_n"], row["reference_best_d"])))
    if row["reference_best_share_n"]:
        share = Fraction(row["reference_best_share_n"], row["reference_best_share_d"])
        chosen = _best_share(values, units, chosen, share)
    salary = _average(values, units, chosen)
    if row["alternative_best_years_n"]:
        count = int(Fraction(row["alternative_best_years_n"], row["alternative_best_years_d"]))
        other = _average(values, units, _best(values, units, sorted(values), count))
        factor = fp.fraction(row["alternative_cap_factor_n"], row["alternative_cap_factor_d"])
        if factor is not None and salary > other * factor:
            salary = other * factor
        salary = max(salary, other)
    return salary


def _ranked(values: dict[int, Value], units: dict[int, int], years: list[int]) -> list[int]:
    """``years`` by monthly earnings, highest first, equal ones in the order given (the sort of
    ``replacement_rate.best``): by the correctly rounded floats, which order any two values as
    they are where the floats differ; where two neighbours' floats are equal but not their
    values, by the exact values."""

    def exact(year: int) -> Fraction:
        return Fraction(values[year][0], values[year][1] * units[year])

    try:
        monthly = {y: values[y][0] / (values[y][1] * units[y]) for y in years}  # x U / U: the same order
    except OverflowError:  # a value beyond the floats
        return sorted(years, key=exact, reverse=True)
    ranked = sorted(years, key=monthly.__getitem__, reverse=True)
    for y, z in itertools.pairwise(ranked):
        if monthly[y] == monthly[z] and exact(y) != exact(z):
            return sorted(years, key=exact, reverse=True)
    return ranked


def _best(values: dict[int, Value], units: dict[int, int], years: list[int], count: int) -> list[int]:
    """``replacement_rate.best``: the ``count`` years with the highest monthly earnings."""
    return sorted(_ranked(values, units, years)[:count])


def _best_share(values: dict[int, Value], units: dict[int, int], years: list[int], share: Fraction) -> list[int]:
    """``replacement_rate.best_share``: the best years covering at least ``share`` of the months
    (month units throughout: the month length cancels)."""
    needed = share * sum(units[y] for y in years)
    kept: list[int] = []
    covered = 0
    for year in _ranked(values, units, years):
        if covered >= needed:
            break
        kept.append(year)
        covered += units[year]
    return sorted(kept)


def _average(values: dict[int, Value], units: dict[int, int], years: list[int]) -> Fraction:
    """``replacement_rate.average``: the years' revalued earnings over their months."""
    total_n, total_d = 0, 1
    for year in years:
        n, d = values[year]
        total_n, total_d = total_n * d + n * total_d, total_d * d
    months = sum(units[y] for y in years)
    return Fraction(total_n * U, total_d * months) if months else Fraction(0)
