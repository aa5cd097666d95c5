"""The per-party tables of a simulation report, from the summed partition tables: year by year,
present values, the cost per party and the totals (see ``simulation_report``)."""

from collections.abc import Sequence
from decimal import Decimal

import polars as pl

MONEY_COLUMNS = (
    "benefits_with",
    "benefits_without",
    "benefits_added",
    "abroad_with",
    "abroad_without",
    "contributions_saved",
)


def party_year(
    sums: dict[str, pl.DataFrame], rates: pl.DataFrame, parties: Sequence[str], years: tuple[int, int]
) -> pl.DataFrame:
    """One row per party, currency and year of the horizon (``simulation_report``'s ``by_party_year``)."""
    keys = ["party", "currency", "year"]
    yearly = _grouped(
        sums["yearly"],
        keys,
        {
            "with": "benefits_with",
            "without": "benefits_without",
            "abroad_with": "abroad_with",
            "abroad_without": "abroad_without",
        },
    )
    people = sums["party_claims"]
    claims = _grouped(
        people.rename({"claim_year": "year"}) if people.height else people,
        keys,
        {
            "claimants": "claimants",
            "eligible_with": "eligible_with",
            "eligible_without": "eligible_without",
            "newly_eligible": "newly_eligible",
            "unknown": "unknown_amounts",
        },
    )
    saved = _grouped(
        sums["contributions"], keys, {"contributions": "contributions_saved", "unknown": "unknown_contributions"}
    )
    grid = _grid(parties, years, [yearly, claims, saved], rates)
    table = grid
    for part in (yearly, claims, saved):
        if part.height:
            table = table.join(part, on=keys, how="left")
    posted = sums["posted"]
    if posted.height:
        table = table.join(
            posted.with_columns(pl.col("year").cast(pl.Int64)).rename({"posted": "posted_workers"}),
            on=["party", "year"],
            how="left",
        )
    for column in (
        *MONEY_COLUMNS,
        "claimants",
        "eligible_with",
        "eligible_without",
        "newly_eligible",
        "unknown_amounts",
        "unknown_contributions",
        "posted_workers",
    ):
        if column not in table.columns:
            table = table.with_columns(pl.lit(0).alias(column))
    table = table.with_columns(
        *(pl.col(c).cast(pl.Float64).fill_null(0.0) for c in (*MONEY_COLUMNS[:2], *MONEY_COLUMNS[3:])),
        *(
            pl.col(c).cast(pl.Int64).fill_null(0)
            for c in (
                "claimants",
                "eligible_with",
                "eligible_without",
                "newly_eligible",
                "unknown_amounts",
                "unknown_contributions",
                "posted_workers",
            )
        ),
    ).with_columns(benefits_added=pl.col("benefits_with") - pl.col("benefits_without"))
    none_known = (pl.col("contributions_saved") == 0) & (pl.col("unknown_contributions") > 0)
    table = table.with_columns(  # no figure at all where only unknown stretches were found (no rates in the data)
        pl.when(none_known).then(None).otherwise(pl.col("contributions_saved")).alias("contributions_saved")
    ).join(rates, on=["currency", "year"], how="left")
    euros = [(pl.col(c) / pl.col("per_eur")).round(2).alias(f"{c}_eur") for c in MONEY_COLUMNS]
    table = table.with_columns(*euros).with_columns(
        *(pl.col(c).round(2) for c in MONEY_COLUMNS),
        net_cost_eur=(pl.col("benefits_added_eur") + pl.col("contributions_saved_eur").fill_null(0)).round(2),
    )
    order = [
        "party",
        "currency",
        "year",
        "claimants",
        "eligible_with",
        "eligible_without",
        "newly_eligible",
        *MONEY_COLUMNS,
        *(f"{c}_eur" for c in MONEY_COLUMNS),
        "net_cost_eur",
        "posted_workers",
        "unknown_amounts",
        "unknown_contributions",
        "per_eur",
        "rate_date",
        "carried_forward",
    ]
    return table.select(order).sort("party", "currency", "year")


def _grouped(table: pl.DataFrame, keys: list[str], columns: dict[str, str]) -> pl.DataFrame:
    if table.height == 0:
        return pl.DataFrame()
    return (
        table.with_columns(pl.col("year").cast(pl.Int64))
        .group_by(keys)
        .agg(pl.col(source).sum().alias(target) for source, target in columns.items())
    )


def _grid(
    parties: Sequence[str], years: tuple[int, int], parts: list[pl.DataFrame], rates: pl.DataFrame
) -> pl.DataFrame:
    from datetime import date

    from coordina.rules.money import legal_tender

    pairs = {(p, c) for p in parties for y in years if (c := legal_tender(p, date(y, 7, 1)))}
    for part in parts:
        if part.height:
            pairs |= {(p, c) for p, c in part.select("party", "currency").unique().iter_rows() if c}
    rows = [(p, c, y) for p, c in sorted(pairs) for y in range(years[0], years[1] + 1)]
    return pl.DataFrame(rows, schema={"party": pl.Utf8, "currency": pl.Utf8, "year": pl.Int64}, orient="row")


def _discount(rate: Decimal, first: int) -> pl.Expr:
    return pl.lit(1 + float(rate)).pow(-(pl.col("year") - first).cast(pl.Float64))


def present_values(by_party: pl.DataFrame, rate: Decimal, years: tuple[int, int], short: int) -> pl.DataFrame:
    """Per party and currency, for the short range and the whole horizon: benefits added,
    contributions no longer paid and the net cost, discounted to 1 January of the first year at
    ``rate`` (the values of year y by (1 + rate)^(y - first year))."""
    first, last = years
    ranges = [
        (f"short range {first}-{min(last, first + short - 1)}", min(last, first + short - 1)),
        (f"whole horizon {first}-{last}", last),
    ]
    parts = []
    for label, end in ranges:
        window = by_party.filter(pl.col("year") <= end).with_columns(v=_discount(rate, first))
        parts.append(
            window.group_by("party", "currency").agg(
                pl.lit(label).alias("range"),
                *(
                    (pl.col(c) * pl.col("v")).sum().round(2).alias(c)
                    for c in (
                        "benefits_added",
                        "contributions_saved",
                        "benefits_added_eur",
                        "contributions_saved_eur",
                        "net_cost_eur",
                    )
                ),
            )
        )
    return pl.concat(parts).sort("party", "currency", "range")


def shift(by_party: pl.DataFrame) -> pl.DataFrame:
    """Per party over the horizon (undiscounted, EUR): benefits added, the part of them paid to people
    living abroad, contributions no longer received, the net cost and its share of the total."""
    table = by_party.group_by("party").agg(
        pl.col("benefits_added_eur").sum().round(2),
        (pl.col("abroad_with_eur") - pl.col("abroad_without_eur")).sum().round(2).alias("added_paid_abroad_eur"),
        _known_sum("contributions_saved_eur", "unknown_contributions"),
        pl.col("net_cost_eur").sum().round(2),
    )
    total = pl.col("net_cost_eur").sum()
    return table.with_columns(
        share_of_net_cost=pl.when(total != 0).then((pl.col("net_cost_eur") / total).round(4)).otherwise(None)
    ).sort("party")


def totals(by_party: pl.DataFrame, rate: Decimal, years: tuple[int, int]) -> pl.DataFrame:
    """Per party over the horizon: claimants, newly eligible, claims with an unknown amount, posted
    worker-years, benefits added, contributions no longer paid and the net cost (EUR), and the net
    cost's present value."""
    return (
        by_party.with_columns(v=_discount(rate, years[0]))
        .group_by("party")
        .agg(
            pl.col("claimants").sum(),
            pl.col("eligible_with").sum(),
            pl.col("eligible_without").sum(),
            pl.col("newly_eligible").sum(),
            pl.col("unknown_amounts").sum(),
            pl.col("posted_workers").sum().alias("posted_worker_years"),
            pl.col("unknown_contributions").sum(),
            pl.col("benefits_added_eur").sum().round(2),
            _known_sum("contributions_saved_eur", "unknown_contributions"),
            pl.col("net_cost_eur").sum().round(2),
            (pl.col("net_cost_eur") * pl.col("v")).sum().round(2).alias("net_cost_present_value_eur"),
        )
        .sort("party")
    )


def _known_sum(column: str, unknown: str) -> pl.Expr:
    """The sum, or null where nothing was known and something unknown (unknown is not zero)."""
    total = pl.col(column).fill_null(0).sum().round(2)
    return pl.when((total == 0) & (pl.col(unknown).sum() > 0)).then(None).otherwise(total).alias(column)
