"""Benefit amounts: the national formula, then the independent, theoretical, pro-rata and
payable amounts, one small function each.

Follows the independent / theoretical / pro-rata scheme of EU Reg. 883/2004 Art. 52 and
the maximum-period rule of Art. 56(1)(a), which agreements adopt or vary (domain-facts §3.4-3.5).
Amounts stay exact (``Fraction``) until they are shown in the currency (``rules.money``).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from coordina.domain.agreement import Agreement
from coordina.domain.case import Account, Person
from coordina.domain.provisions import CalculationMethod, CalculationRule
from coordina.domain.quantities import Money
from coordina.domain.scheme import BenefitFormula, BenefitFormulaKind, Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules.eligibility import all3
from coordina.rules.periods import months
from coordina.rules.spells import Spell

EARNINGS_FORMULAS = frozenset({BenefitFormulaKind.earnings_related, BenefitFormulaKind.earnings_points})
"""Formula kinds that read the person's earnings (the others need only the periods)."""

PRO_RATA_METHODS = frozenset({CalculationMethod.pro_rata, CalculationMethod.higher_of_independent_and_pro_rata})
"""Methods that compute a theoretical amount and its pro-rata share; the others (a residence
pension's own proportion, a direct deduction) show neither."""


@dataclass(frozen=True)
class Basis:
    """What the national formula needs beyond the months: a full amount or average earnings."""

    formula: BenefitFormula
    full_amount: Money | None
    full_career_months: Fraction | None
    average_monthly_earnings: Decimal | None


def average_monthly_earnings(own: Sequence[Spell]) -> Decimal | None:
    """Earnings of the periods that report them, per month of those periods (one currency).

    Earnings are reported over a whole period, so each period counts once, over its own
    days, however the legislation rules cut it."""
    paid = {s.index: s for s in own if s.earnings is not None}
    currencies = {s.earnings.currency for s in paid.values() if s.earnings}
    total_months = months((s.period_start, s.period_end) for s in paid.values())
    if not paid or total_months == 0 or len(currencies) != 1:
        return None
    total = sum((s.earnings.amount for s in paid.values() if s.earnings), Decimal(0))
    return total / (Decimal(total_months.numerator) / Decimal(total_months.denominator))


def accrual(formula: BenefitFormula) -> Fraction | None:
    if formula.accrual_per_year is None:
        return None
    return Fraction(formula.accrual_per_year.replace(" ", ""))


def national_amount(basis: Basis, months: Fraction) -> Fraction | None:
    """The amount national law gives for ``months`` of periods, or None without a basis."""
    formula = basis.formula
    years = Fraction(int(months // 12)) if formula.complete_years_only else months / 12
    rate = accrual(formula)
    full = Fraction(basis.full_amount.amount) if basis.full_amount else None
    match formula.kind:
        case BenefitFormulaKind.flat_rate | BenefitFormulaKind.means_tested:
            return full  # means-tested: the maximum rate, before the means test
        case BenefitFormulaKind.residence_proportional:
            if full is None:
                return None
            if rate is not None:
                return full * min(Fraction(1), rate * years)
            if basis.full_career_months:
                return full * min(Fraction(1), months / basis.full_career_months)
            return full
        case BenefitFormulaKind.earnings_related | BenefitFormulaKind.earnings_points:
            if basis.average_monthly_earnings is not None and rate is not None:
                capped = min(years, basis.full_career_months / 12) if basis.full_career_months else years
                return Fraction(basis.average_monthly_earnings) * rate * capped
            if full is not None and basis.full_career_months:
                return full * min(Fraction(1), months / basis.full_career_months)
            return None
        case BenefitFormulaKind.account_balance | BenefitFormulaKind.lump_sum:
            return None  # account balances and lump sums are not computed here
        case _:
            # A national formula (rules.formulas) given a reference full-career amount by the
            # caseworker: that amount in proportion to the full career.
            if full is not None and basis.full_career_months:
                return full * min(Fraction(1), months / basis.full_career_months)
            return None


def pro_rata_fraction(own: Fraction, totalized: Fraction, full_career: Fraction | None, cap: bool) -> Fraction:
    """own / totalized, with totalized capped at the full career where the rule applies (Art. 56(1)(a))."""
    if totalized == 0:
        return Fraction(0)
    denominator = min(totalized, full_career) if cap and full_career else totalized
    return min(Fraction(1), own / denominator)


def independent_amount(own: Fraction | None, has_basis: bool, eligible_national: bool | None) -> Fraction | None:
    """National law alone: the formula on own periods if entitled, nothing if not."""
    if not has_basis or eligible_national is None:
        return None
    return own if eligible_national else Fraction(0)


def theoretical_amount(
    totalized: Fraction | None, eligible_totalized: bool | None, method: CalculationMethod
) -> Fraction | None:
    """The amount as if every totalized period had been completed under this legislation."""
    if method not in PRO_RATA_METHODS or eligible_totalized is not True:
        return None
    return totalized


def pro_rata_amount(theoretical: Fraction | None, fraction: Fraction | None) -> Fraction | None:
    """The theoretical amount times own over totalized periods."""
    return theoretical * fraction if theoretical is not None and fraction is not None else None


def residence_rate(basis: Basis, own_months: Fraction, denominator_months: int | None) -> Fraction | None:
    """A residence pension's own proportion: own months over the agreement's full-pension months."""
    if denominator_months and basis.full_amount:
        counted = Fraction(int(own_months // 12) * 12) if basis.formula.complete_years_only else own_months
        return Fraction(basis.full_amount.amount) * min(Fraction(1), counted / denominator_months)
    return national_amount(basis, own_months)


@dataclass(frozen=True)
class Entitled:
    """What the payable amount depends on: the rights, and the amounts already worked out."""

    eligible_national: bool | None
    eligible_totalized: bool | None
    own: Fraction | None
    """The national formula on own periods (whatever the rights)."""
    independent: Fraction | None
    pro_rata: Fraction | None
    residence: Fraction | None
    """A residence pension's own proportion under the agreement (``residence_rate``)."""


def payable_amount(method: CalculationMethod, has_basis: bool, rights: Entitled) -> Fraction | None:
    """What the institution pays under the agreement's calculation method."""
    eligible_national, eligible_totalized = rights.eligible_national, rights.eligible_totalized
    entitled = _any3(eligible_national, eligible_totalized)
    if entitled is False:
        return Fraction(0)  # no right: nothing to pay, whatever the formula
    if not has_basis:
        return None
    match method:
        case CalculationMethod.independent:
            return rights.independent
        case CalculationMethod.pro_rata | CalculationMethod.direct_deduction:
            # Totalization only "to the extent necessary": a national entitlement is paid as such.
            # A direct deduction (the full rate less the other parties' pensions) needs those
            # pensions in this currency, which the case does not give.
            if eligible_national is not False:
                return rights.independent
            if method is CalculationMethod.direct_deduction or eligible_totalized is None:
                return None
            return rights.pro_rata
        case CalculationMethod.higher_of_independent_and_pro_rata:
            if all3([eligible_national is not None, eligible_totalized is not None]) is not True:
                return None
            candidates = [rights.independent, *([rights.pro_rata] if eligible_totalized else [])]
            known = [c for c in candidates if c is not None]
            return max(known) if len(known) == len(candidates) else None  # an unknown amount may be the higher
        case CalculationMethod.direct:
            return rights.own if entitled else None
        case CalculationMethod.residence_proportional:
            return rights.residence if entitled else None
        case CalculationMethod.account_balance:
            return rights.own if entitled else None
    return None  # pragma: no cover


def account_amount(account: Account) -> Fraction | None:
    """An account's monthly pension: the balance over the annuity factor the administrator gives
    (for Chile, DL 3.500 art. 65: the balance over the capital needed per unit of pension)."""
    if account.annuity_factor is None:
        return None
    return Fraction(account.balance.amount) / Fraction(account.annuity_factor)


def _any3(a: bool | None, b: bool | None) -> bool | None:
    if a is True or b is True:
        return True
    return None if a is None or b is None else False


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
