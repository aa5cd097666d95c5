"""A simulation report (or a comparison) written to a folder: ``summary.txt``, ``report.json``
(machine-readable, with the request, key, assumptions and the kernel's fallback count), each table
as Parquet (its title, with the time frame, in the file's metadata) and the charts as PNG and SVG."""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:
    from coordina.services.simulation_compare import Comparison
    from coordina.services.simulation_report import Report

SUMMARY_COLUMNS = (
    ("party", "party"),
    ("newly_eligible", "newly eligible"),
    ("eligible_with", "eligible with"),
    ("eligible_without", "eligible without"),
    ("benefits_added_eur", "benefits added (EUR)"),
    ("contributions_saved_eur", "contributions no longer paid (EUR)"),
    ("net_cost_eur", "net cost (EUR)"),
    ("net_cost_present_value_eur", "net cost, present value (EUR)"),
)


def write_table(table: pl.DataFrame, path: Path, title: str) -> Path:
    """``table`` as Parquet with its ``title`` in the file's key-value metadata, written beside then moved."""
    partial = path.with_name(path.name + ".partial")
    table.write_parquet(partial, metadata={"title": title})
    partial.replace(path)
    return path


def _write_text(path: Path, text: str) -> Path:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    return path


def summary_rows(report: "Report") -> list[list[str]]:
    """The totals per party as text cells, in ``SUMMARY_COLUMNS`` order."""
    return [[cell(row.get(c)) for c, _ in SUMMARY_COLUMNS] for row in report.tables["totals"].to_dicts()]


def cell(value: Any) -> str:
    """A figure as printed: whole units with thousands separators, ``unknown`` for null."""
    if value is None:
        return "unknown"
    if isinstance(value, float):
        return f"{value:,.0f}"
    return str(value)


def summary_text(report: "Report") -> str:
    """The printed summary, as plain text."""
    counts = report.counts
    heads = [label for _, label in SUMMARY_COLUMNS]
    rows = summary_rows(report)
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(heads)]
    lines = [
        f"Impact of {report.agreement['id']} ({report.agreement['title']}), {report.time_frame}",
        f"population {report.population['source']}: {counts['people']} people, "
        f"{counts['claim_outcomes'].get('claims', 0)} claiming in {report.time_frame}; "
        f"kernel fallback {counts['fallback']}, refused {counts['refused']}",
        "",
        f"Totals per party, {report.time_frame}",
        "  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)),
        *("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows),
        "",
        f"key {report.key}",
    ]
    return "\n".join(lines) + "\n"


def write_report(report: "Report", out: Path, charts: bool = True) -> list[Path]:
    """``summary.txt``, ``report.json``, one Parquet file per table and (unless ``charts=False``) the
    charts, in ``out``."""
    from coordina.services.simulation_charts import report_charts

    out.mkdir(parents=True, exist_ok=True)
    paths = [
        _write_text(out / "summary.txt", summary_text(report)),
        _write_text(out / "report.json", json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"),
    ]
    paths += [write_table(t, out / f"{name}.parquet", report.title(name)) for name, t in report.tables.items()]
    return paths + (report_charts(report, out) if charts else [])


def write_comparison(comparison: "Comparison", out: Path, charts: bool = True) -> list[Path]:
    """``comparison.json``, ``comparison.txt``, its tables as Parquet and (unless ``charts=False``)
    its chart, in ``out``."""
    from coordina.services.simulation_charts import comparison_charts

    out.mkdir(parents=True, exist_ok=True)
    document = json.dumps(comparison.to_json(), indent=2, ensure_ascii=False) + "\n"
    paths = [_write_text(out / "comparison.json", document), _write_text(out / "comparison.txt", comparison.text())]
    paths += [
        write_table(t, out / f"comparison_{name}.parquet", comparison.title(name))
        for name, t in comparison.tables.items()
    ]
    return paths + (comparison_charts(comparison, out) if charts else [])
