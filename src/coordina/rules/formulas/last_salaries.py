"""A rate times the average salary of the last months insured: the Paraguayan IPS (Ley 98/92,
amending Decreto-Ley 1860/50 art. 59; Ley 7446/2024) and Tunisian CNSS (décret n° 74-499 du
27 avril 1974, art. 15-17 and 45) old-age formulas (each scheme's data cite its own provisions).

    reference salary = the person's earnings over the last ``reference_months`` months insured,
                       divided by those months (the earliest year read counts for the months it
                       adds, at its own monthly average; in the theoretical amount another
                       party's months carry the average of the own months' earnings), not above
                       the ceiling where the scheme has one (``ceiling_hours`` a year at the
                       hourly minimum wage)
    rate             = base_rate for base_months, + rate_per_quarter per complete further
                       quarter, at most max_rate; before full_rate_age (where the scheme has an
                       early route): early_rate + early_rate_per_year per complete year of age
                       above early_age
    amount (monthly) = reference salary x rate, not below the minimum where the scheme has one on
                       the claim date (``minimum_hours`` a year at the hourly minimum wage, or
                       ``minimum_share`` of the monthly minimum wage)

Named values (``parameters.values``, dated, each with its provision): ``reference_months``,
``base_rate``, ``base_months``; optional ``rate_per_quarter``, ``max_rate``; optional early route
``full_rate_age``, ``early_age``, ``early_rate``, ``early_rate_per_year``; optional
``minimum_wage_hourly`` with ``minimum_hours`` and/or ``ceiling_hours``; optional
``reference_skip_months`` (the latest months insured left out of the reference period, where in
force); optional ``minimum_share`` with ``minimum_wage_monthly`` (a minimum that exists only from a
date: before its first entry no minimum applies); optional proportional pension ``proportional_from_months`` (below
``base_months`` and from it: the base rate x months / base_months; fewer: no pension) with its own
minimum ``proportional_minimum_hours``.
"""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from coordina.domain.scheme import BenefitFormula, SchemeParameters
from coordina.domain.wording import say
from coordina.rules.formulas.career import Career, FormulaResult, NationalFormula, Reading, needs_earnings


def last_months(career: Career, count: Fraction, skip: Fraction = Fraction(0)) -> dict[int, Fraction]:
    """The months of each calendar year that make the last ``count`` months insured, latest first,
    after leaving out the ``skip`` latest months (Ley 98/92: the months before the last contribution)."""
    taken: dict[int, Fraction] = {}
    left = count
    for year in sorted((y for y, m in career.months_by_year.items() if m > 0), reverse=True):
        if left <= 0:
            break
        available = career.months_by_year[year]
        skipped = min(available, skip)
        skip -= skipped
        part = min(available - skipped, left)
        if part > 0:
            taken[year] = part
            left -= part
    return taken


def reference_salary(career: Career, reading: Reading, on: date) -> Fraction | None:
    """Average monthly salary of the last months insured (Ley 98/92: the last 36 months before
    the last contribution; décret 74-499: the last ten years), capped where the scheme has a ceiling."""
    count = reading.value("reference_months", on)
    if count is None:
        return None
    skip = _in_force(reading, "reference_skip_months", on) or Decimal(0)
    if skip:
        reading.say("latest months insured left out: {skip} (the average is of the months before)", skip=skip)
    taken = last_months(career, Fraction(count), Fraction(skip))
    missing = needs_earnings(career, tuple(sorted(taken)))
    if missing is not None:
        reading.needs.append(missing)
        return None
    if not taken:
        return None
    average = own_average(career, reading) if career.attributed_years & set(taken) else Fraction(0)
    if average is None:
        return None
    total = sum(
        (year_earnings(career, y, average) / career.months_by_year[y] * m for y, m in taken.items()), Fraction(0)
    )
    months = sum(taken.values(), Fraction(0))
    salary = total / months
    reading.say(
        "reference salary: {total} over the last {months} months ({first}-{last}) = {salary} a month",
        total=_shown(total), months=_shown(months), first=min(taken), last=max(taken), salary=_shown(salary),
    )  # fmt: skip
    ceiling = _by_minimum_wage(reading, "ceiling_hours", on)
    if ceiling is not None and salary > ceiling:
        reading.say("reference salary limited to the ceiling {ceiling} a month", ceiling=_shown(ceiling))
        salary = ceiling
    return salary


def own_average(career: Career, reading: Reading) -> Fraction | None:
    """Average monthly earnings over the own months with earnings: what another party's months are
    given in the theoretical amount (Reg. (EC) No 883/2004 art. 56(1)(c), as the agreements apply it)."""
    own = {y: m for y, m in career.own_months.items() if m > 0 and y in career.earnings}
    months = sum(own.values(), Fraction(0))
    if months == 0:
        reading.needs.append(say("needs the earnings of at least one own year"))
        return None
    average = sum((Fraction(career.earnings[y]) for y in own), Fraction(0)) / months
    reading.say("other parties' months given the own average of {average} a month", average=_shown(average))
    return average


def year_earnings(career: Career, year: int, average: Fraction) -> Fraction:
    """A year's earnings: the own ones, plus the own average for another party's months in it."""
    own = Fraction(career.earnings.get(year, Decimal(0)))
    if year not in career.attributed_years:
        return own
    foreign = career.months_by_year[year] - career.own_months.get(year, Fraction(0))
    return own + foreign * average


def age_on(birth: date, day: date) -> int:
    """Complete years of age on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def rate(career: Career, reading: Reading, on: date) -> Fraction | None:
    """The replacement rate: by insured months (décret 74-499 art. 16), or by age on the early
    route (Ley 98/92: 80 % at 55, 4 points more per year of age up to 59)."""
    full_age = _optional(reading, "full_rate_age", on)
    age = age_on(career.birth_date, career.claim_date)
    if full_age is not None and age < full_age:
        early_age, early = reading.value("early_age", on), reading.value("early_rate", on)
        per_year = reading.value("early_rate_per_year", on)
        if early_age is None or early is None or per_year is None:
            return None
        if age < early_age:
            reading.say("age {age} is below the earliest pension age {early_age}", age=age, early_age=early_age)
            return Fraction(0)
        value = Fraction(early) + Fraction(per_year) * (age - int(early_age))
        reading.say("early rate at age {age}: {rate}", age=age, rate=_shown(value))
        return value
    base, base_months = reading.value("base_rate", on), reading.value("base_months", on)
    if base is None or base_months is None:
        return None
    share = proportional_share(career, reading, on)
    if share is not None:
        return Fraction(base) * share
    quarters = max(0, int((career.months - Fraction(base_months)) // 3))
    per_quarter = _optional(reading, "rate_per_quarter", on) or Decimal(0)
    value = Fraction(base) + Fraction(per_quarter) * quarters
    high = _optional(reading, "max_rate", on)
    value = min(value, Fraction(high)) if high is not None else value
    reading.say("rate for {months} months insured: {rate}", months=_shown(career.months), rate=_shown(value))
    return value


def proportional_share(career: Career, reading: Reading, on: date) -> Fraction | None:
    """Below ``base_months``, the share of the base rate a proportional pension pays, where the scheme
    has one (décret 74-499: from 60 months, the months insured over the 120 of the stage; fewer months
    give no pension but a refund of contributions); None where the stage is complete or not in the data."""
    low, base_months = _optional(reading, "proportional_from_months", on), _optional(reading, "base_months", on)
    if low is None or base_months is None or career.months >= base_months:
        return None
    if career.months < low:
        reading.say("{months} months insured, fewer than {low}: no pension", months=_shown(career.months), low=low)
        return Fraction(0)
    share = career.months / Fraction(base_months)
    reading.say("proportional pension: {months} of {base} months", months=_shown(career.months), base=base_months)
    return share


def compute(career: Career, parameters: SchemeParameters, formula: BenefitFormula) -> FormulaResult:
    reading, on = Reading(parameters), career.claim_date
    salary, replacement = reference_salary(career, reading, on), rate(career, reading, on)
    if salary is None or replacement is None:
        return reading.result(None)
    amount = salary * replacement
    floor = minimum_amount(reading, on, _is_proportional(career, parameters, on))
    if floor is not None and 0 < amount < floor:
        reading.say("raised to the minimum amount {floor}", floor=_shown(floor))
        amount = floor
    return reading.result(amount)


def minimum_amount(reading: Reading, on: date, proportional: bool = False) -> Fraction | None:
    """The monthly minimum pension where the scheme has one on ``on``: so many hours a year at the
    hourly minimum wage (décret 74-499 art. 45; for a proportional pension the lower
    ``proportional_minimum_hours`` where given), or a share of the monthly minimum wage (Ley
    4426/2011: 33 % of the minimum wage, with the shares the IPS council set since)."""
    hours_name = "minimum_hours"
    if proportional and "proportional_minimum_hours" in reading.parameters.values:
        hours_name = "proportional_minimum_hours"
    by_hours = _by_minimum_wage(reading, hours_name, on)
    if by_hours is not None:
        return by_hours
    share = _in_force(reading, "minimum_share", on)
    if share is None:
        return None
    monthly = reading.value("minimum_wage_monthly", on)
    return Fraction(share) * Fraction(monthly) if monthly is not None else None


def _by_minimum_wage(reading: Reading, hours_name: str, on: date) -> Fraction | None:
    """A monthly amount set as so many hours a year at the hourly minimum wage (décret 74-499
    art. 45: two thirds of 2,400 hours), where the scheme has one."""
    hours = _optional(reading, hours_name, on)
    if hours is None:
        return None
    hourly = reading.value("minimum_wage_hourly", on)
    return Fraction(hourly) * Fraction(hours) / 12 if hourly is not None else None


def _is_proportional(career: Career, parameters: SchemeParameters, on: date) -> bool:
    """Whether the pension is a proportional one (fewer months than the stage, where the scheme has
    proportional pensions); the figures were read, and recorded, by ``rate``."""
    low, base = parameters.values.get("proportional_from_months"), parameters.values.get("base_months")
    low_at, base_at = (low.at(on) if low else None), (base.at(on) if base else None)
    return low_at is not None and base_at is not None and career.months < base_at.value


def _optional(reading: Reading, name: str, on: date) -> Decimal | None:
    """A value the scheme may not have: read (and recorded) only where the data give it."""
    return reading.value(name, on) if name in reading.parameters.values else None


def _in_force(reading: Reading, name: str, on: date) -> Decimal | None:
    """A value the scheme has only from a date: read where it is in force on ``on``, else None."""
    parameter = reading.parameters.values.get(name)
    return reading.value(name, on) if parameter is not None and parameter.at(on) is not None else None


def _shown(value: Fraction) -> str:
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.4f}".rstrip("0").rstrip(".")


FORMULA = NationalFormula(
    compute=compute,
    values=("reference_months", "base_rate", "base_months"),
    description="a rate by insured months (or age) times the average salary of the last months insured",
)
