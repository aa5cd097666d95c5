"""Ages: the pensionable age by birth cohort and sex, and the ages between which periods count.

Pension ages are law keyed by birth cohort (and sex where the law says so): the table in
force on the claim date gives the person's row. Where the row depends on sex and the case
gives none, the institution evaluates every variant (``sexes_to_try``).
"""

from dataclasses import dataclass
from datetime import date

from coordina.domain.case import Person
from coordina.domain.decision import Rule, TraceStep
from coordina.domain.scheme import Age, AgeWindow, PensionAge, Scheme
from coordina.domain.wording import listing, say
from coordina.rules.periods import ONE_DAY, Interval, add_months
from coordina.rules.spells import Spell
from coordina.rules.trace import national, step, verdict

SEXES = ("men", "women")


@dataclass(frozen=True)
class AgeReached:
    """Whether the pensionable age is reached on the claim date (None: unknown), and when."""

    reached: bool | None
    reached_on: date | None


def _row(rows: list[PensionAge], person: Person, sex: str | None) -> PensionAge | None:
    for rule in rows:
        if rule.sex != "any" and rule.sex != sex:
            continue
        if rule.born_from and person.birth_date < rule.born_from:
            continue
        if rule.born_until and person.birth_date > rule.born_until:
            continue
        return rule
    return None


def age_reached_on(birth_date: date, age: Age | PensionAge) -> date:
    """The day a person reaches an age: the birthday (clamped to the month's end)."""
    return add_months(birth_date, age.years * 12 + age.months)


def sexes_to_try(scheme: Scheme, person: Person, on: date) -> list[str | None]:
    """The sexes to evaluate: the person's, or both when the case gives none and the law differs."""
    parameter = scheme.parameters.pension_age
    value = parameter.at(on) if parameter else None
    if person.sex is not None or value is None:
        return [person.sex]
    rows = {sex: _row(value.value, person, sex) for sex in SEXES}
    return [None] if rows["men"] == rows["women"] else list(SEXES)


def pension_age(scheme: Scheme, person: Person, sex: str | None, on: date) -> tuple[AgeReached, list[TraceStep]]:
    """Whether the person has reached the scheme's pensionable age on ``on``.

    No ``pension_age`` parameter: the scheme has no age condition. A parameter with no value
    on the date, or no row for the person's cohort: unknown, never "not reached"."""
    parameter = scheme.parameters.pension_age
    if parameter is None:
        return AgeReached(True, None), [step(Rule.pension_age, national(scheme), say("no age condition"))]
    value = parameter.at(on)
    if value is None:
        return AgeReached(None, None), [
            step(
                Rule.pension_age,
                national(scheme),
                say("no pensionable age in the scheme data for claims on {date}", date=on),
                reason=say(
                    "{scheme}: the pensionable age on {date} is not in the scheme data", scheme=scheme.id, date=on
                ),
            )
        ]
    row = _row(value.value, person, sex)
    if row is None:
        born = person.birth_date
        return AgeReached(None, None), [
            step(
                Rule.pension_age,
                national(scheme, value),
                say("no pensionable age for {sex} born on {date} in the scheme data", sex=sex, date=born)
                if sex
                else say("no pensionable age for persons born on {date} in the scheme data", date=born),
                reason=say(
                    "{scheme}: no pensionable age for the person's birth cohort in the scheme data", scheme=scheme.id
                ),
            )
        ]
    reached_on = age_reached_on(person.birth_date, row)
    reached = reached_on <= on
    return AgeReached(reached, reached_on), [
        step(
            Rule.pension_age,
            national(scheme, value),
            say(
                "pensionable age {years} years {months} months reached on {date}: {verdict}",
                years=row.years,
                months=row.months,
                date=reached_on,
                verdict=verdict(reached),
            ),
            reason=None
            if reached
            else say("{scheme}: the pensionable age is not reached on the claim date", scheme=scheme.id),
            birth_date=person.birth_date,
            claim_date=on,
            sex=sex,
        )
    ]


def window(age_window: AgeWindow, person: Person, pension_age_on: date | None) -> Interval | None:
    """The days between the window's ages, or None where it needs a pension age that is unknown."""
    first, last = date.min, date.max
    if age_window.from_age is not None:
        first = age_reached_on(person.birth_date, age_window.from_age)
    if age_window.years_before_pension_age is not None:
        if pension_age_on is None:
            return None
        first = max(first, add_months(pension_age_on, -12 * age_window.years_before_pension_age))
    if age_window.to_age is not None:
        last = age_reached_on(person.birth_date, age_window.to_age) - ONE_DAY
    if age_window.to_pension_age:
        if pension_age_on is None:
            return None
        last = min(last, pension_age_on - ONE_DAY)
    return (first, last)


def counting_ages(
    scheme: Scheme, person: Person, pension_age_on: date | None, on: date
) -> tuple[tuple[AgeWindow | None, Interval | None], list[TraceStep]]:
    """The scheme's age window in force on the claim date, and the days it lets count."""
    parameter = scheme.parameters.counting_ages
    value = parameter.at(on) if parameter else None
    if value is None:
        return (None, None), []
    days_window = window(value.value, person, pension_age_on)
    kinds = listing(value.value.kinds)
    what = listing(value.value.applies_to, " and ")
    outcome = (
        say("{kinds} counts from {start} to {end} (for {applies_to})", kinds=kinds, start=days_window[0],
            end=days_window[1], applies_to=what)
        if days_window
        else say("{kinds}: the window ends at the pensionable age, which is not known (for {applies_to})",
                 kinds=kinds, applies_to=what)
    )  # fmt: skip
    return (value.value, days_window), [step(Rule.counting_ages, national(scheme, value), outcome)]


def limit_to_window(
    own: list[tuple[Spell, Interval]], age_window: AgeWindow, days_window: Interval
) -> list[tuple[Spell, Interval]]:
    """Days of the window's kinds cut to its ages; other kinds unchanged."""
    kept: list[tuple[Spell, Interval]] = []
    for spell, (start, end) in own:
        if spell.kind not in age_window.kinds:
            kept.append((spell, (start, end)))
        elif start <= days_window[1] and end >= days_window[0]:
            kept.append((spell, (max(start, days_window[0]), min(end, days_window[1]))))
    return kept
