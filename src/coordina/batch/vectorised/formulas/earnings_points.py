"""Germany, SGB VI over every person (``rules.formulas.earnings_points``, the oracle): personal
earnings points x pension-type factor x current pension value (§64).

Stages, each rounded exactly as the scalar formula rounds it:

1. **Earnings points of a calendar year** (§63(2), §70(1)): the year's earnings, at most the
   contribution ceiling (Anlage 2) x months / 12, over the year's average earnings (Anlage 1; the
   provisional Anlage 2b figure for the year of pension start and the year before), in the
   currency of the earnings (DM figures before 2002 at the fixed rate ``values.dem_per_eur``,
   Reg. (EC) 2866/98); rounded half up to four decimals (§121(1)-(2)). Kept as integers in units
   of 1/10,000 of a point, so the sum over the years stays a whole number.
2. **Access factor** (§77(2) Nr. 2): 1 + 0.005 per month after / - 0.003 per month before the
   month after the month the standard age is reached (``pension_age_on`` minus one day).
3. **Personal earnings points** (§66(1)): the sum x the access factor, rounded half up to four
   decimals.
4. **Monthly amount** (§64): x the pension-type factor (§67 Nr. 1) x the pension value (§68) on
   the claim date.

Everything is an exact 128-bit rational (earnings denominators are a few periods' minor units x
days, reduced to lowest terms above 2^40; the largest product, earnings x DM rate x 10,000 x
average, stays below 1e32). No amount
(null) where the scalar formula gives none: the earnings of an own year unknown, a table figure
missing for a year read, a currency other than EUR or DM, no standard-age day, a value missing on
the claim date. A theoretical year with other parties' months only has no earnings the scalar
formula reads (it would fail on it): null as well.
"""

import polars as pl

from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.formulas.frames import Careers, dated_values, yearly_table
from coordina.batch.vectorised.formulas.lowest_terms import reduced
from coordina.domain.scheme import Scheme
from coordina.rules.formulas.earnings_points import EURO_FROM
from coordina.rules.periods import UNITS_PER_MONTH

I128 = q.I128
SCALE = 10**4
"""Points are rounded to four decimals (SGB VI §121(1)): 1 point = 10,000 units."""

EARNINGS_ROOM = 1 << 40
"""A year's earnings with a larger denominator (the product of its periods' denominators) are
first reduced to lowest terms, so that the products below stay within 128 bits."""

VALUES = (
    "pension_value",
    "pension_type_factor_old_age",
    "access_reduction_per_month",
    "access_increase_per_month",
    "dem_per_eur",
)


def compute(careers: Careers, scheme: Scheme) -> pl.DataFrame:
    people = careers.people.select("person", "claim_date", "pension_age_on", "currency")
    values = dated_values(scheme, VALUES, people.get_column("claim_date").unique().to_list())
    facts = people.join(values, on="claim_date", how="left")
    points = year_points(careers.years, facts, scheme)
    factor, factor_known = access_factor()
    known = (
        pl.col("points_known")
        & factor_known
        & pl.col("pension_type_factor_old_age_n").is_not_null()
        & pl.col("pension_value_n").is_not_null()
    )
    table = (
        facts.lazy()
        .join(points.lazy(), on="person", how="left")
        .with_columns(pl.col("points").fill_null(0), pl.col("points_known").fill_null(True))
        .with_columns(*q.named("factor", factor), known=known)
        .with_columns(  # §66(1), half up
            personal=(2 * pl.col("points") * pl.col("factor_n") + pl.col("factor_d")) // (2 * pl.col("factor_d"))
        )
    )
    personal = (pl.col("personal"), pl.lit(SCALE, dtype=I128))
    amount = q.mul(q.mul(personal, q.col("pension_type_factor_old_age")), q.col("pension_value"))
    return table.select("person", *q.named("amount", q.choose(pl.col("known"), amount, q.null()))).collect()


def year_points(years: pl.DataFrame, facts: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """Per person: ``points`` (the sum of the yearly earnings points, in 1/10,000 points, each
    year rounded half up, §63(2), §70(1), §121) and ``points_known`` (every figure found).

    In steps of named columns (each expression small): the average (A) and the currency factor
    (f) of the year, then the points of the earnings E / (A x f) or, where E exceeds the ceiling
    C x f x months / 12, of the ceiling C x months / (12 x A) (f cancels): the same rational as
    ``min(E, cap) / (A x f)``, so the same rounding."""
    tables = [
        yearly_table(scheme, name).rename({"value_n": f"{alias}_n", "value_d": f"{alias}_d"})
        for name, alias in (
            ("average_earnings", "final"),
            ("provisional_average_earnings", "provisional"),
            ("contribution_ceiling", "ceiling"),
        )
    ]
    by_year = tables[0].join(tables[1], on="year", how="full", coalesce=True)
    by_year = by_year.join(tables[2], on="year", how="full", coalesce=True)
    provisional = pl.col("year") >= pl.col("claim_date").dt.year().cast(pl.Int64) - 1  # §70(1) sentence 2
    year12 = 12 * UNITS_PER_MONTH
    en, ed, an, ad, fn, fd = (pl.col(c) for c in ("earnings_n", "earnings_d", "avg_n", "avg_d", "fac_n", "fac_d"))
    cn, cd, m = pl.col("ceiling_n"), pl.col("ceiling_d"), pl.col("cap_months")
    # E <= C x f x m / 12 (over 12 x U month units), cross-multiplied: E is counted, else the cap
    by_earnings = en * fd * cd * year12 <= cn * fn * m * ed
    num = pl.when(pl.col("by_earnings")).then(en * ad * fd).otherwise(cn * m * ad)
    den = pl.when(pl.col("by_earnings")).then(ed * an * fn).otherwise(cd * year12 * an)
    known = en.is_not_null() & an.is_not_null() & (an != 0) & cn.is_not_null() & fn.is_not_null()
    rows = (
        reduced(years.filter(pl.col("months") > 0), "earnings", above=EARNINGS_ROOM)
        .lazy()
        .join(facts.lazy().select("person", "claim_date", "currency", "dem_per_eur_n", "dem_per_eur_d"), on="person")
        .join(by_year.lazy(), on="year", how="left")
        .with_columns(
            *q.named("avg", q.choose(provisional, q.col("provisional"), q.col("final"))),
            *q.named("fac", _currency_factor()),
            cap_months=pl.min_horizontal(pl.col("months"), pl.lit(year12)).cast(I128),
        )
        .with_columns(by_earnings=by_earnings, year_known=known)
        .with_columns(num=num, den=den)
        .with_columns(
            points=pl.when(pl.col("year_known"))
            .then((2 * SCALE * pl.col("num") + pl.col("den")) // (2 * pl.col("den")))
            .otherwise(pl.lit(0, dtype=I128))
        )
    )
    return (
        rows.group_by("person")
        .agg(pl.col("points").sum().alias("points"), pl.col("year_known").all().alias("points_known"))
        .collect()
    )


def _currency_factor() -> tuple[pl.Expr, pl.Expr]:
    """What a table figure of the year (DM before 2002, EUR since) is multiplied by to be in
    the currency of the earnings: 1, 1 / 1.95583 or 1.95583; null for another currency or
    where the rate is missing (``rules.formulas.earnings_points.currency_factor``)."""
    before = pl.col("year") < EURO_FROM
    given = pl.col("currency")
    rate_n, rate_d = q.col("dem_per_eur")
    one = pl.lit(1, dtype=I128)
    same = given.is_null() | (before & (given == "DEM")) | (~before & (given == "EUR"))
    numerator = pl.when(same).then(one).when(given == "EUR").then(rate_d).when(given == "DEM").then(rate_n)
    denominator = pl.when(same).then(one).when(given == "EUR").then(rate_n).when(given == "DEM").then(rate_d)
    return numerator, denominator


def access_factor() -> tuple[tuple[pl.Expr, pl.Expr], pl.Expr]:
    """The access factor of an old-age pension (§77(2) Nr. 2) and whether it is known: the
    months between the claim's month and the month after the month the standard age is reached
    (the day before ``pension_age_on``, SGB X §26 with BGB §§187(2), 188(2))."""
    reached = pl.col("pension_age_on") - pl.duration(days=1)
    months = _month(pl.col("claim_date")) - (_month(reached) + 1)
    later = months > 0
    step_n = (
        pl.when(later).then(pl.col("access_increase_per_month_n")).otherwise(pl.col("access_reduction_per_month_n"))
    )
    step_d = (
        pl.when(later).then(pl.col("access_increase_per_month_d")).otherwise(pl.col("access_reduction_per_month_d"))
    )
    at_age = months == 0
    one = pl.lit(1, dtype=I128)
    numerator = pl.when(at_age).then(one).otherwise(step_d + step_n * months.cast(I128))
    denominator = pl.when(at_age).then(one).otherwise(step_d)
    known = pl.col("pension_age_on").is_not_null() & (at_age | step_n.is_not_null())
    return (numerator, denominator), known


def _month(day: pl.Expr) -> pl.Expr:
    """A running month number: consecutive calendar months differ by one."""
    return day.dt.year().cast(pl.Int64) * 12 + day.dt.month().cast(pl.Int64) - 1
