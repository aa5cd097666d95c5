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

The rows come sorted by person and year, as they are built (``_numbered``: one integer key per
person and year, non-decreasing down the merged days cut into years; ``theoretical_career``
merges two sorted tables). No formula relies on it: those that read the years in order sort
them themselves (``formulas.replacement_rate``, ``best_years``, ``last_salaries``,
``pensionable_salary``, ``basic_plus_accrual``, ``a_and_b_values``); the others only sum or
join by year.

Days are counted on day numbers (``intervals.day_number``, ``intervals.new_year``), month units on
``intervals.units_before`` of the interval's ends: a year's units are
``min(units_before(end + 1), units_before(1 January next)) - max(units_before(start),
units_before(1 January))``, so each interval is cut into its years once, with integers only.
"""

import polars as pl
from babel.numbers import get_currency_precision

from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.intervals import ONE_DAY, collect, day_number, merge, new_year, units_before
from coordina.rules.money import EURO_CONVERSION_RATES
from coordina.rules.periods import UNITS_PER_MONTH

I128 = q.I128
YEAR_UNITS = 12 * UNITS_PER_MONTH
"""``units_before(1 January y) = y x YEAR_UNITS`` (``intervals.units_before``)."""


def _years(start: str = "start", end: str = "end") -> pl.Expr:
    """The calendar years an interval touches, as a list."""
    return pl.int_ranges(pl.col(start).dt.year(), pl.col(end).dt.year() + 1, dtype=pl.Int64)


def _numbered(days: pl.DataFrame) -> pl.DataFrame:
    """``intervals.merge`` of days (person, start, end), sorted by person and start, with
    ``number``: the person's rank (0, 1, ...), so that ``number x YEARS + year`` (``_key``) is
    one sortable integer per person and year, non-decreasing down the cut intervals."""
    merged = merge(days.select("person", "start", "end"), ["person"])
    return merged.with_columns(number=pl.col("person").rle_id().cast(pl.Int64))


YEARS = 16_384
"""Above every year of a date (1..9999): keys stay below 2^54 for up to 2^40 people."""


def _key() -> pl.Expr:
    return pl.col("number") * YEARS + pl.col("year")


def _months_by_year(numbered: pl.LazyFrame) -> pl.LazyFrame:
    """person, year, key, months (units) of ``_numbered`` days, sorted by key: each interval cut
    into its years, the pieces of one year (two intervals touching it) summed."""
    year = pl.col("year")
    pieces = numbered.select(
        "person",
        "number",
        low=units_before(pl.col("start")),
        high=units_before(pl.col("end") + ONE_DAY),
        year=_years(),
    ).explode("year")
    months = pl.min_horizontal("high", (year + 1) * YEAR_UNITS) - pl.max_horizontal("low", year * YEAR_UNITS)
    rows = pieces.select("person", "year", key=_key(), months=months)
    # the pieces of one key are consecutive: the running sum at the last, less the one before
    ends = rows.with_columns(total=pl.col("months").cum_sum(), last=pl.col("key").ne_missing(pl.col("key").shift(-1)))
    ends = ends.filter(pl.col("last"))
    months = pl.col("total") - pl.col("total").shift(1, fill_value=0)
    return ends.select("person", "year", pl.col("key").set_sorted(), months=months)


def months_by_year(days: pl.DataFrame) -> pl.DataFrame:
    """``rules.formulas.career.months_by_year``: person, year, months (units), sorted."""
    return collect(_months_by_year(_numbered(days).lazy()).drop("key"))


def _share(days: pl.Expr) -> pl.Expr:
    """A year's share of the period's total by its ``days``, half up to the minor unit
    (``rules.earnings.yearly_earnings``): ``total`` in minor units, ``all_days`` the period's."""
    return (2 * pl.col("total") * days.cast(I128) + pl.col("all_days")) // (2 * pl.col("all_days"))


def _leap_years(year: pl.Expr) -> pl.Expr:
    """The leap years from 1 to ``year`` (Gregorian)."""
    return year // 4 - year // 100 + year // 400


def _counted_periods(periods: pl.LazyFrame, currency: pl.LazyFrame, currencies: list[str]) -> pl.LazyFrame:
    """Per counted period: its days (ps, pe), first and last years, and the shares of its
    earnings (in minor units, over ``unit_d``) a year can take: ``rest_n`` the last year's (the
    total less the shares of the years before, the full years by their count of 365- and
    366-day years), ``first_n`` the first year's, ``common_n`` / ``leap_n`` a full year's; each
    converted into the scheme's currency (1 in the same currency, the fixed euro rate into
    euros, ``rules.money.converted``; null: the earnings do not convert)."""
    digits = {c: get_currency_precision(c) for c in currencies}
    rates = {c: _decimal_parts(str(r)) for c, r in EURO_CONVERSION_RATES.items()}
    ps, pe = day_number(pl.col("period_start")), day_number(pl.col("period_end"))
    ys, ye = pl.col("period_start").dt.year().cast(pl.Int64), pl.col("period_end").dt.year().cast(pl.Int64)
    scale = pl.lit(10, dtype=I128).pow(
        pl.col("currency").replace_strict(digits, default=0, return_dtype=pl.Int64).cast(pl.UInt32)
    )
    table = periods.join(currency, on="person", how="left").select(
        "person",
        "index",
        "period_start",
        "period_end",
        ps=ps,
        pe=pe,
        ys=ys,
        ye=ye,
        all_days=pe - ps + 1,
        scale=scale,
        total=pl.col("earnings").cast(pl.Decimal(38, 0)).cast(I128) * scale,  # population earnings are whole
        rate_n=pl.col("currency").replace_strict({c: r[0] for c, r in rates.items()}, default=None, return_dtype=I128),
        rate_d=pl.col("currency").replace_strict({c: r[1] for c, r in rates.items()}, default=None, return_dtype=I128),
        same=pl.col("currency") == pl.col("scheme_currency"),
        to_euro=pl.col("scheme_currency") == "EUR",
    )
    first_days = new_year(pl.col("ys") + 1) - pl.col("ps")
    leaps = _leap_years(pl.col("ye") - 1) - _leap_years(pl.col("ys"))
    full = pl.col("ye") - 1 - pl.col("ys") - leaps
    before_last = _share(first_days) + leaps.cast(I128) * _share(pl.lit(366)) + full.cast(I128) * _share(pl.lit(365))
    one = pl.lit(1, dtype=I128)
    to_euro = pl.col("to_euro") & pl.col("rate_n").is_not_null()
    table = table.with_columns(
        rest=pl.when(pl.col("ys") == pl.col("ye")).then(pl.col("total")).otherwise(pl.col("total") - before_last),
        conv_n=pl.when(pl.col("same")).then(one).when(to_euro).then(pl.col("rate_d")),
        conv_d=pl.when(pl.col("same")).then(one).when(to_euro).then(pl.col("rate_n")),
    )
    # the shares a year can take, converted: the last year's, the first's, a full year's
    conv = pl.col("conv_n")
    return table.select(
        "person",
        "index",
        "period_start",
        "period_end",
        "ps",
        "pe",
        "ys",
        "ye",
        rest_n=pl.col("rest") * conv,
        first_n=_share(first_days) * conv,
        common_n=_share(pl.lit(365)) * conv,
        leap_n=_share(pl.lit(366)) * conv,
        unit_d=pl.col("scale") * pl.col("conv_d"),
    )


def _values(counted: pl.LazyFrame, numbered: pl.LazyFrame) -> pl.LazyFrame:
    """key, value_n / value_d sorted by key: each counted period's earnings of each year it counts
    in, its share x counted days / the period's days that year (the share alone where it counts
    whole), in the scheme's currency; null where unknown."""
    pieces = counted.join(numbered, on="person", how="inner")
    pieces = pieces.with_columns(
        start=pl.max_horizontal("period_start", "start"), end=pl.min_horizontal("period_end", "end")
    ).filter(pl.col("start") <= pl.col("end"))
    parts = pl.len().over("person", "index")
    pieces = pieces.with_columns(s=day_number(pl.col("start")), e=day_number(pl.col("end")), year=_years(), parts=parts)
    # once: the two branches below would each redo the join
    pieces = collect(pieces.drop("person", "period_start", "period_end", "start", "end")).lazy()
    rows = pieces.explode("year")
    first, last = new_year(pl.col("year")), new_year(pl.col("year") + 1) - 1
    rows = rows.with_columns(
        key=_key(),
        days=pl.min_horizontal("e", last) - pl.max_horizontal("s", first) + 1,
        whole_days=pl.min_horizontal("pe", last) - pl.max_horizontal("ps", first) + 1,
    ).drop("s", "e", "number")
    # a period cut in several pieces (a gap in the own days) may count twice in one year
    single = rows.filter(pl.col("parts") == 1)
    several = (
        rows.filter(pl.col("parts") > 1)
        .group_by("key", "index")
        .agg(pl.col("days").sum(), pl.all().exclude("days").first())
    )
    rows = pl.concat([single, several.select(single.collect_schema().names())])
    year = pl.col("year")
    share = (
        pl.when(year == pl.col("ye"))
        .then("rest_n")
        .when(year == pl.col("ys"))
        .then("first_n")
        .when(pl.col("whole_days") == 366)
        .then("leap_n")
        .otherwise("common_n")
    )
    whole = pl.col("days") == pl.col("whole_days")
    value_n = pl.when(whole).then(share).otherwise(share * pl.col("days").cast(I128))
    value_d = pl.when(whole).then(pl.col("unit_d")).otherwise(pl.col("unit_d") * pl.col("whole_days").cast(I128))
    return rows.select("key", value_n=value_n, value_d=value_d).sort("key")


def own_career(
    own_days: pl.DataFrame, mine: pl.DataFrame, periods: pl.DataFrame, currency: pl.DataFrame
) -> pl.DataFrame:
    """The own career by year, sorted by person and year. ``mine``: the own spells counted
    (person, index); ``periods``: the case's periods (person, index, period_start, period_end,
    earnings, currency); ``currency``: person, scheme_currency (the currency the scheme pays in
    on the claim date)."""
    numbered = _numbered(own_days)
    counted = periods.lazy().join(mine.lazy().select("person", "index"), on=["person", "index"], how="semi")
    currencies = periods.get_column("currency").drop_nulls().unique().to_list()
    values = collect(_values(_counted_periods(counted, currency.lazy(), currencies), numbered.lazy()))
    months = collect(_months_by_year(numbered.lazy()))
    joined = months.join(_sum_rationals(values), on="key", how="left")
    return joined.select("person", "year", "months", "earnings_n", "earnings_d")


def _decimal_parts(rate: str) -> tuple[int | None, int]:
    """A decimal string as an exact rational (numerator, denominator)."""
    whole, _, fraction = rate.partition(".")
    digits = (whole + fraction).lstrip("-")
    return (int(whole + fraction) if digits.isdigit() else None), 10 ** len(fraction)


def _sum_rationals(values: pl.DataFrame) -> pl.DataFrame:
    """key, earnings_n / earnings_d sorted by key: the sum of the year's values where all are
    known: directly where its denominators are one (whole years of one currency, the usual case),
    else over their product (the few partial periods of a year keep it within 128 bits)."""
    sums = values.group_by("key", maintain_order=True).agg(
        unknown=pl.col("value_n").is_null().any(),
        one=pl.col("value_d").n_unique() == 1,
        earnings_n=pl.col("value_n").sum(),
        earnings_d=pl.col("value_d").first(),
    )
    simple = ~pl.col("unknown") & pl.col("one")
    mixed = sums.filter(~pl.col("unknown") & ~pl.col("one")).select("key")
    sums = sums.select(
        pl.col("key").set_sorted(),
        earnings_n=pl.when(simple).then("earnings_n"),
        earnings_d=pl.when(simple).then("earnings_d"),
    )
    if mixed.height == 0:
        return sums
    exploded = values.join(mixed, on="key", how="semi")
    product = exploded.group_by("key").agg(pl.col("value_d").product().alias("product"))
    scaled = exploded.join(product, on="key").with_columns(
        part=pl.col("value_n") * (pl.col("product") // pl.col("value_d"))
    )
    summed = (
        scaled.group_by("key")
        .agg(pl.col("part").sum().alias("earnings_n"), pl.col("product").first().alias("earnings_d"))
        .drop_nulls()
    )
    # the mixed years written into their rows of the sorted keys
    at = sums.get_column("key").search_sorted(summed.get_column("key"))
    return sums.with_columns(
        sums.get_column(name).clone().scatter(at, summed.get_column(name)) for name in ("earnings_n", "earnings_d")
    )


def _same_year(step: int) -> pl.Expr:
    """The row ``step`` rows away is of the same person and year."""
    return (pl.col("person") == pl.col("person").shift(step)) & (pl.col("year") == pl.col("year").shift(step))


def theoretical_career(own: pl.DataFrame, foreign_days: pl.DataFrame) -> pl.DataFrame:
    """``own`` (one row per person and year, as ``own_career`` gives it) with the other parties'
    months of each year added (``rules.careers.theoretical_career``), sorted by person and year:
    the own years and the other parties' merged in order, a year in both taking the other
    parties' months from the row after it."""
    own_years = own.rename({"months": "own_months"}).sort("person", "year").with_columns(foreign=pl.lit(None, pl.Int64))
    blank = {name: pl.lit(None, dtype) for name, dtype in own_years.schema.items() if name not in ("person", "year")}
    foreign = collect(_months_by_year(_numbered(foreign_days).lazy()))
    foreign_years = foreign.select("person", "year", **{**blank, "foreign": pl.col("months")})
    rows = own_years.merge_sorted(foreign_years, ["person", "year"], maintain_order=True)
    paired = _same_year(-1).fill_null(False)
    rows = rows.with_columns(
        foreign=pl.when(paired).then(pl.col("foreign").shift(-1)).otherwise(pl.col("foreign")).fill_null(0),
        keep=~_same_year(1).fill_null(False),
    ).filter(pl.col("keep"))
    return rows.with_columns(
        months=pl.col("own_months").fill_null(0) + pl.col("foreign"),
        attributed=pl.col("foreign") > 0,
        own_months=pl.col("own_months").fill_null(0),
    ).drop("foreign", "keep")
