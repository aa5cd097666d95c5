"""India, Employees' Pension Scheme 1995 (EPS): the member's monthly pension is pensionable
salary x pensionable service / 70 (para 12(2)), as amended from 1 September 2014 by the
Employees' Pension (Amendment) Scheme, 2014 (G.S.R. 609(E)) and the Second Amendment Scheme,
2014 (G.S.R. 593(E)).

    monthly pay      = a year's earnings / that year's counted months, each month capped at the
                       wage ceiling in force (``values.wage_ceiling``: 6,500 until 31 August 2014,
                       15,000 from 1 September 2014), as contributions are paid on it
    salary           = the average monthly pay of the last 60 counted months before exit
                       (para 11(1) as substituted in 2014)
    service          = counted months in years, a part year of 6 months or more counting as a
                       year (para 9), plus 2 years' weightage for a member who superannuates
                       at 58 with 20 years or more (para 10(2), as amended from 24 July 2009)
    pension          = salary (capped at 6,500) x service up to 31 August 2014 / 70
                       + salary (capped at 15,000) x service from 1 September 2014 / 70
                       (the pro-rata proviso of para 11(1); the weightage goes with the first
                       part, as EPFO computes it), not below ``values.minimum_pension`` (1,000
                       a month, para 12(7A))

Assumptions the working says: the months of a year are spread evenly over it (they matter
where the ceiling changed within the year, and in 2014 for the split of service); the past
service benefit for membership of the 1971 family pension scheme (before 16 November 1995),
the early pension from 50, and pensions on wages above the ceiling (the joint option) are not
computed.
"""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from coordina.domain.scheme import BenefitFormula, SchemeParameters
from coordina.domain.wording import say
from coordina.rules.formulas.career import Career, FormulaResult, NationalFormula, Reading, needs_earnings

SPLIT = date(2014, 9, 1)
"""Service before this day is pensionable at the old ceiling (para 11(1) proviso, 2014)."""

WINDOW_MONTHS = 60
SUPERANNUATION_AGE = 58
"""The age of superannuation (para 10(2), 12(1)(a))."""


def ceiling_of_year(reading: Reading, year: int) -> Fraction | None:
    """The monthly wage ceiling over ``year``: its monthly values averaged, where it changed."""
    parameter = reading.parameters.values.get("wage_ceiling")
    changes = sorted(
        {d.valid_from for d in (parameter.root if parameter else []) if d.valid_from.year == year} - {date(year, 1, 1)}
    )
    starts = [date(year, 1, 1), *changes]
    total = Fraction(0)
    for index, start in enumerate(starts):
        value = reading.value("wage_ceiling", start)
        if value is None:
            return None
        end_month = starts[index + 1].month if index + 1 < len(starts) else 13
        total += Fraction(value) * (end_month - start.month)
    return total / 12


def window(career: Career) -> list[tuple[int, Fraction]]:
    """The last 60 counted months before exit, by year (latest year first): the scheme's own
    months, where the theoretical amount adds other parties' months (they carry no pay; the
    salary of the own months stands for them, Reg. 883/2004 art. 56(1)(c) style)."""
    taken: list[tuple[int, Fraction]] = []
    left = Fraction(WINDOW_MONTHS)
    own = career.own_months
    for year in sorted(own, reverse=True):
        months = min(own[year], left)
        if months > 0:
            taken.append((year, months))
            left -= months
        if left <= 0:
            break
    return taken


def pensionable_salary(career: Career, reading: Reading) -> Fraction | None:
    """Average monthly pay, capped at the ceiling, over the last 60 counted months (para 11(1))."""
    months_taken = window(career)
    missing = needs_earnings(career, tuple(year for year, _ in months_taken))
    if missing is not None:
        reading.needs.append(missing)
        return None
    total = Fraction(0)
    for year, months in months_taken:
        ceiling = ceiling_of_year(reading, year)
        if ceiling is None:
            return None
        pay = Fraction(career.earnings[year]) / career.own_months[year]
        total += min(pay, ceiling) * months
    months = sum((m for _, m in months_taken), Fraction(0))
    if months == 0:
        return None
    salary = total / months
    reading.say(
        "pensionable salary: average capped monthly pay over {months} months = {salary}",
        months=_shown(months), salary=_shown(salary),
    )  # fmt: skip
    return salary


def service_years(career: Career, reading: Reading) -> tuple[Fraction, Fraction]:
    """Pensionable service in years before and from 1 September 2014: the total rounded to
    whole years, 6 months or more counting as a year (para 9); 2 years' weightage for 20 years
    or more where the pension starts at 58 or later (para 10(2)), counted with the service
    before 1 September 2014 as EPFO does."""
    before = sum((m for y, m in career.months_by_year.items() if y < SPLIT.year), Fraction(0))
    before += career.months_by_year.get(SPLIT.year, Fraction(0)) * Fraction(SPLIT.month - 1, 12)
    total_months = career.months
    years, rest = divmod(total_months, 12)
    rounded = Fraction(int(years) + (1 if rest >= 6 else 0))
    at_58 = _age_years(career.birth_date, career.claim_date) >= SUPERANNUATION_AGE
    weightage = Fraction(2) if rounded >= 20 and at_58 else Fraction(0)
    after = max(Fraction(0), rounded - before / 12)
    first = rounded - after + weightage
    reading.say(
        "pensionable service: {years} years ({before} before 1 September 2014, {after} after), weightage {weightage}",
        years=rounded, before=_shown(first - weightage), after=_shown(after), weightage=weightage,
    )  # fmt: skip
    return first, after


def compute(career: Career, parameters: SchemeParameters, formula: BenefitFormula) -> FormulaResult:
    reading, on = Reading(parameters), career.claim_date
    if _age_years(career.birth_date, on) < SUPERANNUATION_AGE:
        # An early pension (from 50) is reduced for each year short of 58 (para 12(7)).
        reading.needs.append(say("the early old-age pension's reduction is not encoded"))
        return reading.result(None)
    salary = pensionable_salary(career, reading)
    old_cap = reading.value("wage_ceiling", SPLIT.replace(day=1, month=8))
    new_cap = reading.value("wage_ceiling", SPLIT)
    divisor = reading.value("pension_divisor", on)
    if salary is None or old_cap is None or new_cap is None or not divisor:
        return reading.result(None)
    first, after = service_years(career, reading)
    amount = (min(salary, Fraction(old_cap)) * first + min(salary, Fraction(new_cap)) * after) / Fraction(divisor)
    reading.say(
        "member's pension: {low} x {first} / {divisor} + {high} x {after} / {divisor} = {amount}",
        low=_shown(min(salary, Fraction(old_cap))), high=_shown(min(salary, Fraction(new_cap))),
        first=_shown(first), after=_shown(after), divisor=divisor, amount=_shown(amount),
    )  # fmt: skip
    minimum = parameters.values.get("minimum_pension")
    if minimum is not None and minimum.at(on) is not None:
        floor = reading.value("minimum_pension", on)
        if floor is not None and amount < floor:
            reading.say("raised to the minimum pension {floor}", floor=floor)
            amount = Fraction(floor)
    return reading.result(amount)


def _age_years(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _shown(value: Fraction) -> str:
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.4f}".rstrip("0").rstrip(".")


FORMULA = NationalFormula(
    compute=compute,
    values=("wage_ceiling", "pension_divisor"),
    description="pensionable salary x pensionable service / 70, pro rata to the wage ceilings",
)
