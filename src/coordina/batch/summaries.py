"""A partition's outcomes summed into the small tables its result carries (``services.simulation``):
claims per scheme and per party (distinct people) by claim year, and contributions no longer paid
per host scheme and year. Pure: tables in, tables out."""

import polars as pl

from coordina.batch.projection import MONEY


def claims_by_scheme(outcome: pl.DataFrame) -> pl.DataFrame:
    """Per party, scheme and claim year: claimants, newly eligible, eligible with and without, unknown."""
    unknown = pl.col("with_yearly").is_null() | pl.col("without_yearly").is_null()
    return (
        outcome.with_columns(claim_year=pl.col("claim_date").dt.year().cast(pl.Int64))
        .group_by("party", "scheme", "currency", "claim_year")
        .agg(
            pl.len().cast(pl.Int64).alias("claimants"),
            pl.col("newly_eligible").sum().cast(pl.Int64),
            pl.col("eligible_totalized").fill_null(False).sum().cast(pl.Int64).alias("eligible_with"),
            pl.col("eligible_national").fill_null(False).sum().cast(pl.Int64).alias("eligible_without"),
            unknown.sum().cast(pl.Int64).alias("unknown"),
        )
        .sort("party", "scheme", "claim_year")
    )


def claims_by_party(outcome: pl.DataFrame) -> pl.DataFrame:
    """Per party and claim year, distinct people: claimants, newly eligible in one of the party's
    schemes at least, and with an amount unknown in one at least."""
    unknown = pl.col("with_yearly").is_null() | pl.col("without_yearly").is_null()
    people = (
        outcome.with_columns(claim_year=pl.col("claim_date").dt.year().cast(pl.Int64), unknown=unknown)
        .group_by("party", "currency", "claim_year", "person")
        .agg(
            pl.col("newly_eligible").any(),
            pl.col("unknown").any(),
            pl.col("eligible_totalized").fill_null(False).any().alias("eligible_with"),
            pl.col("eligible_national").fill_null(False).any().alias("eligible_without"),
        )
    )
    return (
        people.group_by("party", "currency", "claim_year")
        .agg(
            pl.len().cast(pl.Int64).alias("claimants"),
            pl.col("newly_eligible").sum().cast(pl.Int64),
            pl.col("eligible_with").sum().cast(pl.Int64),
            pl.col("eligible_without").sum().cast(pl.Int64),
            pl.col("unknown").sum().cast(pl.Int64),
        )
        .sort("party", "currency", "claim_year")
    )


def contributions_by_scheme(rows: pl.DataFrame) -> pl.DataFrame:
    return (
        rows.group_by("party", "scheme", "currency", "year")
        .agg(
            pl.col("contributions").fill_null(0).sum().cast(MONEY),
            pl.col("employee").fill_null(0).sum().cast(MONEY),
            pl.col("employer").fill_null(0).sum().cast(MONEY),
            (~pl.col("known")).sum().cast(pl.Int64).alias("unknown"),
            pl.col("known").sum().cast(pl.Int64).alias("known"),
        )
        .sort("party", "scheme", "year", nulls_last=True)
    )
