"""Totalization: which periods each institution counts, each day once.

Own periods are those completed under the party's legislation (after the applicable-
legislation rules moved posted periods to the sending State). Foreign periods are those
of the parties the agreement's totalization rule names. Overlapping days go to one class
of period only, by the agreement's priority rule (default: compulsory before voluntary,
then own before foreign).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from coordina.domain.agreement import Agreement
from coordina.domain.case import Period
from coordina.domain.decision import TraceStep
from coordina.domain.provisions import OverlapPriority, TotalizationRule
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Branch, PeriodKind
from coordina.rules.legislation import activity_of
from coordina.rules.periods import Interval, intersect, longest_continuous_months, merge, months, subtract
from coordina.rules.trace import step

CONTRIBUTION_KINDS = frozenset({PeriodKind.insurance, PeriodKind.employment, PeriodKind.self_employment})
"""Under a contributory legislation, periods of employment and self-employment are periods of
insurance and the other way round: a scheme or rule naming one of them counts all three."""

DEFAULT_OWN_KINDS = CONTRIBUTION_KINDS | {PeriodKind.credited}


def widen(kinds: Iterable[PeriodKind]) -> frozenset[PeriodKind]:
    chosen = frozenset(kinds)
    return chosen | CONTRIBUTION_KINDS if chosen & CONTRIBUTION_KINDS else chosen


@dataclass
class Counting:
    own_months: Fraction
    foreign_months: Fraction
    own_continuous_months: Fraction
    rules: list[TotalizationRule]
    trace: list[TraceStep] = field(default_factory=list)

    @property
    def totalized_months(self) -> Fraction:
        return self.own_months + self.foreign_months


def own_kinds(scheme: Scheme, branch: Branch, on: date) -> frozenset[PeriodKind]:
    """The period kinds the scheme's own qualifying period counts (national law)."""
    parameter = scheme.parameters.qualifying_period_by_branch.get(branch, scheme.parameters.qualifying_period)
    value = parameter.at(on) if parameter else None
    return widen(value.value.counts) if value else DEFAULT_OWN_KINDS


def totalization_rules(agreement: Agreement, party: str, branch: Branch) -> list[TotalizationRule]:
    if agreement.totalization is None:
        return []
    return [r for r in agreement.totalization.rules if r.party in (party, None) and branch in r.branches]


def count(agreement: Agreement, scheme: Scheme, branch: Branch, periods: Sequence[Period], before: date) -> Counting:
    """Own and foreign months for ``scheme`` from the periods completed before ``before``."""
    party = scheme.country
    window: Interval = (date.min, before - timedelta(days=1))
    kinds = own_kinds(scheme, branch, before)
    own = [p for p in periods if p.country == party and p.kind in kinds]
    rules = totalization_rules(agreement, party, branch)
    foreign = _foreign(agreement, party, rules, periods)
    classes = _prioritised(agreement, own, foreign)
    taken: list[Interval] = []
    own_days: list[Interval] = []
    foreign_days: list[Interval] = []
    for is_own, intervals in classes:
        fresh = subtract(intersect(intervals, window), taken)
        taken = merge([*taken, *fresh])
        (own_days if is_own else foreign_days).extend(fresh)
    counting = Counting(
        own_months=months(own_days),
        foreign_months=months(foreign_days) if rules else Fraction(0),
        own_continuous_months=longest_continuous_months(own_days),
        rules=rules,
    )
    basis = rules[0].article if rules else None
    counting.trace.append(
        step(
            "own_periods",
            scheme.id,
            f"{_fmt(counting.own_months)} months under {party} legislation",
            kinds=sorted(k.value for k in kinds),
        )
    )
    if rules:
        counting.trace.append(
            step(
                "totalization",
                basis,
                f"{_fmt(counting.foreign_months)} months of other parties' periods added, each day counted once",
                counts_from=sorted({c for r in rules for c in (r.counts_from or [])}) or "every other party",
                kinds=sorted({k.value for r in rules for k in r.period_kinds}),
            )
        )
    else:
        counting.trace.append(step("totalization", None, f"the agreement does not totalize {branch.value} for {party}"))
    third = [r for r in rules if r.third_country_periods]
    outside = sorted({p.country for p in periods if p.country not in agreement.parties})
    if third and outside:
        counting.trace.append(
            step(
                "third_country_periods",
                third[0].article,
                "periods in third States linked to both by other agreements may count; the engine does not"
                " chain agreements, so they are not counted here",
                third_states=outside,
            )
        )
    return counting


def _foreign(
    agreement: Agreement, party: str, rules: list[TotalizationRule], periods: Sequence[Period]
) -> list[Period]:
    chosen: dict[int, list[Period]] = {}
    for rule in rules:
        sources = set(rule.counts_from or agreement.parties) - {party}
        for index, period in enumerate(periods):
            if period.country in sources and period.kind in widen(rule.period_kinds):
                chosen.setdefault(index, _during(period, rule, periods))
    return [piece for pieces in chosen.values() for piece in pieces]


def _during(period: Period, rule: TotalizationRule, periods: Sequence[Period]) -> list[Period]:
    """The parts of a foreign period the rule accepts (e.g. residence only while working)."""
    if not rule.only_during:
        return [period]
    working = [(p.start, p.end) for p in periods if p.country == period.country and activity_of(p) in rule.only_during]
    return [
        period.model_copy(update={"start": start, "end": end})
        for start, end in intersect(working, (period.start, period.end))
    ]


def _prioritised(agreement: Agreement, own: list[Period], foreign: list[Period]) -> list[tuple[bool, list[Interval]]]:
    """Period classes in the order they take overlapping days."""
    priority = agreement.totalization.overlap_priority if agreement.totalization else []
    entries = [(True, p) for p in own] + [(False, p) for p in foreign]

    def rank(entry: tuple[bool, Period]) -> tuple[int, ...]:
        is_own, period = entry
        keys = []
        for criterion in priority:
            if criterion is OverlapPriority.compulsory_before_voluntary:
                keys.append(int(period.voluntary))
            elif criterion is OverlapPriority.own_before_foreign:
                keys.append(int(not is_own))
            elif criterion is OverlapPriority.insurance_before_residence:
                keys.append(int(period.kind is PeriodKind.residence))
        return (*keys, int(not is_own))

    ordered = sorted(entries, key=rank)
    return [(is_own, [(p.start, p.end)]) for is_own, p in ordered]


def _fmt(value: Fraction) -> str:
    return str(int(value)) if value.denominator == 1 else f"{float(value):.2f}"
