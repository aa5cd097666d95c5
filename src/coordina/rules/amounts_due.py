"""The amounts of one institution's decision: independent, theoretical, pro-rata and payable,
under the agreement's calculation method, in the currency's minor unit.

Where the scheme's formula is one of ``rules.formulas`` (a national earnings formula), it is
computed on the career (``rules.formula_amounts``); the simpler kinds (a flat or full-career
amount, a residence proportion, the caseworker's reference amount) stay in ``rules.amounts``.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

from coordina.domain.agreement import Agreement
from coordina.domain.case import Account, Period, Person
from coordina.domain.decision import Rule, TraceStep
from coordina.domain.parameters import Dated
from coordina.domain.provisions import CalculationMethod, CalculationRule
from coordina.domain.quantities import Money
from coordina.domain.scheme import BenefitFormula, BenefitFormulaKind, Scheme
from coordina.domain.vocabulary import Branch
from coordina.domain.wording import Wording, say
from coordina.rules import amounts
from coordina.rules.careers import Figures
from coordina.rules.claim_facts import CountedPeriods, Rights
from coordina.rules.eligibility import exact_months
from coordina.rules.formula_amounts import computes, formula_amounts
from coordina.rules.money import legal_tender, to_money
from coordina.rules.spells import Spell
from coordina.rules.trace import Citer, national, step


class ClaimFacts(Protocol):
    """What the amounts read of the claim (``rules.institution.Claim``)."""

    @property
    def agreement(self) -> Agreement: ...
    @property
    def cite(self) -> Citer: ...
    @property
    def branch(self) -> Branch: ...
    @property
    def claim_date(self) -> date: ...
    @property
    def reference_amounts(self) -> Mapping[str, Money]: ...
    @property
    def accounts(self) -> Mapping[str, Account]: ...
    @property
    def periods(self) -> Sequence[Period]: ...
    @property
    def figures(self) -> Figures: ...


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


@dataclass(frozen=True)
class _National:
    """The formula's amounts on own and on all totalized periods, before the method."""

    has_basis: bool
    own: Fraction | None
    totalized: Fraction | None
    residence: Fraction | None
    currency: str | None
    reason: Wording | None
    trace: list[TraceStep]


def amounts_due(
    claim: ClaimFacts,
    scheme: Scheme,
    person: Person,
    periods: CountedPeriods,
    rights: Rights,
    pension_age_on: date | None,
) -> tuple[Amounts, list[TraceStep]]:
    """Independent, theoretical, pro-rata and payable amounts under the agreement's method."""
    on, counting = claim.claim_date, periods.counting
    rule = amounts.calculation_rule(claim.agreement, scheme, claim.branch, person)
    method = (
        rule.method if rule else (CalculationMethod.pro_rata if rights.totalizes else CalculationMethod.independent)
    )
    formula = scheme.parameters.benefit_formula.at(on) if scheme.parameters.benefit_formula else None
    full_career = _full_career(scheme, on)
    if computes(formula) and not periods.window_unknown and scheme.id not in claim.reference_amounts:
        assert formula is not None  # computes() checked it
        theoretical_needed = method in amounts.PRO_RATA_METHODS and rights.totalizes
        found = formula_amounts(
            scheme, formula, claim.branch, on, person, pension_age_on, periods.counted, claim.periods, counting,
            legal_tender(scheme.country, on), theoretical_needed, claim.figures,
        )  # fmt: skip
        national_ = _National(True, found.own, found.totalized, None, legal_tender(scheme.country, on), found.reason,
                              found.trace)  # fmt: skip
    else:
        national_ = _simple(claim, scheme, formula, full_career, periods, rule)
    rounding = scheme.parameters.rounding.at(on) if scheme.parameters.rounding else None
    currency = national_.currency
    cap = rule.maximum_period_cap if rule else False
    fraction = (
        amounts.pro_rata_fraction(counting.own_months, counting.totalized_months, full_career, cap)
        if rights.totalizes
        else None
    )
    independent = amounts.independent_amount(national_.own, national_.has_basis, rights.national)
    theoretical = amounts.theoretical_amount(national_.totalized, rights.totalized, method)
    pro_rata = amounts.pro_rata_amount(theoretical, fraction)
    entitled = amounts.Entitled(
        rights.national, rights.totalized if rights.totalizes else rights.national, national_.own, independent,
        pro_rata, national_.residence,
    )  # fmt: skip
    payable = amounts.payable_amount(method, national_.has_basis, entitled)

    def money(value: Fraction | None) -> Decimal | None:
        if value is None or currency is None:
            return None
        return to_money(value, currency, rounding.value if rounding else None)

    paid = Amounts(fraction, money(independent), money(theoretical), money(pro_rata), money(payable), currency,
                   formula.value.amount_period if formula and currency else None)  # fmt: skip
    rounded = rounding.reference if rounding and rounding.reference else "currency minor unit, half-up"
    trace = national_.trace + _amount_steps(
        claim, scheme, formula, rule, method, rights, periods, paid, national_, payable is None, rounded
    )
    return paid, trace


def _simple(
    claim: ClaimFacts,
    scheme: Scheme,
    formula: Dated[BenefitFormula] | None,
    full_career: Fraction | None,
    periods: CountedPeriods,
    rule: CalculationRule | None,
) -> _National:
    """A flat, full-career, residence or account amount (``rules.amounts``)."""
    on, counting = claim.claim_date, periods.counting
    account = claim.accounts.get(scheme.id)
    if formula is not None and formula.value.kind is BenefitFormulaKind.account_balance and account is not None:
        own = amounts.account_amount(account)
        reason = None if own is not None else say("the account's annuity factor is not given: amount not computed")
        return _National(True, own, None, None, account.balance.currency, reason, [])
    basis = (
        None
        if periods.window_unknown
        else _basis(scheme, formula, full_career, periods.own, claim.reference_amounts, on)
    )
    currency = (
        basis.full_amount.currency
        if basis and basis.full_amount
        else _earnings_currency(periods.own) or legal_tender(scheme.country, on)
    )
    if basis is None:
        reason = say("no benefit formula with a monetary basis in the scheme data: amounts not computed")
        return _National(False, None, None, None, currency, reason, [])
    denominator = rule.denominator_months if rule else None
    trace = []
    if basis.formula.kind is BenefitFormulaKind.means_tested:
        untested = say("the maximum rate, before the income and assets tests: the case gives no income or assets")
        trace.append(step(Rule.benefit_formula, national(scheme, formula), untested, reason=untested))
    return _National(
        True,
        amounts.national_amount(basis, periods.amount_months),
        amounts.national_amount(basis, counting.totalized_months),
        amounts.residence_rate(basis, periods.amount_months, denominator),
        currency,
        None,
        trace,
    )


def _amount_steps(
    claim: ClaimFacts,
    scheme: Scheme,
    formula: Dated[BenefitFormula] | None,
    rule: CalculationRule | None,
    method: CalculationMethod,
    rights: Rights,
    periods: CountedPeriods,
    paid: Amounts,
    national_: _National,
    unpaid: bool,
    rounded: str,
) -> list[TraceStep]:
    currency, counting = paid.currency, periods.counting

    def shown(amount: Decimal | None) -> Wording:
        return say("{amount} {currency}", amount=amount, currency=currency) if amount is not None else _NOT_COMPUTED

    national_formula = national(scheme, formula)
    cite = claim.cite
    agreement_rule = cite.article(rule.article) if rule else (
        cite.article(counting.rules[0].article) if counting.rules else national_formula
    )  # fmt: skip
    trace = [
        step(
            Rule.independent_amount,
            national_formula,
            say("national law alone: {amount}", amount=shown(paid.independent)),
            reason=national_.reason if paid.independent is None or not national_.has_basis else None,
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
                say(
                    "{fraction} of the theoretical amount: {amount}",
                    fraction=paid.fraction,
                    amount=shown(paid.pro_rata),
                ),
            )
        )
    deduction = (
        say("rate = full rate less the other parties' pensions: needs those pensions in this currency")
        if method is CalculationMethod.direct_deduction and unpaid and national_.has_basis
        else None
    )
    trace.append(
        step(
            Rule.payable_amount,
            agreement_rule,
            say("method {method}: payable {amount}", method=method, amount=shown(paid.payable)),
            reason=deduction,
            denominator_months=rule.denominator_months if rule else None,
            rounding=rounded,
        )
    )
    return trace


_NOT_COMPUTED = say("not computed")


def _basis(
    scheme: Scheme,
    formula: Dated[BenefitFormula] | None,
    full_career: Fraction | None,
    own: Sequence[Spell],
    reference: Mapping[str, Money],
    on: date,
) -> amounts.Basis | None:
    if formula is None:
        return None
    reads_earnings = formula.value.kind in amounts.EARNINGS_FORMULAS
    basis = amounts.Basis(
        formula=formula.value,
        full_amount=reference.get(scheme.id, formula.value.full_amount or _dated_full_amount(scheme, on)),
        full_career_months=full_career,
        average_monthly_earnings=amounts.average_monthly_earnings(own) if reads_earnings else None,
    )
    if basis.full_amount is None and basis.average_monthly_earnings is None:
        return None
    return basis


def _dated_full_amount(scheme: Scheme, on: date) -> Money | None:
    """The scheme's full amount by date (``values.full_amount``), in the legal tender of that day."""
    parameter = scheme.parameters.values.get("full_amount")
    value = parameter.at(on) if parameter else None
    currency = legal_tender(scheme.country, on)
    return Money(amount=value.value, currency=currency) if value is not None and currency else None


def _full_career(scheme: Scheme, on: date) -> Fraction | None:
    career = scheme.parameters.full_career.at(on) if scheme.parameters.full_career else None
    return exact_months(career.value) if career else None


def _earnings_currency(own: Sequence[Spell]) -> str | None:
    return next((s.earnings.currency for s in own if s.earnings), None)
