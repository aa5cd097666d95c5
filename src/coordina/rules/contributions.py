"""Contributions due on a period's earnings under a scheme's dated rates and ceiling, year by
year (for the impact simulation: the contributions a posting rule moves between parties).

Each calendar year of the period is assessed on its earnings (``rules.earnings``: the
institution's yearly figures, or a total split by days), up to the earnings ceiling for the part
of the year the period covers (a yearly ceiling times the period's months in the year over 12; a
monthly ceiling times those months), less an exemption where the law has one (the CPP's basic
exemption); earnings between the ceiling and an upper ceiling pay the upper rates (the CPP's
second additional contributions), and uncapped rates apply to all earnings (France's déplafonnée
contributions). Where the rates change within a year, the year's earnings
are shared between the rates by days. A year without earnings in the case stays unknown (its
amounts are None), never zero. Amounts are rounded half-up in the currency's minor unit per year.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from coordina.domain.case import Period
from coordina.domain.parameters import Dated
from coordina.domain.quantities import Money
from coordina.domain.scheme import Scheme
from coordina.domain.series import Contributions
from coordina.domain.vocabulary import Activity
from coordina.rules.earnings import yearly_earnings
from coordina.rules.money import converted, minor_unit
from coordina.rules.periods import interval_months
from coordina.rules.spells import activity_of


@dataclass(frozen=True)
class ContributionsDue:
    """One calendar year of a period: its earnings, the part assessed, and who pays what."""

    year: int
    currency: str | None
    earnings: Decimal | None
    assessed: Decimal | None
    employee: Decimal | None
    employer: Decimal | None
    references: tuple[str, ...]
    """The provisions of the rates and ceiling applied."""


def contributions_due(scheme: Scheme, period: Period) -> list[ContributionsDue]:
    """Contributions due on ``period`` under ``scheme``, one entry per calendar year."""
    parameter = scheme.parameters.contributions
    yearly = yearly_earnings(period)
    out: list[ContributionsDue] = []
    for year in range(period.start.year, period.end.year + 1):
        start, end = max(period.start, date(year, 1, 1)), min(period.end, date(year, 12, 31))
        earnings = yearly.by_year.get(year)
        pieces = _rate_pieces(parameter.root if parameter else [], start, end)
        if earnings is None or not pieces or yearly.currency is None:
            out.append(ContributionsDue(year, yearly.currency, earnings, None, None, None, ()))
            continue
        out.append(_assess(scheme, period, year, earnings, yearly.currency, pieces))
    return out


def _rate_pieces(values: list[Dated[Contributions]], start: date, end: date) -> list[tuple[Dated[Contributions], int]]:
    """The values in force from ``start`` to ``end``, each with its days; [] where a day has none."""
    pieces: list[tuple[Dated[Contributions], int]] = []
    day = start
    ordered = sorted(values, key=lambda v: v.valid_from)
    while day <= end:
        current = next((v for v in reversed(ordered) if v.valid_from <= day), None)
        if current is None or not current.holds_on(day):
            return []
        following = next((v.valid_from for v in ordered if v.valid_from > day), None)
        last = min(
            d for d in (end, current.valid_until, following and date.fromordinal(following.toordinal() - 1)) if d
        )
        pieces.append((current, (last - day).days + 1))
        day = date.fromordinal(last.toordinal() + 1)
    return pieces


def _assess(
    scheme: Scheme,
    period: Period,
    year: int,
    earnings: Decimal,
    currency: str,
    pieces: list[tuple[Dated[Contributions], int]],
) -> ContributionsDue:
    all_days = sum(days for _, days in pieces)
    self_employed = activity_of(period) is Activity.self_employed
    employee = employer = assessed_total = Fraction(0)
    references: list[str] = []
    for dated, days in pieces:
        rates, share = dated.value, Fraction(days, all_days)
        start = max(period.start, date(year, 1, 1), dated.valid_from)
        end = min(period.end, date(year, 12, 31), dated.valid_until or date.max)
        months = interval_months(start, end)
        ceiling = _figure(scheme, rates.ceiling, rates.ceiling_table, rates, year, months, currency)
        exemption = _figure(scheme, rates.exemption, rates.exemption_table, rates, year, months, currency)
        upper = _figure(scheme, None, rates.upper_ceiling_table, rates, year, months, currency)
        if _UNKNOWN in (ceiling, exemption, upper):
            return ContributionsDue(year, currency, earnings, None, None, None, ())
        earned = Fraction(earnings) * share
        capped = min(earned, ceiling) if isinstance(ceiling, Fraction) else earned
        assessed = max(Fraction(0), capped - exemption) if isinstance(exemption, Fraction) else capped
        if self_employed and rates.self_employed_rate is not None:
            employee += assessed * Fraction(rates.self_employed_rate)
        else:
            employee += assessed * Fraction(rates.employee_rate)
            employer += assessed * Fraction(rates.employer_rate)
        if isinstance(upper, Fraction) and isinstance(ceiling, Fraction) and earned > ceiling:
            band = min(earned, upper) - ceiling  # between the two ceilings (CPP second additional, s. 11.1)
            upper_employee, upper_employer = (
                Fraction(rates.upper_employee_rate or 0),
                Fraction(rates.upper_employer_rate or 0),
            )
            if self_employed and rates.self_employed_rate is not None:
                employee += band * (upper_employee + upper_employer)  # the self-employed pay both shares
            else:
                employee, employer = employee + band * upper_employee, employer + band * upper_employer
        employee += earned * Fraction(rates.uncapped_employee_rate or 0)  # on all earnings
        employer += earned * Fraction(rates.uncapped_employer_rate or 0)
        assessed_total += assessed
        if dated.reference and dated.reference not in references:
            references.append(dated.reference)
    unit = minor_unit(currency)
    return ContributionsDue(
        year, currency, earnings, _round(assessed_total, unit), _round(employee, unit), _round(employer, unit),
        tuple(references),
    )  # fmt: skip


_UNKNOWN = object()
"""A ceiling or exemption the scheme has but whose figure for the year (or in the currency) is
not known: the year's contributions are then unknown."""


def _figure(
    scheme: Scheme,
    amount: Money | None,
    table_name: str | None,
    rates: Contributions,
    year: int,
    months: Fraction,
    currency: str,
) -> object:
    """A ceiling or exemption for ``months`` of ``year`` in ``currency``: None where the scheme has
    none, ``_UNKNOWN`` where its figure is not in the data. A table is in the scheme's currency of
    that year, as the earnings are."""
    if table_name is not None:
        table = scheme.parameters.tables.get(table_name)
        figure = table.values.get(year) if table else None
        value = Fraction(figure) if figure is not None else None
    elif amount is not None:
        found = converted(amount.amount, amount.currency, currency)
        value = Fraction(found) if found is not None else None
    else:
        return None
    if value is None:
        return _UNKNOWN
    return value * months / 12 if rates.period == "yearly" else value * months


def _round(value: Fraction, unit: Decimal) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(unit, rounding=ROUND_HALF_UP)
