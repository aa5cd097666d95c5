"""One institution's decision: entitlement, amounts and export under one scheme."""

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction

from coordina.domain.agreement import Agreement
from coordina.domain.case import Period, Person
from coordina.domain.decision import InstitutionDecision, TraceStep
from coordina.domain.provisions import CalculationMethod, CalculationRule
from coordina.domain.quantities import Money
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules.amounts import Basis, national_amount, pro_rata_fraction, to_money
from coordina.rules.eligibility import conversion_step, duration_in_months, reaches_age, required_months
from coordina.rules.equality import lump_sum_refund
from coordina.rules.export import payable_abroad
from coordina.rules.totalization import Counting, count
from coordina.rules.trace import step


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


def decide(
    agreement: Agreement,
    scheme: Scheme,
    branch: Branch,
    person: Person,
    periods: Sequence[Period],
    claim_date: date,
    reference_amounts: Mapping[str, Money],
) -> InstitutionDecision:
    counting = count(agreement, scheme, branch, periods, claim_date)
    trace = list(counting.trace)
    reasons: list[str] = []
    own, totalized = counting.own_months, counting.totalized_months

    needed, needed_step = required_months(scheme, branch, claim_date)
    age_ok, age_step = reaches_age(scheme, person, claim_date) if branch is Branch.old_age else (True, None)
    converted = conversion_step(scheme, branch, claim_date, own, totalized)
    trace += [needed_step] + ([converted] if converted else []) + ([age_step] if age_step else [])
    eligible_national = _meets(own, needed, age_ok)
    gate_ok = eligible_national is True or _minimum_gates(counting, person, scheme.country, trace, reasons)
    totalizes = bool(counting.rules)
    eligible_totalized = (_meets(totalized, needed, age_ok) is True and gate_ok and own > 0) if totalizes else None
    if own == 0:
        reasons.append(f"no periods under the legislation of {scheme.country}: nothing to pay")
    if age_ok is False:
        reasons.append("the pensionable age is not reached on the claim date")
    if needed is not None and not eligible_national:
        have = totalized if totalizes else own
        if have < needed:
            reasons.append(
                f"{_fmt(have)} months {'with totalization' if totalizes else 'of own periods'}"
                f" are fewer than the {_fmt(needed)} months required"
            )
    trace.append(
        step(
            "eligibility",
            scheme.id,
            f"national periods alone: {_yes(eligible_national)}; with totalization: {_yes(eligible_totalized)}",
        )
    )

    rule = calculation_rule(agreement, scheme, branch, person)
    method = rule.method if rule else (CalculationMethod.pro_rata if totalizes else CalculationMethod.independent)
    basis = _basis(scheme, claim_date, periods, reference_amounts)
    full_career = _full_career(scheme, claim_date)
    cap = rule.maximum_period_cap if rule else False
    fraction = pro_rata_fraction(own, totalized, full_career, cap) if totalizes else None
    independent = _amount(basis, own) if eligible_national else (Fraction(0) if basis else None)
    theoretical = _amount(basis, totalized) if eligible_totalized else None
    pro_rata = theoretical * fraction if theoretical is not None and fraction is not None else None
    payable = _payable(method, rule, basis, own, eligible_national, eligible_totalized, independent, pro_rata)
    if eligible_totalized is False and not eligible_national and not gate_ok:
        payable = Fraction(0)
    trace.append(_amount_step(method, rule, basis, independent, theoretical, fraction, pro_rata, payable))
    if basis is None:
        reasons.append("no benefit formula with a monetary basis in the scheme data: amounts not computed")
    elif method is CalculationMethod.direct_deduction and payable is None:
        reasons.append("rate = full rate less the other parties' pensions: needs those pensions in this currency")

    abroad, export_step = payable_abroad(agreement, scheme, branch, person, own, totalized, claim_date)
    refund, refund_steps = lump_sum_refund(agreement, scheme, person, own, claim_date)
    trace += [export_step, *refund_steps]
    currency = basis.full_amount.currency if basis and basis.full_amount else _earnings_currency(periods, scheme)
    return InstitutionDecision(
        country=scheme.country,
        scheme=scheme.id,
        own_months=own,
        foreign_months=counting.foreign_months,
        totalized_months=totalized,
        eligible_national=eligible_national,
        eligible_totalized=eligible_totalized,
        pro_rata_fraction=fraction,
        independent_amount=_money(independent),
        theoretical_amount=_money(theoretical),
        pro_rata_amount=_money(pro_rata),
        payable_amount=_money(payable),
        currency=currency,
        payable_abroad=abroad,
        lump_sum_refund_available=refund,
        reasons=reasons,
        trace=trace,
    )


def _meets(months: Fraction, needed: Fraction | None, age_ok: bool | None) -> bool | None:
    if age_ok is None:
        return None
    if needed is None:
        return age_ok and months > 0
    return age_ok and months >= needed and months > 0  # a right needs some periods under the legislation


def _minimum_gates(counting: Counting, person: Person, party: str, trace: list[TraceStep], reasons: list[str]) -> bool:
    """A party need not pay on fewer than the agreement's minimum of own periods (e.g. MERCOSUR
    Art. 7(2)) when they give no right on their own (as EU Reg. 883/2004 Art. 57(1)); those
    periods still count for the other parties."""
    ok = True
    for rule in counting.rules:
        if rule.minimum_only_when_residing_abroad and person.residence == party:
            continue
        for minimum, have, what in (
            (rule.minimum_own_months, counting.own_months, "own"),
            (rule.minimum_own_continuous_months, counting.own_continuous_months, "continuous own"),
        ):
            if minimum is None:
                continue
            met = have >= minimum
            trace.append(
                step(
                    "minimum_period",
                    rule.article,
                    f"{minimum} months of {what} periods required: {'met' if met else 'not met'}",
                    have=have,
                )
            )
            if not met:
                ok = False
                reasons.append(f"fewer than {minimum} months of {what} periods: {party} need not pay ({rule.article})")
    return ok


def _basis(scheme: Scheme, on: date, periods: Sequence[Period], reference: Mapping[str, Money]) -> Basis | None:
    formula = scheme.parameters.benefit_formula.at(on) if scheme.parameters.benefit_formula else None
    if formula is None:
        return None
    basis = Basis(
        formula=formula.value,
        full_amount=reference.get(scheme.id, formula.value.full_amount),
        full_career_months=_full_career(scheme, on),
        average_monthly_earnings=_average_earnings(periods, scheme.country),
    )
    if basis.full_amount is None and basis.average_monthly_earnings is None:
        return None
    return basis


def _full_career(scheme: Scheme, on: date) -> Fraction | None:
    career = scheme.parameters.full_career.at(on) if scheme.parameters.full_career else None
    return duration_in_months(career.value) if career else None


def _average_earnings(periods: Sequence[Period], party: str) -> Decimal | None:
    from coordina.rules.periods import months as months_of

    paid = [p for p in periods if p.country == party and p.earnings is not None]
    total_months = months_of([(p.start, p.end) for p in paid])
    if not paid or total_months == 0 or len({p.earnings.currency for p in paid if p.earnings}) != 1:
        return None
    total = sum((p.earnings.amount for p in paid if p.earnings), Decimal(0))
    return total / (Decimal(total_months.numerator) / Decimal(total_months.denominator))


def _earnings_currency(periods: Sequence[Period], scheme: Scheme) -> str | None:
    return next((p.earnings.currency for p in periods if p.country == scheme.country and p.earnings), None)


def _amount(basis: Basis | None, months: Fraction) -> Fraction | None:
    return national_amount(basis, months) if basis else None


def _payable(
    method: CalculationMethod,
    rule: CalculationRule | None,
    basis: Basis | None,
    own: Fraction,
    eligible_national: bool | None,
    eligible_totalized: bool | None,
    independent: Fraction | None,
    pro_rata: Fraction | None,
) -> Fraction | None:
    entitled = bool(eligible_national or eligible_totalized)
    if basis is None:
        return None
    match method:
        case CalculationMethod.independent:
            return independent
        case CalculationMethod.pro_rata:
            # Totalization only "to the extent necessary": national entitlement is paid as such.
            return independent if eligible_national else (pro_rata if eligible_totalized else Fraction(0))
        case CalculationMethod.higher_of_independent_and_pro_rata:
            return max(independent or Fraction(0), pro_rata or Fraction(0))
        case CalculationMethod.direct:
            return national_amount(basis, own) if entitled else Fraction(0)
        case CalculationMethod.residence_proportional:
            if not entitled:
                return Fraction(0)
            if rule and rule.denominator_months and basis.full_amount:
                full = Fraction(basis.full_amount.amount)
                counted = Fraction(int(own // 12) * 12) if basis.formula.complete_years_only else own
                return full * min(Fraction(1), counted / rule.denominator_months)
            return national_amount(basis, own)
        case CalculationMethod.direct_deduction:
            # National entitlement is paid as such; otherwise the full rate less the other parties'
            # pensions, which this engine does not convert between currencies.
            return independent if eligible_national else (None if eligible_totalized else Fraction(0))
        case CalculationMethod.account_balance:
            return None
    return None  # pragma: no cover


def _amount_step(
    method: CalculationMethod,
    rule: CalculationRule | None,
    basis: Basis | None,
    independent: Fraction | None,
    theoretical: Fraction | None,
    fraction: Fraction | None,
    pro_rata: Fraction | None,
    payable: Fraction | None,
) -> TraceStep:
    basis_text = (
        f"full amount {basis.full_amount}"
        if basis and basis.full_amount
        else "average earnings"
        if basis
        else "no monetary basis"
    )
    return step(
        "calculation",
        rule.article if rule else None,
        f"method {method.value}: payable {_money(payable) if payable is not None else 'not computed'}",
        monetary_basis=basis_text,
        independent=_money(independent),
        theoretical=_money(theoretical),
        pro_rata_fraction=fraction,
        pro_rata=_money(pro_rata),
        denominator_months=rule.denominator_months if rule else None,
    )


def _money(value: Fraction | None) -> Decimal | None:
    return to_money(value) if value is not None else None


def _fmt(value: Fraction) -> str:
    return str(int(value)) if value.denominator == 1 else f"{float(value):.2f}"


def _yes(value: bool | None) -> str:
    return {True: "eligible", False: "not eligible", None: "not determined"}[value]
