"""The data series behind the brief's figures, computed from the registry: pure functions.

Figure 1 of the ILO brief (cumulative bilateral agreements by region and year of entry into
force), Figure 2 (share of agreements covering each branch) and the network of bilateral
agreements, plus the counts the statistics page shows (decades, coverage of dates). The figures
(``services.figures``), the CLI, the API and the web pages draw from these series, so that an
image and its data table always agree.

Counting conventions (``catalog.registry``): an agreement counts in each region one of its
parties belongs to; a year-only date counts in its year; a row without the field a series
needs is left out of that series, and how many were left out is part of the series.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from coordina.catalog.registry import REGIONS, Registry, region_table, resolve_country
from coordina.domain.registry import PartialDate, RegistryEntry
from coordina.domain.vocabulary import Branch

__all__ = [
    "REGIONS", "BranchShare", "BranchShares", "Country", "DateCoverage", "Edge", "Network", "RegionYears", "Registry",
    "branch_shares", "countries", "country", "date_coverage", "decades", "in_force_since", "network", "region_years",
    "regions_of",
]  # fmt: skip


@dataclass(frozen=True)
class RegionYears:
    """Bilateral agreements entering into force, by region and year (Figure 1's data).

    ``years`` runs without gaps from the first to the last year counted; ``per_year[region]``
    holds the agreements of each year, aligned with ``years``; a region with none is left out."""

    years: tuple[int, ...]
    per_year: dict[str, tuple[int, ...]]
    rows: int  # bilateral rows in the registry
    counted: int  # of which have a date of entry into force (the ones counted)

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(r for r in REGIONS if r in self.per_year)

    def cumulative(self, region: str) -> tuple[int, ...]:
        """Agreements of ``region`` in force by the end of each year of ``years``."""
        running, out = 0, []
        for count in self.per_year[region]:
            running += count
            out.append(running)
        return tuple(out)

    @property
    def share_counted(self) -> float:
        return self.counted / max(self.rows, 1)


@dataclass(frozen=True)
class BranchShare:
    branch: Branch
    agreements: int  # rows whose source states this branch among its branches
    share: float  # of the rows whose source states the branches, 0 to 1


@dataclass(frozen=True)
class BranchShares:
    """Share of agreements covering each branch, in the order of ILO C102 (Figure 2's data)."""

    shares: tuple[BranchShare, ...]
    known: int  # rows whose source states the branches (the whole of each share)
    rows: int  # rows in the registry

    @property
    def share_known(self) -> float:
        return self.known / max(self.rows, 1)


@dataclass(frozen=True)
class Country:
    code: str
    region: str | None  # None: a code the region table does not place


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    entry_id: str


@dataclass(frozen=True)
class Network:
    """Who has bilateral agreements with whom: countries grouped by region, one edge per agreement.
    Multilateral instruments are not drawn (``multilateral`` counts them)."""

    countries: tuple[Country, ...]
    edges: tuple[Edge, ...]
    multilateral: int

    def partners(self, code: str) -> tuple[str, ...]:
        found = {e.b for e in self.edges if e.a == code} | {e.a for e in self.edges if e.b == code}
        return tuple(sorted(found))


@dataclass(frozen=True)
class DateCoverage:
    """How many rows state each date, and at which precision (a day is never invented)."""

    rows: int
    in_force: int
    in_force_precision: dict[str, int]  # "day" | "month" | "year" -> rows
    signed: int


def region_years(registry: Registry) -> RegionYears:
    """Figure 1: bilateral rows dated by entry into force, by region of their parties and year."""
    bilateral = [e for e in registry.entries if e.kind == "bilateral"]
    dated = [e for e in bilateral if e.in_force]
    years_seen = sorted({e.in_force.year for e in dated if e.in_force})
    span = tuple(range(years_seen[0], years_seen[-1] + 1)) if years_seen else ()
    per_year: dict[str, tuple[int, ...]] = {}
    for region in REGIONS:
        counts = Counter(e.in_force.year for e in dated if e.in_force and region in registry.regions_of(e))
        if counts:
            per_year[region] = tuple(counts.get(year, 0) for year in span)
    return RegionYears(span, per_year, len(bilateral), len(dated))


def branch_shares(registry: Registry) -> BranchShares:
    """Figure 2: of the rows whose source states the branches, the share covering each."""
    known = [e for e in registry.entries if e.branches]
    shares = []
    for branch in Branch:
        count = sum(branch in e.branches for e in known)
        shares.append(BranchShare(branch, count, count / max(len(known), 1)))
    return BranchShares(tuple(shares), len(known), len(registry.entries))


def network(registry: Registry) -> Network:
    """The network: every party of a bilateral row, ordered by region (REGIONS' order) then code."""
    bilateral = [e for e in registry.entries if e.kind == "bilateral"]
    codes = {p for e in bilateral for p in e.parties}
    table = region_table()

    def order(code: str) -> tuple[int, str]:
        region = table.get(code, ("", "Europe"))[1]
        return (REGIONS.index(region) if region in REGIONS else len(REGIONS), code)

    countries = tuple(Country(c, table[c][1] if c in table else None) for c in sorted(codes, key=order))
    edges = tuple(Edge(e.parties[0], e.parties[1], e.id) for e in bilateral)
    return Network(countries, edges, sum(e.kind == "multilateral" for e in registry.entries))


def decades(registry: Registry) -> dict[int, int]:
    """Rows entering into force in each decade (1990: 1990–1999), every kind; undated rows left out."""
    found = Counter(e.in_force.year // 10 * 10 for e in registry.entries if e.in_force)
    return dict(sorted(found.items()))


def date_coverage(registry: Registry) -> DateCoverage:
    rows = registry.entries
    precision = Counter(e.in_force.precision for e in rows if e.in_force)
    return DateCoverage(
        rows=len(rows),
        in_force=sum(precision.values()),
        in_force_precision={p: precision.get(p, 0) for p in ("day", "month", "year")},
        signed=sum(e.signed is not None for e in rows),
    )


def in_force_since(entries: list[RegistryEntry], start: date) -> list[RegistryEntry]:
    """The rows certainly in force from ``start`` on or later: the earliest day their date may
    stand for is not before ``start`` (a year-only ``2000`` is not "since 2000-06-01")."""
    return [e for e in entries if e.in_force is not None and _earliest(e.in_force) >= start]


def _earliest(when: PartialDate) -> date:
    return date(when.year, when.month or 1, when.day or 1)


def country(text: str) -> str | None:
    """The ISO code of a country given by code or English name (or a known alias); None if unknown."""
    try:
        return resolve_country(text)
    except KeyError:
        return None


def countries() -> dict[str, tuple[str, str]]:
    """Every country the registry places: code -> (English short name, region)."""
    return dict(region_table())


def regions_of(registry: Registry, entry: RegistryEntry) -> tuple[str, ...]:
    """The regions of ``entry``'s parties, in REGIONS' order."""
    found = registry.regions_of(entry)
    return tuple(r for r in REGIONS if r in found)
