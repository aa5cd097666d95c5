"""Canada Pension Plan retirement pension (Canada Pension Plan, R.S.C. 1985, c. C-8).

    contributory period  from the month after the 18th birthday (or January 1966) to the month
                         before the pension starts, at most to the month of the 70th birthday
                         (s. 49, s. 2(2): an age is reached at the start of the next month)
    a month's earnings   the year's earnings up to the YMPE (pro rata for a part year), zero
                         where not above the basic exemption (s. 52, 53), times the Maximum
                         Pensionable Earnings Average / the year's YMPE (s. 51), over the months
                         of the period in the year
    average (AMPE)       total over the months kept, the lowest months dropped: those after 65
                         (s. 48(3)) and the general drop-out (15 %, 16 % or 17 %, s. 48(4)),
                         never below 120 months (s. 48(1), s. 42(1))
    enhancement          from 2019, 8.33 % of the first additional earnings (the same earnings,
                         phased in by s. 51(1.1)) over 480 months; from 2024, 33.33 % of the
                         second additional earnings (between the YMPE and the YAMPE) over 480
                         months (s. 46(1)(b)-(c), 48.1, 48.2, 49.1, 49.2)
    amount (monthly)     (25 % of AMPE + both additional parts) x the adjustment factor for
                         the months before or after 65, at most 60 (s. 46(3), (3.1); CPP
                         Regulations s. 46.1, 46.2)

Each part is rounded to the cent before the adjustment, as Service Canada's published maximum
pensions are (e.g. January 2025: 1,387.08 + 42.75 + 3.17 = 1,433.00). Not modelled: the
child-rearing drop-out (s. 48(2)), months excluded by disability (s. 49(c)), credit splitting.
"""

import math
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from coordina.domain.scheme import BenefitFormula, SchemeParameters
from coordina.rules.formulas.career import Career, FormulaResult, NationalFormula, Reading, TableNeed, needs_earnings

BASIC_MONTHS = 120
"""The basic number of contributory months (s. 42(1)): the average is never over fewer."""
ADDITIONAL_MONTHS = 480
"""The first and second additional averages are over 480 months (s. 48.1, 48.2)."""
MAX_ADJUSTED_MONTHS = 60
"""The adjustment counts at most five years before or after 65 (s. 46(3), (7))."""


@dataclass(frozen=True)
class YearFigures:
    """What one calendar year of the contributory period brings."""

    months: int
    base: Fraction
    """Adjusted pensionable earnings of the year (all its months together)."""
    first: Fraction
    second: Fraction


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def contributory_months(career: Career) -> dict[int, int]:
    """Months of the contributory period in each calendar year (s. 49, s. 2(2))."""
    birth = _month_index(career.birth_date)
    start = max(_month_index(date(1966, 1, 1)), birth + 18 * 12 + 1)
    end = min(_month_index(career.claim_date) - 1, birth + 70 * 12)
    out: dict[int, int] = {}
    for month in range(start, end + 1):
        out[month // 12] = out.get(month // 12, 0) + 1
    return out


def mpea(reading: Reading, career: Career) -> Fraction | None:
    """Maximum Pensionable Earnings Average of the pension year (s. 42(1)): the YMPE of the
    year and the 2, 3 or 4 before (3 years before 1998 or for those born before 1933)."""
    year = career.claim_date.year
    count = reading.value("mpea_years", career.claim_date)
    if count is None:
        return None
    years = 3 if career.birth_date < date(1933, 1, 1) else int(count)
    figures = [reading.table("ympe", y) for y in range(year - years + 1, year + 1)]
    if any(f is None for f in figures):
        return None
    average = sum((Fraction(f or 0) for f in figures), Fraction(0)) / years
    reading.say("Maximum Pensionable Earnings Average of {year}: {mpea}", year=year, mpea=_shown(average))
    return average


def year_figures(reading: Reading, career: Career, year: int, months: int, average: Fraction) -> YearFigures | None:
    """A year's adjusted base, first and second additional earnings (s. 51-53, 51(1.1))."""
    zero = YearFigures(months, Fraction(0), Fraction(0), Fraction(0))
    if career.months_by_year.get(year, Fraction(0)) <= 0:
        return zero  # no contribution in the year: its months count zero (s. 52(2))
    ympe, exemption = reading.table("ympe", year), reading.table("basic_exemption", year)
    earnings = career.earnings.get(year)
    if ympe is None or exemption is None or earnings is None:
        return None
    share = Fraction(months, 12)
    base = min(Fraction(earnings), Fraction(ympe) * share)
    if base <= Fraction(exemption) * share:
        return zero  # not above the basic exemption: no contribution (s. 52(3), s. 19)
    ratio = average / Fraction(ympe)
    first = second = Fraction(0)
    if year >= 2019:
        factor = reading.table("first_additional_factor", year)
        first = base * ratio * Fraction(factor or 0)
    if year >= 2024:
        yampe = reading.table("yampe", year)
        band = min(Fraction(earnings), Fraction(yampe or 0) * share) - Fraction(ympe) * share
        second = max(band, Fraction(0)) * ratio
    return YearFigures(months, base * ratio, first, second)


def _lowest_dropped(per_month: list[tuple[Fraction, int]], count: int) -> Fraction:
    """The earnings of the ``count`` lowest months (months of a year are equal, s. 52(1))."""
    total, left = Fraction(0), count
    for value, months in sorted(per_month):
        take = min(left, months)
        total, left = total + value * take, left - take
        if left == 0:
            break
    return total


def average_monthly(reading: Reading, career: Career, years: dict[int, YearFigures]) -> Fraction | None:
    """Average monthly pensionable earnings after the drop-outs (s. 48(1), (3), (4))."""
    rate = reading.value("dropout_rate", career.claim_date)
    if rate is None:
        return None
    months = sum(f.months for f in years.values())
    total = sum((f.base for f in years.values()), Fraction(0))
    per_month = [(f.base / f.months, f.months) for f in years.values() if f.months]
    birth = _month_index(career.birth_date)
    last = min(_month_index(career.claim_date) - 1, birth + 70 * 12)
    after_65 = max(0, last - (birth + 65 * 12 + 1) + 1)
    drop_65 = min(after_65, max(0, months - BASIC_MONTHS))
    general = min(math.ceil(Fraction(rate) * (months - drop_65)), max(0, months - drop_65 - BASIC_MONTHS))
    dropped = drop_65 + general
    kept = total - _lowest_dropped(per_month, dropped)
    divisor = max(months - dropped, BASIC_MONTHS)
    reading.say(
        "contributory period: {months} months; dropped: {after_65} after 65 and {general} lowest ({rate}); "
        "average over {divisor} months: {average}",
        months=months, after_65=drop_65, general=general, rate=_shown(Fraction(rate)), divisor=divisor,
        average=_shown(kept / divisor),
    )  # fmt: skip
    return kept / divisor


def additional_average(values: list[tuple[Fraction, int]]) -> Fraction:
    """First or second additional monthly pensionable earnings: the total over 480 months, the
    480 highest where the period is longer (s. 48.1, 48.2)."""
    months = sum(m for _, m in values)
    if months <= ADDITIONAL_MONTHS:
        return sum((v * m for v, m in values), Fraction(0)) / ADDITIONAL_MONTHS
    dropped = _lowest_dropped(values, months - ADDITIONAL_MONTHS)
    return (sum((v * m for v, m in values), Fraction(0)) - dropped) / ADDITIONAL_MONTHS


def adjustment(reading: Reading, career: Career) -> Fraction | None:
    """The factor for a pension starting before or after the month the contributor reaches 65
    (s. 46(3), (3.1); CPP Regulations s. 46.1, 46.2), counting at most 60 months."""
    reached_65 = _month_index(career.birth_date) + 65 * 12 + 1
    months = _month_index(career.claim_date) - reached_65
    if months == 0:
        return Fraction(1)
    name = "early_reduction_per_month" if months < 0 else "late_increase_per_month"
    rate = reading.value(name, career.claim_date)
    if rate is None:
        return None
    counted = min(abs(months), MAX_ADJUSTED_MONTHS)
    factor = 1 + Fraction(rate) * counted * (1 if months > 0 else -1)
    reading.say("adjustment for {months} months from 65: factor {factor}", months=months, factor=_shown(factor))
    return factor


def compute(career: Career, parameters: SchemeParameters, formula: BenefitFormula) -> FormulaResult:
    reading, on = Reading(parameters), career.claim_date
    period = contributory_months(career)
    missing = needs_earnings(career, tuple(y for y in period if career.months_by_year.get(y, Fraction(0)) > 0))
    if missing is not None:
        reading.needs.append(missing)
        return reading.result(None)
    average = mpea(reading, career)
    base_rate = reading.value("base_rate", on)
    if average is None or base_rate is None:
        return reading.result(None)
    years: dict[int, YearFigures] = {}
    for year, months in period.items():
        figures = year_figures(reading, career, year, months, average)
        if figures is None:
            return reading.result(None)
        years[year] = figures
    ampe = average_monthly(reading, career, years)
    factor = adjustment(reading, career)
    if ampe is None or factor is None:
        return reading.result(None)
    parts = [_cents(Fraction(base_rate) * ampe)]
    for name, start, pick in (("first_additional_rate", 2019, 0), ("second_additional_rate", 2024, 1)):
        if not any(y >= start for y in years):
            continue
        rate = reading.value(name, on)
        values = [((f.first, f.second)[pick] / f.months, f.months) for y, f in years.items() if y >= start]
        parts.append(_cents(Fraction(rate or 0) * additional_average(values)))
    reading.say("basic monthly amount: {parts}", parts=" + ".join(_shown(p) for p in parts))
    return reading.result(sum(parts, Fraction(0)) * factor)


def _cents(value: Fraction) -> Fraction:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return Fraction(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _shown(value: Fraction) -> str:
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.4f}".rstrip("0").rstrip(".")


FORMULA = NationalFormula(
    compute=compute,
    values=("base_rate", "mpea_years", "dropout_rate"),
    tables=(
        TableNeed("ympe", 1966, "a claim from October 1990 reads earnings from 1966 (contributory period from 18)"),
        TableNeed("basic_exemption", 1966, "a year's earnings count only above the basic exemption (s. 52(3))"),
        TableNeed("first_additional_factor", 2019, "first additional earnings from 2019 (s. 51(1.1))"),
        TableNeed("yampe", 2024, "second additional earnings from 2024 (s. 49.2)"),
    ),
    description="25 % of average monthly pensionable earnings up to the YMPE, after the drop-outs, "
    "with the 2019 enhancement and the adjustment for the age the pension starts",
)
