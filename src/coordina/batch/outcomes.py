"""What each claim gives with and without the agreement, from the kernel's decision rows (issue 13
item 3): one row per person and scheme with the yearly amount payable where the person lives.

- With the agreement: ``eligible_totalized`` and ``payable_amount``; paid where the person lives
  if that is the paying party, or abroad where ``payable_abroad`` (the agreement's export rules).
- Without it: ``eligible_national`` and ``independent_amount``; paid abroad only where the
  scheme's own export rule allows it (``national_export``, the scheme's ``export`` parameter on
  the claim date, read as ``rules.export`` reads it: unrestricted pays abroad, none does not, a
  minimum period compares the person's own months; restricted is unknown, and so is proportional:
  it pays abroad at a reduced rate whose terms the scheme data give only in words).
- An amount per month, fortnight or week is a yearly amount of 12, 26 or 52 of them.
- A value the decision leaves unknown (null) stays unknown: it is counted, never taken as zero.

Also the bands reported: pro-rata fractions in tenths, and each person's gain in one currency.
Pure: tables in, tables out.
"""

from collections.abc import Mapping
from datetime import date
from fractions import Fraction

import polars as pl

from coordina.domain.scheme import ExportKind, Scheme
from coordina.rules.eligibility import exact_months

PER_YEAR = {"monthly": 12, "fortnightly": 26, "weekly": 52, "yearly": 1}
"""Payments a year for each ``amount_period`` (26 fortnights, 52 weeks)."""

GAIN_BANDS = ("new entitlement", "more", "same", "less", "none", "unknown")
FRACTION_BANDS = tuple(f"{10 * i}-{10 * (i + 1)} %" for i in range(10))


def national_export(scheme: Scheme, own_months: float | None, on: date) -> bool | None:
    """Whether national law alone pays the scheme's benefit in full to a person living abroad (None:
    unknown, also for a proportional export, whose reduction the scheme data do not encode)."""
    parameter = scheme.parameters.export
    value = parameter.at(on) if parameter else None
    if value is None:
        return None
    rule = value.value
    if rule.kind is ExportKind.minimum_period and rule.minimum_period is not None:
        needed = exact_months(rule.minimum_period)
        if needed is None or own_months is None:
            return None
        return Fraction(own_months) >= needed
    return {ExportKind.unrestricted: True, ExportKind.none: False}.get(rule.kind)


def outcomes(
    decisions: pl.DataFrame, facts: pl.DataFrame, claims: pl.DataFrame, schemes: Mapping[str, Scheme]
) -> pl.DataFrame:
    """Per claimant and scheme decided: ``party``, ``scheme``, ``currency``, the person's facts and
    claim date, ``with_yearly`` and ``without_yearly`` (payable where they live, null: unknown),
    ``newly_eligible``, ``abroad`` (living outside the paying party) and ``pro_rata_fraction``."""
    rows = decisions.join(claims.select("person", "claim_date"), on="person", how="inner").join(
        facts, on="person", how="left"
    )
    keys = rows.select("scheme", "own_months", "claim_date").unique()  # each distinct case once
    exports = [national_export(schemes[s], m, d) for s, m, d in keys.iter_rows()]
    keys = keys.with_columns(pl.Series("national_export", exports, dtype=pl.Boolean))
    rows = rows.join(keys, on=["scheme", "own_months", "claim_date"], how="left", nulls_equal=True)
    per_year = pl.col("amount_period").replace_strict(PER_YEAR, default=None, return_dtype=pl.Float64)
    abroad = pl.col("residence") != pl.col("country")
    with_paid = pl.when(~abroad).then(pl.lit(True)).otherwise(pl.col("payable_abroad"))
    without_paid = pl.when(~abroad).then(pl.lit(True)).otherwise(pl.col("national_export"))
    return rows.select(
        "person",
        pl.col("country").alias("party"),
        "scheme",
        "currency",
        "claim_date",
        "birth_date",
        "sex",
        "residence",
        "death_date",
        abroad.alias("abroad"),
        _yearly("eligible_totalized", "payable_amount", per_year, with_paid).alias("with_yearly"),
        _yearly("eligible_national", "independent_amount", per_year, without_paid).alias("without_yearly"),
        (pl.col("eligible_totalized").fill_null(False) & (pl.col("eligible_national") == False))  # noqa: E712
        .fill_null(False)
        .alias("newly_eligible"),
        "eligible_national",
        "eligible_totalized",
        "pro_rata_fraction",
    ).sort("person", "scheme")


def _yearly(eligible: str, amount: str, per_year: pl.Expr, paid: pl.Expr) -> pl.Expr:
    """The yearly amount paid where the person lives: 0 where not eligible or not paid there,
    null (unknown) where eligibility, the amount or payment there is unknown."""
    value = pl.col(amount) * per_year
    return (
        pl.when(pl.col(eligible).is_null())
        .then(None)
        .when(~pl.col(eligible))
        .then(pl.lit(0.0))
        .when(paid.is_null())
        .then(None)
        .when(~paid)
        .then(pl.lit(0.0))
        .otherwise(value)
    )


def fraction_bands(outcome: pl.DataFrame) -> pl.DataFrame:
    """``party``, ``band`` (tenths, "0-10 %" … "90-100 %") and ``people``: the pro-rata fractions
    of the claims eligible with the agreement (exact: n/d in integers)."""
    parts = pl.col("pro_rata_fraction").str.split_exact("/", 1)
    numerator = parts.struct.field("field_0").cast(pl.Int64)
    denominator = parts.struct.field("field_1").cast(pl.Int64)
    band = pl.min_horizontal((numerator * 10) // denominator, pl.lit(9))
    eligible = outcome.filter(pl.col("eligible_totalized").fill_null(False) & pl.col("pro_rata_fraction").is_not_null())
    return (
        eligible.select("party", band.alias("tenth"))
        .group_by("party", "tenth")
        .len("people")
        .with_columns(
            pl.col("tenth").replace_strict(dict(enumerate(FRACTION_BANDS)), return_dtype=pl.Utf8).alias("band")
        )
        .select("party", "band", pl.col("people").cast(pl.Int64))
        .sort("party", "band")
    )


def gain_bands(outcome: pl.DataFrame, per_eur: pl.DataFrame) -> pl.DataFrame:
    """``cohort`` (birth decade), ``sex``, ``band`` (``GAIN_BANDS``) and ``people``: each claimant's
    yearly pension at the claim, with against without, summed over the schemes in euros (``per_eur``:
    currency, year, per_eur) and compared to the cent."""
    priced = outcome.with_columns(year=pl.col("claim_date").dt.year()).join(
        per_eur, on=["currency", "year"], how="left"
    )
    euros = priced.group_by("person").agg(
        pl.col("birth_date").first(),
        pl.col("sex").first(),
        (pl.col("with_yearly") / pl.col("per_eur")).sum().round(2).alias("with"),
        (pl.col("without_yearly") / pl.col("per_eur")).sum().round(2).alias("without"),
        (pl.col("with_yearly").is_null() | pl.col("without_yearly").is_null() | pl.col("per_eur").is_null())
        .any()
        .alias("unknown"),
    )
    band = (
        pl.when(pl.col("unknown"))
        .then(pl.lit("unknown"))
        .when((pl.col("with") == 0) & (pl.col("without") == 0))
        .then(pl.lit("none"))
        .when(pl.col("without") == 0)
        .then(pl.lit("new entitlement"))
        .when(pl.col("with") > pl.col("without"))
        .then(pl.lit("more"))
        .when(pl.col("with") == pl.col("without"))
        .then(pl.lit("same"))
        .otherwise(pl.lit("less"))
    )
    cohort = ((pl.col("birth_date").dt.year() // 10) * 10).cast(pl.Utf8) + "s"
    return (
        euros.select(cohort.alias("cohort"), pl.col("sex").fill_null("unknown"), band.alias("band"))
        .group_by("cohort", "sex", "band")
        .len("people")
        .with_columns(pl.col("people").cast(pl.Int64))
        .sort("cohort", "sex", "band")
    )
