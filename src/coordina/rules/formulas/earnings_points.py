"""Germany, statutory pension insurance (SGB VI): the monthly pension is personal earnings points
x pension-type factor x current pension value (§64).

Stages, each a function below:

1. **Earnings points of a calendar year** (§63(2), §70(1)): the year's insured earnings, at most
   the contribution ceiling (Beitragsbemessungsgrenze, Anlage 2; for a part year the yearly
   ceiling x months insured / 12, as the ceiling applies to the period insured), divided by the
   year's average earnings of all insured (Durchschnittsentgelt, Anlage 1). For the calendar year
   of pension start and the year before, the provisional average fixed in advance (Anlage 2b,
   §70(1) sentence 2) is used, even where the final one is known by then. A part year's earnings
   are divided by the full year's average (the points are not scaled to a year). Each year's
   points are rounded to four decimals, half up (§121(1)-(2)); the institution rounds per
   contribution period, which may differ in the fourth decimal where a year has several.
2. **Access factor** (Zugangsfaktor, §77(2) Nr. 2): 1.0 for an old-age pension from the month
   after the month the standard age is reached; 0.003 less for each calendar month it starts
   earlier, 0.005 more for each month it starts later. The standard age is reached at the end
   of the day before the anniversary (SGB X §26 with BGB §§187(2), 188(2)), so
   ``career.pension_age_on`` (the anniversary) minus one day gives the month. Whether an early
   pension is open to the person (35 or 45 insurance years, age 63) is not checked here.
3. **Personal earnings points** (§66(1)): the sum of the yearly points x the access factor,
   rounded to four decimals.
4. **Monthly amount** (§64): personal earnings points x the pension-type factor (1.0 for old age,
   §67 Nr. 1) x the current pension value (aktueller Rentenwert, §68) on the claim date.

**Currency.** ``Career.currency`` is one currency for every year, but the tables are in the legal
tender of each year: Deutsche Mark up to 2001, euro from 2002. Points are a ratio, so the formula
puts the year's average and ceiling in the currency the earnings are given in: with ``EUR`` a DM
year's figures are divided by the fixed rate (1.95583 DEM per EUR, Reg. (EC) 2866/98, read as
``values.dem_per_eur``), with ``DEM`` a euro year's figures are multiplied by it; with no currency
each year's earnings are taken in that year's legal tender. Any other currency: no amount.

Not modelled: points for non-contribution periods (credited, child-raising and training periods,
§§70(2)-(3a), 71-74), the Grundrente supplement (§76g), supplements and deductions (§§76-76f),
east-German periods (Entgeltpunkte Ost and the aktueller Rentenwert (Ost) until 30 June 2023,
§§254b-256a) and the miners' insurance (Knappschaft).
"""

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from math import floor

from coordina.domain.scheme import BenefitFormula, SchemeParameters
from coordina.domain.wording import say
from coordina.rules.formulas.career import Career, FormulaResult, NationalFormula, Reading, TableNeed, needs_earnings

EURO_FROM = 2002
"""First year whose averages and ceilings are in euro (before: Deutsche Mark)."""


def rounded(value: Fraction, places: int = 4) -> Fraction:
    """``value`` rounded half up to ``places`` decimals (SGB VI §121(1)-(2))."""
    scale = 10**places
    return Fraction(floor(value * scale + Fraction(1, 2)), scale)


def currency_factor(career: Career, reading: Reading, year: int) -> Fraction | None:
    """What a table figure of ``year`` (DM before 2002, EUR since) is multiplied by to be in the
    currency of the earnings."""
    tender = "DEM" if year < EURO_FROM else "EUR"
    given = career.currency or tender
    if given == tender:
        return Fraction(1)
    if given not in {"DEM", "EUR"}:
        reading.needs.append(say("needs the earnings in EUR or DEM, not {currency}", currency=given))
        return None
    rate = reading.value("dem_per_eur", career.claim_date)
    if rate is None:
        return None
    return 1 / Fraction(rate) if given == "EUR" else Fraction(rate)


def average_earnings(career: Career, reading: Reading, year: int) -> Decimal | None:
    """The average earnings of all insured for ``year``: the provisional figure for the year of
    pension start and the year before (§70(1) sentence 2, Anlage 2b), else the final (Anlage 1)."""
    if year >= career.claim_date.year - 1:
        return reading.table("provisional_average_earnings", year)
    return reading.table("average_earnings", year)


def year_points(career: Career, reading: Reading, year: int) -> Fraction | None:
    """Earnings points of one calendar year (§63(2), §70(1)), rounded to four decimals."""
    average = average_earnings(career, reading, year)
    ceiling = reading.table("contribution_ceiling", year)
    factor = currency_factor(career, reading, year)
    if average is None or ceiling is None or factor is None or average == 0:
        return None
    earnings = Fraction(career.earnings[year])
    cap = Fraction(ceiling) * factor * min(career.months_by_year[year], Fraction(12)) / 12
    counted = min(earnings, cap)
    if earnings > cap:
        reading.say("{year}: earnings {earnings} capped at the contribution ceiling {ceiling}",
                    year=year, earnings=_shown(earnings, 2), ceiling=_shown(cap, 2))  # fmt: skip
    points = rounded(counted / (Fraction(average) * factor))
    reading.say("{year}: {counted} / {average} = {points} earnings points",
                year=year, counted=_shown(counted, 2), average=_shown(Fraction(average) * factor, 2),
                points=_shown(points, 4))  # fmt: skip
    return points


def earnings_points(career: Career, reading: Reading) -> Fraction | None:
    """The sum of the yearly earnings points over the years with counted months."""
    years = tuple(sorted(y for y, months in career.months_by_year.items() if months > 0))
    foreign_only = sorted(y for y in years if y in career.attributed_years and y not in career.earnings)
    if foreign_only:
        # SGB VI §70 gives earnings points for German contributions only: a theoretical career's
        # year with other parties' months alone has no value here (unknown, never zero)
        reading.needs.append(say("needs earnings points for {years}, which have other parties' months only",
                                 years=", ".join(str(y) for y in foreign_only)))  # fmt: skip
        return None
    missing = needs_earnings(career, years)
    if missing is not None:
        reading.needs.append(missing)
        return None
    points = [year_points(career, reading, year) for year in years]
    if any(p is None for p in points):
        return None
    return sum((p for p in points if p is not None), Fraction(0))


def access_factor(career: Career, reading: Reading) -> Fraction | None:
    """The access factor of an old-age pension (§77(2) Nr. 2) from the months between the
    pension's start and the month after the month the standard age is reached."""
    if career.pension_age_on is None:
        reading.needs.append(say("needs the day the standard pension age is reached"))
        return None
    reached = career.pension_age_on - timedelta(days=1)
    months = _month(career.claim_date) - (_month(reached) + 1)
    if months == 0:
        reading.say("access factor 1: the pension starts at the standard age")
        return Fraction(1)
    name = "access_increase_per_month" if months > 0 else "access_reduction_per_month"
    step = reading.value(name, career.claim_date)
    if step is None:
        return None
    factor = 1 + Fraction(step) * months if months > 0 else 1 - Fraction(step) * -months
    if months > 0:
        reading.say("access factor {factor}: {months} months after the standard age",
                    factor=_shown(factor, 3), months=months)  # fmt: skip
    else:
        reading.say("access factor {factor}: {months} months before the standard age",
                    factor=_shown(factor, 3), months=-months)  # fmt: skip
    return factor


def compute(career: Career, parameters: SchemeParameters, formula: BenefitFormula) -> FormulaResult:
    reading, on = Reading(parameters), career.claim_date
    points, factor = earnings_points(career, reading), access_factor(career, reading)
    type_factor = reading.value("pension_type_factor_old_age", on)
    value = reading.value("pension_value", on)
    if points is None or factor is None or type_factor is None or value is None:
        return reading.result(None)
    personal = rounded(points * factor)
    reading.say("personal earnings points: {points} x {factor} = {personal}",
                points=_shown(points, 4), factor=_shown(factor, 3), personal=_shown(personal, 4))  # fmt: skip
    amount = personal * Fraction(type_factor) * Fraction(value)
    reading.say("monthly pension: {personal} x {type_factor} x pension value {value} = {amount}",
                personal=_shown(personal, 4), type_factor=type_factor, value=value,
                amount=_shown(amount, 4))  # fmt: skip
    return reading.result(amount)


def _month(day: date) -> int:
    """A running month number: consecutive calendar months differ by one."""
    return day.year * 12 + day.month - 1


def _shown(value: Fraction, places: int) -> str:
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.{places}f}"


FORMULA = NationalFormula(
    compute=compute,
    values=("pension_value", "pension_type_factor_old_age", "access_reduction_per_month", "access_increase_per_month"),
    tables=(
        TableNeed("average_earnings", 1950, "final average earnings (Anlage 1) of each earnings year"),
        TableNeed("provisional_average_earnings", 2016, "provisional average of the claim year and the year before"),
        TableNeed("contribution_ceiling", 1950, "the ceiling on the earnings that count (Anlage 2)"),
    ),
    description="earnings points x access factor x pension-type factor x current pension value (SGB VI §64)",
)
