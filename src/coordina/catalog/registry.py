"""The registry: search and statistics over agreements worldwide, with regions and country names.

Counting conventions (stated with every figure): an agreement counts in each region one of
its parties belongs to; a year-only date counts in its year; rows without the field a count
needs are left out of that count, and the share of complete rows is given alongside.
"""

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from coordina.catalog.loading import bundled_library
from coordina.catalog.registry_file import read_registry
from coordina.domain.registry import RegistryEntry
from coordina.domain.vocabulary import Branch
from coordina.errors import DataError, NotFound

REGIONS = ("Europe", "Americas", "Asia and the Pacific", "Africa", "Arab States")


def _data(name: str) -> Path:
    return Path(str(resources.files("coordina") / "data" / "registry" / name))


@cache
def region_table() -> dict[str, tuple[str, str]]:
    """Code -> (short name, region), from data/registry/regions.csv (see its README)."""
    with _data("regions.csv").open(encoding="utf-8") as handle:
        return {row["code"]: (row["name"], row["region"]) for row in csv.DictReader(handle)}


@cache
def _names() -> dict[str, str]:
    names = {name.casefold(): code for code, (name, _) in region_table().items()}
    names.update({code.casefold(): code for code in region_table()})
    with _data("country_aliases.csv").open(encoding="utf-8") as handle:
        names.update({row["alias"].casefold(): row["code"] for row in csv.DictReader(handle)})
    return names


def resolve_country(text: str) -> str:
    """An ISO code or any common English name (case-insensitive) to the ISO code."""
    code = _names().get(text.strip().casefold())
    if code is None:
        raise KeyError(f"unknown country {text!r}: give an ISO 3166-1 alpha-2 code or an English name")
    return code


def resolve_region(text: str) -> str:
    for region in REGIONS:
        if region.casefold() == text.strip().casefold():
            return region
    raise KeyError(f"unknown region {text!r}; regions: {', '.join(REGIONS)}")


@dataclass(frozen=True)
class Registry:
    entries: tuple[RegistryEntry, ...]
    encoded: dict[str, str] = field(default_factory=dict)  # registry id -> library agreement id

    def entry(self, entry_id: str) -> RegistryEntry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise NotFound("registry", f"no registry row {entry_id!r}")

    def regions_of(self, entry: RegistryEntry) -> set[str]:
        table = region_table()
        return {table[p][1] for p in entry.parties if p in table}

    def search(
        self,
        party: str | None = None,
        between: tuple[str, str] | None = None,
        branch: str | None = None,
        region: str | None = None,
        in_force_before: date | None = None,
    ) -> list[RegistryEntry]:
        found = list(self.entries)
        if party:
            code = resolve_country(party)
            found = [e for e in found if code in e.parties]
        if between:
            a, b = (resolve_country(x) for x in between)
            found = [e for e in found if a in e.parties and b in e.parties]
        if branch:
            chosen = Branch(branch)
            found = [e for e in found if chosen in e.branches]
        if region:
            wanted = resolve_region(region)
            found = [e for e in found if wanted in self.regions_of(e)]
        if in_force_before:
            found = [e for e in found if e.in_force is not None and e.in_force.before(in_force_before)]
        return found

    def stats(self) -> dict[str, Any]:
        rows = self.entries
        with_date = [e for e in rows if e.in_force]
        with_branches = [e for e in rows if e.branches]
        by_year = Counter(e.in_force.year for e in with_date if e.in_force)
        cumulative, running = {}, 0
        for year in range(min(by_year, default=0), max(by_year, default=-1) + 1):
            running += by_year.get(year, 0)
            cumulative[year] = running
        degree = Counter(p for e in rows for p in e.parties)
        partners: dict[str, set[str]] = {}
        for e in rows:
            if e.kind == "bilateral":
                a, b = e.parties
                partners.setdefault(a, set()).add(b)
                partners.setdefault(b, set()).add(a)
        return {
            "rows": len(rows),
            "complete_rows": sum(e.complete for e in rows),
            "complete_share": _share(sum(e.complete for e in rows), len(rows)),
            "kind": dict(Counter(e.kind for e in rows)),
            "by_region": {r: sum(r in self.regions_of(e) for e in rows) for r in REGIONS},
            "in_force_known": len(with_date),
            "by_year_cumulative": cumulative,
            "branches_known": len(with_branches),
            "by_branch": {b.value: sum(b in e.branches for e in with_branches) for b in Branch},
            "by_branch_share": {
                b.value: _share(sum(b in e.branches for e in with_branches), len(with_branches)) for b in Branch
            },
            "by_country": {
                c: {"agreements": n, "bilateral_partners": len(partners.get(c, ()))}
                for c, n in sorted(degree.items(), key=lambda item: (-item[1], item[0]))
            },
            "encoded": sorted(self.encoded),
        }


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def bundled_entries() -> list[RegistryEntry]:
    entries, _, problems = read_registry(_data("agreements.csv"))
    if problems:
        raise DataError(problems)
    return entries


def build(entries: Iterable[RegistryEntry], imported: Iterable[RegistryEntry] = ()) -> Registry:
    """The registry: bundled rows, replaced or completed by imported ones (same id: imported wins),
    linked to the library agreements encoded for computation."""
    merged = {e.id: e for e in entries}
    merged.update({e.id: e for e in imported})
    encoded = {a.registry_id: a.id for a in bundled_library().agreements.values() if a.registry_id}
    return Registry(tuple(sorted(merged.values(), key=lambda e: e.id)), encoded)
