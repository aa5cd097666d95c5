"""France, régime général basic pension over every person (``rules.formulas.best_years``, the
oracle; CSS L351-1, R351-27, R351-29, L351-2, R351-9):

    pension (yearly) = SAM x rate x min(1, quarters in the scheme / the cohort's reference quarters)

Stages:

1. **Quarters** (R351-9, L351-2): per calendar year by earnings at the threshold of 1 January
   (``formulas.fr_quarters``), else the whole quarters of the months; in the theoretical amount
   another party's months of a year add their whole quarters, at most four a year.
2. **Rate** (L351-1, R351-27): ``full_rate`` less the cohort's ``decote_per_quarter`` per missing
   quarter, the fewer of the quarters to the cohort's full-rate age and the quarters short of
   the cohort's reference quarters counted in every scheme, at most ``max_missing_quarters``;
   cohort figures by birth year (nearest year of the table, split birth years by month), read
   as the scalar ``cohort`` reads them.
3. **Duration**: the quarters over the cohort's reference quarters (the 2004 table for claims
   before 2008 by the cohorts before 1948; the schedule of the 2023 and 2026 laws), at most 1.
4. **SAM** (R351-29): the own years before the claim's year with earnings that validate a
   quarter, each at most the year's plafond (a plafond in francs brought to euros exactly, then
   to the cent), revalued by the coefficients of the following years to the claim's year; the
   average of the best ``best_years`` (by cohort) of them.
5. **Amount**: at most ``max_share_of_pass`` of the claim year's plafond, per month.

Stages 1-3, the capping and every "no amount" condition are columns (exact 128-bit rationals).
The revaluation factors are products of up to 77 ten-decimal coefficients, which no 128-bit
rational holds: the SAM and the amount built on it (stages 4-5) are a Python ``Fraction`` per
person over the grouped years (``quotients.as_pair`` hands it back: exact, or floored to
10^-12, so that its half-up rounding to the cent is the exact amount's). No amount (null) where
the scalar formula gives none: a currency other than the euro, an own year before the claim's
year without earnings, no year with earnings, a figure missing (a franc threshold or plafond
without a conversion rate, a plafond, a revaluation coefficient, a cohort figure or a value on
the claim date).
"""

from datetime import date
from fractions import Fraction
from math import lcm
from typing import Any

import polars as pl

from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.formulas import fr_quarters
from coordina.batch.vectorised.formulas.frames import Careers, dated_values, yearly_table
from coordina.batch.vectorised.formulas.quotients import amounts
from coordina.domain.scheme import Scheme
from coordina.rules.formulas.best_years import cohort
from coordina.rules.formulas.career import Reading
from coordina.rules.formulas.fr_quarters import EURO_YEAR

I128 = q.I128
SMALL = 1 << 62
"""Earnings and ceilings whose parts are below this are compared in 128-bit columns."""
QUARTER = fr_quarters.QUARTER
VALUES = ("full_rate", "max_missing_quarters", "max_share_of_pass", "reference_quarters_schedule")
PERIODS = {"monthly": 12, "yearly": 1, "fortnightly": 26, "weekly": 52}
COHORTS = ("best_years", "full_rate_age_months", "decote_per_quarter")


def compute(careers: Careers, scheme: Scheme) -> pl.DataFrame:
    people = careers.people
    dates = people.get_column("claim_date").unique().to_list()
    table = people.join(dated_values(scheme, VALUES, dates), on="claim_date", how="left")
    table = table.join(_claim_facts(scheme, dates), on="claim_date", how="left")
    table = _with_cohorts(table, scheme)
    years = fr_quarters.quarters(careers.years.join(people.select("person", "claim_date"), on="person"), scheme)
    table = table.join(_quarters(years), on="person", how="left").with_columns(
        pl.col("quarters").fill_null(0), pl.col("needs_rate").fill_null(False)
    )
    paid = _paid_years(years, table, scheme)
    table = table.join(_salary_facts(years, paid), on="person", how="left")
    table = table.with_columns(*_rate(), *_ratio(), *_cap(scheme))
    table = table.with_columns(blocked=_blocked())
    return _amounts(table, scheme)


def _claim_facts(scheme: Scheme, dates: list[date]) -> pl.DataFrame:
    """Per claim date: the name of the reference quarters' table (the schedule of the 2023 and
    2026 laws), whether the schedule the scheme has is missing that day, and the claim year's
    plafond (``pass``)."""
    schedule = scheme.parameters.values.get("reference_quarters_schedule")
    plafond = yearly_table(scheme, "pass").rename({"year": "claim_year", "value_n": "pass_n", "value_d": "pass_d"})
    rows = []
    for day in dates:
        value = schedule.at(day) if schedule else None
        name = "reference_quarters"
        if value is not None and value.value >= 2023:
            name = f"reference_quarters_{int(value.value)}"
        rows.append((day, day.year, name, schedule is not None and value is None))
    schema = {"claim_date": pl.Date, "claim_year": pl.Int64, "reference_name": pl.Utf8, "schedule_missing": pl.Boolean}
    facts = pl.DataFrame(rows, schema=schema, orient="row")
    return facts.join(plafond, on="claim_year", how="left")


def _with_cohorts(table: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """The cohort figures of each person's birth (``rules.formulas.best_years.cohort``):
    ``best_years``, ``full_rate_age_months``, ``decote_per_quarter``, ``required`` (the reference
    quarters for the rate) and ``reference`` (the duration's denominator)."""
    table = table.with_columns(
        birth_year=pl.col("birth_date").dt.year().cast(pl.Int64),
        birth_month=pl.col("birth_date").dt.month().cast(pl.Int64),
    )
    table = table.with_columns(
        prorata_name=pl.when((pl.col("claim_date") < date(2008, 1, 1)) & (pl.col("birth_year") < 1948))
        .then(pl.lit("reference_quarters_2004"))
        .otherwise(pl.col("reference_name"))
    )
    births = table.select("birth_year", "birth_month").unique().rows()
    names = {*COHORTS, *table.get_column("reference_name").unique(), *table.get_column("prorata_name").unique()}
    found: dict[tuple[object, ...], tuple[int | None, int | None]] = {}
    rows = [(name, y, m, *_cohort(scheme, name, y, m, found)) for name in sorted(names) for y, m in births]
    schema = {"name": pl.Utf8, "birth_year": pl.Int64, "birth_month": pl.Int64, "value_n": I128, "value_d": I128}
    figures = pl.DataFrame(rows, schema=schema, orient="row")
    keys = ["birth_year", "birth_month"]
    for out, name in [*((n, pl.lit(n)) for n in COHORTS), ("required", pl.col("reference_name")),
                      ("reference", pl.col("prorata_name"))]:  # fmt: skip
        chosen = figures.rename({"name": f"{out}_name", "value_n": f"{out}_n", "value_d": f"{out}_d"})
        table = table.with_columns(name.alias(f"{out}_name")).join(chosen, on=[f"{out}_name", *keys], how="left")
    return table


def _cohort(
    scheme: Scheme, name: str, year: int, month: int, found: dict[tuple[object, ...], tuple[int | None, int | None]]
) -> tuple[int | None, int | None]:
    """``cohort`` for a birth year and month, worked out once per birth year (and group of months
    where the law splits the year)."""
    split = scheme.parameters.tables.get(f"{name}_split")
    later = split is not None and year in split.values and month >= split.values[year]
    key = (name, year, later)
    if key not in found:
        figure = cohort(Reading(scheme.parameters), name, date(year, month, 1))
        value = Fraction(figure) if figure is not None else None
        found[key] = (value.numerator, value.denominator) if value is not None else (None, None)
    return found[key]


def _quarters(years: pl.DataFrame) -> pl.DataFrame:
    """person, quarters (the career's validated quarters), needs_rate."""
    counted = years.filter(pl.col("months") > 0)
    return counted.group_by("person").agg(pl.col("quarters").sum(), pl.col("needs_rate").any())


def _paid_years(years: pl.DataFrame, table: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """The own years before the claim's year, with what the SAM reads: whether their earnings
    are missing or positive, whether they count (``paid``: a positive salary that validates a
    quarter), and the year's plafond in euros (``ceiling_n`` / ``ceiling_d``; null: missing)."""
    own = years.filter(pl.col("own_months") > 0).join(table.select("person", "claim_year"), on="person")
    own = own.filter(pl.col("year") < pl.col("claim_year"))
    plafond = yearly_table(scheme, "pass").rename({"value_n": "plafond_n", "value_d": "plafond_d"})
    rates = fr_quarters.conversion(scheme, own.get_column("claim_date").unique().to_list())
    own = own.join(plafond, on="year", how="left").join(rates, on="claim_date", how="left")
    francs = pl.col("year") < EURO_YEAR
    p_n, p_d, r_n, r_d = (pl.col(c) for c in ("plafond_n", "plafond_d", "frf_n", "frf_d"))
    cents = (200 * p_n * r_d + p_d * r_n) // (2 * p_d * r_n)  # to the cent, half up (fr_quarters.to_the_cent)
    positive = pl.col("earnings_n").is_not_null() & (pl.col("earnings_n") > 0)
    return own.with_columns(
        missing=pl.col("earnings_n").is_null(),
        positive=positive,
        paid=positive & ~pl.col("unearned"),
        ceiling_n=pl.when(francs).then(cents).otherwise(p_n),
        ceiling_d=pl.when(francs).then(pl.lit(100, dtype=I128)).otherwise(p_d),
    )


def _salary_facts(years: pl.DataFrame, paid: pl.DataFrame) -> pl.DataFrame:
    """Per person: sam_missing (no SAM: an own year's earnings missing, none positive, a paid
    year's plafond missing), and the paid years' lists for the SAM."""
    en, ed, cn, cd = (pl.col(c) for c in ("earnings_n", "earnings_d", "ceiling_n", "ceiling_d"))
    small = pl.all_horizontal(c.abs() < SMALL for c in (en, ed, cn, cd))  # the cross products below 2^124
    by_earnings = en * cd <= cn * ed  # min(earnings, ceiling), the earnings where equal
    counted = paid.filter(pl.col("paid")).with_columns(
        capped_n=pl.when(small).then(pl.when(by_earnings).then(en).otherwise(cn)),
        capped_d=pl.when(small).then(pl.when(by_earnings).then(ed).otherwise(cd)),
        big=~small,
    )
    raw = pl.col("big").any()
    lists = (
        counted.sort("person", "year")
        .group_by("person")
        .agg(
            pl.col("year", "capped_n", "capped_d"),
            raw.alias("big"),
            *(pl.when(raw).then(c) for c in (en, ed, cn, cd)),  # nulls unless a year is too large for columns
        )
    )
    flags = paid.group_by("person").agg(
        (
            pl.col("missing").any() | ~pl.col("positive").any() | (pl.col("paid") & pl.col("ceiling_n").is_null()).any()
        ).alias("sam_missing")
    )
    return flags.join(lists, on="person", how="left")


def _age_in_months() -> pl.Expr:
    """Completed months of age on the claim date (``best_years.age_in_months``)."""
    birth, on = pl.col("birth_date"), pl.col("claim_date")
    months = (
        (on.dt.year().cast(pl.Int64) - birth.dt.year().cast(pl.Int64)) * 12
        + on.dt.month().cast(pl.Int64)
        - birth.dt.month().cast(pl.Int64)
    )
    return months - (on.dt.day() < birth.dt.day()).cast(pl.Int64)


def _whole(name: str) -> pl.Expr:
    return (pl.col(f"{name}_n") // pl.col(f"{name}_d")).cast(pl.Int64)  # int() of a positive figure


def _rate() -> list[pl.Expr]:
    """The rate (L351-1, R351-27) as rate_n / rate_d."""
    foreign = pl.max_horizontal(pl.lit(0, dtype=pl.Int64), pl.col("totalized") - pl.col("months"))
    all_schemes = pl.col("quarters") + foreign // QUARTER
    short = pl.max_horizontal(pl.lit(0, dtype=pl.Int64), _whole("required") - all_schemes)
    to_age = pl.max_horizontal(pl.lit(0, dtype=pl.Int64), -((_age_in_months() - _whole("full_rate_age_months")) // 3))
    missing = pl.min_horizontal(short, to_age, _whole("max_missing_quarters")).cast(I128)
    per_n, per_d = q.col("decote_per_quarter")
    full_n, full_d = q.col("full_rate")
    return [(full_n * (per_d - per_n * missing)).alias("rate_n"), (full_d * per_d).alias("rate_d")]


def _ratio() -> list[pl.Expr]:
    """min(1, quarters / reference quarters) as ratio_n / ratio_d."""
    quarters = pl.col("quarters").cast(I128)
    ref_n, ref_d = q.col("reference")
    whole = quarters * ref_d >= ref_n
    return [
        pl.when(whole).then(pl.lit(1, dtype=I128)).otherwise(quarters * ref_d).alias("ratio_n"),
        pl.when(whole).then(pl.lit(1, dtype=I128)).otherwise(ref_n).alias("ratio_d"),
    ]


def _cap(scheme: Scheme) -> list[pl.Expr]:
    """``max_share_of_pass`` of the claim year's plafond, and the amount's period divisor."""
    formula = scheme.parameters.benefit_formula
    periods = {i: PERIODS.get(d.value.amount_period) for i, d in enumerate(formula.root)} if formula else {}
    share_n, share_d = q.col("max_share_of_pass")
    return [
        (share_n * pl.col("pass_n")).alias("cap_n"),
        (share_d * pl.col("pass_d")).alias("cap_d"),
        pl.col("formula_version").replace_strict(periods, default=None, return_dtype=pl.Int64).alias("divisor"),
    ]


def _blocked() -> pl.Expr:
    """Where the scalar formula gives no amount (whatever the SAM)."""
    needed = ("full_rate", "max_missing_quarters", "max_share_of_pass", "required", "full_rate_age_months",
              "decote_per_quarter", "reference", "pass")  # fmt: skip
    missing = pl.any_horizontal(pl.col(f"{n}_n").is_null() for n in needed)
    return (
        (pl.col("currency").is_not_null() & (pl.col("currency") != "EUR"))
        | missing
        | pl.col("schedule_missing")
        | pl.col("needs_rate")
        | pl.col("sam_missing").fill_null(True)
        | pl.col("divisor").is_null()
    )


def _amounts(table: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """The SAM and the amount, a Python ``Fraction`` per person (stages 4-5)."""
    factors = _factors(scheme)
    wanted = ("person", "blocked", "year", "capped_n", "capped_d", "big", "earnings_n", "earnings_d", "ceiling_n",
              "ceiling_d", "best_years_n",
              "best_years_d", "claim_year", "rate_n", "rate_d", "ratio_n", "ratio_d", "cap_n", "cap_d",
              "divisor")  # fmt: skip
    rows = table.select(wanted).iter_rows(named=True)
    return amounts((row["person"], None if row["blocked"] else _amount(row, factors)) for row in rows)


def _amount(row: dict[str, Any], factors: "_Factors") -> Fraction | None:
    """SAM x rate x duration, at most the cap, per period (``best_years.average_salary`` and
    ``compute``): the revalued salaries as whole numbers over one denominator, one reduction."""
    years = row["year"] or []
    cap = Fraction(row["cap_n"], row["cap_d"])
    divisor = int(row["divisor"])
    if not years:
        return Fraction(0)  # no paid year: a nil SAM
    found = factors.of(row["claim_year"])
    if row["best_years_n"] is None or years[0] not in found:
        return None
    capped = list(zip(row["capped_n"], row["capped_d"], strict=True))  # min(earnings, ceiling), not reduced
    if row["big"]:  # a year too large for the columns: min(earnings, ceiling) here
        raw = zip(row["earnings_n"], row["earnings_d"], row["ceiling_n"], row["ceiling_d"], strict=True)
        capped = [_pair(min(Fraction(en, ed), Fraction(cn, cd))) for en, ed, cn, cd in raw]
    common = lcm(*(d for _, d in capped))
    salaries = [n * (common // d) * found[y] for (n, d), y in zip(capped, years, strict=True)]
    best = sorted(salaries, reverse=True)[: row["best_years_n"] // row["best_years_d"]]
    below = len(best) * found[-1] * common * row["rate_d"] * row["ratio_d"]
    yearly = Fraction(sum(best) * row["rate_n"] * row["ratio_n"], below)
    return min(yearly, cap) / divisor


def _pair(value: Fraction) -> tuple[int, int]:
    return value.numerator, value.denominator


def _factors(scheme: Scheme) -> "_Factors":
    """The scheme's factors, kept between calls (the own and theoretical careers, partitions)."""
    table = scheme.parameters.tables.get("revaluation")
    key = (scheme.id, tuple(sorted(table.values.items())) if table else ())
    if key not in _KEPT:
        _KEPT.clear()  # one scheme's table at a time is enough
        _KEPT[key] = _Factors(scheme)
    return _KEPT[key]


class _Factors:
    """Revaluation factors by claim year (``best_years.revaluation_factors``): for each earnings
    year, the product of the coefficients of the following years to the claim's year, as a whole
    number over a common denominator (``of(year)[-1]``), so that the SAM adds integers."""

    def __init__(self, scheme: Scheme) -> None:
        table = scheme.parameters.tables.get("revaluation")
        self._coefficients = {y: Fraction(v) for y, v in table.values.items()} if table else {}
        self._found: dict[int, dict[int, int]] = {}

    def of(self, last: int) -> dict[int, int]:
        if last not in self._found:
            exact: dict[int, Fraction] = {last: Fraction(1)}
            year = last
            while year in self._coefficients:
                exact[year - 1] = exact[year] * self._coefficients[year]
                year -= 1
            common = lcm(*(f.denominator for f in exact.values()))
            found = {y: f.numerator * (common // f.denominator) for y, f in exact.items()}
            found[-1] = common
            self._found[last] = found
        return self._found[last]


_KEPT: dict[tuple[object, ...], _Factors] = {}
