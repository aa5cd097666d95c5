"""France, régime général: quarters validated by earnings, and figures kept in francs.

CSS R351-9: a calendar year counts as many quarters as its earnings hold the threshold, at
most four: from 1972 to 2013 the threshold is 200 hours at the hourly SMIC in force on 1 January
of the year, from 2014 150 hours (décret n° 2014-349). Before 1972 the threshold was the
quarterly old workers' allowance (AVTS), which the scheme data do not hold: those years, and
years whose earnings the case does not give, count their whole quarters of months (months // 3).

Figures of years before 2002 are published in francs (FRF; new francs from 1960): they are
brought to euros at the fixed rate ``values.frf_per_eur`` (6.55957), since a case gives earnings
in euros as the CNAV's career statements do. A franc amount brought to euros is rounded to the
nearest cent (service-public.fr, F21552: the amounts in francs are converted and rounded to the
cent); ``in_euros`` keeps the exact quotient, ``to_the_cent`` rounds it.
"""

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction

from coordina.domain.scheme import SchemeParameters
from coordina.rules.formulas.career import Career, Reading

EURO_YEAR = 2002
"""The first year whose figures are in euros (the euro notes and coins from 1 January 2002)."""


def in_euros(reading: Reading, year: int, amount: Decimal, on: date) -> Fraction | None:
    """A figure of ``year`` in euros: francs before 2002 divided by the fixed conversion rate."""
    if year >= EURO_YEAR:
        return Fraction(amount)
    rate = reading.value("frf_per_eur", on)
    return None if rate is None else Fraction(amount) / Fraction(rate)


def to_the_cent(amount: Fraction) -> Fraction:
    """``amount`` (not negative) rounded half up to the cent (a franc figure converted to euros)."""
    return Fraction(math.floor(amount * 100 + Fraction(1, 2)), 100)


def threshold(reading: Reading, year: int, on: date) -> Fraction | None:
    """Earnings that validate one quarter in ``year`` (R351-9): hours x the hourly SMIC on
    1 January, in euros (francs converted at the rate in force on ``on``, the claim date); None
    where the scheme data hold no threshold for that year."""
    first = date(year, 1, 1)
    hours = reading.parameters.values.get("hours_per_quarter")
    smic = reading.parameters.values.get("smic_hourly")
    if hours is None or smic is None or hours.at(first) is None or smic.at(first) is None:
        return None
    per_quarter = reading.value("hours_per_quarter", first)
    hourly = reading.value("smic_hourly", first)
    if per_quarter is None or hourly is None:
        return None
    hourly_eur = in_euros(reading, year, hourly, on)
    return None if hourly_eur is None else Fraction(per_quarter) * hourly_eur


def quarters_of_year(career: Career, reading: Reading, year: int, unearned: set[int] | None = None) -> int:
    """The quarters ``year`` validates: by its earnings where the case gives them and the law's
    threshold is encoded, else its whole quarters of counted months; at most four. A year whose
    earnings validate no quarter is added to ``unearned`` (R351-29 leaves it out of the SAM)."""
    months = career.months_by_year.get(year, Fraction(0))
    earnings = career.earnings.get(year)
    limit = threshold(reading, year, career.claim_date) if earnings is not None else None
    if earnings is None or limit is None or limit <= 0:
        quarters = min(4, int(months // 3))
        reading.say(
            "{year}: {quarters} quarters from {months} months (earnings or threshold not given)",
            year=year, quarters=quarters, months=_shown(months),
        )  # fmt: skip
        return quarters
    quarters = min(4, int(Fraction(earnings) // limit))
    if quarters == 0 and unearned is not None:
        unearned.add(year)
    reading.say(
        "{year}: {quarters} quarters validated by earnings {earnings} (one per {threshold})",
        year=year, quarters=quarters, earnings=earnings, threshold=_shown(limit),
    )  # fmt: skip
    foreign = months - career.own_months.get(year, Fraction(0))  # other parties' months (theoretical amount)
    if foreign > 0:
        quarters = min(4, quarters + int(foreign // 3))
    return quarters


def validated_quarters(career: Career, reading: Reading) -> tuple[dict[int, int], frozenset[int]]:
    """Quarters validated in the scheme, by calendar year (R351-9, L351-2), and the years whose
    earnings validate no quarter."""
    years = sorted(y for y, m in career.months_by_year.items() if m > 0)
    unearned: set[int] = set()
    by_year = {year: quarters_of_year(career, reading, year, unearned) for year in years}
    return by_year, frozenset(unearned)


def validated_months(career: Career, parameters: SchemeParameters) -> dict[int, Fraction]:
    """The months each own calendar year counts for entitlement and the pro-rata ratio: three per
    quarter validated (R351-9) — by earnings where the case gives them, else the whole quarters of
    the months served (an engine policy where the case gives no earnings)."""
    reading = Reading(parameters)
    return {year: Fraction(3 * quarters_of_year(career, reading, year)) for year in sorted(career.own_months)}


def _shown(value: Fraction) -> str:
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.2f}"
