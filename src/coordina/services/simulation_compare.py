"""Two scenarios side by side (issue 13 item 3): the same population under two drafts (for instance
a 24- against a 60-month posting limit, or a 12-month minimum period against none), with the
difference B − A per party, in total and year by year — the question negotiators ask in steps 2-4."""

from dataclasses import dataclass
from typing import Any

import polars as pl

from coordina.errors import CoordinaError
from coordina.services.simulation_report import Report

METRICS = (
    "newly_eligible",
    "eligible_with",
    "eligible_without",
    "posted_worker_years",
    "benefits_added_eur",
    "contributions_saved_eur",
    "net_cost_eur",
    "net_cost_present_value_eur",
)
YEARLY = ("newly_eligible", "benefits_added_eur", "contributions_saved_eur", "net_cost_eur")
TITLES = {
    "totals": "Scenario A against B, totals per party (difference B - A)",
    "by_party_year": "Scenario A against B by party and year (difference B - A)",
}


@dataclass(frozen=True)
class Comparison:
    """Scenario A and B, and their tables side by side."""

    a: Report
    b: Report
    tables: dict[str, pl.DataFrame]

    @property
    def time_frame(self) -> str:
        return self.a.time_frame

    def title(self, table: str) -> str:
        return f"{TITLES[table]}, {self.time_frame}"

    def to_json(self) -> dict[str, Any]:
        def rows(table: pl.DataFrame) -> list[dict[str, Any]]:
            return table.to_dicts()

        return {
            "time_frame": self.time_frame,
            "a": {"agreement": self.a.request["agreement"], "key": self.a.key, "id": self.a.agreement["id"]},
            "b": {"agreement": self.b.request["agreement"], "key": self.b.key, "id": self.b.agreement["id"]},
            "population": self.a.population,
            "assumptions": self.a.assumptions,
            "tables": {name: {"title": self.title(name), "rows": rows(t)} for name, t in self.tables.items()},
        }

    def text(self) -> str:
        lines = [f"A: {self.a.request['agreement']}", f"B: {self.b.request['agreement']}", "", self.title("totals")]
        for row in self.tables["totals"].to_dicts():
            lines.append(
                f"  {row['party']:<6} {row['metric']:<28} A {_num(row['a']):>16}  B {_num(row['b']):>16}"
                f"  B-A {_num(row['difference']):>16}"
            )
        return "\n".join(lines) + "\n"


def _num(value: Any) -> str:
    return "unknown" if value is None else f"{value:,.0f}" if isinstance(value, float) else str(value)


def compare(a: Report, b: Report) -> Comparison:
    """A and B side by side with B − A; both must cover the same years."""
    if a.years != b.years:
        raise CoordinaError("years", f"the scenarios cover different years ({a.time_frame} and {b.time_frame})")
    totals_a, totals_b = a.tables["totals"], b.tables["totals"]
    parties = sorted({*totals_a.get_column("party").to_list(), *totals_b.get_column("party").to_list()})
    rows = []
    for party in parties:
        row_a, row_b = _row(totals_a, party), _row(totals_b, party)
        for metric in METRICS:
            value_a, value_b = row_a.get(metric), row_b.get(metric)
            difference = None if value_a is None or value_b is None else value_b - value_a
            rows.append((party, metric, _float(value_a), _float(value_b), _float(difference)))
    totals = pl.DataFrame(
        rows,
        orient="row",
        schema={"party": pl.Utf8, "metric": pl.Utf8, "a": pl.Float64, "b": pl.Float64, "difference": pl.Float64},
    )
    keys = ["party", "year"]
    year_a = _yearly(a.tables["by_party_year"], "a")
    year_b = _yearly(b.tables["by_party_year"], "b")
    by_year = (
        year_a.join(year_b, on=keys, how="full", coalesce=True)
        .with_columns((pl.col(f"{m}_b") - pl.col(f"{m}_a")).alias(f"{m}_difference") for m in YEARLY)
        .sort(keys)
    )
    return Comparison(a, b, {"totals": totals, "by_party_year": by_year})


def _row(table: pl.DataFrame, party: str) -> dict[str, Any]:
    found = table.filter(pl.col("party") == party).to_dicts()
    return found[0] if found else {}


def _float(value: Any) -> float | None:
    return None if value is None else round(float(value), 2)


def _yearly(table: pl.DataFrame, suffix: str) -> pl.DataFrame:
    return table.group_by("party", "year").agg(
        *(pl.col(m).cast(pl.Float64).sum().round(2).alias(f"{m}_{suffix}") for m in YEARLY)
    )
