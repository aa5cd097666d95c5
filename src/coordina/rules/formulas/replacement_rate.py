"""A replacement rate by insured years times a reference salary: the shape of the Brazilian,
Uruguayan, Paraguayan and Tunisian old-age formulas (each scheme's data cite its own law).

    reference salary = the person's average monthly earnings over the reference years
                       (revalued where the scheme has an index)
    rate             = base_rate + rate_per_year x (complete years - base_years),
                       less rate_per_year_below per year short of base_years,
                       between min_rate and max_rate
    amount (monthly) = reference salary x rate, not below minimum_amount, not above maximum_amount

The scheme's named values (``parameters.values``, dated, each with its provision):
``base_rate``; ``base_years`` or ``base_years_men`` / ``base_years_women``; optional
``rate_per_year``, ``rate_per_year_below``, ``min_rate``, ``max_rate``; ``reference_years`` (the
N most recent calendar years with earnings; absent or 0: every year from
``reference_from_year``), optional ``reference_best`` (the best K of those years),
``minimum_amount``, ``maximum_amount``. Optional yearly table ``revaluation_index`` (a level per
year: a year's earnings x the level of the year before the claim / the level of that year).
"""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from coordina.domain.scheme import BenefitFormula, SchemeParameters
from coordina.rules.formulas.career import Career, FormulaResult, NationalFormula, Reading, needs_earnings


def reference_years(career: Career, reading: Reading, on: date) -> list[int]:
    """The calendar years whose earnings make the reference salary."""
    years = sorted(y for y, m in career.months_by_year.items() if m > 0)
    count = _optional(reading, "reference_years", on)
    if count:
        years = years[-int(count) :]
    else:
        first = _optional(reading, "reference_from_year", on)
        years = [y for y in years if first is None or y >= int(first)]
    return years


def revalued(career: Career, reading: Reading, year: int, on: date) -> Fraction | None:
    """A year's earnings brought to the claim's level with the scheme's index, where it has one."""
    earnings = career.earnings.get(year)
    if earnings is None:
        return None
    if "revaluation_index" not in reading.parameters.tables:
        return Fraction(earnings)
    last = reading.table("revaluation_index", on.year - 1)
    level = reading.table("revaluation_index", year)
    if last is None or level is None or level == 0:
        return None
    return Fraction(earnings) * Fraction(last) / Fraction(level)


def reference_salary(career: Career, reading: Reading, on: date) -> Fraction | None:
    """Average monthly earnings over the reference years (the best K of them, where the law says)."""
    years = reference_years(career, reading, on)
    missing = needs_earnings(career, tuple(years))
    if missing is not None:
        reading.needs.append(missing)
        return None
    monthly = {y: (revalued(career, reading, y, on), career.months_by_year[y]) for y in years}
    best = _optional(reading, "reference_best", on)
    if best:
        ranked = sorted(years, key=lambda y: (monthly[y][0] or 0) / monthly[y][1], reverse=True)
        years = sorted(ranked[: int(best)])
    if not years or any(monthly[y][0] is None for y in years):
        return None
    total = sum((monthly[y][0] or Fraction(0) for y in years), Fraction(0))
    months = sum((monthly[y][1] for y in years), Fraction(0))
    salary = total / months
    reading.say(
        "reference salary: {total} over {months} months of {first}-{last} = {salary} a month",
        total=_shown(total), months=_shown(months), first=years[0], last=years[-1], salary=_shown(salary),
    )  # fmt: skip
    return salary


def rate(career: Career, reading: Reading, on: date) -> Fraction | None:
    """The replacement rate for the person's complete insured years."""
    years = int(career.months // 12)
    base_rate = reading.value("base_rate", on)
    by_sex = f"base_years_{career.sex}" if career.sex else None
    if by_sex and by_sex in reading.parameters.values:
        base_years = reading.value(by_sex, on)
    elif "base_years" in reading.parameters.values or not by_sex:
        base_years = reading.value("base_years", on)
    else:
        base_years = None  # the threshold depends on the sex the case does not give
    if base_rate is None or base_years is None:
        return None
    above = _optional(reading, "rate_per_year", on) or Decimal(0)
    below = _optional(reading, "rate_per_year_below", on) or Decimal(0)
    value = Fraction(base_rate) + Fraction(above) * max(0, years - int(base_years))
    value -= Fraction(below) * max(0, int(base_years) - years)
    low, high = _optional(reading, "min_rate", on), _optional(reading, "max_rate", on)
    value = max(value, Fraction(low)) if low is not None else value
    value = min(value, Fraction(high)) if high is not None else value
    reading.say("rate for {years} complete years: {rate}", years=years, rate=_shown(value))
    return value


def compute(career: Career, parameters: SchemeParameters, formula: BenefitFormula) -> FormulaResult:
    reading, on = Reading(parameters), career.claim_date
    salary, replacement = reference_salary(career, reading, on), rate(career, reading, on)
    if salary is None or replacement is None:
        return reading.result(None)
    amount = salary * replacement
    floor, ceiling = _optional(reading, "minimum_amount", on), _optional(reading, "maximum_amount", on)
    if floor is not None and amount < floor:
        reading.say("raised to the minimum amount {floor}", floor=floor)
        amount = Fraction(floor)
    if ceiling is not None and amount > ceiling:
        reading.say("limited to the maximum amount {ceiling}", ceiling=ceiling)
        amount = Fraction(ceiling)
    return reading.result(amount)


def _optional(reading: Reading, name: str, on: date) -> Decimal | None:
    """A value the scheme may not have: read (and recorded) only where the data give it."""
    return reading.value(name, on) if name in reading.parameters.values else None


def _shown(value: Fraction) -> str:
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.4f}".rstrip("0").rstrip(".")


FORMULA = NationalFormula(
    compute=compute,
    values=("base_rate",),
    description="a replacement rate by insured years times the reference salary",
)
