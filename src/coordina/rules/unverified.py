"""Every figure of the scheme data that could not be confirmed in a source (``source:
unverified``): each dated value by parameter and dates, each yearly table's years. The README
lists them (``coordina schemes unverified --markdown``), and a test keeps the list true.
Pure: no I/O."""

from collections.abc import Iterable
from dataclasses import dataclass

from coordina.domain.legal import UNVERIFIED
from coordina.domain.scheme import Scheme


@dataclass(frozen=True)
class Unverified:
    """One parameter's or table's figures without a source."""

    scheme: str
    figure: str
    """The parameter as named in the data: ``pension_age``, ``values[pbu]``, ``tables[a_value]``."""
    when: tuple[str, ...]
    """The ``valid_from`` dates of the dated values, or the years (in runs) of a table."""


def unverified(schemes: Iterable[Scheme]) -> list[Unverified]:
    """The unverified figures of ``schemes``, by scheme id and in the data's order."""
    out: list[Unverified] = []
    for scheme in sorted(schemes, key=lambda s: s.id):
        for name, parameter in scheme.parameters.named():
            dates = tuple(str(d.valid_from) for d in parameter.root if not d.verified)
            if dates:
                out.append(Unverified(scheme.id, name, dates))
        for name, table in scheme.parameters.tables.items():
            years = sorted(table.values) if table.source == UNVERIFIED else sorted(table.unverified)
            years = sorted(set(years) | {y for y, s in table.year_sources.items() if s == UNVERIFIED})
            if years:
                out.append(Unverified(scheme.id, f"tables[{name}]", tuple(runs(years))))
    return out


def runs(years: list[int]) -> list[str]:
    """1990, 1991, 1992, 1995 -> ['1990-1992', '1995']."""
    out: list[list[int]] = []
    for year in years:
        if out and out[-1][-1] == year - 1:
            out[-1].append(year)
        else:
            out.append([year])
    return [f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in out]


def as_markdown(items: list[Unverified]) -> str:
    """The README's list: one line per scheme and figure."""
    lines = [f"- `{i.scheme}` `{i.figure}`: {', '.join(i.when)}" for i in items]
    return "\n".join(lines) + "\n"
