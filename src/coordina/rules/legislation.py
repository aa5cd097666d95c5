"""Applicable legislation: one legislation at a time for each activity period.

The base rule (lex loci laboris) applies unless a labelled exception of the agreement
overrides it (posting, self-employed, seafarers, air crew, diplomatic staff, civil
servants). Two applicable exceptions designating different States are a ``Conflict``.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from coordina.domain.agreement import Agreement
from coordina.domain.case import Period, Person
from coordina.domain.decision import LegislationPeriod, TraceStep
from coordina.domain.provisions import ApplicableLegislationRule, LegislationOf, LegislationRule
from coordina.domain.vocabulary import Activity, PeriodKind
from coordina.rules.errors import Conflict
from coordina.rules.periods import add_months
from coordina.rules.trace import step


@dataclass(frozen=True)
class Legislation:
    """The result: who legislates for each stretch, and the periods as each party counts them."""

    determinations: list[LegislationPeriod]
    periods: list[Period]
    trace: list[TraceStep]


def activity_of(period: Period) -> Activity | None:
    if period.activity is not None:
        return period.activity
    return {PeriodKind.employment: Activity.employed, PeriodKind.self_employment: Activity.self_employed}.get(
        period.kind
    )


def designated_state(rule: ApplicableLegislationRule, period: Period, person: Person) -> str | None:
    """The State whose legislation the rule designates for this period, if the case says."""
    match rule.legislation_of:
        case LegislationOf.place_of_work:
            return period.country
        case LegislationOf.sending_state | LegislationOf.employer_seat_state:
            return period.employer_country
        case LegislationOf.employing_administration_state:
            return period.employer_country
        case LegislationOf.residence_state:
            return person.residence
        case LegislationOf.flag_state:
            return period.flag_country
        case LegislationOf.agreed_state:
            return None  # only the competent authorities can say
    return None  # pragma: no cover


def determine(agreement: Agreement, person: Person, periods: Sequence[Period]) -> Legislation:
    rules = agreement.applicable_legislation
    determinations: list[LegislationPeriod] = []
    counted: list[Period] = []
    trace: list[TraceStep] = []
    parties = set(agreement.parties)
    for index, period in enumerate(periods):
        activity = activity_of(period)
        if activity is None or rules is None:
            counted.append(period)
            continue
        if period.country not in parties:
            determinations.append(_entry(period, period, "outside_agreement", None))
            trace.append(
                step(
                    "applicable_legislation",
                    None,
                    f"work in {period.country}, not a party: the agreement does not determine the legislation",
                    period=index,
                )
            )
            counted.append(period)
            continue
        applicable = [
            (rule, designated_state(rule, period, person)) for rule in rules.exceptions if activity in rule.activities
        ]
        applicable = [(r, s) for r, s in applicable if s in parties and (r.party is None or r.party == s)]
        states = {s for _, s in applicable}
        if len(states) > 1:
            raise Conflict(
                f"periods[{index}]",
                "exceptions "
                + ", ".join(f"{r.rule.value} ({r.article})" for r, _ in applicable)
                + " both apply and designate different States: the agreement gives no single answer",
            )
        if not applicable:
            determinations.append(_entry(period, period, rules.base.rule.value, rules.base))
            trace.append(
                step(
                    "applicable_legislation",
                    rules.base.article,
                    f"{rules.base.rule.value}: legislation of {period.country}",
                    period=index,
                    activity=activity.value,
                )
            )
            counted.append(period)
            continue
        rule, state = applicable[0]
        assert state is not None
        pieces = _limit(rule, period, index, trace)
        for piece, over_limit in pieces:
            if over_limit:
                determinations.append(_entry(piece, period, rules.base.rule.value, rules.base))
                counted.append(piece)
            else:
                determinations.append(_entry(piece, period, rule.rule.value, rule, country=state))
                counted.append(_under(piece, state))
        trace.append(
            step(
                "applicable_legislation",
                rule.article,
                f"{rule.rule.value} overrides {rule.overrides.value if rule.overrides else 'the base rule'}:"
                f" legislation of {state}",
                period=index,
                activity=activity.value,
            )
        )
    determinations.sort(key=lambda entry: (entry.start, entry.end, entry.country, entry.rule))
    return Legislation(determinations, counted, trace)


def _limit(
    rule: ApplicableLegislationRule, period: Period, index: int, trace: list[TraceStep]
) -> list[tuple[Period, bool]]:
    """Split a posting at its limit (plus an approved extension): beyond it the host State applies."""
    if rule.rule is not LegislationRule.posting or rule.max_months is None:
        return [(period, False)]
    months = rule.max_months
    if period.extension and rule.extension is not None:
        if rule.extension.max_months is None:
            trace.append(
                step("posting_extension", rule.article, "approved extension without fixed limit", period=index)
            )
            return [(period, False)]
        months += rule.extension.max_months
    last_day = add_months(period.start, months) - timedelta(days=1)
    if period.end <= last_day:
        return [(period, False)]
    trace.append(
        step(
            "posting_limit",
            rule.article,
            f"posting beyond {months} months: from {last_day + timedelta(days=1)} the host State's legislation applies",
            period=index,
            limit_months=months,
            extension=period.extension,
        )
    )
    first = period.model_copy(update={"end": last_day, "earnings": None})
    rest = period.model_copy(
        update={"start": last_day + timedelta(days=1), "earnings": None, "activity": Activity.employed}
    )
    return [(first, False), (rest, True)]


def _under(period: Period, state: str) -> Period:
    """The period as the designated State counts it: compulsory insurance under its legislation."""
    if state == period.country:
        return period
    return period.model_copy(update={"country": state, "kind": PeriodKind.insurance, "voluntary": False})


def _entry(
    piece: Period,
    original: Period,
    rule: str,
    basis: ApplicableLegislationRule | None,
    country: str | None = None,
) -> LegislationPeriod:
    return LegislationPeriod(
        start=piece.start,
        end=piece.end,
        country=country or piece.country,
        rule=rule,
        article=str(basis.article) if basis else None,
        reported_country=original.country,
    )
