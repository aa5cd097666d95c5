"""Benefit amounts: the national formula, the theoretical and pro-rata amounts.

Follows the independent / theoretical / pro-rata scheme of EU Reg. 883/2004 Art. 52 and
the maximum-period rule of Art. 56(1)(a), which agreements adopt or vary (domain-facts §3.4-3.5).
Money is exact: ``Decimal``, rounded half-up to the cent at the end.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from coordina.domain.quantities import Money
from coordina.domain.scheme import BenefitFormula, BenefitFormulaKind

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Basis:
    """What the national formula needs beyond the months: a full amount or average earnings."""

    formula: BenefitFormula
    full_amount: Money | None
    full_career_months: Fraction | None
    average_monthly_earnings: Decimal | None


def to_money(value: Fraction) -> Decimal:
    """Half-up to the cent (e.g. OAS Regulations; our default where the law is silent)."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


def accrual(formula: BenefitFormula) -> Fraction | None:
    if formula.accrual_per_year is None:
        return None
    return Fraction(formula.accrual_per_year.replace(" ", ""))


def national_amount(basis: Basis, months: Fraction) -> Fraction | None:
    """The monthly amount national law gives for ``months`` of periods, or None without a basis."""
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
                capped = years
                if basis.full_career_months:
                    capped = min(years, basis.full_career_months / 12)
                return Fraction(basis.average_monthly_earnings) * rate * capped
            if full is not None and basis.full_career_months:
                return full * min(Fraction(1), months / basis.full_career_months)
            return None
        case _:
            return None  # account balances and lump sums are not computed here


def pro_rata_fraction(own: Fraction, totalized: Fraction, full_career: Fraction | None, cap: bool) -> Fraction:
    """own / totalized, with totalized capped at the full career where the rule applies (Art. 56(1)(a))."""
    if totalized == 0:
        return Fraction(0)
    denominator = min(totalized, full_career) if cap and full_career else totalized
    return min(Fraction(1), own / denominator)
