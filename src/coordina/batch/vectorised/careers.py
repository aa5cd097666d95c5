"""The careers national formulas read, for every person at once (the columnar form of
``rules.careers.own_career`` and ``theoretical_career``): one row per person and calendar year.

``years`` columns: person, year, months (month units of own days that year), earnings_n /
earnings_d (the year's earnings in the scheme's currency as an exact rational; null where the
year is unknown: a period without earnings, or in a currency that does not convert), and, for
the theoretical career, own_months (the own units of the year) and attributed (the year has
other parties' months counted as if national). Earnings of one total over several years are
split by days into shares rounded half-up to the minor unit, the last year taking the rest
(``rules.earnings.yearly_earnings``); a year only partly the scheme's (a posting, entry into
force, the claim date) counts its share by days.
"""

import polars as pl
from babel.numbers import get_currency_precision

from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.intervals import intersect, merge, units
from coordina.rules.money import EURO_CONVERSION_RATES

I128 = q.I128


def by_year(intervals: pl.DataFrame) -> pl.DataFrame:
    """Intervals (person, start, end, any other keys) cut at each 1 January: one row per year."""
    years = intervals.with_columns(year=pl.int_ranges(pl.col("start").dt.year(), pl.col("end").dt.year() + 1))
    years = years.explode("year").with_columns(
        start=pl.max_horizontal("start", pl.date(pl.col("year"), 1, 1)),
        end=pl.min_horizontal("end", pl.date(pl.col("year"), 12, 31)),
    )
    return years.with_columns(days=(pl.col("end") - pl.col("start")).dt.total_days() + 1)


def months_by_year(days: pl.DataFrame) -> pl.DataFrame:
    """``rules.formulas.career.months_by_year``: person, year, months (units)."""
    pieces = by_year(merge(days, ["person"]))
    return pieces.with_columns(months=units()).group_by("person", "year").agg(pl.col("months").sum())


def _shares(periods: pl.DataFrame) -> pl.DataFrame:
    """Each period's earnings by year in minor units (``rules.earnings.yearly_earnings``)."""
    years = by_year(
        periods.select("person", "index", "period_start", "period_end", "earnings", "currency").rename(
            {"period_start": "start", "period_end": "end"}
        )
    )
    digits = {c: get_currency_precision(c) for c in periods.get_column("currency").drop_nulls().unique().to_list()}
    years = years.with_columns(
        scale=pl.lit(10, dtype=I128).pow(
            pl.col("currency").replace_strict(digits, default=0, return_dtype=pl.Int64).cast(pl.UInt32)
        ),
        all_days=pl.col("days").sum().over("person", "index"),
        last=pl.col("year") == pl.col("year").max().over("person", "index"),
    )
    total = pl.col("earnings").cast(pl.Decimal(38, 0)).cast(I128) * pl.col("scale")  # population earnings are whole
    share = (2 * total * pl.col("days") + pl.col("all_days")) // (2 * pl.col("all_days"))
    years = years.with_columns(share=pl.when(pl.col("last")).then(None).otherwise(share))
    rest = total - pl.col("share").sum().over("person", "index")
    return years.with_columns(share=pl.when(pl.col("last")).then(rest).otherwise(pl.col("share")))


def own_career(
    own_days: pl.DataFrame, mine: pl.DataFrame, periods: pl.DataFrame, currency: pl.DataFrame
) -> pl.DataFrame:
    """The own career by year. ``mine``: the own spells counted (person, index); ``periods``: the
    case's periods (person, index, period_start, period_end, earnings, currency); ``currency``:
    person, scheme_currency (the currency the scheme pays in on the claim date)."""
    months = months_by_year(own_days.select("person", "start", "end"))
    counted_periods = periods.join(mine.select("person", "index").unique(), on=["person", "index"], how="semi")
    spans = counted_periods.select(
        "person", "index", pl.col("period_start").alias("start"), pl.col("period_end").alias("end")
    )
    counted = by_year(intersect(spans, own_days.select("person", "start", "end"), ["person"]))
    counted = counted.group_by("person", "index", "year").agg(pl.col("days").sum().alias("counted_days"))
    shares = _shares(counted_periods.filter(pl.col("earnings").is_not_null()))
    joined = counted.join(counted_periods.select("person", "index", "currency"), on=["person", "index"], how="left")
    joined = joined.join(
        shares.select("person", "index", "year", "share", "scale", pl.col("days").alias("whole_days")),
        on=["person", "index", "year"],
        how="left",
    ).join(currency, on="person", how="left")
    rate = pl.col("currency").replace_strict({c: str(r) for c, r in EURO_CONVERSION_RATES.items()}, default=None)
    same = pl.col("currency") == pl.col("scheme_currency")
    to_euro = (pl.col("scheme_currency") == "EUR") & rate.is_not_null()
    # value = share / scale (/ rate) x counted / whole, as an exact rational
    rate_n, rate_d = _decimal_parts(rate)
    whole = pl.col("counted_days") == pl.col("whole_days")
    value_n = pl.when(whole).then(pl.col("share")).otherwise(pl.col("share") * pl.col("counted_days").cast(I128))
    value_d = pl.when(whole).then(pl.col("scale")).otherwise(pl.col("scale") * pl.col("whole_days").cast(I128))
    value_n = pl.when(same).then(value_n).when(to_euro).then(value_n * rate_d)
    value_d = pl.when(same).then(value_d).when(to_euro).then(value_d * rate_n)
    values = joined.with_columns(value_n=value_n, value_d=value_d)
    known = values.group_by("person", "year").agg(
        pl.col("value_n").is_null().any().alias("unknown"), pl.col("value_n"), pl.col("value_d")
    )
    summed = _sum_rationals(known.filter(~pl.col("unknown")))
    out = months.join(summed, on=["person", "year"], how="left")
    return out.sort("person", "year")


def _decimal_parts(rate: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """A decimal string as an exact rational (numerator, denominator)."""
    digits = rate.str.split(".").list.get(1, null_on_oob=True).fill_null("").str.len_chars()
    numerator = rate.str.replace(".", "", literal=True).cast(I128, strict=False)
    return numerator, pl.lit(10, dtype=I128).pow(digits.cast(pl.UInt32))


def _sum_rationals(table: pl.DataFrame) -> pl.DataFrame:
    """Per row, the sum of the lists ``value_n`` / ``value_d``: directly where the year's
    denominators are one (whole years of one currency, the usual case), else over their product
    (the few partial periods of a year keep it within 128 bits)."""
    table = table.with_columns(one=pl.col("value_d").list.n_unique() == 1)
    simple = table.filter(pl.col("one")).select(
        "person", "year", earnings_n=pl.col("value_n").list.sum(), earnings_d=pl.col("value_d").list.first()
    )
    mixed = table.filter(~pl.col("one"))
    if mixed.height == 0:
        return simple
    exploded = mixed.explode("value_n", "value_d")
    product = exploded.group_by("person", "year").agg(pl.col("value_d").product().alias("product"))
    scaled = exploded.join(product, on=["person", "year"]).with_columns(
        part=pl.col("value_n") * (pl.col("product") // pl.col("value_d"))
    )
    summed = scaled.group_by("person", "year").agg(
        pl.col("part").sum().alias("earnings_n"), pl.col("product").first().alias("earnings_d")
    )
    return pl.concat([simple, summed.drop_nulls()], how="vertical_relaxed")


def theoretical_career(own: pl.DataFrame, foreign_days: pl.DataFrame) -> pl.DataFrame:
    """``own`` with the other parties' months of each year added (``rules.careers.theoretical_career``)."""
    foreign = months_by_year(foreign_days.select("person", "start", "end")).rename({"months": "foreign_months"})
    joined = own.rename({"months": "own_months"}).join(foreign, on=["person", "year"], how="full", coalesce=True)
    return (
        joined.with_columns(
            months=pl.col("own_months").fill_null(0) + pl.col("foreign_months").fill_null(0),
            attributed=pl.col("foreign_months").fill_null(0) > 0,
            own_months=pl.col("own_months").fill_null(0),
        )
        .drop("foreign_months")
        .sort("person", "year")
    )
