"""The report of an impact simulation: the partitions' exact sums added up into the tables an
actuary costing an agreement reads, per party and year over the horizon (issue 13 item 3).

- ``by_party_year``: people newly eligible through totalization (eligible with the agreement, not
  under national law alone, counted in their claim year), expected benefits paid with and without
  the agreement and the benefits added (with − without), benefits paid to people living abroad
  with and without, posted workers and the host's contributions no longer paid, the net cost
  (benefits added + contributions no longer received), in the scheme's currency and in euros;
- ``by_scheme_year``, ``contributions``: the same per scheme; ``fractions``: pro-rata fractions in
  tenths; ``gains``: people by birth decade, sex and band (new entitlement, more, same, less, none,
  unknown); ``present_value``: per party at the discount rate, short range and whole horizon;
  ``cost_shift``: each party's share of the agreement's net cost; ``totals``; ``rates``.

Money is converted to euros at the year's rate (``SimulationAssumptions.rate``: the last known rate
carried forward, said so in ``rates``).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import polars as pl

from coordina.batch.outcomes import FRACTION_BANDS
from coordina.batch.projection import FLOWS
from coordina.domain.simulation_assumptions import SimulationAssumptions
from coordina.services.simulation_notes import NOTES
from coordina.services.simulation_tables import party_year, present_values, shift, totals

if TYPE_CHECKING:
    from coordina.services.simulation_parts import PartitionResult, Prepared

TITLES = {
    "by_party_year": "Benefits, newly eligible people and contributions no longer paid, by party and year",
    "by_scheme_year": "Benefits by scheme and year",
    "contributions": "Contributions no longer paid for posted workers, by host scheme and year",
    "fractions": "Distribution of pro-rata fractions (claims eligible with the agreement)",
    "gains": "Gains by birth cohort and sex (yearly pension at the claim, with against without, EUR)",
    "present_value": "Present value per party",
    "cost_shift": "Cost per party and its share of the agreement's net cost",
    "totals": "Totals per party",
    "rates": "Exchange rates used (units per EUR)",
}


@dataclass(frozen=True)
class Report:
    """A simulation's figures, its inputs and assumptions, and how they were reached."""

    key: str
    engine_version: str
    request: dict[str, Any]
    agreement: dict[str, Any]
    population: dict[str, Any]
    years: tuple[int, int]
    assumptions: dict[str, Any]
    counts: dict[str, Any]
    tables: dict[str, pl.DataFrame]
    notes: list[str] = field(default_factory=list)

    @property
    def time_frame(self) -> str:
        return f"{self.years[0]}-{self.years[1]}"

    def title(self, table: str) -> str:
        """The table's title with the time frame."""
        return f"{TITLES[table]}, {self.time_frame}"

    def to_json(self) -> dict[str, Any]:
        """The report as JSON values (tables as lists of rows), keys in a stable order."""
        return {
            "key": self.key,
            "engine_version": self.engine_version,
            "time_frame": self.time_frame,
            "request": self.request,
            "agreement": self.agreement,
            "population": self.population,
            "counts": self.counts,
            "fallback": self.counts.get("fallback", 0),
            "assumptions": self.assumptions,
            "notes": self.notes,
            "tables": {name: {"title": self.title(name), "rows": _rows(table)} for name, table in self.tables.items()},
        }


def _rows(table: pl.DataFrame) -> list[dict[str, Any]]:
    return [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()} for row in table.to_dicts()]


def build_report(prepared: "Prepared", results: Sequence["PartitionResult"]) -> Report:
    """The report of ``results`` (every partition once, in index order)."""
    request = prepared.request
    years = request.years
    a = prepared.assumptions
    sums = {name: _summed(name, [r.tables[name] for r in results]) for name in _KEYS}
    rates = _rates(a, {*_currencies(sums), *_party_currencies(prepared.agreement.parties, years)}, years)
    by_party = party_year(sums, rates, prepared.agreement.parties, years)
    by_scheme = _by_scheme(sums["yearly"], sums["claims"], rates)
    tables = {
        "by_party_year": by_party,
        "by_scheme_year": by_scheme,
        "contributions": _with_eur(sums["contributions"], rates, ["contributions", "employee", "employer"]),
        "fractions": _fractions(sums["fractions"], prepared.agreement.parties),
        "gains": sums["gains"].with_columns(pl.col("people").cast(pl.Int64)),
        "present_value": present_values(by_party, a.discount_rate.value, years, a.short_range_years),
        "cost_shift": shift(by_party),
        "totals": totals(by_party, a.discount_rate.value, years),
        "rates": rates,
    }
    counts = _counts(results)
    population = prepared.population
    return Report(
        key=prepared.key,
        engine_version=_engine_version(),
        years=years,
        request={
            "agreement": request.agreement,
            "population": str(request.population),
            "years": f"{years[0]}-{years[1]}",
            "assumptions": str(request.assumptions or "bundled"),
            "partition_size": request.partition_size,
            "partitions": len(prepared.partitions),
            "skip_invalid": str(request.skip_invalid) if request.skip_invalid else None,
        },
        agreement={
            "id": prepared.agreement.id,
            "title": prepared.agreement.title,
            "parties": list(prepared.agreement.parties),
            "in_force": prepared.agreement.in_force.isoformat() if prepared.agreement.in_force else None,
            "in_force_assumed": prepared.in_force_assumed is not None,
        },
        population={
            "source": str(population.source),
            "content_hash": population.content_hash,
            "invalid_rows": population.invalid_rows,
            "rows_read": population.rows_read,
        },
        assumptions=a.model_dump(mode="json"),
        counts=counts,
        tables=tables,
        notes=[*NOTES, *_draft_note(prepared)],
    )


def _engine_version() -> str:
    from coordina.services.simulation_parts import ENGINE_VERSION

    return ENGINE_VERSION


_KEYS = {
    "yearly": (["party", "scheme", "currency", "year"], list(FLOWS)),
    "claims": (
        ["party", "scheme", "currency", "claim_year"],
        ["claimants", "newly_eligible", "eligible_with", "eligible_without", "unknown"],
    ),
    "contributions": (
        ["party", "scheme", "currency", "year"],
        ["contributions", "employee", "employer", "known", "unknown"],
    ),
    "party_claims": (
        ["party", "currency", "claim_year"],
        ["claimants", "newly_eligible", "eligible_with", "eligible_without", "unknown"],
    ),
    "posted": (["party", "year"], ["posted"]),
    "fractions": (["party", "band"], ["people"]),
    "gains": (["cohort", "sex", "band"], ["people"]),
}


def _summed(name: str, tables: list[pl.DataFrame]) -> pl.DataFrame:
    keys, values = _KEYS[name]
    joined = pl.concat(tables, how="vertical_relaxed") if tables else pl.DataFrame()
    if joined.height == 0:
        return joined if tables else pl.DataFrame(schema={k: pl.Utf8 for k in keys} | {v: pl.Int64 for v in values})
    return joined.group_by(keys).agg(pl.col(v).sum() for v in values).sort(keys, nulls_last=True)


def _currencies(sums: dict[str, pl.DataFrame]) -> set[str]:
    found: set[str] = set()
    for name in ("yearly", "claims", "contributions"):
        if "currency" in sums[name].columns:
            found |= {c for c in sums[name].get_column("currency").to_list() if c}
    return found


def _party_currencies(parties: Sequence[str], years: tuple[int, int]) -> set[str]:
    from coordina.rules.money import legal_tender

    return {c for p in parties for y in (years[0], years[1]) if (c := legal_tender(p, date(y, 7, 1)))}


def _rates(a: SimulationAssumptions, currencies: set[str], years: tuple[int, int]) -> pl.DataFrame:
    rows: list[tuple[str, int, float | None, date | None, bool | None]] = []
    for currency in sorted(currencies):
        for year in range(years[0], years[1] + 1):
            try:
                per_eur, dated, carried = a.rate(currency, year)
            except KeyError:
                rows.append((currency, year, None, None, None))
                continue
            rows.append((currency, year, float(per_eur), dated, carried))
    return pl.DataFrame(
        rows,
        orient="row",
        schema={
            "currency": pl.Utf8,
            "year": pl.Int64,
            "per_eur": pl.Float64,
            "rate_date": pl.Date,
            "carried_forward": pl.Boolean,
        },
    )


def _with_eur(table: pl.DataFrame, rates: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    if table.height == 0:
        return table
    joined = table.with_columns(pl.col("year").cast(pl.Int64)).join(
        rates.select("currency", "year", "per_eur"), on=["currency", "year"], how="left"
    )
    return joined.with_columns(
        *(pl.col(c).cast(pl.Float64).round(2) for c in columns),
        *((pl.col(c).cast(pl.Float64) / pl.col("per_eur")).round(2).alias(f"{c}_eur") for c in columns),
    ).drop("per_eur")


def _by_scheme(yearly: pl.DataFrame, claims: pl.DataFrame, rates: pl.DataFrame) -> pl.DataFrame:
    if yearly.height == 0:
        return yearly
    table = yearly.with_columns(added=pl.col("with") - pl.col("without"))
    table = _with_eur(table, rates, ["with", "without", "added", "abroad_with", "abroad_without"])
    claimed = claims.rename({"claim_year": "year", "unknown": "unknown_amounts"}).select(
        "party", "scheme", "year", "claimants", "newly_eligible", "unknown_amounts"
    )
    return (
        table.join(claimed.with_columns(pl.col("year").cast(pl.Int64)), on=["party", "scheme", "year"], how="left")
        .with_columns(
            pl.col("claimants", "newly_eligible", "unknown_amounts").fill_null(0),
            *(pl.col(c).cast(pl.Float64).round(4) for c in ("paid_with", "paid_without", "paid_newly")),
        )
        .sort("party", "scheme", "year")
    )


def _fractions(fractions: pl.DataFrame, parties: Sequence[str]) -> pl.DataFrame:
    grid = pl.DataFrame(
        [(p, b) for p in parties for b in FRACTION_BANDS], schema={"party": pl.Utf8, "band": pl.Utf8}, orient="row"
    )
    found = fractions.select("party", "band", pl.col("people").cast(pl.Int64)) if fractions.height else None
    table = (
        grid.join(found, on=["party", "band"], how="left")
        if found is not None
        else grid.with_columns(people=pl.lit(None, dtype=pl.Int64))
    )
    table = table.with_columns(pl.col("people").fill_null(0))
    total = pl.col("people").sum().over("party")
    return table.with_columns(share=pl.when(total > 0).then((pl.col("people") / total).round(4)).otherwise(0.0))


def _counts(results: Sequence["PartitionResult"]) -> dict[str, Any]:
    counts: dict[str, Any] = {"people": 0, "decided": 0, "not_covered": 0, "refused": 0, "fallback": 0}
    outcomes: dict[str, int] = {}
    reasons: dict[str, int] = {}
    examples: list[list[Any]] = []
    for r in results:
        for name in counts:
            counts[name] += int(r.meta.get(name, 0))
        for k, v in r.meta.get("claim_outcomes", {}).items():
            outcomes[k] = outcomes.get(k, 0) + int(v)
        for k, v in r.meta.get("fallback_reasons", {}).items():
            reasons[k] = reasons.get(k, 0) + int(v)
        examples += r.meta.get("refused_examples", [])
    counts["claim_outcomes"] = dict(sorted(outcomes.items()))
    counts["fallback_reasons"] = dict(sorted(reasons.items()))
    counts["refused_examples"] = sorted(examples)[:10]
    return counts


def _draft_note(prepared: "Prepared") -> list[str]:
    notes = []
    if prepared.in_force_assumed is not None:
        notes.append(
            f"The agreement has no date of entry into force: it is assumed in force from "
            f"{prepared.in_force_assumed.isoformat()}."
        )
    if prepared.population.invalid_rows:
        notes.append(
            f"{prepared.population.invalid_rows} invalid rows of the register were left out and written to "
            f"{prepared.request.skip_invalid}."
        )
    return notes
