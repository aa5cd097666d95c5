"""Pension ages and counting windows over every person at once (the columnar form of
``rules.ages``): the row of the table in force on the claim date for the person's cohort and
sex, the day the age is reached, and the days an age window lets count."""

from datetime import date

import polars as pl

from coordina.batch.vectorised.facts import pension_age_tables
from coordina.batch.vectorised.intervals import ONE_DAY
from coordina.domain.scheme import PensionAge, Scheme

SEX_VARIANTS = "pension age by sex, and the case gives no sex"


def _months_later(day: pl.Expr, months: pl.Expr) -> pl.Expr:
    """``rules.periods.add_months``: the same day ``months`` later, clamped to the month's end."""
    return day.dt.offset_by(pl.format("{}mo", months))


def _row_number(rows: list[PensionAge], sex: str | None) -> pl.Expr:
    """``rules.ages._row``: the first row that fits the sex and birth date (null: none)."""
    found: pl.Expr = pl.lit(None, dtype=pl.Int64)
    for number in reversed(range(len(rows))):
        rule = rows[number]
        fits = pl.lit(rule.sex == "any" or rule.sex == sex)
        if rule.born_from:
            fits = fits & (pl.col("birth_date") >= rule.born_from)
        if rule.born_until:
            fits = fits & (pl.col("birth_date") <= rule.born_until)
        found = pl.when(fits).then(pl.lit(number, dtype=pl.Int64)).otherwise(found)
    return found


def pension_ages(persons: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    """Per person: ``pension_age_on`` (null: unknown or no age condition), ``age_reached``
    (null: unknown), and ``age_fallback`` where the sex left open would change the row.

    ``persons``: person, birth_date, sex, claim_date."""
    dated, versions = pension_age_tables(scheme, persons.get_column("claim_date").unique().to_list())
    table = persons.join(dated, on="claim_date", how="left")
    parts = [
        table.filter(pl.col("version") == -1).with_columns(
            pension_age_on=pl.lit(None, dtype=pl.Date), age_reached=pl.lit(True), age_fallback=pl.lit(None, pl.Utf8)
        ),
        table.filter(pl.col("version").is_null()).with_columns(
            pension_age_on=pl.lit(None, dtype=pl.Date),
            age_reached=pl.lit(None, pl.Boolean),
            age_fallback=pl.lit(None, pl.Utf8),
        ),
    ]
    for number, rows in versions.items():
        part = table.filter(pl.col("version") == number)
        same = {i: [j for j in range(len(rows)) if rows[j] == rows[i]] for i in range(len(rows))}
        part = part.with_columns(
            men=_row_number(rows, "men"), women=_row_number(rows, "women"), neither=_row_number(rows, None)
        )
        open_sex = pl.col("sex").is_null()
        differs = _differs(same)
        row = (
            pl.when(pl.col("sex") == "men")
            .then(pl.col("men"))
            .when(pl.col("sex") == "women")
            .then(pl.col("women"))
            .otherwise(pl.col("neither"))
        )
        months_of = row.replace_strict(
            {i: r.years * 12 + r.months for i, r in enumerate(rows)}, default=None, return_dtype=pl.Int64
        )
        reached_on = pl.when(row.is_not_null()).then(_months_later(pl.col("birth_date"), months_of))
        part = part.with_columns(
            pension_age_on=reached_on,
            age_reached=reached_on <= pl.col("claim_date"),
            age_fallback=pl.when(open_sex & differs).then(pl.lit(SEX_VARIANTS)).otherwise(None),
        ).drop("men", "women", "neither")
        parts.append(part)
    return pl.concat(parts, how="vertical_relaxed").drop("version")


def _differs(same: dict[int, list[int]]) -> pl.Expr:
    """Whether the men's and the women's rows differ in value (``rules.ages.sexes_to_try``)."""
    equal: pl.Expr = pl.lit(False)
    for i, equals in same.items():
        equal = equal | ((pl.col("men") == i) & pl.col("women").is_in(equals))
    both_none = pl.col("men").is_null() & pl.col("women").is_null()
    return ~(equal | both_none)


def window_days(table: pl.DataFrame) -> pl.DataFrame:
    """``rules.ages.window``: ``window_first``, ``window_last`` (the far past and future where an
    end is open), ``window_unknown`` where it needs a pension age that is unknown."""
    far_past, far_future = date(1, 1, 1), date(9999, 12, 31)
    birth, pension = pl.col("birth_date"), pl.col("pension_age_on")
    first = (
        pl.when(pl.col("window_from_months").is_not_null())
        .then(_months_later(birth, pl.col("window_from_months")))
        .otherwise(pl.lit(far_past))
    )
    before = _months_later(pension, -12 * pl.col("window_before_pension_years"))
    first = (
        pl.when(pl.col("window_before_pension_years").is_not_null())
        .then(pl.max_horizontal(first, before))
        .otherwise(first)
    )
    last = (
        pl.when(pl.col("window_to_months").is_not_null())
        .then(_months_later(birth, pl.col("window_to_months")) - ONE_DAY)
        .otherwise(pl.lit(far_future))
    )
    last = (
        pl.when(pl.col("window_to_pension_age").fill_null(False))
        .then(pl.min_horizontal(last, pension - ONE_DAY))
        .otherwise(last)
    )
    needs_pension = pl.col("window_before_pension_years").is_not_null() | pl.col("window_to_pension_age").fill_null(
        False
    )
    unknown = pl.col("window_kinds").is_not_null() & needs_pension & pension.is_null()
    return table.with_columns(window_first=first, window_last=last, window_unknown=unknown)
