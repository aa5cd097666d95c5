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


EURO_CONVERSION_RATES: dict[str, Decimal] = {
    "ATS": Decimal("13.7603"),
    "BEF": Decimal("40.3399"),
    "DEM": Decimal("1.95583"),
    "ESP": Decimal("166.386"),
    "FIM": Decimal("5.94573"),
    "FRF": Decimal("6.55957"),
    "IEP": Decimal("0.787564"),
    "ITL": Decimal("1936.27"),
    "LUF": Decimal("40.3399"),
    "NLG": Decimal("2.20371"),
    "PTE": Decimal("200.482"),
}
"""Units of each former currency per euro, irrevocably fixed from 1 January 1999 by Council
Regulation (EC) No 2866/98, art. 1 (OJ L 359, 31.12.1998)."""
EURO_CONVERSION_BASIS = "Council Regulation (EC) No 2866/98, art. 1 (euro conversion rates)"


def converted(amount: Decimal, currency: str, into: str) -> Decimal | None:
    """``amount`` in ``into``: the same currency as is, a former euro-area currency at its fixed
    rate (exact, not rounded: formulas round once, at the end); None where no fixed rate exists."""
    if currency == into:
        return amount
    if into == "EUR" and currency in EURO_CONVERSION_RATES:
        return amount / EURO_CONVERSION_RATES[currency]
    return None
