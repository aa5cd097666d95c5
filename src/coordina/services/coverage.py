"""Parameter coverage of the bundled library: which claim dates find every parameter the
engine reads (the rules are in ``coordina.rules.coverage``)."""

from datetime import date
from typing import Any

from coordina.catalog.loading import bundled_library
from coordina.rules.coverage import SchemeCoverage as SchemeCoverage  # the interfaces' types, from here
from coordina.rules.coverage import Span as Span
from coordina.rules.coverage import coverage
from coordina.rules.unverified import Unverified, as_markdown, unverified


def unverified_figures() -> list[Unverified]:
    """Every figure of the bundled scheme data that no source confirms."""
    return unverified(bundled_library().schemes.values())


def unverified_markdown(items: list[Unverified]) -> str:
    return as_markdown(items)


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
