"""One institution's decision under one scheme: a composer of small named rules.

Each output comes from one function named for it (``rules.attribution``, ``rules.ages``,
``rules.totalization``, ``rules.eligibility``, ``rules.amounts``, ``rules.export``,
``rules.equality``); this module only passes each what it depends on, in the order of
reasoning, and derives the caseworker's reasons from the trace. Where the pension age
depends on a sex the case does not give, every variant is decided (``rules.variants``).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from coordina.domain.agreement import Agreement
from coordina.domain.case import Person
from coordina.domain.decision import InstitutionDecision, Rule, TraceStep, trusted
from coordina.domain.legal import LegalBasis
from coordina.domain.provisions import CalculationMethod, CalculationRule
from coordina.domain.quantities import Money
from coordina.domain.scheme import AgeWindow, Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules import amounts
from coordina.rules.ages import counting_ages, limit_to_window, pension_age, sexes_to_try
from coordina.rules.attribution import scheme_attribution
from coordina.rules.eligibility import all3, exact_months, meets, minimum_periods, qualifying_period, qualifying_value
from coordina.rules.equality import lump_sum_refund
from coordina.rules.export import export
from coordina.rules.money import legal_tender, to_money
from coordina.rules.periods import intersect_all, merge, months
from coordina.rules.spells import Spell
from coordina.rules.totalization import count, own_kinds
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


def calculation_rule(agreement: Agreement, scheme: Scheme, branch: Branch, person: Person) -> CalculationRule | None:
    """The agreement's calculation rule for the scheme: one naming the scheme before a general one."""
    at_home = person.residence == scheme.country
    candidates = [
        c
        for c in agreement.calculation
        if c.party in (scheme.country, None) and branch in c.branches and not (c.only_when_residing_abroad and at_home)
    ]
    named = [c for c in candidates if scheme.id in c.schemes]
    general = [c for c in candidates if not c.schemes]
    return next(iter(named or general), None)


def decide(claim: Claim, scheme: Scheme) -> InstitutionDecision:
    """The institution's decision; every sex variant where the law and the case leave it open."""
    sexes = sexes_to_try(scheme, claim.person, claim.claim_date) if claim.branch is Branch.old_age else [None]
    variants = [decide_as(claim, scheme, sex) for sex in sexes]
    return variants[0] if len(variants) == 1 else merge_variants(variants)


def decide_as(claim: Claim, scheme: Scheme, sex: str | None) -> InstitutionDecision:
    agreement, cite, on, person, branch = claim.agreement, claim.cite, claim.claim_date, claim.person, claim.branch
    person = person if sex is None or person.sex == sex else person.model_copy(update={"sex": sex})
    attribution = scheme_attribution(scheme, claim.spells, len(claim.schemes_in_scope.get(scheme.country, [])) > 1)
    trace: list[TraceStep] = list(attribution.trace)

    age = pension_age(scheme, person, sex, on) if branch is Branch.old_age else None
    window, window_days, window_step = counting_ages(scheme, person, age.reached_on if age else None, on)
    trace += [window_step] if window_step else []
    kinds = own_kinds(scheme, branch, on)
    own = [(s, s.interval) for s in attribution.spells if s.kind in kinds]
    qualification = own
    if window and window_days and "qualification" in window.applies_to:
        qualification = limit_to_window(own, window, window_days)
    own_basis = _own_basis(scheme, branch, on)
    counting = count(
        agreement,
        scheme,
        branch,
        qualification,
        claim.spells,
        on,
        claim.schemes_in_scope,
        own_basis,
        cite,
        claim.scope_basis,
    )
    trace += counting.trace
    own_months, totalized_months = counting.own_months, counting.totalized_months
    amount_months = _amount_months(counting.own_days, own, window, window_days)

    needed, needed_trace = qualifying_period(agreement, scheme, branch, on, cite)
    trace += needed_trace + ([age.step] if age else [])
    reached = age.reached if age else True
    eligible_national = meets(own_months, needed, reached)
    gate_ok = True
    if eligible_national is not True:
        gate_ok, gate_trace = minimum_periods(
            counting.rules, own_months, counting.own_continuous_months, person.residence, scheme.country, cite
        )
        trace += gate_trace
    totalizes = bool(counting.rules)
    eligible_totalized = (
        all3([own_months > 0, meets(totalized_months, needed, reached), gate_ok]) if totalizes else None
    )
    trace.append(_eligibility_step(scheme, own_months, totalized_months, needed, totalizes, eligible_national,
                                   eligible_totalized, own_basis))  # fmt: skip

    rule = calculation_rule(agreement, scheme, branch, person)
    method = rule.method if rule else (CalculationMethod.pro_rata if totalizes else CalculationMethod.independent)
    basis = _basis(scheme, on, attribution.spells, claim.reference_amounts)
    if window and window_days is None:
        basis = None  # the months of the amount depend on a pension age that is not known
    formula = scheme.parameters.benefit_formula.at(on) if scheme.parameters.benefit_formula else None
    rounding_value = scheme.parameters.rounding.at(on) if scheme.parameters.rounding else None
    currency = (
        basis.full_amount.currency
        if basis and basis.full_amount
        else _earnings_currency(attribution.spells) or legal_tender(scheme.country, on)
    )
    cap = rule.maximum_period_cap if rule else False
    uses_pro_rata = method in amounts.PRO_RATA_METHODS
    fraction = (
        amounts.pro_rata_fraction(own_months, totalized_months, _full_career(scheme, on), cap) if totalizes else None
    )
    independent = amounts.independent_amount(basis, amount_months, eligible_national)
    theoretical = amounts.theoretical_amount(basis, totalized_months, eligible_totalized, method)
    pro_rata = amounts.pro_rata_amount(theoretical, fraction)
    payable = amounts.payable_amount(
        method,
        basis,
        amount_months,
        eligible_national,
        eligible_totalized if totalizes else eligible_national,
        independent,
        pro_rata,
        rule.denominator_months if rule else None,
    )

    def money(value: Fraction | None) -> Decimal | None:
        if value is None or currency is None:
            return None
        return to_money(value, currency, rounding_value.value if rounding_value else None)

    def shown(value: Fraction | None) -> str:
        amount = money(value)
        return f"{amount} {currency}" if amount is not None else "not computed"

    national_formula = national(scheme, formula)
    agreement_rule = cite.article(rule.article) if rule else (
        cite.article(counting.rules[0].article) if counting.rules else national_formula
    )  # fmt: skip
    no_basis = "no benefit formula with a monetary basis in the scheme data: amounts not computed"
    trace.append(
        step(
            Rule.independent_amount,
            national_formula,
            f"national law alone: {shown(independent)}",
            reason=no_basis if basis is None else None,
            months=amount_months,
        )
    )
    if uses_pro_rata and totalizes:
        trace.append(step(Rule.theoretical_amount, agreement_rule, f"on all totalized periods: {shown(theoretical)}"))
        trace.append(
            step(Rule.pro_rata_amount, agreement_rule, f"{fraction} of the theoretical amount: {shown(pro_rata)}")
        )
    deduction = (
        "rate = full rate less the other parties' pensions: needs those pensions in this currency"
        if method is CalculationMethod.direct_deduction and payable is None and basis is not None
        else None
    )
    trace.append(
        step(
            Rule.payable_amount,
            agreement_rule,
            f"method {method.value}: payable {shown(payable)}",
            reason=deduction,
            denominator_months=rule.denominator_months if rule else None,
            rounding=rounding_value.reference if rounding_value else "currency minor unit, half-up",
        )
    )

    abroad, export_step = export(agreement, scheme, branch, person, counting.own_days, totalized_months, on, cite)
    refund, refund_steps = lump_sum_refund(agreement, scheme, person, own_months, on, cite)
    trace += [export_step, *refund_steps]
    return trusted(
        InstitutionDecision,
        country=scheme.country,
        scheme=scheme.id,
        own_months=own_months,
        foreign_months=counting.foreign_months,
        totalized_months=totalized_months,
        eligible_national=eligible_national,
        eligible_totalized=eligible_totalized,
        pro_rata_fraction=fraction,
        independent_amount=money(independent),
        theoretical_amount=money(theoretical),
        pro_rata_amount=money(pro_rata),
        payable_amount=money(payable),
        currency=currency,
        amount_period=formula.value.amount_period if formula and currency else None,
        payable_abroad=abroad,
        lump_sum_refund_available=refund,
        reasons=reasons_of(trace),
        trace=trace,
    )


def _amount_months(
    own_days: list[tuple[date, date]],
    own: list[tuple[Spell, tuple[date, date]]],
    window: AgeWindow | None,
    window_days: tuple[date, date] | None,
) -> Fraction:
    """Own months for the amount: the counted own days, cut to an age window that limits only
    the amount (e.g. Australian working-life residence from 16 to pension age)."""
    if window is None or window_days is None or "qualification" in window.applies_to:
        return months(own_days)
    allowed = merge([window_days, *(i for s, i in own if s.kind not in window.kinds)])
    return months(intersect_all(own_days, allowed))


def _own_basis(scheme: Scheme, branch: Branch, on: date) -> LegalBasis:
    """What national law counts as the scheme's periods: its qualifying period's provision."""
    return national(scheme, qualifying_value(scheme, branch, on))


def _eligibility_step(
    scheme: Scheme,
    own: Fraction,
    totalized: Fraction,
    needed: Fraction | None,
    totalizes: bool,
    eligible_national: bool | None,
    eligible_totalized: bool | None,
    basis: LegalBasis,
) -> TraceStep:
    reason = None
    have = totalized if totalizes else own
    if own == 0:
        reason = f"no periods under the legislation of {scheme.country}: nothing to pay"
    elif needed is not None and have < needed and not eligible_national:
        reason = (
            f"{_fmt(have)} months {'with totalization' if totalizes else 'of own periods'}"
            f" are fewer than the {_fmt(needed)} months required"
        )
    return step(
        Rule.eligibility,
        basis,
        f"national periods alone: {_yes(eligible_national)}; with totalization: {_yes(eligible_totalized)}",
        reason=reason,
    )


def _basis(scheme: Scheme, on: date, own: Sequence[Spell], reference: Mapping[str, Money]) -> amounts.Basis | None:
    formula = scheme.parameters.benefit_formula.at(on) if scheme.parameters.benefit_formula else None
    if formula is None:
        return None
    basis = amounts.Basis(
        formula=formula.value,
        full_amount=reference.get(scheme.id, formula.value.full_amount),
        full_career_months=_full_career(scheme, on),
        average_monthly_earnings=amounts.average_monthly_earnings(own),
    )
    if basis.full_amount is None and basis.average_monthly_earnings is None:
        return None
    return basis


def _full_career(scheme: Scheme, on: date) -> Fraction | None:
    career = scheme.parameters.full_career.at(on) if scheme.parameters.full_career else None
    return exact_months(career.value) if career else None


def _earnings_currency(own: Sequence[Spell]) -> str | None:
    return next((s.earnings.currency for s in own if s.earnings), None)


def _fmt(value: Fraction) -> str:
    return str(int(value)) if value.denominator == 1 else f"{float(value):.2f}"


def _yes(value: bool | None) -> str:
    return {True: "eligible", False: "not eligible", None: "not determined"}[value]
