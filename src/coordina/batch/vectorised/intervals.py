"""Interval arithmetic over tables of closed day intervals keyed by person (the columnar form of
``rules.periods``): months in exact integer units (``rules.periods.UNITS_PER_MONTH``), unions,
intersections and the sharing of days between classes by priority."""

from datetime import timedelta

import polars as pl

from coordina.rules.periods import UNITS_PER_MONTH

ONE_DAY = timedelta(days=1)
KEY = "person"


def units_before(day: pl.Expr) -> pl.Expr:
    """Month units from an epoch to the start of ``day``: whole months, then the share of the
    month's days before it (so the units of start..end are ``units_before(end + 1) - units_before(start)``,
    the calendar-month fraction of ``rules.periods.MONTH_POLICY``)."""
    whole = (day.dt.year().cast(pl.Int64) * 12 + day.dt.month().cast(pl.Int64) - 1) * UNITS_PER_MONTH
    per_day = pl.lit(UNITS_PER_MONTH, dtype=pl.Int64) // day.dt.month_end().dt.day().cast(pl.Int64)
    return whole + (day.dt.day().cast(pl.Int64) - 1) * per_day


def units(start: str = "start", end: str = "end") -> pl.Expr:
    """Month units of each interval."""
    return units_before(pl.col(end) + ONE_DAY) - units_before(pl.col(start))


def merge(intervals: pl.DataFrame, keys: list[str], adjacent: bool = True) -> pl.DataFrame:
    """The union per ``keys`` as disjoint intervals (``rules.periods.merge``: adjacent ones joined).

    One sort and one running maximum over the whole table: the group's rank is put in the high
    digits of each end, so the running maximum never crosses into another group."""
    gap = 1 if adjacent else 0
    ordered = intervals.select(*keys, "start", "end").sort(*keys, "start", "end")
    group = (
        pl.struct(keys).rank("dense").cast(pl.Int64) if len(keys) > 1 else pl.col(keys[0]).rank("dense").cast(pl.Int64)
    )
    end_day = pl.col("end").cast(pl.Int64)  # days since 1970 (negative before)
    shifted = end_day + 10_000_000  # every day of years 1..9999 is within 0..2 x 10^7
    reach = (group * 100_000_000 + shifted).cum_max().shift(1)
    previous_group = group.shift(1)
    start_day = pl.col("start").cast(pl.Int64) + 10_000_000
    starts_new = previous_group.is_null() | (previous_group != group) | (start_day > reach - group * 100_000_000 + gap)
    grouped = ordered.with_columns(block=starts_new.cast(pl.Int64).cum_sum())
    return grouped.group_by(*keys, "block").agg(pl.col("start").min(), pl.col("end").max()).drop("block")


def clip(intervals: pl.DataFrame, first: pl.Expr | None = None, last: pl.Expr | None = None) -> pl.DataFrame:
    """Intervals cut to ``first``..``last`` (columns or literals); empty ones dropped."""
    out = intervals
    if first is not None:
        out = out.with_columns(pl.max_horizontal("start", first).alias("start"))
    if last is not None:
        out = out.with_columns(pl.min_horizontal("end", last).alias("end"))
    return out.filter(pl.col("start") <= pl.col("end"))


def intersect(a: pl.DataFrame, b: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """The days of ``a`` (any columns) within the merged ``b`` (``keys``, start, end)."""
    joined = a.join(merge(b, keys), on=keys, how="inner", suffix="_b")
    return clip(joined, pl.col("start_b"), pl.col("end_b")).drop("start_b", "end_b")


def share(classes: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Each day once, to the class of lowest ``rank`` that covers it (``rules.totalization.share_days``).

    ``classes``: keys, rank, start, end. The answer: keys, rank, start, end, disjoint, each
    piece given to one rank. Elementary segments between every start and every day after an end,
    each taken by the lowest rank covering it."""
    bounds = (
        pl.concat(
            [
                classes.select(*keys, pl.col("start").alias("at")),
                classes.select(*keys, (pl.col("end") + ONE_DAY).alias("at")),
            ]
        )
        .unique()
        .sort(*keys, "at")
    )
    segments = bounds.with_columns(end=(pl.col("at").shift(-1).over(keys) - ONE_DAY)).drop_nulls("end")
    segments = segments.rename({"at": "start"}).filter(pl.col("start") <= pl.col("end"))
    covering = segments.join(classes.rename({"start": "c_start", "end": "c_end"}), on=keys, how="inner")
    covering = covering.filter((pl.col("c_start") <= pl.col("start")) & (pl.col("end") <= pl.col("c_end")))
    return covering.group_by(*keys, "start", "end").agg(pl.col("rank").min())
