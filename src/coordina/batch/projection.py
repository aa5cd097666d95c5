"""Expected benefits paid year by year over the horizon, with and without the agreement (issue 13
item 3), from the claims' yearly amounts (``batch.outcomes``).

For a claimant and scheme, the expected amount paid in year ``y`` (from the claim year) is

    yearly amount x months paid in y / 12 x (1 + indexation of the paying country)^(y - claim year)
    x probability of being alive on 1 January of y given alive at the claim x take-up

- months paid: from the claim's month in the claim year, 12 in later years; where the population
  records a death, up to its month (and none after), and the life table is not applied;
- survival: the life table's ``l(x) = prod (1 - q(a))`` at the age reached in y over that at the
  age reached in the claim year (ages in whole years: the year less the birth year); without a
  sex, the mean of the two sexes' ``l``.

Each person's yearly values are rounded to 10^-6 of the currency unit as exact decimals before any
sum, so totals do not depend on the order people are summed in (a partitioned run equals a local
one). Pure: tables in, tables out.
"""

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal

import polars as pl

from coordina.domain.simulation_assumptions import LifeTable

MONEY = pl.Decimal(38, 6)
"""Exact sums of money and of expected numbers of people."""

MAX_AGE = 130


def survivorship(table: LifeTable) -> pl.DataFrame:
    """``sex`` ("men", "women", "unknown"), ``age`` 0..130 and ``l``: the chance of reaching that age
    from age 0 under the table (1 up to its first age)."""
    rows: list[tuple[str, int, float]] = []
    level = {sex: 1.0 for sex in ("men", "women")}
    for age in range(MAX_AGE + 1):
        for sex in ("men", "women"):
            rows.append((sex, age, level[sex]))
        rows.append(("unknown", age, (level["men"] + level["women"]) / 2))
        for sex in ("men", "women"):
            level[sex] *= 1 - float(table.q(sex, age)) if age >= table.from_age else 1.0
    return pl.DataFrame(rows, schema={"sex": pl.Utf8, "age": pl.Int64, "l": pl.Float64}, orient="row")


def _first_unknown_year(deaths_drawn_until: date | None) -> int:
    """The first year whose deaths the population does not draw (0: none drawn, the claim year
    rules)."""
    if deaths_drawn_until is None:
        return 0
    return (deaths_drawn_until + timedelta(days=1)).year


def yearly_flows(
    outcome: pl.DataFrame,
    years: tuple[int, int],
    table: LifeTable,
    indexation: Mapping[str, Decimal],
    default_indexation: Decimal,
    take_up: Decimal,
    deaths_drawn_until: date | None = None,
) -> pl.DataFrame:
    """Per ``party``, ``scheme``, ``currency`` and ``year``: expected ``with``, ``without`` (paid),
    ``abroad_with``, ``abroad_without`` (paid to people living outside the party), and the expected
    numbers of people paid: ``paid_with``, ``paid_without``, ``paid_newly`` (the newly eligible).
    ``deaths_drawn_until``: the day up to which the population's deaths are drawn (a drawn
    population): a person it leaves alive is alive then, and the life table counts only later
    years (from the year after it, or its own year where it is not a 31 December)."""
    paying = (pl.col("with_yearly") != 0) | (pl.col("without_yearly") != 0)  # nothing either way: nothing to add
    known = outcome.filter(pl.col("with_yearly").is_not_null() & pl.col("without_yearly").is_not_null() & paying)
    known = known.select(
        "party",
        "scheme",
        "currency",
        "claim_date",
        "birth_date",
        "sex",
        "death_date",
        "abroad",
        "with_yearly",
        "without_yearly",
        "newly_eligible",
    )
    horizon = pl.DataFrame({"year": list(range(years[0], years[1] + 1))}, schema={"year": pl.Int64})
    rows = (
        known.with_columns(
            claim_year=pl.col("claim_date").dt.year().cast(pl.Int64),
            claim_month=pl.col("claim_date").dt.month(),
            birth_year=pl.col("birth_date").dt.year().cast(pl.Int64),
            sex_key=pl.col("sex").fill_null("unknown"),
        )
        .join(horizon, how="cross")
        .filter(pl.col("year") >= pl.col("claim_year"))
    )
    lives = survivorship(table)
    # the age from which the life table counts: at the claim, or after the drawn deaths
    known_from = pl.max_horizontal("claim_year", pl.lit(_first_unknown_year(deaths_drawn_until)))
    rows = (
        rows.with_columns(
            age=(pl.col("year") - pl.col("birth_year")).clip(0, MAX_AGE),
            claim_age=(known_from - pl.col("birth_year")).clip(0, MAX_AGE),
        )
        .join(lives.rename({"sex": "sex_key", "l": "l_year"}), on=["sex_key", "age"], how="left")
        .join(
            lives.rename({"sex": "sex_key", "age": "claim_age", "l": "l_claim"}),
            on=["sex_key", "claim_age"],
            how="left",
        )
    )
    first_month = pl.when(pl.col("year") == pl.col("claim_year")).then(pl.col("claim_month")).otherwise(1)
    died = pl.col("death_date").is_not_null()
    last_month = (
        pl.when(~died)
        .then(12)
        .when(pl.col("death_date").dt.year() > pl.col("year"))
        .then(12)
        .when(pl.col("death_date").dt.year() == pl.col("year"))
        .then(pl.col("death_date").dt.month())
        .otherwise(0)
    )
    months = (last_month.cast(pl.Int64) - first_month.cast(pl.Int64) + 1).clip(0, 12)
    survival = (
        pl.when(died)
        .then(1.0)
        .when(pl.col("age") < pl.col("claim_age"))
        .then(1.0)  # within the years whose deaths the population already draws
        .otherwise(pl.when(pl.col("l_claim") > 0).then(pl.col("l_year") / pl.col("l_claim")).otherwise(0.0))
    )
    rates = pl.col("party").replace_strict(
        {k: float(v) for k, v in indexation.items()}, default=float(default_indexation), return_dtype=pl.Float64
    )
    index = (1 + rates).pow(pl.col("year") - pl.col("claim_year"))
    chance = survival * float(take_up)
    weight = months.cast(pl.Float64) / 12 * index * chance
    paid = chance * (months > 0).cast(pl.Float64)
    values = rows.select(
        "party",
        "scheme",
        "currency",
        "year",
        _exact(pl.col("with_yearly") * weight).alias("with"),
        _exact(pl.col("without_yearly") * weight).alias("without"),
        _exact(pl.when(pl.col("abroad")).then(pl.col("with_yearly") * weight).otherwise(0.0)).alias("abroad_with"),
        _exact(pl.when(pl.col("abroad")).then(pl.col("without_yearly") * weight).otherwise(0.0)).alias(
            "abroad_without"
        ),
        _exact(pl.when(pl.col("with_yearly") > 0).then(paid).otherwise(0.0)).alias("paid_with"),
        _exact(pl.when(pl.col("without_yearly") > 0).then(paid).otherwise(0.0)).alias("paid_without"),
        _exact(pl.when(pl.col("newly_eligible") & (pl.col("with_yearly") > 0)).then(paid).otherwise(0.0)).alias(
            "paid_newly"
        ),
    )
    sums = [pl.col(c).sum() for c in FLOWS]
    return values.group_by("party", "scheme", "currency", "year").agg(sums).sort("party", "scheme", "year")


FLOWS = ("with", "without", "abroad_with", "abroad_without", "paid_with", "paid_without", "paid_newly")
"""The summed columns of ``yearly_flows``."""


def _exact(value: pl.Expr) -> pl.Expr:
    return value.round(6).cast(MONEY)
