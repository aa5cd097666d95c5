"""Korea, National Pension: the old-age pension from the basic pension amount (National Pension
Act art. 51, art. 63), as the 2007 wholly amended Act (No. 8541, in force 2008) and its addenda
state it.

    B      = the person's own average monthly income over the insured period: each year's
             standard monthly income (earnings / insured months of the year, within the floor
             and ceiling of standard monthly income in force) revalued to the year before the
             pension starts (art. 51(1)2), averaged over all insured months P
    basic  = sum over insurance years t of  factor_t x (A + w_t x B) x P_t / P,
             plus 5 % for each year insured beyond 20 years (art. 51(1) proviso: months count
             1/12), a yearly amount; factor_t by the year of insurance (addenda: 2.4 for
             1988-1998 with w = 0.75, 1.8 for 1999-2007, 1.5 in 2008 falling 0.015 a year,
             1.29 from 2026 after the 2025 reform), w_t = 1 from 1999
    old-age pension (monthly) = basic / 12 x rate, the rate 100 % from 20 insured years,
             50 % at 10 years plus 5 % a year (1/12 a month) between (art. 63(1))

For the survivors' and invalidity branches the result is the basic pension amount a month (art.
74 and 68 pay a share of it, which the scheme's derived share applies), with no 10-year minimum.

A is the scheme's yearly table ``a_value`` read for the year the pension starts (the claim's
year). The revaluation of a year t's income is the ministry's published rate where the scheme
encodes the rates for the pension year (a yearly table ``revaluation_<pension year>`` by earnings
year, e.g. ``revaluation_2026``); only where no such table, or no figure for t in it, is encoded
is the rate derived from the A values as A(pension year) / A(t + 1), an approximation (the
published rates match it for recent years, not for those before 2009); 1 for the year before the
pension starts and later (see the scheme's notes). The scheme's
yearly tables ``accrual_factor`` and ``b_weight`` are by insurance year; the named values
``income_floor`` and ``income_ceiling`` are dated (they change each July). Not applied: the
dependants' addition (the case holds no dependants), the deferred pension (art. 62, on request),
the credits and the reduction for earnings (art. 63-2). The cap of art. 53 applies to the old-age
pension (not to the basic amount returned for the derived branches). A claim before the
pension age is an early old-age pension (art. 63(2)); whether the person has no earning activity
(art. 61(2)) is not checked.
"""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from coordina.domain.scheme import BenefitFormula, SchemeParameters
from coordina.domain.vocabulary import Branch
from coordina.domain.wording import say
from coordina.rules.formulas.career import Career, FormulaResult, NationalFormula, Reading, TableNeed, needs_earnings

FULL_MONTHS = 240
"""20 insured years: the full old-age pension, and the start of the 5 % a year addition."""
MINIMUM_MONTHS = 120
"""10 insured years: the minimum for an old-age pension (art. 61(1))."""


def insured_years(career: Career) -> list[int]:
    """The calendar years with insured months."""
    return sorted(y for y, m in career.months_by_year.items() if m > 0)


def standard_income(reading: Reading, year: int, monthly: Fraction) -> Fraction | None:
    """A month's income within the floor and ceiling of standard monthly income
    (Enforcement Decree art. 5): half the year's months under the limits in force on 1 January,
    half under those from 1 July (the case does not say which months were insured)."""
    limited = Fraction(0)
    for day in (date(year, 1, 1), date(year, 7, 1)):
        floor, ceiling = reading.value("income_floor", day), reading.value("income_ceiling", day)
        if floor is None or ceiling is None:
            return None
        limited += min(max(monthly, Fraction(floor)), Fraction(ceiling)) / 2
    return limited


def revaluation(reading: Reading, year: int, pension_year: int) -> Fraction | None:
    """The factor bringing a year's income to the value of the year before the pension starts
    (art. 51(1)2): the ministry's rate for the pension year where the scheme encodes it (table
    ``revaluation_<pension year>``, Enforcement Decree art. 37), else derived from the A values as
    A(pension year) / A(year + 1)."""
    if year >= pension_year - 1:
        return Fraction(1)
    published = reading.parameters.tables.get(f"revaluation_{pension_year}")
    if published is not None and year in published.values:
        rate = reading.table(f"revaluation_{pension_year}", year)
        return None if rate is None else Fraction(rate)
    now, then = reading.table("a_value", pension_year), reading.table("a_value", year + 1)
    if now is None or then is None or then == 0:
        return None
    return Fraction(now) / Fraction(then)


def revalued_incomes(career: Career, reading: Reading, pension_year: int) -> dict[int, Fraction] | None:
    """Each own insured year's standard monthly income (its earnings over its own months),
    revalued to the year before the pension starts."""
    years = sorted(y for y, m in career.own_months.items() if m > 0)
    missing = needs_earnings(career, tuple(years))
    if missing is not None or not years:
        reading.needs.append(missing or say("needs the earnings of at least one own year"))
        return None
    out: dict[int, Fraction] = {}
    for year in years:
        limited = standard_income(reading, year, Fraction(career.earnings[year]) / career.own_months[year])
        factor = revaluation(reading, year, pension_year)
        if limited is None or factor is None:
            return None
        out[year] = limited * factor
    return out


def b_value(career: Career, reading: Reading, incomes: dict[int, Fraction]) -> Fraction:
    """The person's average revalued standard monthly income over the insured period (B, art.
    51(1)2); other parties' months (theoretical amount) are given this same own average."""
    own = {year: career.own_months[year] for year in incomes}
    b = sum((incomes[year] * months for year, months in own.items()), Fraction(0)) / sum(own.values(), Fraction(0))
    reading.say("B, own average revalued monthly income: {b}", b=_shown(b))
    return b


def highest_monthly(career: Career, incomes: dict[int, Fraction], b: Fraction) -> Fraction:
    """The cap of art. 53: the larger of the revalued average of the last 5 insured years (60
    months, the latest years first; other parties' months at B) and B."""
    remaining, total = Fraction(60), Fraction(0)
    for year in sorted((y for y, m in career.months_by_year.items() if m > 0), reverse=True):
        months = career.months_by_year[year]
        own = career.own_months.get(year, Fraction(0)) if year in incomes else Fraction(0)
        value = (incomes.get(year, Fraction(0)) * own + b * (months - own)) / months
        taken = min(remaining, months)
        total, remaining = total + value * taken, remaining - taken
        if remaining == 0:
            break
    return max(total / (60 - remaining), b)


def weighted_factor(career: Career, reading: Reading, a: Fraction, b: Fraction) -> Fraction | None:
    """Sum over insurance years of factor_t x (A + w_t x B) x P_t / P (art. 51(1), addenda)."""
    total = Fraction(0)
    for year in insured_years(career):
        factor, weight = reading.table("accrual_factor", year), reading.table("b_weight", year)
        if factor is None or weight is None:
            return None
        total += Fraction(factor) * (a + Fraction(weight) * b) * career.months_by_year[year] / career.months
    return total


def extra_for_long_insurance(career: Career) -> Fraction:
    """1 + 5 % for each year insured beyond 20 years, a month counting 1/12 (art. 51(1) proviso)."""
    return 1 + Fraction(5, 100) * max(Fraction(0), career.months - FULL_MONTHS) / 12


def payment_rate(career: Career) -> Fraction:
    """The share of the basic pension paid as old-age pension (art. 63(1)): 100 % from 20 years,
    50 % at 10 years plus 5 % a year (1/12 a month) between."""
    if career.months >= FULL_MONTHS:
        return Fraction(1)
    return Fraction(1, 2) + Fraction(5, 100) * (career.months - MINIMUM_MONTHS) / 12


def months_early(career: Career) -> int:
    """Calendar months from the claim's month to the month the pension age is reached (0 if not before)."""
    age_day = career.pension_age_on
    if age_day is None or career.claim_date >= age_day:
        return 0
    return (age_day.year - career.claim_date.year) * 12 + age_day.month - career.claim_date.month


def early_rate(career: Career) -> Fraction | None:
    """The early old-age pension's share (art. 63(2)): 700/1,000 from 5 years before the pension
    age, 760, 820, 880, 940 from 4, 3, 2, 1 years before, plus 5/1,000 for each month after that
    age's month: 0.5 % less a month early, at most 60 months (art. 61(2))."""
    early = months_early(career)
    if early > 60:
        return None
    return 1 - Fraction(5, 1000) * early


def compute(career: Career, parameters: SchemeParameters, formula: BenefitFormula) -> FormulaResult:
    reading = Reading(parameters)
    old_age = career.branch is Branch.old_age
    if old_age and career.months < MINIMUM_MONTHS:
        reading.needs.append(say("an old-age pension needs {months} insured months", months=MINIMUM_MONTHS))
        return reading.result(None)
    early = early_rate(career) if old_age else Fraction(1)
    if early is None:
        reading.needs.append(
            say("an early old-age pension starts at most {months} months before the pension age", months=60)
        )
        return reading.result(None)
    pension_year = career.claim_date.year
    a_figure = reading.table("a_value", pension_year)
    incomes = revalued_incomes(career, reading, pension_year)
    if a_figure is None or incomes is None:
        return reading.result(None)
    b = b_value(career, reading, incomes)
    a = Fraction(a_figure)
    weighted = weighted_factor(career, reading, a, b)
    if weighted is None:
        return reading.result(None)
    basic = weighted * extra_for_long_insurance(career)
    reading.say(
        "basic pension amount for {months} insured months: {basic} a year",
        months=_shown(career.months), basic=_shown(basic),
    )  # fmt: skip
    if not old_age:
        reading.say("the {branch} pension is a share of the basic pension amount: {amount} a month",
                    branch=career.branch, amount=_shown(basic / 12))  # fmt: skip
        return reading.result(basic / 12)
    rate = payment_rate(career) * early
    if early != 1:
        reading.say("early old-age pension: {rate} of the old-age pension", rate=_shown(early))
    amount = basic / 12 * rate
    cap = highest_monthly(career, incomes, b)
    if amount > cap:
        reading.say("limited to the highest monthly amount {cap} (art. 53)", cap=_shown(cap))
        amount = cap
    reading.say(
        "old-age pension: {rate} of the basic pension, {amount} a month", rate=_shown(rate), amount=_shown(amount)
    )
    return reading.result(amount)


def _shown(value: Fraction) -> str:
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.4f}".rstrip("0").rstrip(".")


FORMULA = NationalFormula(
    compute=compute,
    values=("income_floor", "income_ceiling"),
    tables=(
        TableNeed("a_value", 1989, "A of the pension year, and A(t + 1) to revalue a year t's income"),
        TableNeed("accrual_factor", 1988, "the factor of each insurance year since the scheme began"),
        TableNeed("b_weight", 1988, "the weight of B in each insurance year since the scheme began"),
    ),
    description="the basic pension amount from A and B by insurance year, and the old-age payment rate",
)
