"""French quarters validated by earnings over every person at once (the columnar form of
``rules.formulas.fr_quarters``, CSS R351-9): a calendar year counts as many quarters as its
earnings hold the threshold (200 hours at the hourly SMIC in force on 1 January from 1972, 150
from 2014, décret n° 2014-349), at most four; a year whose earnings the case does not give, or
without an encoded threshold (before 1972), counts its whole quarters of months. A threshold of
a year before 2002 is in francs: it is brought to euros exactly at ``values.frf_per_eur`` in
force on the claim date (the quotient is not rounded, as in the scalar ``in_euros``).
"""

from datetime import date
from fractions import Fraction

import polars as pl

from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.formulas.frames import dated_values
from coordina.batch.vectorised.formulas.quotients import floor_ratio
from coordina.domain.scheme import Scheme
from coordina.rules.formulas.fr_quarters import EURO_YEAR
from coordina.rules.periods import UNITS_PER_MONTH

QUARTER = 3 * UNITS_PER_MONTH
_YEARS = range(1850, 2151)


def thresholds(scheme: Scheme) -> pl.DataFrame:
    """year, hours, smic_n, smic_d: the figures of the threshold on 1 January of each year where
    both are in force (``rules.formulas.fr_quarters.threshold``)."""
    hours = scheme.parameters.values.get("hours_per_quarter")
    smic = scheme.parameters.values.get("smic_hourly")
    rows = []
    for year in _YEARS if hours is not None and smic is not None else ():
        first = date(year, 1, 1)
        per_quarter, hourly = hours.at(first), smic.at(first)  # type: ignore[union-attr]
        if per_quarter is None or hourly is None:
            continue
        h, s = Fraction(per_quarter.value), Fraction(hourly.value)
        rows.append((year, h.numerator, h.denominator, s.numerator, s.denominator))
    schema = {"year": pl.Int64, "hours_n": q.I128, "hours_d": q.I128, "smic_n": q.I128, "smic_d": q.I128}
    return pl.DataFrame(rows, schema=schema, orient="row")


def conversion(scheme: Scheme, dates: list[date]) -> pl.DataFrame:
    """claim_date, frf_n, frf_d: francs per euro on each claim date (null: not in force)."""
    values = dated_values(scheme, ("frf_per_eur",), dates)
    return values.rename({"frf_per_eur_n": "frf_n", "frf_per_eur_d": "frf_d"})


def quarters(years: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """``years`` (person, claim_date, year, months, own_months in units, earnings_n /
    earnings_d) with ``quarters`` (``quarters_of_year``), ``by_earnings``
    (the earnings and the threshold are known), ``unearned`` (the earnings validate no quarter:
    R351-29 leaves the year out of the average salary) and ``needs_rate`` (a franc threshold
    with no conversion rate on the claim date: the scalar reading says what it misses)."""
    rates = conversion(scheme, years.get_column("claim_date").unique().to_list())
    table = years.join(rates, on="claim_date", how="left").join(thresholds(scheme), on="year", how="left")
    francs = pl.col("year") < EURO_YEAR
    limit_n = pl.col("hours_n") * pl.col("smic_n") * pl.when(francs).then(pl.col("frf_d")).otherwise(1)
    limit_d = pl.col("hours_d") * pl.col("smic_d") * pl.when(francs).then(pl.col("frf_n")).otherwise(1)
    earned = pl.col("earnings_n").is_not_null()
    table = table.with_columns(
        limit_n=pl.when(earned).then(limit_n),
        limit_d=pl.when(earned).then(limit_d),
        needs_rate=earned & pl.col("smic_n").is_not_null() & francs & pl.col("frf_n").is_null(),
    )
    table = floor_ratio(table, ("earnings_n", "earnings_d"), ("limit_n", "limit_d"), "held")
    by_earnings = earned & pl.col("limit_n").is_not_null() & (pl.col("limit_n") > 0)
    served = pl.min_horizontal(pl.lit(4, dtype=pl.Int64), pl.col("months") // QUARTER)
    earned_quarters = pl.min_horizontal(pl.lit(4, dtype=q.I128), pl.col("held")).cast(pl.Int64)
    foreign = pl.col("months") - pl.col("own_months")  # other parties' months (theoretical amount)
    topped = pl.min_horizontal(
        pl.lit(4, dtype=pl.Int64), earned_quarters + pl.when(foreign > 0).then(foreign // QUARTER).otherwise(0)
    )
    return table.with_columns(
        by_earnings=by_earnings,
        quarters=pl.when(by_earnings).then(topped).otherwise(served),
        unearned=by_earnings & (earned_quarters == 0),
    ).drop("hours_n", "hours_d", "smic_n", "smic_d", "limit_n", "limit_d", "held", "frf_n", "frf_d")
