"""France, régime général basic pension (CSS L351-1, R351-27, R351-29, L351-2, R351-9):

    pension (yearly) = SAM x rate x min(1, quarters in the scheme / the cohort's reference quarters)

- quarters validated by earnings per calendar year (R351-9; ``fr_quarters``);
- SAM (R351-29): the average of the best N years' salaries (N by birth year: table
  ``best_years``, 25 from the 1948 cohort; fewer years: all of them), each capped at the year's
  plafond (table ``pass``) and revalued by the yearly coefficients (table ``revaluation``: the
  coefficient applied in year k to the salaries of the years before k; a salary of year y is
  multiplied by the coefficients of y+1 to the claim's year); a year whose salary validates no
  quarter is left out, and a plafond in francs is brought to euros to the cent;
- rate (L351-1, R351-27): ``values.full_rate`` (50 %) less, per missing quarter, the cohort's
  coefficient (table ``decote_per_quarter``, a share of the full rate) for the fewer of the
  quarters to the cohort's full-rate age (table ``full_rate_age_months``) and the quarters short
  of the cohort's duration counted in every scheme (``career.totalized_months``), at most
  ``values.max_missing_quarters`` (20);
- duration: the scheme's validated quarters over the cohort's reference quarters (table
  ``reference_quarters``, or the version named by ``values.reference_quarters_schedule`` for
  the 2023 and 2026 laws; ``reference_quarters_2004`` for claims before 2008 by the cohorts
  before 1948), at most 1;
- at most ``values.max_share_of_pass`` (50 %) of the claim year's plafond.

The surcote (L351-1-2) and the minimum contributif (L351-10) are not applied (see the scheme's
notes). Cohort tables are keyed by birth year (a birth year outside a table takes its nearest
year), with ``<table>_split`` / ``<table>_later`` where the law splits a birth year by month.
"""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from coordina.domain.scheme import BenefitFormula, SchemeParameters
from coordina.domain.wording import say
from coordina.rules.formulas.career import Career, FormulaResult, NationalFormula, Reading, TableNeed, needs_earnings
from coordina.rules.formulas.fr_quarters import EURO_YEAR, in_euros, to_the_cent, validated_months, validated_quarters


def cohort(reading: Reading, name: str, birth: date) -> Decimal | None:
    """A cohort table's figure for the birth year (the nearest year the table has). Where the law
    splits a birth year, ``<name>_split`` gives the first birth month of the later group and
    ``<name>_later`` that group's figure."""
    table = reading.parameters.tables.get(name)
    if table is None:
        return reading.table(name, birth.year)
    split = reading.parameters.tables.get(f"{name}_split")
    if split is not None and birth.year in split.values and birth.month >= split.values[birth.year]:
        reading.table(f"{name}_split", birth.year)
        return reading.table(f"{name}_later", birth.year)
    years = sorted(table.values)
    return reading.table(name, min(max(birth.year, years[0]), years[-1]))


def revaluation_factors(reading: Reading, first: int, last: int) -> dict[int, Fraction] | None:
    """For each earnings year from ``first`` to ``last``, the product of the yearly
    coefficients of the following years up to ``last`` (the claim's year)."""
    factors: dict[int, Fraction] = {last: Fraction(1)}
    for year in range(last, first, -1):
        coefficient = reading.table("revaluation", year)
        if coefficient is None:
            return None
        factors[year - 1] = factors[year] * Fraction(coefficient)
    return factors


def average_salary(career: Career, reading: Reading, unearned: frozenset[int] = frozenset()) -> Fraction | None:
    """SAM (R351-29): the best years' salaries, capped at the plafond (a plafond in francs brought
    to euros to the cent) and revalued, averaged; the salary of the year the pension starts is not
    counted, nor that of a year whose earnings validate no quarter (``unearned``: R351-29 reads the
    contributions that validate at least one quarter under R351-9). The salaries are the scheme's
    own (other parties' months, in a theoretical amount, count for the duration only)."""
    on = career.claim_date
    years = sorted(y for y, m in career.own_months.items() if m > 0 and y < on.year)
    missing = needs_earnings(career, tuple(years))
    if missing is not None:
        reading.needs.append(missing)
        return None
    if not any(career.earnings[y] > 0 for y in years):
        reading.needs.append(say("no year with earnings for the average salary"))
        return None
    paid = [y for y in years if career.earnings[y] > 0 and y not in unearned]
    left_out = [y for y in years if career.earnings[y] > 0 and y in unearned]
    if left_out:
        reading.say(
            "left out of the average salary (earnings validate no quarter): {years}",
            years=", ".join(str(y) for y in left_out),
        )
    if not paid:
        return Fraction(0)
    count = cohort(reading, "best_years", career.birth_date)
    factors = revaluation_factors(reading, paid[0], on.year)
    if count is None or factors is None:
        return None
    salaries: list[Fraction] = []
    for year in paid:
        ceiling = reading.table("pass", year)
        ceiling_eur = in_euros(reading, year, ceiling, on) if ceiling is not None else None
        if ceiling_eur is None:
            return None
        if year < EURO_YEAR:
            ceiling_eur = to_the_cent(ceiling_eur)
        salaries.append(min(Fraction(career.earnings[year]), ceiling_eur) * factors[year])
    best = sorted(salaries, reverse=True)[: int(count)]
    average = sum(best, Fraction(0)) / len(best)
    reading.say(
        "average salary (SAM): best {count} of {years} years, capped and revalued = {sam}",
        count=len(best), years=len(paid), sam=_shown(average),
    )  # fmt: skip
    return average


def reference_quarters(reading: Reading, career: Career, prorata: bool) -> Decimal | None:
    """The cohort's quarters for the full rate, or (``prorata``) the duration's denominator."""
    on = career.claim_date
    if prorata and on < date(2008, 1, 1) and career.birth_date.year < 1948:
        return cohort(reading, "reference_quarters_2004", career.birth_date)
    name = "reference_quarters"
    if "reference_quarters_schedule" in reading.parameters.values:
        schedule = reading.value("reference_quarters_schedule", on)
        if schedule is not None and schedule >= 2023:
            name = f"reference_quarters_{int(schedule)}"
    return cohort(reading, name, career.birth_date)


def age_in_months(birth: date, on: date) -> int:
    """Completed months of age on ``on``."""
    months = (on.year - birth.year) * 12 + on.month - birth.month
    return months - 1 if on.day < birth.day else months


def rate(career: Career, reading: Reading, scheme_quarters: int) -> Fraction | None:
    """The rate (L351-1, R351-27): the full rate less the décote for the missing quarters."""
    on = career.claim_date
    full = reading.value("full_rate", on)
    required = reference_quarters(reading, career, prorata=False)
    full_age = cohort(reading, "full_rate_age_months", career.birth_date)
    per_quarter = cohort(reading, "decote_per_quarter", career.birth_date)
    most = reading.value("max_missing_quarters", on)
    if full is None or required is None or full_age is None or per_quarter is None or most is None:
        return None
    foreign = max(Fraction(0), career.totalized_months - career.months)
    all_schemes = scheme_quarters + int(foreign // 3)
    short = max(0, int(required) - all_schemes)
    to_age = max(0, -(-(int(full_age) - age_in_months(career.birth_date, on)) // 3))
    missing = min(short, to_age, int(most))
    value = Fraction(full) * (1 - Fraction(per_quarter) * missing)
    reading.say(
        "missing quarters: {missing} (the fewer of {to_age} to the full-rate age and {short} short of "
        "{required} in all schemes, {all_schemes} counted); rate {rate}",
        missing=missing, to_age=to_age, short=short, required=int(required), all_schemes=all_schemes,
        rate=_shown(value),
    )  # fmt: skip
    return value


def compute(career: Career, parameters: SchemeParameters, formula: BenefitFormula) -> FormulaResult:
    reading, on = Reading(parameters), career.claim_date
    if career.currency not in (None, "EUR"):
        reading.needs.append(say("needs the earnings in {currency}", currency="EUR"))
        return reading.result(None)
    by_year, unearned = validated_quarters(career, reading)
    quarters = sum(by_year.values())
    sam = average_salary(career, reading, unearned)
    value = rate(career, reading, quarters)
    reference = reference_quarters(reading, career, prorata=True)
    share = reading.value("max_share_of_pass", on)
    ceiling = reading.table("pass", on.year)
    if sam is None or value is None or reference is None or share is None or ceiling is None:
        return reading.result(None)
    ratio = min(Fraction(1), Fraction(quarters) / Fraction(reference))
    yearly = sam * value * ratio
    reading.say(
        "pension: {sam} x {rate} x {quarters}/{reference} = {yearly} a year",
        sam=_shown(sam), rate=_shown(value), quarters=quarters, reference=int(reference), yearly=_shown(yearly),
    )  # fmt: skip
    cap = Fraction(share) * Fraction(ceiling)
    if yearly > cap:
        reading.say(
            "limited to {share} of the plafond {ceiling}: {cap} a year", share=share, ceiling=ceiling, cap=_shown(cap)
        )
        yearly = cap
    periods = {"monthly": 12, "yearly": 1, "fortnightly": 26, "weekly": 52}
    return reading.result(yearly / periods[formula.amount_period])


def _shown(value: Fraction) -> str:
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.4f}".rstrip("0").rstrip(".")


FORMULA = NationalFormula(
    compute=compute,
    values=("full_rate", "max_missing_quarters", "max_share_of_pass", "frf_per_eur", "smic_hourly"),
    tables=(
        TableNeed("pass", 1949, "the plafond caps each year's salary (a 2007 claim can reach salaries from 1949)"),
        TableNeed("revaluation", 1950, "revaluation of salaries from 1949 to the claim's year"),
    ),
    description="France: best years' average salary x rate x quarters / reference quarters (CSS L351-1, R351-29)",
    validated_months=validated_months,
)
