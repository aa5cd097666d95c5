"""A replacement rate by insured years times a reference salary: the shape of the Brazilian,
Uruguayan, Paraguayan and Tunisian old-age formulas (each scheme's data cite its own law).

    reference salary = the person's average monthly earnings over the reference years
                       (revalued where the scheme has an index)
    rate             = base_rate + rate_per_year x (complete years - base_years),
                       less rate_per_year_below per year short of base_years,
                       between min_rate and max_rate; plus the age increments, where the
                       scheme has them
    amount (monthly) = reference salary x rate, not below minimum_amount, not above maximum_amount

The scheme's named values (``parameters.values``, dated, each with its provision):
``base_rate``; ``base_years`` or ``base_years_men`` / ``base_years_women``; optional
``rate_per_year``, ``rate_per_year_below``, ``min_rate``, ``max_rate``; ``reference_years`` (the
N most recent calendar years with earnings; absent or 0: every year from
``reference_from_year``), optional ``reference_best`` (the best K of those years),
``minimum_amount``, ``maximum_amount`` (an optional value with no entry in force on the claim
date does not apply then). Optional yearly table ``revaluation_index`` (a level per
year: a year's earnings x the level of the year before the claim / the level of that year).

Further optional figures (absent: the stage does not apply):

- ``reference_best_share`` (value): only the best years by monthly average that cover at least
  this share of the reference months count (Brazil before EC 103/2019: the highest 80 %);
- ``alternative_best_years`` (value): the average of the best K years of the whole career; the
  reference salary is the higher of it and the first average (Uruguay: the best 20 years), and
  with ``alternative_cap_factor`` the first average counts at most up to the alternative x that
  factor (Uruguay: 1.05);
- ``upper_years`` and ``rate_per_year_upper`` (values): from ``upper_years`` on, each year adds
  ``rate_per_year_upper`` instead of ``rate_per_year``;
- age increments (values): ``age_rate_from`` (an age), ``rate_per_year_of_age`` per complete year
  of age from then on after ``age_rate_years`` years of insurance were completed (at most
  ``max_age_rate``), and ``rate_per_year_of_age_before`` per complete year of age from
  ``age_rate_from`` until those years were completed or ``age_rate_until`` was reached; read from
  ``career.birth_date`` and ``claim_date`` (the day the insurance years were completed is
  estimated from the months by calendar year, counted from each year's start);
- ``earnings_ceiling`` (yearly table): the monthly ceiling of each earnings year; a year's
  earnings count up to that ceiling x the year's months;
- ``revaluation_required`` (value 1): the law revalues the earnings, so without a
  ``revaluation_index`` figure for a year no amount is given (never the nominal earnings).
"""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from coordina.domain.scheme import BenefitFormula, SchemeParameters
from coordina.domain.wording import say
from coordina.rules.formulas.career import Career, FormulaResult, NationalFormula, Reading, needs_earnings


def reference_years(career: Career, reading: Reading, on: date) -> list[int]:
    """The calendar years whose earnings make the reference salary."""
    years = sorted(y for y, m in career.own_months.items() if m > 0)  # the earnings are the own months'
    count = _optional(reading, "reference_years", on)
    if count:
        years = years[-int(count) :]
    else:
        first = _optional(reading, "reference_from_year", on)
        years = [y for y in years if first is None or y >= int(first)]
    return years


def counted(career: Career, reading: Reading, year: int) -> Fraction | None:
    """A year's earnings, up to the monthly ceiling of that year x its months where the scheme
    caps each salary (e.g. the RGPS teto, Lei 8.212/91 art. 28 III and § 5)."""
    earnings = career.earnings.get(year)
    if earnings is None:
        return None
    amount = Fraction(earnings)
    if "earnings_ceiling" in reading.parameters.tables:
        ceiling = reading.table("earnings_ceiling", year)
        if ceiling is None:
            return None
        amount = min(amount, Fraction(ceiling) * career.own_months.get(year, Fraction(0)))
    return amount


def revalued(career: Career, reading: Reading, year: int, on: date) -> Fraction | None:
    """A year's earnings brought to the claim's level with the scheme's index, where it has one."""
    earnings = counted(career, reading, year)
    if earnings is None:
        return None
    if "revaluation_index" not in reading.parameters.tables and not _optional(reading, "revaluation_required", on):
        return earnings
    last = reading.table("revaluation_index", on.year - 1)
    level = reading.table("revaluation_index", year)
    if last is None or level is None or level == 0:
        return None
    return earnings * Fraction(last) / Fraction(level)


def average(monthly: dict[int, tuple[Fraction, Fraction]], years: list[int]) -> Fraction:
    """Average monthly earnings of ``years`` (revalued earnings over their months)."""
    total = sum((monthly[y][0] for y in years), Fraction(0))
    months = sum((monthly[y][1] for y in years), Fraction(0))
    return total / months if months else Fraction(0)


def best(monthly: dict[int, tuple[Fraction, Fraction]], years: list[int], count: int) -> list[int]:
    """The ``count`` years of ``years`` with the highest monthly earnings, in calendar order."""
    ranked = sorted(years, key=lambda y: monthly[y][0] / monthly[y][1], reverse=True)
    return sorted(ranked[:count])


def best_share(monthly: dict[int, tuple[Fraction, Fraction]], years: list[int], share: Fraction) -> list[int]:
    """The best years by monthly earnings that cover at least ``share`` of the months of ``years``
    (Lei 8.213/91 art. 29 I as worded by Lei 9.876/99: the highest salaries of at least 80 % of
    the period; counted here by whole calendar years, as the case gives earnings by year)."""
    needed = share * sum((monthly[y][1] for y in years), Fraction(0))
    ranked = sorted(years, key=lambda y: monthly[y][0] / monthly[y][1], reverse=True)
    kept: list[int] = []
    for year in ranked:
        if sum((monthly[y][1] for y in kept), Fraction(0)) >= needed:
            break
        kept.append(year)
    return sorted(kept)


def reference_salary(career: Career, reading: Reading, on: date) -> Fraction | None:
    """Average monthly earnings over the reference years (the best K of them, where the law
    says), or the alternative average of the best years of the whole career where higher."""
    years = reference_years(career, reading, on)
    if not years:
        reading.needs.append(say("no period in the reference years, so no reference salary"))
        return None
    alternative = _optional(reading, "alternative_best_years", on)
    every = sorted(y for y, m in career.own_months.items() if m > 0) if alternative else years
    missing = needs_earnings(career, tuple(every))
    if missing is not None:
        reading.needs.append(missing)
        return None
    values = {y: revalued(career, reading, y, on) for y in every}
    if any(v is None for v in values.values()):
        return None
    monthly = {y: (v, career.own_months[y]) for y, v in values.items() if v is not None}
    top = _optional(reading, "reference_best", on)
    if top:
        years = best(monthly, years, int(top))
    share = _optional(reading, "reference_best_share", on)
    if share:
        years = best_share(monthly, years, Fraction(share))
    salary = average(monthly, years)
    reading.say(
        "reference salary: {total} over {months} months of {first}-{last} = {salary} a month",
        total=_shown(sum((monthly[y][0] for y in years), Fraction(0))),
        months=_shown(sum((monthly[y][1] for y in years), Fraction(0))),
        first=years[0], last=years[-1], salary=_shown(salary),
    )  # fmt: skip
    if alternative:
        salary = with_alternative(reading, monthly, salary, int(alternative), on)
    return salary


def with_alternative(
    reading: Reading, monthly: dict[int, tuple[Fraction, Fraction]], salary: Fraction, count: int, on: date
) -> Fraction:
    """Ley 16.713 art. 27: the average of the last years, limited to the best years' average
    increased by the cap factor, or the best years' average where that is higher."""
    chosen = best(monthly, sorted(monthly), count)
    other = average(monthly, chosen)
    reading.say("average of the best {count} years: {salary} a month", count=len(chosen), salary=_shown(other))
    factor = _optional(reading, "alternative_cap_factor", on)
    if factor is not None and salary > other * Fraction(factor):
        salary = other * Fraction(factor)
        reading.say("limited to {salary} a month", salary=_shown(salary))
    return max(salary, other)


def rate(career: Career, reading: Reading, on: date) -> Fraction | None:
    """The replacement rate for the person's complete insured years."""
    years = int(career.months // 12)
    base_rate = reading.value("base_rate", on)
    by_sex = f"base_years_{career.sex}" if career.sex else None
    names = [n for n in reading.parameters.values if _in_force(reading, n, on)]
    if by_sex and by_sex in names:
        base_years = reading.value(by_sex, on)
    elif "base_years" not in names and career.sex is None and any(n.startswith("base_years_") for n in names):
        base_years = None  # the threshold depends on the sex the case does not give
        reading.needs.append(say("needs the person's sex (the years the rate starts from differ by sex)"))
    else:
        base_years = reading.value("base_years", on)
    if base_rate is None or base_years is None:
        return None
    above = _optional(reading, "rate_per_year", on) or Decimal(0)
    below = _optional(reading, "rate_per_year_below", on) or Decimal(0)
    upper, upper_rate = _optional(reading, "upper_years", on), _optional(reading, "rate_per_year_upper", on)
    extra = max(0, years - int(base_years))
    value = Fraction(base_rate) + Fraction(above) * extra
    if upper is not None and upper_rate is not None and years > int(upper):
        value -= (Fraction(above) - Fraction(upper_rate)) * (years - max(int(upper), int(base_years)))
    value -= Fraction(below) * max(0, int(base_years) - years)
    low, high = _optional(reading, "min_rate", on), _optional(reading, "max_rate", on)
    value = max(value, Fraction(low)) if low is not None else value
    value = min(value, Fraction(high)) if high is not None else value
    reading.say("rate for {years} complete years: {rate}", years=years, rate=_shown(value))
    return value


def age_increment(career: Career, reading: Reading, on: date) -> Fraction:
    """Ley 16.713 art. 29 A) 2) C) (as worded by Ley 18.395 art. 2): from age 60, 3 % per year of
    age retirement is deferred after 35 years of services were completed (at most 30 %); 2 % per
    year of age over 60 while those years were not yet completed, up to age 70."""
    start_age = _optional(reading, "age_rate_from", on)
    if start_age is None:
        return Fraction(0)
    per_year = Fraction(_optional(reading, "rate_per_year_of_age", on) or 0)
    before = Fraction(_optional(reading, "rate_per_year_of_age_before", on) or 0)
    until, cap = _optional(reading, "age_rate_until", on), _optional(reading, "max_age_rate", on)
    needed = _optional(reading, "age_rate_years", on) or Decimal(0)
    start = _birthday(career.birth_date, int(start_age))
    completed = completed_on(career, Fraction(needed) * 12)
    end_before = min(d for d in (on, completed, _birthday(career.birth_date, int(until)) if until else None) if d)
    increment = before * _complete_years(start, end_before)
    if completed is not None:
        deferred = per_year * _complete_years(max(start, completed), on)
        increment += min(deferred, Fraction(cap)) if cap is not None else deferred
    if increment:
        reading.say("age increment: {rate}", rate=_shown(increment))
    return increment


def completed_on(career: Career, months: Fraction) -> date | None:
    """The first day after ``months`` of insurance were completed (each year's months counted from
    its 1 January, an estimate), or None where the career does not reach them."""
    total = Fraction(0)
    for year, count in sorted(career.months_by_year.items()):
        if total + count >= months:
            month = -(-(months - total) // 1)  # whole months into the year, rounded up
            return date(year + int(month) // 12, int(month) % 12 + 1, 1)
        total += count
    return None


def compute(career: Career, parameters: SchemeParameters, formula: BenefitFormula) -> FormulaResult:
    reading, on = Reading(parameters), career.claim_date
    salary, replacement = reference_salary(career, reading, on), rate(career, reading, on)
    if salary is None or replacement is None:
        reading.needs[:] = [n for i, n in enumerate(reading.needs) if str(n) not in map(str, reading.needs[:i])]
        return reading.result(None)
    amount = salary * (replacement + age_increment(career, reading, on))
    return reading.result(reading.bounded(amount, on))


def _optional(reading: Reading, name: str, on: date) -> Decimal | None:
    """A value the scheme may not have: read (and recorded) only where the data give it in force
    on ``on`` (a stage the law dropped ends with its value's ``valid_until``)."""
    return reading.optional(name, on)


def _in_force(reading: Reading, name: str, on: date) -> bool:
    parameter = reading.parameters.values.get(name)
    return parameter is not None and parameter.at(on) is not None


def _birthday(birth: date, age: int) -> date:
    """The day a person born on ``birth`` reaches ``age`` (29 February: 1 March)."""
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:
        return date(birth.year + age, 3, 1)


def _complete_years(start: date, end: date) -> int:
    """Complete years from ``start`` to ``end`` (0 where ``end`` is not after ``start``)."""
    if end <= start:
        return 0
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def _shown(value: Fraction) -> str:
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.4f}".rstrip("0").rstrip(".")


FORMULA = NationalFormula(
    compute=compute,
    values=("base_rate",),
    description="a replacement rate by insured years times the reference salary",
)
