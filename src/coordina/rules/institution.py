"""One institution's decision under one scheme: a composer of small named rules.

Each output comes from one function named for it (``rules.attribution``, ``rules.ages``,
``rules.totalization``, ``rules.eligibility``, ``rules.amounts``, ``rules.export``,
``rules.equality``); this module only passes each what it depends on, in the order of
reasoning, and derives the caseworker's reasons from the trace. Where the pension age
depends on a sex the case does not give, every variant is decided (``rules.variants``).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from coordina.domain.agreement import Agreement
from coordina.domain.case import Account, Period, Person
from coordina.domain.decision import InstitutionDecision, TraceStep, trusted
from coordina.domain.legal import LegalBasis
from coordina.domain.quantities import Money
from coordina.domain.scheme import AgeWindow, Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules.ages import AgeReached, counting_ages, limit_to_window, pension_age, sexes_to_try
from coordina.rules.amounts_due import amounts_due
from coordina.rules.attribution import scheme_attribution
from coordina.rules.careers import Figures
from coordina.rules.claim_facts import CountedPeriods, Rights
from coordina.rules.eligibility import (
    all3,
    eligibility_step,
    meets,
    minimum_period,
    qualifying_period,
    qualifying_value,
)
from coordina.rules.equality import lump_sum_refund
from coordina.rules.export import export
from coordina.rules.periods import intersect_all, merge, months
from coordina.rules.spells import Spell
from coordina.rules.totalization import count, own_kinds, party_periods
from coordina.rules.trace import Citer, national, reasons_of
from coordina.rules.validation import validated_counting
from coordina.rules.variants import merge_variants


@dataclass(frozen=True)
class Claim:
    """What every institution's decision reads: the agreement, the person, the spells, the date."""

    agreement: Agreement
    cite: Citer
    branch: Branch
    claim_date: date
    person: Person
    spells: Sequence[Spell]
    schemes_in_scope: Mapping[str, list[Scheme]]
    reference_amounts: Mapping[str, Money]
    scope_basis: LegalBasis
    periods: Sequence[Period] = ()
    """The case's periods (a spell's ``index`` names its period): their earnings by year."""
    accounts: Mapping[str, Account] = field(default_factory=dict)
    figures: Figures = field(default_factory=dict)
    """The careers' heavy parts, worked out once for the sex variants (``rules.careers``)."""
    _party_periods: dict[str, list[Spell]] = field(default_factory=dict)
    _attributed: dict[str, tuple[list[Spell], list[TraceStep]]] = field(default_factory=dict)
    _counted: dict[tuple[str, date | None], tuple["CountedPeriods", list[TraceStep]]] = field(default_factory=dict)

    def counted(
        self, scheme: Scheme, person: Person, pension_age_on: date | None
    ) -> tuple["CountedPeriods", list[TraceStep]]:
        """The scheme's counted periods, shared by the sex variants unless its age window ends
        at a pension age that differs between them."""
        key = (scheme.id, pension_age_on if _window_reads_pension_age(scheme, self.claim_date) else None)
        found = self._counted.get(key)
        if found is None:
            found = self._counted[key] = counted_periods(self, scheme, person, key[1])
        return found

    def periods_of_party(self, country: str) -> list[Spell]:
        """A party's periods under its schemes in scope, worked out once for every institution."""
        found = self._party_periods.get(country)
        if found is None:
            schemes = self.schemes_in_scope.get(country, [])
            found = party_periods(country, self.spells, schemes, lambda scheme: self.attributed(scheme)[0])
            self._party_periods[country] = found
        return found

    def attributed(self, scheme: Scheme) -> tuple[list[Spell], list[TraceStep]]:
        """The scheme's own periods (rules.attribution), worked out once per claim."""
        found = self._attributed.get(scheme.id)
        if found is None:
            several = len(self.schemes_in_scope.get(scheme.country, [])) > 1
            found = self._attributed[scheme.id] = scheme_attribution(scheme, self.spells, several)
        return found


def decide(claim: Claim, scheme: Scheme) -> InstitutionDecision:
    """The institution's decision; every sex variant where the law and the case leave it open."""
    sexes = sexes_to_try(scheme, claim.person, claim.claim_date) if claim.branch is Branch.old_age else [None]
    variants = [decide_as(claim, scheme, sex) for sex in sexes]
    return variants[0] if len(variants) == 1 else merge_variants(variants)


def decide_as(claim: Claim, scheme: Scheme, sex: str | None) -> InstitutionDecision:
    """The decision for one value of the person's sex (None: the case's own, or no matter)."""
    person = claim.person if sex is None or claim.person.sex == sex else claim.person.model_copy(update={"sex": sex})
    age, age_trace = (
        pension_age(scheme, person, sex, claim.claim_date) if claim.branch is Branch.old_age else (None, [])
    )
    periods, counted_trace = claim.counted(scheme, person, age.reached_on if age else None)
    trace = list(counted_trace)
    rights, rights_trace = entitlement(claim, scheme, person, periods, age, age_trace)
    money, money_trace = amounts_due(claim, scheme, person, periods, rights, age.reached_on if age else None)
    abroad, export_trace = export(
        claim.agreement, scheme, claim.branch, person, periods.counting.own_days, periods.counting.totalized_months,
        claim.claim_date, claim.cite,
    )  # fmt: skip
    refund, refund_trace = lump_sum_refund(
        claim.agreement, scheme, person, periods.counting.own_months, claim.claim_date, claim.cite
    )
    trace += rights_trace + money_trace + export_trace + refund_trace
    counting = periods.counting
    return trusted(
        InstitutionDecision,
        country=scheme.country,
        scheme=scheme.id,
        own_months=counting.own_months,
        foreign_months=counting.foreign_months,
        totalized_months=counting.totalized_months,
        eligible_national=rights.national,
        eligible_totalized=rights.totalized,
        pro_rata_fraction=money.fraction,
        independent_amount=money.independent,
        theoretical_amount=money.theoretical,
        pro_rata_amount=money.pro_rata,
        payable_amount=money.payable,
        currency=money.currency,
        amount_period=money.period,
        payable_abroad=abroad,
        lump_sum_refund_available=refund,
        reasons=reasons_of(trace),
        trace=trace,
    )


def counted_periods(
    claim: Claim, scheme: Scheme, person: Person, pension_age_on: date | None
) -> tuple[CountedPeriods, list[TraceStep]]:
    """Attribution to the scheme, its age window (which may end at the pension age), then own
    and foreign months (totalization)."""
    on, branch = claim.claim_date, claim.branch
    own, attribution_trace = claim.attributed(scheme)
    trace = list(attribution_trace)
    (window, window_days), window_trace = counting_ages(scheme, person, pension_age_on, on)
    kinds = own_kinds(scheme, branch, on)
    mine = [(s, (s.start, s.end)) for s in own if s.kind in kinds]
    qualification = mine
    if window and window_days and "qualification" in window.applies_to:
        qualification = limit_to_window(mine, window, window_days)
    own_basis = _own_basis(scheme, branch, on)
    counting, counting_trace = count(
        claim.agreement, scheme, branch, qualification, claim.spells, on, claim.schemes_in_scope,
        own_basis, claim.cite, claim.scope_basis, claim.periods_of_party,
    )  # fmt: skip
    counting, validation_trace = validated_counting(
        scheme, counting, qualification, claim.periods, person, branch, on, own_basis, claim.figures
    )
    counting_trace += validation_trace
    periods = CountedPeriods(
        own=own,
        counted=mine,
        counting=counting,
        amount_months=_amount_months(counting.own_days, mine, window, window_days) or counting.own_months,
        window_unknown=window is not None and window_days is None,
        own_basis=own_basis,
    )
    return periods, trace + window_trace + counting_trace


def entitlement(
    claim: Claim,
    scheme: Scheme,
    person: Person,
    periods: CountedPeriods,
    age: AgeReached | None,
    age_trace: list[TraceStep],
) -> tuple[Rights, list[TraceStep]]:
    """The qualifying period and age, then the agreement's minimum periods (rules.eligibility)."""
    counting = periods.counting
    needed, trace = qualifying_period(claim.agreement, scheme, claim.branch, claim.claim_date, claim.cite)
    trace += age_trace
    reached = age.reached if age else True
    national = meets(counting.own_months, needed, reached)
    gate_ok = True
    if national is not True:
        gate_ok, gate_trace = minimum_period(
            counting.rules, counting.own_months, counting.own_continuous_months, person.residence, scheme.country,
            claim.cite,
        )  # fmt: skip
        trace += gate_trace
    totalizes = bool(counting.rules)
    totalized = (
        all3([counting.own_months > 0, meets(counting.totalized_months, needed, reached), gate_ok])
        if totalizes
        else None
    )
    trace.append(eligibility_step(scheme, counting, needed, totalizes, national, totalized, periods.own_basis))
    return Rights(national, totalized, totalizes), trace


def _amount_months(
    own_days: list[tuple[date, date]],
    own: list[tuple[Spell, tuple[date, date]]],
    window: AgeWindow | None,
    window_days: tuple[date, date] | None,
) -> Fraction | None:
    """Own months for the amount: the counted own days, cut to an age window that limits only
    the amount (e.g. Australian working-life residence from 16 to pension age)."""
    if window is None or window_days is None or "qualification" in window.applies_to:
        return None  # the same as the qualifying own months
    allowed = merge([window_days, *(i for s, i in own if s.kind not in window.kinds)])
    return months(intersect_all(own_days, allowed))


def _window_reads_pension_age(scheme: Scheme, on: date) -> bool:
    parameter = scheme.parameters.counting_ages
    value = parameter.at(on) if parameter else None
    return value is not None and (value.value.to_pension_age or value.value.years_before_pension_age is not None)


def _own_basis(scheme: Scheme, branch: Branch, on: date) -> LegalBasis:
    """What national law counts as the scheme's periods: its qualifying period's provision."""
    return national(scheme, qualifying_value(scheme, branch, on))
