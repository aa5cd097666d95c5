"""Parameter coverage of the bundled library: which claim dates find every parameter the
engine reads (the rules are in ``coordina.rules.coverage``)."""

from datetime import date
from typing import Any

from coordina.catalog.loading import bundled_library
from coordina.rules.coverage import SchemeCoverage as SchemeCoverage  # the interfaces' types, from here
from coordina.rules.coverage import Span as Span
from coordina.rules.coverage import coverage
from coordina.rules.unverified import Unverified, as_markdown, runs, unverified


def unverified_figures() -> list[Unverified]:
    """Every figure of the bundled scheme data that no source confirms."""
    return unverified(bundled_library().schemes.values())


def unverified_markdown(items: list[Unverified]) -> str:
    return as_markdown(items)


def year_runs(years: list[int]) -> list[str]:
    """Years as runs: 1990, 1991, 1992, 1995 -> ['1990-1992', '1995']."""
    return runs(years)


def bundled_coverage(today: date | None = None) -> list[SchemeCoverage]:
    """Coverage of every bundled scheme under the bundled agreements, up to ``today``."""
    library = bundled_library()
    return coverage(library.agreements.values(), library.schemes.values(), today)


def span_record(span: Span) -> dict[str, str]:
    return {"from": span.start.isoformat(), "to": span.end.isoformat()}


def coverage_records(report: list[SchemeCoverage]) -> list[dict[str, Any]]:
    """The stable JSON shape: ``[{scheme, country, kind, window, parameters: [{name, required,
    spans, gaps, unverified}], tables: [{name, years, missing, unverified, provisional}]}]``."""
    return [
        {
            "scheme": item.scheme,
            "country": item.country,
            "kind": item.kind.value,
            "window": span_record(item.window) if item.window else None,
            "parameters": [
                {
                    "name": p.name,
                    "required": p.required,
                    "spans": [span_record(s) for s in p.spans],
                    "gaps": [span_record(g) for g in p.gaps],
                    "unverified": p.unverified,
                }
                for p in item.parameters
            ],
            "tables": [
                {
                    "name": t.name,
                    "years": {"from": t.first_year, "to": t.last_year},
                    "missing": list(t.missing),
                    "unverified": list(t.unverified),
                    "provisional": list(t.provisional),
                }
                for t in item.tables
            ],
        }
        for item in report
    ]


def formula_gaps_markdown(report: list[SchemeCoverage]) -> str:
    """The README's list of the claim dates and earnings years for which a formula's figure is
    missing (a gap: those claims get no amount, and say why). A gap that lasts to today reads
    "from ... on", so that the list does not change with the date."""
    lines = []
    for item in report:
        last_years = {f"tables[{t.name}]": t.last_year for t in item.tables}
        dated: dict[str, list[str]] = {}
        yearly: dict[str, list[int]] = {}
        for name, gap in item.gaps():
            if name.startswith("tables["):
                yearly.setdefault(name, []).append(gap.start.year)
            elif name.startswith("values["):
                ongoing = item.window is not None and gap.end >= item.window.end
                dated.setdefault(name, []).append(f"from {gap.start} on" if ongoing else f"{gap.start}..{gap.end}")
        for name, spans in dated.items():
            lines.append(f"- `{item.scheme}` `{name}`: {', '.join(spans)}")
        for name, years in yearly.items():
            shown = runs(years)
            if years[-1] == last_years.get(name):
                shown[-1] = f"{shown[-1].split('-')[0]} on"
            lines.append(f"- `{item.scheme}` `{name}` (earnings years): {', '.join(shown)}")
    return "\n".join(lines) + "\n"
