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
from decimal import Decimal
from fractions import Fraction

from coordina.domain.agreement import Agreement
from coordina.domain.case import Person
from coordina.domain.decision import InstitutionDecision, Rule, TraceStep, trusted
from coordina.domain.legal import LegalBasis
from coordina.domain.parameters import Dated
from coordina.domain.provisions import CalculationMethod
from coordina.domain.quantities import Money
from coordina.domain.scheme import AgeWindow, BenefitFormula, Scheme
from coordina.domain.vocabulary import Branch
from coordina.domain.wording import Wording, say
from coordina.rules import amounts
from coordina.rules.ages import AgeReached, counting_ages, limit_to_window, pension_age, sexes_to_try
from coordina.rules.attribution import scheme_attribution
from coordina.rules.eligibility import (
    all3,
    eligibility_step,
    exact_months,
    meets,
    minimum_period,
    qualifying_period,
    qualifying_value,
)
from coordina.rules.equality import lump_sum_refund
from coordina.rules.export import export
from coordina.rules.money import legal_tender, to_money
from coordina.rules.periods import intersect_all, merge, months
from coordina.rules.spells import Spell
from coordina.rules.totalization import Counting, count, own_kinds, party_periods
from coordina.rules.trace import Citer, national, reasons_of, step
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
    money, money_trace = amounts_due(claim, scheme, person, periods, rights)
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


@dataclass(frozen=True)
class CountedPeriods:
    """The scheme's own periods, the foreign ones added to them, and the age facts they rest on."""

    own: list[Spell]
    counting: Counting
    amount_months: Fraction
    window_unknown: bool
    own_basis: LegalBasis


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
    periods = CountedPeriods(
        own=own,
        counting=counting,
        amount_months=_amount_months(counting.own_days, mine, window, window_days) or counting.own_months,
        window_unknown=window is not None and window_days is None,
        own_basis=own_basis,
    )
    return periods, trace + window_trace + counting_trace


@dataclass(frozen=True)
class Rights:
    """Eligibility under national law alone and with totalization (three-valued)."""

    national: bool | None
    totalized: bool | None
    totalizes: bool


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


@dataclass(frozen=True)
class Amounts:
    """What the institution computes and pays, in the currency's minor unit."""

    fraction: Fraction | None
    independent: Decimal | None
    theoretical: Decimal | None
    pro_rata: Decimal | None
    payable: Decimal | None
    currency: str | None
    period: str | None


def amounts_due(
    claim: Claim, scheme: Scheme, person: Person, periods: CountedPeriods, rights: Rights
) -> tuple[Amounts, list[TraceStep]]:
    """Independent, theoretical, pro-rata and payable amounts under the agreement's method."""
    agreement, on, counting = claim.agreement, claim.claim_date, periods.counting
    rule = amounts.calculation_rule(agreement, scheme, claim.branch, person)
    method = (
        rule.method if rule else (CalculationMethod.pro_rata if rights.totalizes else CalculationMethod.independent)
    )
    formula = scheme.parameters.benefit_formula.at(on) if scheme.parameters.benefit_formula else None
    full_career = _full_career(scheme, on)
    basis = (
        None if periods.window_unknown else _basis(scheme, formula, full_career, periods.own, claim.reference_amounts)
    )
    rounding = scheme.parameters.rounding.at(on) if scheme.parameters.rounding else None
    currency = (
        basis.full_amount.currency
        if basis and basis.full_amount
        else _earnings_currency(periods.own) or legal_tender(scheme.country, on)
    )
    cap = rule.maximum_period_cap if rule else False
    fraction = (
        amounts.pro_rata_fraction(counting.own_months, counting.totalized_months, full_career, cap)
        if rights.totalizes
        else None
    )
    independent = amounts.independent_amount(basis, periods.amount_months, rights.national)
    theoretical = amounts.theoretical_amount(basis, counting.totalized_months, rights.totalized, method)
    pro_rata = amounts.pro_rata_amount(theoretical, fraction)
    payable = amounts.payable_amount(
        method, basis, periods.amount_months, rights.national,
        rights.totalized if rights.totalizes else rights.national, independent, pro_rata,
        rule.denominator_months if rule else None,
    )  # fmt: skip

    def money(value: Fraction | None) -> Decimal | None:
        if value is None or currency is None:
            return None
        return to_money(value, currency, rounding.value if rounding else None)

    paid = Amounts(fraction, money(independent), money(theoretical), money(pro_rata), money(payable), currency,
                   formula.value.amount_period if formula and currency else None)  # fmt: skip

    def shown(amount: Decimal | None) -> Wording:
        return say("{amount} {currency}", amount=amount, currency=currency) if amount is not None else _NOT_COMPUTED

    national_formula = national(scheme, formula)
    cite = claim.cite
    agreement_rule = cite.article(rule.article) if rule else (
        cite.article(counting.rules[0].article) if counting.rules else national_formula
    )  # fmt: skip
    no_basis = say("no benefit formula with a monetary basis in the scheme data: amounts not computed")
    trace = [
        step(
            Rule.independent_amount,
            national_formula,
            say("national law alone: {amount}", amount=shown(paid.independent)),
            reason=no_basis if basis is None else None,
            months=periods.amount_months,
        )
    ]
    if method in amounts.PRO_RATA_METHODS and rights.totalizes:
        trace.append(
            step(
                Rule.theoretical_amount,
                agreement_rule,
                say("on all totalized periods: {amount}", amount=shown(paid.theoretical)),
            )
        )
        trace.append(
            step(
                Rule.pro_rata_amount,
                agreement_rule,
                say("{fraction} of the theoretical amount: {amount}", fraction=fraction, amount=shown(paid.pro_rata)),
            )
        )
    deduction = (
        say("rate = full rate less the other parties' pensions: needs those pensions in this currency")
        if method is CalculationMethod.direct_deduction and payable is None and basis is not None
        else None
    )
    trace.append(
        step(
            Rule.payable_amount,
            agreement_rule,
            say("method {method}: payable {amount}", method=method, amount=shown(paid.payable)),
            reason=deduction,
            denominator_months=rule.denominator_months if rule else None,
            rounding=rounding.reference if rounding else "currency minor unit, half-up",
        )
    )
    return paid, trace


_NOT_COMPUTED = say("not computed")


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


def _basis(
    scheme: Scheme,
    formula: Dated[BenefitFormula] | None,
    full_career: Fraction | None,
    own: Sequence[Spell],
    reference: Mapping[str, Money],
) -> amounts.Basis | None:
    if formula is None:
        return None
    reads_earnings = formula.value.kind in amounts.EARNINGS_FORMULAS
    basis = amounts.Basis(
        formula=formula.value,
        full_amount=reference.get(scheme.id, formula.value.full_amount),
        full_career_months=full_career,
        average_monthly_earnings=amounts.average_monthly_earnings(own) if reads_earnings else None,
    )
    if basis.full_amount is None and basis.average_monthly_earnings is None:
        return None
    return basis


def _full_career(scheme: Scheme, on: date) -> Fraction | None:
    career = scheme.parameters.full_career.at(on) if scheme.parameters.full_career else None
    return exact_months(career.value) if career else None


def _earnings_currency(own: Sequence[Spell]) -> str | None:
    return next((s.earnings.currency for s in own if s.earnings), None)
