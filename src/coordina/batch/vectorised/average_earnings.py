"""The average earnings of the simple earnings formula over every person (``rules.amounts``:
``average_monthly_earnings`` and the earnings branch of ``national_amount``, which
``rules.amounts_due._simple`` reads for a scheme whose formula is ``earnings_related`` without
a national formula of ``rules.formulas``, e.g. Chile's former funds, cl-ips).

    average = the earnings of the own periods that report them / the months of those periods
              (each period whole, once, overlaps once; one currency, else no average)
    amount  = average x ``accrual_per_year`` x years (whole years where only complete years
              count), the years at most the full career's

The average has a basis even where the formula gives no amount (no accrual in the scheme data):
a right with it is then paid as "not computed", one without it nothing, as in the scalar
engine. The periods, their union's month units and the sums are columns (whether a person has
an average is all a decision reads where there is no accrual, as for every bundled scheme); the
average is the scalar's ``Decimal`` division (the context's 28 digits, half-even), done per
person on the two sums so that it rounds alike, only where an amount reads it, and the amount on
it a ``Fraction`` per person, handed on as ``formulas.fraction_pairs.pair`` gives it.
"""

from decimal import Decimal
from fractions import Fraction
from typing import Any

import polars as pl

from coordina.batch.vectorised import counting
from coordina.batch.vectorised import rational as q
from coordina.batch.vectorised.formulas.fraction_pairs import pair
from coordina.batch.vectorised.intervals import merge, units
from coordina.domain.scheme import BenefitFormulaKind, Scheme
from coordina.rules.periods import UNITS_PER_MONTH

U = UNITS_PER_MONTH
KINDS = [BenefitFormulaKind.earnings_related.value, BenefitFormulaKind.earnings_points.value]
"""``rules.amounts.EARNINGS_FORMULAS``: the kinds whose simple amount reads the average."""
COLUMNS = ("earnings_own_n", "earnings_own_d", "earnings_all_n", "earnings_all_d")
AVERAGE = {"person": pl.Int64, "average_total": q.I128, "average_units": pl.Int64}


def average(spells: pl.DataFrame, scheme: Scheme, table: pl.DataFrame, figures: pl.DataFrame) -> pl.DataFrame:
    """person, average_total (the earnings summed) and average_units (the month units of the
    periods' union) of ``average_monthly_earnings``, for the persons who have an average (a
    period with earnings, some months, one currency); the others are absent. The division is
    done by ``value`` only where an amount reads it (``national_amounts``).

    Only for the persons of ``table`` (person, claim_date, window_unknown) whose amount may read
    it: a formula of these kinds on the claim date (``figures``: ``amounts.AMOUNT_FACTS`` by
    date) that is not computed by ``rules.formulas`` there (``amounts.amounts_due``: on the
    formula's path the average is read by nothing)."""
    off_path = pl.col("formula_kind").is_in(KINDS) & (~pl.col("formula_computes") | pl.col("window_unknown"))
    kinds = figures.lazy().select("claim_date", "formula_kind", "formula_computes")
    wanting = table.lazy().select("person", "claim_date", "window_unknown").join(kinds, on="claim_date")
    persons = wanting.filter(off_path.fill_null(False)).select("person").collect(engine="in-memory")
    if persons.height == 0:
        return pl.DataFrame(schema=AVERAGE)
    paid = counting.attributed(spells.join(persons, on="person", how="semi"), scheme)
    paid = paid.filter(pl.col("earnings").is_not_null())
    periods = paid.unique(["person", "index"]).select(
        "person", "index", pl.col("period_start").alias("start"), pl.col("period_end").alias("end"), "earnings",
        "currency",
    )  # fmt: skip
    spans = merge(periods.select("person", "start", "end"), ["person"]).lazy().with_columns(units=units())
    months = spans.group_by("person").agg(pl.col("units").sum())
    sums = (
        periods.lazy()
        .group_by("person")
        .agg(
            pl.col("earnings").cast(pl.Decimal(38, 0)).cast(q.I128).sum().alias("average_total"),
            pl.col("currency").n_unique().alias("currencies"),
        )
    )
    found = sums.join(months, on="person").filter((pl.col("currencies") == 1) & (pl.col("units") > 0))
    found = found.select("person", "average_total", average_units=pl.col("units").cast(pl.Int64))
    return found.collect(engine="in-memory")


def value(total: int, units_: int) -> Fraction:
    """The average (``average_monthly_earnings``) of earnings ``total`` over ``units_`` month units."""
    return Fraction(_divided(total, Fraction(units_, U)))


def _divided(total: int, months: Fraction) -> Decimal:
    """``rules.amounts.average_monthly_earnings``'s division, in the same Decimal steps."""
    return Decimal(total) / (Decimal(months.numerator) / Decimal(months.denominator))


def national_amounts(table: pl.DataFrame) -> pl.DataFrame:
    """``table`` with earnings_own_n / _d and earnings_all_n / _d: the amount on the average for
    the own months (``amount_units``) and for every totalized month (``totalized``), where the
    formula reads the average and the data give its accrual; null otherwise."""
    applies = (
        pl.col("formula_kind").is_in(KINDS) & pl.col("average_total").is_not_null() & pl.col("accrual_n").is_not_null()
    )
    chosen = table.filter(applies).select(
        "person", "scheme", "average_total", "average_units", "accrual_n", "accrual_d", "complete_years_only",
        "full_career_units", "amount_units", "totalized",
    )  # fmt: skip
    rows: dict[str, list[Any]] = {"person": [], "scheme": [], **{c: [] for c in COLUMNS}}
    for row in chosen.iter_rows(named=True):
        rows["person"].append(row["person"])
        rows["scheme"].append(row["scheme"])
        for side, months in (("own", row["amount_units"]), ("all", row["totalized"])):
            n, d = pair(_amount(row, Fraction(months or 0, U)))
            rows[f"earnings_{side}_n"].append(n)
            rows[f"earnings_{side}_d"].append(d)
    found = pl.DataFrame(rows, schema={"person": pl.Int64, "scheme": pl.Utf8, **dict.fromkeys(COLUMNS, q.I128)})
    return table.join(found, on=["person", "scheme"], how="left")


def _amount(row: dict[str, Any], months: Fraction) -> Fraction:
    """``rules.amounts.national_amount`` of an earnings kind with an average and an accrual."""
    years = Fraction(int(months // 12)) if row["complete_years_only"] else months / 12
    career = row["full_career_units"]
    capped = min(years, Fraction(career, U) / 12) if career is not None and career > 0 else years
    average = value(row["average_total"], row["average_units"])
    return average * Fraction(row["accrual_n"], row["accrual_d"]) * capped
