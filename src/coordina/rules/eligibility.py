"""Entitlement under national law: the qualifying period and the pensionable age."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from coordina.domain.case import Person
from coordina.domain.decision import TraceStep
from coordina.domain.parameters import DatedParameter
from coordina.domain.quantities import Duration
from coordina.domain.scheme import PensionAge, QualifyingPeriod, Scheme
from coordina.domain.vocabulary import Branch, TimeUnit
from coordina.rules.periods import add_months
from coordina.rules.trace import step

WEEKS_PER_MONTH = Fraction(52, 12)
DAYS_PER_MONTH = 30


def duration_in_months(duration: Duration) -> Fraction:
    """Months in a legal duration; weeks at 52 a year and days at 30 a month (our policy)."""
    amount = Fraction(Decimal(duration.amount))
    if duration.unit is TimeUnit.weeks:
        return amount / WEEKS_PER_MONTH
    if duration.unit is TimeUnit.days:
        return amount / DAYS_PER_MONTH
    return Fraction(duration.in_months())


def in_unit(months: Fraction, unit: TimeUnit) -> Fraction:
    """Months expressed in the unit a scheme counts in (quarters, years, weeks, days)."""
    per_unit = {
        TimeUnit.months: Fraction(1), TimeUnit.quarters: Fraction(3), TimeUnit.years: Fraction(12),
        TimeUnit.weeks: 1 / WEEKS_PER_MONTH, TimeUnit.days: Fraction(1, DAYS_PER_MONTH),
    }[unit]  # fmt: skip
    return months / per_unit


def qualifying_parameter(scheme: Scheme, branch: Branch) -> DatedParameter[QualifyingPeriod] | None:
    """The branch's own qualifying period where the scheme has one, else the scheme's general one."""
    return scheme.parameters.qualifying_period_by_branch.get(branch, scheme.parameters.qualifying_period)


def conversion_step(scheme: Scheme, branch: Branch, on: date, own: Fraction, totalized: Fraction) -> TraceStep | None:
    """The periods in the scheme's own unit, as its institution would count them."""
    parameter = qualifying_parameter(scheme, branch)
    value = parameter.at(on) if parameter else None
    if value is None or value.value.duration.unit is TimeUnit.months:
        return None
    unit = value.value.duration.unit
    return step(
        "unit_conversion",
        value.reference,
        f"in {unit.value}: own {_fmt(in_unit(own, unit))}, totalized {_fmt(in_unit(totalized, unit))}",
        own_months=own,
        totalized_months=totalized,
    )


def required_months(scheme: Scheme, branch: Branch, on: date) -> tuple[Fraction | None, TraceStep]:
    parameter = qualifying_parameter(scheme, branch)
    value = parameter.at(on) if parameter else None
    if value is None:
        return None, step("qualifying_period", scheme.id, "no qualifying period in the scheme data on this date")
    needed = duration_in_months(value.value.duration)
    return needed, step(
        "qualifying_period",
        value.reference,
        f"{value.value.duration} required ({_fmt(needed)} months)",
        source=value.source,
    )


def pension_age(scheme: Scheme, person: Person, on: date) -> PensionAge | None:
    """The pensionable age for the person's sex and birth cohort under the law in force ``on``."""
    parameter = scheme.parameters.pension_age
    value = parameter.at(on) if parameter else None
    if value is None:
        return None
    for rule in value.value:
        if rule.sex not in ("any", person.sex):
            continue
        if rule.born_from and person.birth_date < rule.born_from:
            continue
        if rule.born_until and person.birth_date > rule.born_until:
            continue
        return rule
    return None


def reaches_age(scheme: Scheme, person: Person, on: date) -> tuple[bool | None, TraceStep]:
    parameter = scheme.parameters.pension_age
    in_force = parameter.at(on) if parameter else None
    age = pension_age(scheme, person, on)
    if age is None:
        has_rules = scheme.parameters.pension_age is not None
        outcome = "no pensionable age for this person in the scheme data" if has_rules else "no age condition"
        return (None if has_rules else True), step("pension_age", scheme.id, outcome)
    reached_on = add_months(person.birth_date, age.years * 12 + age.months)
    reached = reached_on <= on
    reference = in_force.reference if in_force else None
    return reached, step(
        "pension_age",
        reference,
        f"pensionable age {age.years} years {age.months} months reached on {reached_on}: "
        + ("met" if reached else "not met"),
        birth_date=person.birth_date,
        claim_date=on,
    )


def _fmt(value: Fraction) -> str:
    return str(int(value)) if value.denominator == 1 else f"{float(value):.2f}"
