"""The wage index each country's synthetic earnings follow (issue 13 item 2), read from the
bundled scheme data the population assumptions name (``wages.<country>.index``).

A series is a yearly table of a scheme (the German average earnings of SGB VI Anlage 1, the
Uruguayan IMS), a dated value of one read in force on 1 July of each year (a minimum wage), or a
file's own levels by year. Figures in a former currency up to a year (DM or francs before the
euro) are converted at the fixed rate (Council Regulation (EC) No 2866/98 art. 1) so that the
series is in the wage's currency throughout; revaluation factors (``inverse``) become levels as
1 / factor. Several series are chained (``coordina.batch.wage_levels.chained``). The levels are
passed to the pure draw (``coordina.batch.population``).
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path

from coordina.batch.wage_levels import chained
from coordina.domain.simulation import PopulationAssumptions, Wage, WageSeries
from coordina.errors import DataError, NotFound, Problem
from coordina.rules.money import converted
from coordina.services import catalog


def wage_indices(
    assumptions: PopulationAssumptions, path: Path, countries: Iterable[str] | None = None
) -> dict[str, dict[int, Decimal]]:
    """Each country's wage index by year, for the countries (of ``countries``, or all) whose wage
    names one (``path``: the assumption file, named in the problems)."""
    out: dict[str, dict[int, Decimal]] = {}
    wanted = set(assumptions.wages) if countries is None else set(countries)
    for country, wage in assumptions.wages.items():
        if not wage.index or country not in wanted:
            continue
        try:
            out[country] = chained([levels(series, wage) for series in wage.index])
        except (ValueError, NotFound) as error:
            raise DataError([Problem(path, 1, f"wages.{country}.index: {error}")]) from None
    return out


def levels(series: WageSeries, wage: Wage) -> dict[int, Decimal]:
    """The series' figures by year, in the wage's currency (as levels where they are factors)."""
    figures = _figures(series)
    if series.former_currency is not None:
        former = series.former_currency
        for year in [y for y in figures if y <= former.until]:
            value = converted(figures[year], former.code, wage.currency)
            if value is None:
                raise ValueError(f"no fixed rate from {former.code} to {wage.currency}")
            figures[year] = value
    if series.inverse:
        figures = {year: 1 / value for year, value in figures.items()}
    if not figures or any(value <= 0 for value in figures.values()):
        raise ValueError(f"{series.named()}: no figures, or one not above 0")
    return dict(sorted(figures.items()))


def _figures(series: WageSeries) -> dict[int, Decimal]:
    if series.scheme is None:
        return dict(series.values)
    parameters = catalog.scheme(series.scheme).parameters
    if series.table is not None:
        table = parameters.tables.get(series.table)
        if table is None:
            raise ValueError(f"{series.scheme} has no table {series.table!r}")
        return dict(table.values)
    parameter = parameters.values.get(series.value or "")
    if parameter is None or not parameter.root:
        raise ValueError(f"{series.scheme} has no value {series.value!r}")
    years = range(min(e.valid_from for e in parameter.root).year, parameter.latest().valid_from.year + 1)
    in_force = {year: parameter.at(date(year, 7, 1)) for year in years}
    return {year: dated.value for year, dated in in_force.items() if dated is not None}
