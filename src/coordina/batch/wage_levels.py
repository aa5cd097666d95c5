"""A country's wage level year by year (issue 13 item 2): the wage of the population assumptions
moved along the country's wage index where the series has the year (amount x level of the year /
level of the wage's year), and by ``wage_growth`` before the series' first year, after its last
(and for a country with no series).

Pure: the service (``coordina.services.wage_series``) reads the series from the scheme data and
passes their yearly levels in; this module only chains and reads them.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal

from coordina.domain.simulation import Wage


def chained(pieces: Sequence[Mapping[int, Decimal]]) -> dict[int, Decimal]:
    """One series from several: the first where it has the year, each later one for the years no
    earlier one has, scaled to them at the common year nearest those it adds (ValueError where a
    later series has no year in common with the earlier ones)."""
    out: dict[int, Decimal] = {}
    for number, piece in enumerate(pieces):
        if not out:
            out = dict(piece)
            continue
        common = sorted(set(out) & set(piece))
        added = [y for y in piece if y not in out]
        if not added:
            continue
        if not common:
            raise ValueError(f"series {number + 1} has no year in common with the series before it")
        link = min(common, key=lambda y: min(abs(y - a) for a in added))
        factor = out[link] / piece[link]
        out.update({year: piece[year] * factor for year in added})
    return dict(sorted(out.items()))


def level(series: Mapping[int, Decimal], year: int, growth: Decimal) -> Decimal:
    """The series' level in ``year``: its own figure; between two figures (a gap), the geometric
    interpolation of the two; after its last figure, that figure grown by ``growth`` a year;
    before its first, the first taken back by ``growth`` a year."""
    if year in series:
        return series[year]
    earlier = [y for y in series if y < year]
    later = [y for y in series if y > year]
    if earlier and later:
        low, high = max(earlier), min(later)
        ratio = series[high] / series[low]
        return series[low] * ratio ** (Decimal(year - low) / Decimal(high - low))
    if earlier:
        known = max(earlier)
        return series[known] * growth ** (year - known)
    first = min(series)
    return series[first] / growth ** (first - year)


def wage_in(wage: Wage, series: Mapping[int, Decimal] | None, growth: Decimal, year: int) -> Decimal:
    """The country's yearly wage level in ``year``: along ``series`` where given (its level of the
    year over its level of the wage's year), else grown by ``growth`` from the wage's year."""
    if not series:
        return wage.amount * growth ** (year - wage.year)
    return wage.amount * level(series, year, growth) / level(series, wage.year, growth)
