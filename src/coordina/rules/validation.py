"""Periods validated by earnings: where a scheme's unit is earned rather than served (French
quarters: CSS R351-9, one quarter per 150 hours at the hourly SMIC, 200 before 2014, at most
four a year), each own calendar year whose earnings the case gives counts the months its
earnings validate, for entitlement and for the pro-rata ratio; a year without earnings keeps the
months served. The other parties' months of a year leave room for at most 12 in it.
"""

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from fractions import Fraction

from coordina.domain.case import Period, Person
from coordina.domain.decision import Rule, TraceStep
from coordina.domain.legal import LegalBasis
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Branch
from coordina.domain.wording import say
from coordina.rules.careers import Figures, own_career
from coordina.rules.formulas import FORMULAS
from coordina.rules.formulas.career import months_by_year
from coordina.rules.money import legal_tender
from coordina.rules.periods import Interval
from coordina.rules.spells import Spell
from coordina.rules.totalization import Counting
from coordina.rules.trace import step


def validated_counting(
    scheme: Scheme,
    counting: Counting,
    own: Sequence[tuple[Spell, Interval]],
    periods: Sequence[Period],
    person: Person,
    branch: Branch,
    on: date,
    basis: LegalBasis,
    figures: Figures | None = None,
) -> tuple[Counting, list[TraceStep]]:
    """``counting`` with the own months of the years validated by earnings (unchanged where the
    scheme validates no periods by earnings, or the case gives no earnings)."""
    parameter = scheme.parameters.benefit_formula
    formula = parameter.at(on) if parameter else None
    national = FORMULAS.get(formula.value.kind) if formula else None
    if national is None or national.validated_months is None or not periods:
        return counting, []
    career, _ = own_career(
        person, branch, on, None, counting.own_days, own, periods, legal_tender(scheme.country, on),
        counting.totalized_months, figures,
    )  # fmt: skip
    if not career.earnings:
        return counting, []
    validated = national.validated_months(career, scheme.parameters)
    foreign = months_by_year(counting.foreign_days)
    credited = {
        year: min(validated[year], 12 - foreign.get(year, Fraction(0))) if year in career.earnings else months
        for year, months in career.months_by_year.items()
        if year in validated or year not in career.earnings
    }
    own_months = sum(credited.values(), Fraction(0))
    if own_months == counting.own_months:
        return counting, []
    trace = [
        step(
            Rule.own_periods,
            basis,
            say(
                "{months} months credited: the years with earnings count the quarters their earnings validate",
                months=_shown(own_months),
            ),
            years=sorted(y for y in credited if y in career.earnings),
            months_served=_shown(counting.own_months),
        )
    ]
    return replace(counting, own_months=own_months, totalized_months=own_months + counting.foreign_months), trace


def _shown(value: Fraction) -> str:
    return str(int(value)) if value.denominator == 1 else f"{float(value):.2f}"
