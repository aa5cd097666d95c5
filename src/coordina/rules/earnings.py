"""A period's earnings by calendar year, as the formulas that read yearly earnings need them
(best 25 years, dropout, points per year, the last 10 years).

The institution's own yearly figures are used as given (``Period.earnings_by_year``); a year it
does not list stays unknown, never zero. Where it gives one total over the period
(``Period.earnings``), the total is split across the calendar years by the period's days in
each: an assumption, which ``YearlyEarnings.split_by_days`` records so that the trace says it
was made. The shares are in the currency's minor unit (ISO 4217) and add up to the total.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from coordina.domain.case import Period
from coordina.domain.quantities import Money
from coordina.rules.money import minor_unit


@dataclass(frozen=True)
class YearlyEarnings:
    """Earnings by calendar year, in one currency."""

    currency: str | None  # None where the period gives no earnings
    by_year: dict[int, Decimal]
    split_by_days: bool  # the years are shares of one total over the period, by days

    @property
    def known(self) -> bool:
        return bool(self.by_year)


def yearly_earnings(period: Period, field: str = "earnings") -> YearlyEarnings:
    """``period``'s earnings per calendar year (see the module's docstring)."""
    if period.earnings_by_year:
        first = period.earnings_by_year[0].amount.currency
        return YearlyEarnings(first, {e.year: e.amount.amount for e in period.earnings_by_year}, False)
    if period.earnings is None:
        return YearlyEarnings(None, {}, False)
    total, currency = period.earnings.amount, period.earnings.currency
    days = days_by_year(period.start, period.end)
    if len(days) == 1:
        return YearlyEarnings(currency, {period.start.year: total}, False)
    unit, all_days = minor_unit(currency, f"{field}.currency"), sum(days.values())
    shares: dict[int, Decimal] = {}
    for year in list(days)[:-1]:
        shares[year] = (total * days[year] / all_days).quantize(unit, rounding=ROUND_HALF_UP)
    shares[period.end.year] = total - sum(shares.values())  # the last year takes the rounding
    return YearlyEarnings(currency, shares, True)


def days_by_year(start: date, end: date) -> dict[int, int]:
    """The days from ``start`` to ``end`` (both included) in each calendar year, in order."""
    return {
        year: (min(end, date(year, 12, 31)) - max(start, date(year, 1, 1))).days + 1
        for year in range(start.year, end.year + 1)
    }


def total_earnings(period: Period) -> Money | None:
    """Earnings over the whole period: its total, or the sum of its years where every calendar
    year of the period is listed (else unknown: a year not listed is never taken as zero)."""
    if not period.earnings_by_year:
        return period.earnings
    years = {e.year for e in period.earnings_by_year}
    if years != set(range(period.start.year, period.end.year + 1)):
        return None
    currency = period.earnings_by_year[0].amount.currency
    return Money(amount=sum((e.amount.amount for e in period.earnings_by_year), Decimal(0)), currency=currency)
