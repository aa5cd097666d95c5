"""Totalization: which periods each institution counts, each day once.

Own periods are those completed under the party's legislation and insured by the scheme
(after the applicable-legislation rules moved posted periods to the sending State, and
attribution to the scheme). Foreign periods are those of the parties the agreement's
totalization rule names, under a scheme of theirs in the agreement's material scope.
Overlapping days go to one class of period only, by the agreement's priority rule (default:
compulsory before voluntary, then own before foreign).
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from coordina.domain.agreement import Agreement
from coordina.domain.decision import Rule, TraceStep
from coordina.domain.legal import LegalBasis
from coordina.domain.provisions import OverlapPriority, TotalizationRule
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Branch, PeriodKind, SchemeKind
from coordina.domain.wording import say
from coordina.rules.attribution import scheme_attribution
from coordina.rules.periods import (
    ONE_DAY,
    Interval,
    clip_merged,
    intersect_all,
    longest_continuous_months,
    merge,
    months_merged,
    subtract_merged,
    union_merged,
)
from coordina.rules.spells import Spell, activity_of
from coordina.rules.trace import Citer, step

CONTRIBUTION_KINDS = frozenset({PeriodKind.insurance, PeriodKind.employment, PeriodKind.self_employment})
"""Under a contributory legislation, periods of employment and self-employment are periods of
insurance and the other way round: a scheme or rule naming one of them counts all three."""

DEFAULT_OWN_KINDS = CONTRIBUTION_KINDS | {PeriodKind.credited}
"""What a scheme counts where its data say nothing on a date; a residence-based scheme also
counts residence (e.g. the AOW insures residents whether or not a minimum period applies)."""


def widen(kinds: Iterable[PeriodKind]) -> frozenset[PeriodKind]:
    chosen = frozenset(kinds)
    return chosen | CONTRIBUTION_KINDS if chosen & CONTRIBUTION_KINDS else chosen


@dataclass
class Counting:
    own_days: list[Interval]
    own_months: Fraction
    foreign_months: Fraction
    own_continuous_months: Fraction | None
    """The longest stretch of own periods, where a rule has a minimum of continuous months."""
    rules: list[TotalizationRule]
    totalized_months: Fraction
    foreign_days: list[Interval] = field(default_factory=list)
    """The other parties' days added (each day once, none of them an own day)."""


def own_kinds(scheme: Scheme, branch: Branch, on: date) -> frozenset[PeriodKind]:
    """The period kinds the scheme's own qualifying period counts (national law)."""
    parameter = scheme.parameters.qualifying_period_by_branch.get(branch, scheme.parameters.qualifying_period)
    value = parameter.at(on) if parameter else None
    if value is not None:
        return widen(value.value.counts)
    if scheme.kind is SchemeKind.residence_based:
        return DEFAULT_OWN_KINDS | {PeriodKind.residence}
    return DEFAULT_OWN_KINDS


def totalization_rules(agreement: Agreement, party: str, branch: Branch) -> list[TotalizationRule]:
    if agreement.totalization is None:
        return []
    return [r for r in agreement.totalization.rules if r.party in (party, None) and branch in r.branches]


def foreign_spells(
    agreement: Agreement,
    party: str,
    rules: list[TotalizationRule],
    spells: Sequence[Spell],
    schemes_in_scope: Mapping[str, list[Scheme]],
    periods_of_party: Callable[[str], list[Spell]] | None = None,
) -> list[tuple[Spell, Interval]]:
    """The other parties' periods each rule accepts: under a scheme of theirs in scope, and
    (``only_during``) only while the person worked there."""
    chosen: list[tuple[Spell, Interval]] = []
    by_country: dict[str, list[Spell]] = {}
    if any(rule.only_during for rule in rules):  # one pass over the career, not one per rule and country
        for s in spells:
            by_country.setdefault(s.country, []).append(s)
    for rule in rules:
        sources = set(rule.counts_from or agreement.parties) - {party}
        kinds = widen(rule.period_kinds)
        for country in sorted(sources):
            theirs = (
                periods_of_party(country)
                if periods_of_party
                else party_periods(country, spells, schemes_in_scope.get(country, []))
            )
            accepted = [s for s in theirs if s.kind in kinds]
            if not rule.only_during:
                chosen += [(s, (s.start, s.end)) for s in accepted]
                continue
            working = merge((s.start, s.end) for s in by_country.get(country, []) if activity_of(s) in rule.only_during)
            groups: dict[tuple[bool, PeriodKind], list[Spell]] = {}
            for s in accepted:
                groups.setdefault((s.voluntary, s.kind), []).append(s)
            for members in groups.values():  # the rank reads only voluntary and kind
                chosen += [(members[0], i) for i in intersect_all([(m.start, m.end) for m in members], working)]
    return chosen  # the same day twice is merged when days are shared out


def party_periods(
    country: str,
    spells: Sequence[Spell],
    schemes: list[Scheme],
    attributed: Callable[[Scheme], list[Spell]] | None = None,
) -> list[Spell]:
    """A party's spells that are periods of one of its schemes in scope (all, if none is encoded)."""
    if not schemes:
        return [s for s in spells if s.country == country]
    seen: dict[tuple[int, date, date], Spell] = {}
    for scheme in schemes:
        for s in attributed(scheme) if attributed else scheme_attribution(scheme, spells)[0]:
            seen.setdefault((s.index, s.start, s.end), s)
    return list(seen.values())


def _rank(priority: list[OverlapPriority], is_own: bool, voluntary: bool, kind: PeriodKind) -> tuple[int, ...]:
    keys = []
    for criterion in priority:
        if criterion is OverlapPriority.compulsory_before_voluntary:
            keys.append(int(voluntary))
        elif criterion is OverlapPriority.own_before_foreign:
            keys.append(int(not is_own))
        elif criterion is OverlapPriority.insurance_before_residence:
            keys.append(int(kind is PeriodKind.residence))
    return (*keys, int(not is_own))


def share_days(
    agreement: Agreement, own: list[tuple[Spell, Interval]], foreign: list[tuple[Spell, Interval]], before: date
) -> tuple[list[Interval], list[Interval]]:
    """Own and foreign days, each day once, by the agreement's overlap priority (sort and sweep)."""
    priority = agreement.totalization.overlap_priority if agreement.totalization else []
    last = before - ONE_DAY
    buckets: dict[tuple[bool, bool, PeriodKind], list[Interval]] = {}
    for is_own, entries in ((True, own), (False, foreign)):
        for spell, interval in entries:  # the rank reads only these three facts
            buckets.setdefault((is_own, spell.voluntary, spell.kind), []).append(interval)
    classes: dict[tuple[int, ...], tuple[bool, list[Interval]]] = {}
    for (is_own, voluntary, kind), intervals in buckets.items():
        classes.setdefault(_rank(priority, is_own, voluntary, kind), (is_own, []))[1].extend(intervals)
    taken: list[Interval] = []
    shares: dict[bool, list[list[Interval]]] = {True: [], False: []}
    for key in sorted(classes):
        is_own, intervals = classes[key]
        fresh = subtract_merged(clip_merged(merge(intervals), last), taken)
        taken = union_merged(taken, fresh)
        shares[is_own].append(fresh)
    return _joined(shares[True]), _joined(shares[False])


def _joined(parts: list[list[Interval]]) -> list[Interval]:
    """Disjoint merged lists as one merged list (one list is already so)."""
    return parts[0] if len(parts) == 1 else merge(i for part in parts for i in part)


def count(
    agreement: Agreement,
    scheme: Scheme,
    branch: Branch,
    own: list[tuple[Spell, Interval]],
    spells: Sequence[Spell],
    claim_date: date,
    schemes_in_scope: Mapping[str, list[Scheme]],
    own_basis: LegalBasis,
    cite: Citer,
    scope_basis: LegalBasis,
    periods_of_party: Callable[[str], list[Spell]] | None = None,
) -> tuple[Counting, list[TraceStep]]:
    """Own and foreign months for ``scheme`` from the periods completed before the claim date."""
    party = scheme.country
    rules = totalization_rules(agreement, party, branch)
    foreign = foreign_spells(agreement, party, rules, spells, schemes_in_scope, periods_of_party) if rules else []
    own_days, foreign_days = share_days(agreement, own, foreign, claim_date)
    own_months, foreign_months = months_merged(own_days), months_merged(foreign_days)
    counting = Counting(
        own_days=own_days,
        own_months=own_months,
        foreign_months=foreign_months,
        own_continuous_months=longest_continuous_months(own_days, merged=True)
        if any(r.minimum_own_continuous_months is not None for r in rules)
        else None,
        rules=rules,
        totalized_months=own_months + foreign_months,
        foreign_days=foreign_days,
    )
    trace: list[TraceStep] = []
    trace.append(
        step(
            Rule.own_periods,
            own_basis,
            say(
                "{months} months under the legislation of {country} insured by {scheme}",
                months=_fmt(counting.own_months),
                country=party,
                scheme=scheme.id,
            ),
            kinds=sorted({s.kind.value for s, _ in own}),
        )
    )
    if rules:
        trace.append(
            step(
                Rule.totalization,
                cite.article(rules[0].article),
                say(
                    "{months} months of other parties' periods added, each day counted once",
                    months=_fmt(counting.foreign_months),
                ),
                counts_from=sorted({c for r in rules for c in (r.counts_from or [])}) or "every other party",
                kinds=sorted({k.value for r in rules for k in r.period_kinds}),
            )
        )
        third = [r for r in rules if r.third_country_periods]
        outside = sorted({s.country for s in spells if s.country not in agreement.parties})
        if third and outside:
            trace.append(
                step(
                    Rule.third_country_periods,
                    cite.article(third[0].article),
                    say(
                        "periods in third States linked to both by other agreements may count; the engine does not"
                        " chain agreements, so they are not counted here"
                    ),
                    third_states=outside,
                )
            )
    else:
        trace.append(
            step(
                Rule.totalization,
                scope_basis,
                say("the agreement does not totalize {branch} for {country}", branch=branch, country=party),
            )
        )
    return counting, trace


def _fmt(value: Fraction) -> str:
    return str(int(value)) if value.denominator == 1 else f"{float(value):.2f}"
