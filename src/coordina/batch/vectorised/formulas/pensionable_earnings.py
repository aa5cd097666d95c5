"""Canada Pension Plan retirement pension over every person (``rules.formulas.pensionable_earnings``,
the oracle; Canada Pension Plan, R.S.C. 1985, c. C-8).

In columns, as exact 128-bit rationals:

- per person: the contributory period from the month after the 18th birthday (or January 1966)
  to the month before the pension starts, at most to the month of the 70th birthday (s. 49,
  s. 2(2)); the Maximum Pensionable Earnings Average of the pension year (s. 42(1): the YMPE of
  the year and the 2, 3 or 4 before, 3 for those born before 1933); the months dropped, those
  after 65 (s. 48(3)) and the general drop-out (s. 48(4)), never leaving fewer than 120
  (s. 48(1), s. 42(1)); the adjustment factor for the months before or after 65, at most 60
  (s. 46(3), (3.1); CPP Regulations s. 46.1, 46.2);
- per calendar year of the period: its months, and its earnings up to the YMPE pro rata for a
  part year, zero where not above the basic exemption (s. 52, 53), times MPEA / YMPE (s. 51);
  from 2019 the first additional earnings (the same, times the phase-in factor, s. 51(1.1)); from
  2024 the second additional earnings between the YMPE and the YAMPE (s. 49.2).

Per person, in Python ``Fraction`` over the grouped years: the average monthly pensionable
earnings after the drop-outs (a sum over years of earnings x MPEA / YMPE, ratios whose
denominators are unrelated and overflow 128 bits), the first and second additional averages
over 480 months (s. 48.1, 48.2), each part rounded to the cent before the adjustment: the drop-out
sum, the additional average and the rounding are the oracle's own functions, so the parts are its
Decimal steps exactly. The amount (cents x the adjustment factor) is then a small exact rational
(handed on by ``fraction_pairs.amounts``).
Not modelled, as in the oracle: the child-rearing drop-out (s. 48(2)), months excluded by
disability (s. 49(c)), credit splitting.
"""

import itertools
from collections.abc import Iterable
from datetime import date
from fractions import Fraction
from typing import Any

import polars as pl

from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.formulas.fraction_pairs import amounts
from coordina.batch.vectorised.formulas.frames import Careers, dated_values, yearly_table
from coordina.domain.scheme import Scheme
from coordina.rules.formulas.pensionable_earnings import (
    ADDITIONAL_MONTHS,
    BASIC_MONTHS,
    MAX_ADJUSTED_MONTHS,
    _cents,
    _lowest_dropped,
    additional_average,
)

I128 = q.I128
Rational = tuple[pl.Expr, pl.Expr]
VALUES = (
    "base_rate",
    "mpea_years",
    "dropout_rate",
    "first_additional_rate",
    "second_additional_rate",
    "early_reduction_per_month",
    "late_increase_per_month",
)
FIRST_ADDITIONAL, SECOND_ADDITIONAL = 2019, 2024
"""The first years of the first and second additional earnings (s. 51(1.1), 49.2)."""
assert ADDITIONAL_MONTHS == 480


def _month_index(day: pl.Expr) -> pl.Expr:
    return day.dt.year().cast(pl.Int64) * 12 + day.dt.month().cast(pl.Int64) - 1


def _sub(a: Rational, b: Rational) -> Rational:
    return a[0] * b[1] - b[0] * a[1], a[1] * b[1]


def _lower(a: Rational, b: Rational) -> Rational:
    return q.choose(q.less(b, a), b, a)


def _mpea(scheme: Scheme, keys: pl.DataFrame) -> pl.DataFrame:
    """The Maximum Pensionable Earnings Average for each (pension year, years averaged) (s. 42(1));
    null where a YMPE is missing."""
    table = scheme.parameters.tables.get("ympe")
    rows = []
    for year, count in keys.unique().iter_rows():
        figures = [table.values.get(y) if table else None for y in range(year - count + 1, year + 1)]
        average = (
            None if any(f is None for f in figures) else sum((Fraction(f or 0) for f in figures), Fraction(0)) / count
        )
        rows.append((year, count, *((average.numerator, average.denominator) if average is not None else (None, None))))
    schema = {"pension_year": pl.Int64, "mpea_count": pl.Int64, "mpea_n": I128, "mpea_d": I128}
    return pl.DataFrame(rows, schema=schema, orient="row")


def _people(people: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """Per person: the contributory period (month indexes), the MPEA, the months dropped and the
    divisor of the average (s. 48), the adjustment factor (s. 46(3)), the rates, and whether every
    figure the formula reads on the claim date is given."""
    values = dated_values(scheme, VALUES, people.get_column("claim_date").to_list())
    table = people.join(values, on="claim_date", how="left")
    birth, claim = _month_index(pl.col("birth_date")), _month_index(pl.col("claim_date"))
    count = pl.col("mpea_years_n") // pl.col("mpea_years_d")
    table = table.with_columns(
        first_month=pl.max_horizontal(pl.lit(1966 * 12, pl.Int64), birth + 18 * 12 + 1),
        last_month=pl.min_horizontal(claim - 1, birth + 70 * 12),
        from_65=claim - (birth + 65 * 12 + 1),
        reached_65=birth + 65 * 12 + 1,
        pension_year=pl.col("claim_date").dt.year().cast(pl.Int64),
        mpea_count=pl.when(pl.col("birth_date") < date(1933, 1, 1)).then(3).otherwise(count.cast(pl.Int64)),
    )
    keys = table.filter(pl.col("mpea_count").is_not_null()).select("pension_year", "mpea_count")
    table = table.join(_mpea(scheme, keys), on=["pension_year", "mpea_count"], how="left")
    months = pl.max_horizontal(pl.col("last_month") - pl.col("first_month") + 1, pl.lit(0))
    after_65 = pl.max_horizontal(pl.col("last_month") - pl.col("reached_65") + 1, pl.lit(0))
    table = table.with_columns(period_months=months, after_65=after_65)
    drop_65 = pl.min_horizontal("after_65", pl.max_horizontal(pl.col("period_months") - BASIC_MONTHS, pl.lit(0)))
    rest = (pl.col("period_months") - drop_65).cast(I128)
    rate_n, rate_d = q.col("dropout_rate")
    general = pl.min_horizontal(
        (rate_n * rest + rate_d - 1) // rate_d, pl.max_horizontal(rest - BASIC_MONTHS, pl.lit(0, I128))
    )
    table = table.with_columns(dropped=(drop_65.cast(I128) + general).cast(pl.Int64))
    divisor = pl.max_horizontal(pl.col("period_months") - pl.col("dropped"), pl.lit(BASIC_MONTHS))
    late = pl.col("from_65") > 0
    rate = q.choose(late, q.col("late_increase_per_month"), q.col("early_reduction_per_month"))
    counted = pl.min_horizontal(pl.col("from_65").abs(), pl.lit(MAX_ADJUSTED_MONTHS)).cast(I128)
    change = pl.when(late).then(rate[0] * counted).otherwise(pl.lit(0, I128) - rate[0] * counted)
    factor = q.choose(pl.col("from_65") == 0, q.lit(1), (rate[1] + change, rate[1]))
    last_year = pl.col("last_month") // 12
    period = pl.col("period_months") > 0
    known = pl.all_horizontal(
        pl.col("mpea_years_n").is_not_null(),
        pl.col("mpea_n").is_not_null(),
        pl.col("base_rate_n").is_not_null(),
        pl.col("dropout_rate_n").is_not_null(),
        (pl.col("from_65") == 0) | rate[0].is_not_null(),
        ~(period & (last_year >= FIRST_ADDITIONAL)) | pl.col("first_additional_rate_n").is_not_null(),
        ~(period & (last_year >= SECOND_ADDITIONAL)) | pl.col("second_additional_rate_n").is_not_null(),
    )
    return table.with_columns(*q.named("factor", factor), divisor=divisor, known=known.fill_null(False))


def _years(people: pl.DataFrame, years: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """Per calendar year of the contributory period: its months, the adjusted base, first and
    second additional earnings (s. 51-53, 51(1.1), 49.2); ``known`` false where a figure or the
    earnings of a year with months are missing."""
    period = people.filter(pl.col("period_months") > 0).select(
        "person", "first_month", "last_month", "mpea_n", "mpea_d"
    )
    period = period.with_columns(
        year=pl.int_ranges(pl.col("first_month") // 12, pl.col("last_month") // 12 + 1, dtype=pl.Int64)
    ).explode("year")
    period = period.with_columns(
        m=pl.min_horizontal("last_month", pl.col("year") * 12 + 11)
        - pl.max_horizontal("first_month", pl.col("year") * 12)
        + 1
    )
    period = period.join(years.select("person", "year", "months", "earnings_n", "earnings_d"),
                         on=["person", "year"], how="left")  # fmt: skip
    for name, short in (("ympe", "ympe"), ("basic_exemption", "exempt"), ("first_additional_factor", "faf"),
                        ("yampe", "yampe")):  # fmt: skip
        figures = yearly_table(scheme, name).rename({"value_n": f"{short}_n", "value_d": f"{short}_d"})
        period = period.join(figures, on="year", how="left")
    m = pl.col("m").cast(I128)
    earned = q.col("earnings")

    def share_of(name: str) -> Rational:
        """A yearly figure pro rata for the year's months of the period (s. 19, 52(1))."""
        return pl.col(f"{name}_n") * m, pl.col(f"{name}_d") * 12

    base = _lower(earned, share_of("ympe"))
    contributes = pl.col("months").fill_null(0) > 0
    given = pl.col("ympe_n").is_not_null() & pl.col("exempt_n").is_not_null() & pl.col("earnings_n").is_not_null()
    live = contributes & given & q.less(share_of("exempt"), base)
    year = pl.col("year")
    ratio = q.div(q.col("mpea"), q.col("ympe"))
    adjusted = q.mul(base, ratio)
    first = q.mul(adjusted, q.col("faf"))
    band = _sub(_lower(earned, share_of("yampe")), share_of("ympe"))
    second = q.mul(q.choose(band[0] > 0, band, q.lit(0)), ratio)
    zero = q.lit(0)
    known = ~contributes | (
        given
        & ~(live & (year >= FIRST_ADDITIONAL) & pl.col("faf_n").is_null())
        & ~(live & (year >= SECOND_ADDITIONAL) & pl.col("yampe_n").is_null())
    )
    return period.select(
        "person",
        "year",
        "m",
        *q.named("base", q.choose(live, adjusted, zero)),
        *q.named("first", q.choose(live & (year >= FIRST_ADDITIONAL), first, zero)),
        *q.named("second", q.choose(live & (year >= SECOND_ADDITIONAL), second, zero)),
        known=known,
    )


def compute(careers: Careers, scheme: Scheme) -> pl.DataFrame:
    people = _people(careers.people, scheme)
    candidates = people.filter(pl.col("known"))
    years = _years(candidates, careers.years, scheme)
    grouped = years.group_by("person").agg(
        pl.col("year", "m", "base_n", "base_d", "first_n", "first_d", "second_n", "second_d"),
        pl.col("known").all().alias("years_known"),
    )
    table = candidates.join(grouped, on="person", how="left").filter(pl.col("years_known").fill_null(True))
    read = table.select(
        "person", "year", "m", "divisor", "dropped",
        *(f"{n}_{part}" for n in ("base", "first", "second", "base_rate", "first_additional_rate",
                                   "second_additional_rate", "factor") for part in "nd"),
    )  # fmt: skip
    found = amounts(_amount(row) for row in read.iter_rows(named=True))
    return careers.people.select("person").join(found, on="person", how="left")


def _fraction(row: dict[str, Any], name: str) -> Fraction:
    return Fraction(row[f"{name}_n"], row[f"{name}_d"])


def _amount(row: dict[str, Any]) -> tuple[int, Fraction]:
    """One person's monthly pension: (25 % of the average + the additional parts, each to the
    cent) x the adjustment factor (s. 46(1), (3)). The base sum and its drop-out in Python
    integers (``_total``, ``_lowest``); the additional parts from 2019 as the oracle's."""
    years = row["year"] or []
    months = row["m"] or []
    base = list(zip(row["base_n"] or [], row["base_d"] or [], strict=True))
    kept = _total((n, d) for n, d in base) - _lowest(base, months, row["dropped"])
    parts = [_cents(_fraction(row, "base_rate") * kept / row["divisor"])]
    for name, start, key in (("first_additional_rate", FIRST_ADDITIONAL, "first"),
                             ("second_additional_rate", SECOND_ADDITIONAL, "second")):  # fmt: skip
        values = zip(years, row[f"{key}_n"] or [], row[f"{key}_d"] or [], months, strict=True)
        chosen = [(Fraction(n, d) / m, m) for y, n, d, m in values if y >= start]
        if chosen:
            parts.append(_cents(_fraction(row, name) * additional_average(chosen)))
    return row["person"], sum(parts, Fraction(0)) * _fraction(row, "factor")


def _total(pairs: Iterable[tuple[int, int]]) -> Fraction:
    """The sum of integer pairs over the product of their denominators, one reduction."""
    total_n, total_d = 0, 1
    for n, d in pairs:
        total_n, total_d = total_n * d + n * total_d, total_d * d
    return Fraction(total_n, total_d)


def _lowest(base: list[tuple[int, int]], months: list[int], count: int) -> Fraction:
    """``_lowest_dropped`` of the years' earnings per month (base / months): the months sorted
    by the correctly rounded floats, which order two values as they are where the floats
    differ; equal values in any order give the same total; where two neighbours' floats are
    equal but not their values, the oracle's own function."""
    per_month = [n / (d * m) for (n, d), m in zip(base, months, strict=True)]
    order = sorted(range(len(base)), key=per_month.__getitem__)
    for i, j in itertools.pairwise(order):
        if per_month[i] == per_month[j] and base[i][0] * base[j][1] * months[j] != base[j][0] * base[i][1] * months[i]:
            exact = [(Fraction(n, d) / m, m) for (n, d), m in zip(base, months, strict=True)]
            return _lowest_dropped(exact, count)
    taken, left = [], count
    for i in order:
        take = min(left, months[i])
        taken.append((base[i][0] * take, base[i][1] * months[i]))
        left -= take
        if left == 0:
            break
    return _total(taken)
