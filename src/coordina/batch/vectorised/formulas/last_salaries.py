"""A rate times the average salary of the last months insured, over every person
(``rules.formulas.last_salaries``, the oracle): the Tunisian CNSS (décret n° 74-499 du 27 avril
1974, art. 15-17 and 45) and Paraguayan IPS (Ley 98/92, amending Decreto-Ley 1860/50 art. 59;
Ley 7446/2024) old-age formulas, each scheme's data citing its own provisions.

    reference salary = earnings of the last ``reference_months`` months insured over those months
                       (after the ``reference_skip_months`` latest, where in force; the earliest
                       year read counts for the months it adds, at its own monthly average; in the
                       theoretical amount another party's months carry the own months' average),
                       at most ``ceiling_hours`` a year at the hourly minimum wage
    rate             = ``base_rate`` (+ ``rate_per_quarter`` per complete quarter beyond
                       ``base_months``, at most ``max_rate``); a proportional pension below
                       ``base_months`` from ``proportional_from_months``; before ``full_rate_age``
                       the early rate by complete years of age above ``early_age``
    amount (monthly) = reference salary x rate, not below the minimum (``minimum_hours`` or
                       ``proportional_minimum_hours`` a year at the hourly minimum wage, or
                       ``minimum_share`` of the monthly minimum wage)

In columns: the months each year gives to the reference period (from the latest year back,
after the skipped months; cumulative sums in month units), the years whose earnings are
missing, the rate, the ceiling and the minimum as exact 128-bit rationals, every "no amount"
condition the scalar reading records. The reference salary adds years whose earnings carry
unrelated denominators (the days of each period's years) over their months: that sum, and the
amount built on it, are a Python ``Fraction`` per person over the grouped years
(``quotients.as_pair`` hands it back). The reference and skipped months are whole numbers of
month units (as every encoded figure is: whole months).
"""

from fractions import Fraction
from math import lcm
from typing import Any

import polars as pl

from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.formulas.fraction_pairs import group_sums
from coordina.batch.vectorised.formulas.frames import Careers, dated_values
from coordina.batch.vectorised.formulas.lowest_terms import reduced
from coordina.batch.vectorised.formulas.quotients import SCALE, amounts
from coordina.domain.scheme import Scheme
from coordina.rules.periods import UNITS_PER_MONTH

I128 = q.I128
U = UNITS_PER_MONTH
NAMES = (
    "reference_months",
    "reference_skip_months",
    "base_rate",
    "base_months",
    "rate_per_quarter",
    "max_rate",
    "full_rate_age",
    "early_age",
    "early_rate",
    "early_rate_per_year",
    "minimum_wage_hourly",
    "minimum_hours",
    "ceiling_hours",
    "minimum_share",
    "minimum_wage_monthly",
    "proportional_from_months",
    "proportional_minimum_hours",
)
Pair = tuple[pl.Expr, pl.Expr]
COLUMNS_FROM = 1000
"""The fewest people ``in_columns`` takes (its queries cost about as much as the Python step
for a thousand people; fewer are left to ``_amount``, with the same result)."""


def compute(careers: Careers, scheme: Scheme) -> pl.DataFrame:
    people = careers.people
    table = people.join(dated_values(scheme, NAMES, people.get_column("claim_date").unique().to_list()),
                        on="claim_date", how="left")  # fmt: skip
    rules = _Rules(scheme)
    rate, rate_needs = rules.rate()
    floor, floor_needs = rules.minimum()
    ceiling, ceiling_needs = rules.by_minimum_wage("ceiling_hours")
    table = table.with_columns(
        *q.named("rate", rate),
        *q.named("floor", floor),
        *q.named("ceiling", ceiling),
        needs=rate_needs | floor_needs | ceiling_needs | pl.col("reference_months_n").is_null(),
    )
    reference = _reference_years(careers.years, table)
    table = table.join(reference, on="person", how="left")
    # the own average only where a reference year has other parties' months attributed
    attributing = reference.filter(pl.col("attributed").list.any()).select("person")
    own_years = careers.years.join(attributing, on="person", how="semi")
    table = table.join(_own_average(own_years), on="person", how="left")
    found = in_columns(careers.years, table)
    table = table.join(found.select("person"), on="person", how="anti")
    wanted = ("person", "needs", "missing", "year_earnings_n", "year_earnings_d", "year_months", "part", "foreign",
              "attributed", "average_n", "average_d", "average_units", "rate_n", "rate_d", "floor_n", "floor_d",
              "ceiling_n", "ceiling_d")  # fmt: skip
    rows = table.select(wanted).iter_rows(named=True)
    rest = amounts((row["person"], None if row["needs"] or row["missing"] else _amount(row)) for row in rows)
    return pl.concat([found, rest])


def in_columns(years: pl.DataFrame, table: pl.DataFrame) -> pl.DataFrame:
    """``_amount`` in columns for the people with no year attributed and every figure within
    the bounds below (the others: none, ``_amount`` gives theirs): the salary is the sum of the
    years' earnings x the months taken / their months (``fraction_pairs.group_sums``, below
    2^96) x U (< 2^20) over the months taken (below 2^30 units), in lowest terms; limited to the ceiling,
    x the rate, raised to the minimum, in lowest terms, and handed on as ``quotients.as_pair``
    does (exact up to a ``SCALE`` denominator, else floored to a multiple of 1 / ``SCALE``).
    Each product is checked below 2^126 (its parts' bit lengths, in floats with a margin)."""
    people = table.filter(
        ~pl.col("needs")
        & ~pl.col("missing").fill_null(True)
        & ~pl.col("attributed").list.any().fill_null(True)
        & (pl.col("part").list.sum() < 1 << 30)
    ).select("person", "rate_n", "rate_d", "floor_n", "floor_d", "ceiling_n", "ceiling_d", taken=pl.col("part"))
    if people.height < COLUMNS_FROM:
        return pl.DataFrame(schema={"person": pl.Int64, "amount_n": I128, "amount_d": I128})
    whole = pl.col("part") == pl.col("year_months")  # the year's earnings, all its months taken
    en, ed = pl.col("year_earnings_n"), pl.col("year_earnings_d")
    rows = (
        table.join(people.select("person"), on="person", how="semi")
        .select("person", "year_earnings_n", "year_earnings_d", "year_months", "part")
        .explode("year_earnings_n", "year_earnings_d", "year_months", "part")
        .filter(pl.col("year_earnings_n").is_not_null())
        .select(
            "person",
            term_n=pl.when(whole).then(en).otherwise(en * pl.col("part").cast(I128)),
            term_d=pl.when(whole).then(ed).otherwise(ed * pl.col("year_months").cast(I128)),
        )
    )
    sums = group_sums(rows.lazy(), "person", "term", "sum", bits=96).filter(pl.col("sum_ok")).collect()
    salary = people.join(sums, on="person").with_columns(
        salary_n=pl.col("sum_n") * U, salary_d=pl.col("sum_d") * pl.col("taken").list.sum().cast(I128)
    )
    salary = reduced(salary, "salary")
    s, c, r, f = q.col("salary"), q.col("ceiling"), q.col("rate"), q.col("floor")
    fits = _below(s[0], c[1]) & _below(c[0], s[1])
    capped = q.choose(pl.col("ceiling_n").is_not_null() & q.less(c, s), c, s)
    step = salary.filter(fits.fill_null(True)).with_columns(*q.named("capped", capped))
    a = q.col("capped")
    step = step.filter(_below(a[0], r[0]) & _below(a[1], r[1])).with_columns(*q.named("amount", q.mul(a, r)))
    a = q.col("amount")
    fits = _below(a[0], f[1]) & _below(f[0], a[1])
    raised = pl.col("floor_n").is_not_null() & (a[0] > 0) & q.less(a, f)
    step = step.filter(fits.fill_null(True)).with_columns(*q.named("amount", q.choose(raised, f, a)))
    step = reduced(step, "amount")
    n, d = q.col("amount")
    scale = pl.lit(SCALE, dtype=I128)
    exact = d <= SCALE
    floored = (n // d) * scale + (n % d) * scale // d  # (n mod d) x 10^12 below 2^127: d below 2^86
    step = step.filter(exact | (d < 1 << 86))
    return step.select(
        "person",
        amount_n=pl.when(exact).then(n).otherwise(floored),
        amount_d=pl.when(exact).then(d).otherwise(scale),
    )


def _below(a: pl.Expr, b: pl.Expr) -> pl.Expr:
    """``a x b`` (not negative) is certainly below 2^126."""
    bits = pl.lit(1.0, dtype=pl.Float64)
    return (a.cast(pl.Float64) + bits).log(2) + (b.cast(pl.Float64) + bits).log(2) < 125


def _units(name: str) -> pl.Expr:
    """A named value in whole month units (0 where not in force)."""
    return (pl.col(f"{name}_n") * U // pl.col(f"{name}_d")).fill_null(0).cast(pl.Int64)


def _reference_years(years: pl.DataFrame, table: pl.DataFrame) -> pl.DataFrame:
    """Per person the years of the last months insured (``last_salaries.last_months``): lists of
    their earnings (null: unknown), months, the months taken, other parties' months and whether
    they are attributed; ``missing``: a year taken whose own earnings are unknown."""
    counts = table.select("person", count=_units("reference_months"), skip=_units("reference_skip_months")).filter(
        pl.col("count") > 0
    )
    ordered = (
        years.filter(pl.col("months") > 0).join(counts, on="person").sort(["person", "year"], descending=[False, True])
    )
    later = pl.col("months").cum_sum().over("person") - pl.col("months")
    ordered = ordered.with_columns(later=later)
    skipped = pl.min_horizontal("months", pl.max_horizontal(pl.lit(0), pl.col("skip") - pl.col("later")))
    left = pl.max_horizontal(
        pl.lit(0), pl.col("count") - pl.max_horizontal(pl.lit(0), pl.col("later") - pl.col("skip"))
    )
    taken = ordered.with_columns(part=pl.min_horizontal(pl.col("months") - skipped, left)).filter(pl.col("part") > 0)
    unknown = pl.col("earnings_n").is_null() & (pl.col("own_months") > 0)
    return taken.group_by("person").agg(
        unknown.any().alias("missing"),
        pl.col("earnings_n").alias("year_earnings_n"),
        pl.col("earnings_d").alias("year_earnings_d"),
        pl.col("months").alias("year_months"),
        pl.col("part"),
        (pl.col("months") - pl.col("own_months")).alias("foreign"),
        pl.col("attributed"),
    )


def _own_average(years: pl.DataFrame) -> pl.DataFrame:
    """Per person the own years with earnings (``last_salaries.own_average``): their earnings as
    a list and their own month units."""
    own = years.filter((pl.col("own_months") > 0) & pl.col("earnings_n").is_not_null())
    return own.group_by("person").agg(
        pl.col("earnings_n").alias("average_n"),
        pl.col("earnings_d").alias("average_d"),
        pl.col("own_months").sum().alias("average_units"),
    )


def _amount(row: dict[str, Any]) -> Fraction | None:
    """The reference salary x the rate, bounded (``last_salaries.compute``) for one person: the
    sums as whole numbers over one common denominator, one reduction."""
    parts: list[int] = row["part"] or []
    if not parts:
        return None
    average = Fraction(0)
    if any(row["attributed"]):
        if not row["average_units"]:
            return None  # no own month with earnings to give other parties' months
        average = _sum(list(zip(row["average_n"], row["average_d"], strict=True))) * U / row["average_units"]
    terms: list[tuple[int, int]] = []
    for n, d, months, part, foreign, attributed in zip(
        row["year_earnings_n"], row["year_earnings_d"], row["year_months"], parts, row["foreign"], row["attributed"],
        strict=True,
    ):  # fmt: skip
        if n is not None:
            terms.append((n * part, d * months))  # the year's earnings x the months taken / its months
        if attributed and foreign:
            terms.append((foreign * average.numerator * part, U * average.denominator * months))
    salary = _sum(terms) * U / sum(parts)
    if row["ceiling_n"] is not None:
        salary = min(salary, Fraction(row["ceiling_n"], row["ceiling_d"]))
    amount = salary * Fraction(row["rate_n"], row["rate_d"])
    if row["floor_n"] is not None:
        floor = Fraction(row["floor_n"], row["floor_d"])
        if 0 < amount < floor:
            amount = floor
    return amount


def _sum(terms: list[tuple[int, int]]) -> Fraction:
    """The sum of numerator / denominator pairs, over their least common multiple."""
    if not terms:
        return Fraction(0)
    common = lcm(*(d for _, d in terms))
    return Fraction(sum(n * (common // d) for n, d in terms), common)


class _Rules:
    """The rate, the ceiling and the minimum as columns (``last_salaries.rate``,
    ``_by_minimum_wage``, ``minimum_amount``), each with what the scalar reading records as
    missing (a value the scheme has, not in force on the claim date)."""

    def __init__(self, scheme: Scheme) -> None:
        self._names = set(scheme.parameters.values)

    def has(self, name: str) -> bool:
        return name in self._names

    def missing(self, name: str) -> pl.Expr:
        return pl.col(f"{name}_n").is_null()

    def optional_missing(self, name: str) -> pl.Expr:
        """``_optional``: a value the scheme has but not on the claim date."""
        return pl.lit(self.has(name)) & self.missing(name)

    def by_minimum_wage(self, name: str) -> tuple[Pair, pl.Expr]:
        """So many hours a year at the hourly minimum wage, a month (null: the scheme has none)."""
        if not self.has(name):
            return q.null(), pl.lit(False)
        value = q.div(q.mul(q.col("minimum_wage_hourly"), q.col(name)), q.lit(12))
        return value, self.missing(name) | self.missing("minimum_wage_hourly")

    def proportional(self) -> pl.Expr:
        """Fewer months than ``base_months`` where the scheme has proportional pensions."""
        if not self.has("proportional_from_months"):
            return pl.lit(False)
        below = pl.col("months").cast(I128) * pl.col("base_months_d") < pl.col("base_months_n") * U
        return ~self.missing("proportional_from_months") & ~self.missing("base_months") & below

    def rate(self) -> tuple[Pair, pl.Expr]:
        months = pl.col("months").cast(I128)
        age = _age().cast(I128)
        early = pl.lit(False)
        needs = pl.lit(False)
        if self.has("full_rate_age"):
            needs = self.missing("full_rate_age")
            early = ~needs & (age * pl.col("full_rate_age_d") < pl.col("full_rate_age_n"))
        below = age * pl.col("early_age_d") < pl.col("early_age_n")
        years = age - pl.col("early_age_n") // pl.col("early_age_d")
        early_value = q.choose(
            below, q.lit(0), _add(q.col("early_rate"), q.mul(q.col("early_rate_per_year"), (years, pl.lit(1, I128))))
        )
        early_needs = self.missing("early_age") | self.missing("early_rate") | self.missing("early_rate_per_year")
        base = q.col("base_rate")
        bm_n, bm_d = q.col("base_months")
        proportional = self.proportional()
        share = q.choose(
            months * pl.col("proportional_from_months_d") < pl.col("proportional_from_months_n") * U,
            q.lit(0),
            (months * bm_d, bm_n * U),
        )
        quarters = pl.max_horizontal(pl.lit(0, I128), (months * bm_d - bm_n * U) // (3 * U * bm_d))
        value = _add(base, q.mul(q.col("rate_per_quarter"), (quarters, pl.lit(1, I128))))
        if not self.has("rate_per_quarter"):
            value = base
        if self.has("max_rate"):
            high = q.col("max_rate")
            value = q.choose(self.missing("max_rate"), value, q.minimum(value, high))
        standard = q.choose(proportional, q.mul(base, share), value)
        standard_needs = self.missing("base_rate") | self.missing("base_months")
        if self.has("proportional_from_months"):
            standard_needs = standard_needs | self.missing("proportional_from_months")
        standard_needs = standard_needs | (
            ~proportional & (self.optional_missing("rate_per_quarter") | self.optional_missing("max_rate"))
        )
        rate = q.choose(early, early_value, standard)
        return rate, needs | pl.when(early).then(early_needs).otherwise(standard_needs)

    def minimum(self) -> tuple[Pair, pl.Expr]:
        hours, hours_needs = self.by_minimum_wage("minimum_hours")
        if self.has("proportional_minimum_hours"):
            low, low_needs = self.by_minimum_wage("proportional_minimum_hours")
            proportional = self.proportional()
            hours = q.choose(proportional, low, hours)
            hours_needs = pl.when(proportional).then(low_needs).otherwise(hours_needs)
        share = q.mul(q.col("minimum_share"), q.col("minimum_wage_monthly")) if self.has("minimum_share") else q.null()
        share_needs = (
            ~self.missing("minimum_share") & self.missing("minimum_wage_monthly")
            if self.has("minimum_share")
            else pl.lit(False)
        )
        by_hours = hours[0].is_not_null()
        floor = q.choose(by_hours, hours, share)
        return floor, hours_needs | (~by_hours & share_needs)


def _add(a: Pair, b: Pair) -> Pair:
    return a[0] * b[1] + b[0] * a[1], a[1] * b[1]


def _age() -> pl.Expr:
    """Complete years of age on the claim date (``last_salaries.age_on``)."""
    birth, on = pl.col("birth_date"), pl.col("claim_date")
    before = (on.dt.month() < birth.dt.month()) | ((on.dt.month() == birth.dt.month()) & (on.dt.day() < birth.dt.day()))
    return on.dt.year().cast(pl.Int64) - birth.dt.year().cast(pl.Int64) - before.cast(pl.Int64)
