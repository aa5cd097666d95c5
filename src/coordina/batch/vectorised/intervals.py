"""Interval arithmetic over tables of closed day intervals keyed by person (the columnar form of
``rules.periods``): months in exact integer units (``rules.periods.UNITS_PER_MONTH``), unions,
intersections and the sharing of days between classes by priority."""

from datetime import timedelta

import polars as pl

from coordina.rules.periods import UNITS_PER_MONTH

ONE_DAY = timedelta(days=1)
KEY = "person"


def collect(query: pl.LazyFrame) -> pl.DataFrame:
    """A lazy query run by the in-memory engine (the streaming engine, Polars' default, runs these
    sorts, windows and explodes of a partition several times slower)."""
    return query.collect(engine="in-memory")


def day_number(day: pl.Expr) -> pl.Expr:
    """Days since 1 January 1970 (negative before)."""
    return day.cast(pl.Int64)


def new_year(year: pl.Expr) -> pl.Expr:
    """``day_number`` of 1 January of ``year`` (1..9999, proleptic Gregorian), in integers: the
    days of the years before it (365 each, plus their leap days) less those before 1970."""
    before = year - 1
    return 365 * before + before // 4 - before // 100 + before // 400 - 719_162


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
    """The union per ``keys`` as disjoint intervals (``rules.periods.merge``: adjacent ones joined),
    sorted by ``keys`` and start."""
    return collect(merge_lazy(intervals.lazy(), keys, adjacent))


def merge_lazy(intervals: pl.LazyFrame, keys: list[str], adjacent: bool = True) -> pl.LazyFrame:
    """``merge`` as a lazy query, to fuse into a caller's.

    One sort and one running maximum over the whole table: the group's number (a running count
    of key changes) is put in the high digits of each end, so the running maximum never crosses
    into another group; a block starts where a start lies beyond the reach of the ends before
    it, and ends at the running maximum on its last row."""
    gap = 1 if adjacent else 0
    ordered = intervals.select(*keys, "start", "end").sort(*keys, "start", "end")
    changed = pl.any_horizontal(pl.col(k).ne_missing(pl.col(k).shift(1)) for k in keys)
    group = changed.cast(pl.Int64).cum_sum()
    end_day = pl.col("end").cast(pl.Int64) + 10_000_000  # every day of years 1..9999 is within 0..2 x 10^7
    reach = group * 100_000_000 + end_day  # groups < 9 x 10^10: within Int64
    start_day = pl.col("start").cast(pl.Int64) + 10_000_000
    numbered = ordered.with_columns(_reach=reach.cum_max(), _group=group)
    before = pl.col("_reach").shift(1)
    starts_new = (pl.col("_group") != pl.col("_group").shift(1)).fill_null(True) | (
        pl.col("_group") * 100_000_000 + start_day > before + gap
    )
    flagged = numbered.with_columns(_new=starts_new)
    last = pl.col("_new").shift(-1).fill_null(True)
    end = (pl.col("_reach") - pl.col("_group") * 100_000_000 - 10_000_000).cast(pl.Int32).cast(pl.Date)
    return flagged.select(
        *(pl.col(k).filter(pl.col("_new")) for k in keys),
        pl.col("start").filter(pl.col("_new")),
        end.filter(last).alias("end"),
    )


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
    piece given to one rank, sorted by keys and start. Elementary segments between every start
    and every day after an end, each taken by the lowest rank covering it: one sort of the
    starts (+1) and ends (-1), a running count per rank (each group's counts return to zero
    at its last end, so the counts run over the whole table), read on the last event of each
    day. One running count per distinct rank: the ranks of ``counting._classed`` are a few."""
    ranks = sorted(classes.get_column("rank").drop_nulls().unique().to_list())
    rank_type = classes.schema["rank"]
    if not ranks:
        return classes.select(*keys, "start", "end", "rank").clear()
    step = (pl.col("start") <= pl.col("end")).cast(pl.Int32)  # an empty interval only cuts
    events = pl.concat(
        [
            classes.lazy().select(*keys, "rank", at=pl.col("start"), delta=step),
            classes.lazy().select(*keys, "rank", at=pl.col("end") + ONE_DAY, delta=-step),
        ]
    ).sort(*keys, "at")
    counts = {
        f"_count{i}": pl.when(pl.col("rank") == r).then(pl.col("delta")).otherwise(0).cum_sum()
        for i, r in enumerate(ranks)
    }
    last = pl.any_horizontal(pl.col(c).ne_missing(pl.col(c).shift(-1)) for c in [*keys, "at"])
    rows = events.with_columns(**counts, _last=last, end=pl.col("at").shift(-1) - ONE_DAY).filter(pl.col("_last"))
    lowest = pl.coalesce(
        pl.when(pl.col(f"_count{i}") > 0).then(pl.lit(r, dtype=rank_type)) for i, r in enumerate(ranks)
    )
    pieces = rows.select(*keys, pl.col("at").alias("start"), "end", lowest.alias("rank"))
    return collect(pieces.filter(pl.col("rank").is_not_null()))
