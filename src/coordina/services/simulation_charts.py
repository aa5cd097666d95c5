"""Charts of a simulation report (and of a comparison), as PNG and SVG, each titled with its time
frame. Matplotlib is imported here only, when a chart is drawn, with the Agg backend (no display)."""

from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:
    from coordina.services.simulation_compare import Comparison
    from coordina.services.simulation_report import Report


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "coordina"  # the same SVG for the same figures
    plt.rcParams["svg.fonttype"] = "none"  # text stays text: titles searchable, readable by screen readers
    return plt


def _save(figure: Any, out: Path, name: str) -> list[Path]:
    paths = [out / f"{name}.png", out / f"{name}.svg"]
    figure.tight_layout()
    figure.savefig(paths[0], dpi=110, metadata={"Software": None})
    figure.savefig(paths[1], metadata={"Date": None, "Creator": None})
    _pyplot().close(figure)
    return paths


def _lines(plt: Any, table: pl.DataFrame, column: str, title: str, ylabel: str) -> Any:
    figure, axes = plt.subplots(figsize=(8, 4.5))
    for party in sorted(set(table.get_column("party").to_list())):
        rows = table.filter(pl.col("party") == party).group_by("year").agg(pl.col(column).sum()).sort("year")
        axes.plot(
            rows.get_column("year").to_list(),
            rows.get_column(column).fill_null(0).to_list(),
            marker="o",
            markersize=3,
            label=party,
        )
    axes.set_title(title)
    axes.set_xlabel("year")
    axes.set_ylabel(ylabel)
    axes.axhline(0, color="grey", linewidth=0.6)
    axes.legend(title="party")
    return figure


def report_charts(report: "Report", out: Path) -> list[Path]:
    """Benefits added and contributions no longer paid by party and year, pro-rata fractions and
    gains by cohort: four charts, PNG and SVG."""
    plt = _pyplot()
    frame = report.time_frame
    by_party = report.tables["by_party_year"]
    paths = _save(
        _lines(
            plt, by_party, "benefits_added_eur", f"Benefits added by the agreement, {frame}", "EUR a year (expected)"
        ),
        out,
        "benefits_added",
    )
    paths += _save(
        _lines(
            plt,
            by_party,
            "contributions_saved_eur",
            f"Contributions no longer paid for posted workers, {frame}",
            "EUR a year",
        ),
        out,
        "contributions_saved",
    )
    fractions = report.tables["fractions"]
    figure, axes = plt.subplots(figsize=(8, 4.5))
    parties = sorted(set(fractions.get_column("party").to_list()))
    bands = fractions.filter(pl.col("party") == parties[0]).get_column("band").to_list() if parties else []
    width = 0.8 / max(1, len(parties))
    for i, party in enumerate(parties):
        shares = fractions.filter(pl.col("party") == party).get_column("people").to_list()
        axes.bar([b + i * width for b in range(len(bands))], shares, width=width, label=party)
    axes.set_xticks([b + width * (len(parties) - 1) / 2 for b in range(len(bands))], bands, rotation=45)
    axes.set_title(f"Pro-rata fractions of the claims eligible with the agreement, {frame}")
    axes.set_ylabel("people")
    axes.legend(title="party")
    paths += _save(figure, out, "fractions")
    gains = report.tables["gains"]
    figure, axes = plt.subplots(figsize=(8, 4.5))
    cohorts = sorted(set(gains.get_column("cohort").to_list()))
    bottom = [0] * len(cohorts)
    for band in ("new entitlement", "more", "same", "less", "none", "unknown"):
        counts = [
            int(gains.filter((pl.col("cohort") == c) & (pl.col("band") == band)).get_column("people").sum())
            for c in cohorts
        ]
        axes.bar(cohorts, counts, bottom=bottom, label=band)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    axes.set_title(f"Gains by birth cohort, with against without the agreement, {frame}")
    axes.set_ylabel("people claiming")
    axes.legend(title="band", fontsize="small")
    paths += _save(figure, out, "gains")
    return paths


def comparison_charts(comparison: "Comparison", out: Path) -> list[Path]:
    """The two scenarios' net cost by party and year, side by side."""
    plt = _pyplot()
    table = comparison.tables["by_party_year"]
    figure, axes = plt.subplots(figsize=(8, 4.5))
    for party in sorted(set(table.get_column("party").to_list())):
        rows = table.filter(pl.col("party") == party).sort("year")
        years = rows.get_column("year").to_list()
        for label, column, style in (("A", "net_cost_eur_a", "-"), ("B", "net_cost_eur_b", "--")):
            axes.plot(years, rows.get_column(column).fill_null(0).to_list(), style, label=f"{party} {label}")
    axes.set_title(f"Net cost by party, scenario A against B, {comparison.time_frame}")
    axes.set_xlabel("year")
    axes.set_ylabel("EUR a year")
    axes.legend(fontsize="small")
    return _save(figure, out, "comparison_net_cost")
