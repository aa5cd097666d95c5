"""Money as the law pays it: rounded in the currency's minor unit (ISO 4217), unless national
law sets its own rounding, which then wins and is cited."""

from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal
from fractions import Fraction
from functools import cache

from babel.numbers import get_currency_precision, get_territory_currencies, list_currencies

from coordina.domain.scheme import Rounding
from coordina.rules.errors import CaseError

_MODES = {"half_up": ROUND_HALF_UP, "down": ROUND_DOWN, "up": ROUND_UP}


@cache
def _known() -> frozenset[str]:
    return frozenset(list_currencies())


def is_currency(code: str) -> bool:
    """Whether ``code`` is an ISO 4217 currency code."""
    return code in _known()


def minor_unit(currency: str, field: str = "currency") -> Decimal:
    """The smallest amount of the currency: 1 won (KRW), 0.001 dinar (TND), 0.01 euro (EUR).

    From the ISO 4217 data in Babel's CLDR tables; an unknown code is an error naming ``field``."""
    if currency not in _known():
        raise CaseError(field, f"{currency!r} is not an ISO 4217 currency code")
    return Decimal(1).scaleb(-get_currency_precision(currency))


def to_money(value: Fraction, currency: str, rounding: Rounding | None = None) -> Decimal:
    """Half-up in the currency's minor unit, or national law's own rounding where it has one."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    if rounding is not None:
        quantum = rounding.quantum
        steps = (exact / quantum).quantize(Decimal(1), rounding=_MODES[rounding.mode])
        return (steps * quantum).quantize(minor_unit(currency))
    return exact.quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


@cache
def _tender_history(country: str) -> tuple[tuple[date, date | None, str], ...]:
    found = get_territory_currencies(
        country, start_date=date(1800, 1, 1), end_date=date(9999, 12, 31), tender=True, include_details=True
    )
    return tuple((f["from"] or date.min, f["to"], f["currency"]) for f in found)


def legal_tender(country: str, on: date) -> str | None:
    """The currency a State's institutions paid in on a date (ISO 4217 via CLDR), e.g. DEM in 1990;
    where two were legal tender at once (1999-2002 in the euro area), the older one, as CLDR lists."""
    for start, end, currency in _tender_history(country.split("-")[0]):
        if start <= on and (end is None or on <= end):
            return currency
    return None
