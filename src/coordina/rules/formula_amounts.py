"""The national formula of the scheme on the person's own periods and, for the theoretical
amount, on every totalized period (``rules.formulas``; careers from ``rules.careers``).

A survivors' or invalidity pension is computed only where national law derives it from the
old-age formula (``derived_share_by_branch``: a share of it); otherwise it is not computed,
and the trace says why.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from coordina.domain.case import Period, Person
from coordina.domain.decision import Rule, TraceStep
from coordina.domain.legal import LegalBasis
from coordina.domain.parameters import Dated
from coordina.domain.scheme import BenefitFormula, Scheme
from coordina.domain.series import DerivedShare
from coordina.domain.vocabulary import Branch
from coordina.domain.wording import Wording, listing, say
from coordina.rules.careers import Figures, own_career, theoretical_career
from coordina.rules.formulas import FORMULAS
from coordina.rules.formulas.career import Career, FormulaResult
from coordina.rules.money import EURO_CONVERSION_BASIS, EURO_CONVERSION_RATES
from coordina.rules.periods import Interval
from coordina.rules.spells import Spell
from coordina.rules.totalization import Counting
from coordina.rules.trace import national, provision, step


@dataclass(frozen=True)
class NationalAmounts:
    """The formula's amounts before the agreement's method (None: not computed, ``reason`` why)."""

    own: Fraction | None
    totalized: Fraction | None
    reason: Wording | None
    trace: list[TraceStep]


def computes(formula: Dated[BenefitFormula] | None) -> bool:
    """Whether the scheme's formula on the claim date is one of ``rules.formulas``."""
    return formula is not None and formula.value.kind in FORMULAS


def derived_share(scheme: Scheme, branch: Branch, on: date) -> Dated[DerivedShare] | None:
    parameter = scheme.parameters.derived_share_by_branch.get(branch)
    return parameter.at(on) if parameter else None


def formula_amounts(
    scheme: Scheme,
    formula: Dated[BenefitFormula],
    branch: Branch,
    on: date,
    person: Person,
    pension_age_on: date | None,
    own: Sequence[tuple[Spell, Interval]],
    periods: Sequence[Period],
    counting: Counting,
    currency: str | None,
    theoretical: bool,
    figures: Figures | None = None,
) -> NationalAmounts:
    """The formula on own periods, and on all totalized ones where the method needs a theoretical amount."""
    basis = national(scheme, formula)
    share = derived_share(scheme, branch, on) if branch is not Branch.old_age else None
    if branch is not Branch.old_age and share is None:
        reason = say(
            "national law's {branch} pension is not derived from the old-age formula in the scheme data: not computed",
            branch=branch,
        )
        return NationalAmounts(None, None, reason, [step(Rule.benefit_formula, basis, reason, reason=reason)])
    career, foreign_currencies = own_career(
        person, branch, on, pension_age_on, counting.own_days, own, periods, currency, counting.totalized_months,
        figures,
    )  # fmt: skip
    trace: list[TraceStep] = []
    if any(c in EURO_CONVERSION_RATES for c in _currencies(own, periods)) and currency == "EUR":
        trace.append(
            step(Rule.benefit_formula, _EURO, say("earnings in former currencies converted to euro at the fixed rates"))
        )
    compute = FORMULAS[formula.value.kind].compute
    own_result = compute(career, scheme.parameters, formula.value)
    trace.append(_formula_step(basis, formula.value, career, own_result, foreign_currencies))
    totalized_result = None
    if theoretical:
        totalized_career = theoretical_career(career, counting.foreign_days, figures)
        totalized_result = compute(totalized_career, scheme.parameters, formula.value)
        trace.append(_formula_step(basis, formula.value, totalized_career, totalized_result, []))
    own_amount, totalized_amount = own_result.amount, totalized_result.amount if totalized_result else None
    if share is not None:
        own_share = share.value.share_for(career.months)
        own_amount = own_amount * Fraction(own_share) if own_amount is not None else None
        trace.append(
            step(
                Rule.benefit_formula,
                national(scheme, share),
                say("{branch} pension: {share} of the old-age amount", branch=branch, share=own_share),
            )
        )
        if totalized_result is not None and totalized_amount is not None:
            totalized_share = share.value.share_for(counting.totalized_months)  # the band of all periods
            totalized_amount = totalized_amount * Fraction(totalized_share)
    missing = _reason(own_result) if own_amount is None else None
    return NationalAmounts(own_amount, totalized_amount, missing, trace)


def _formula_step(
    basis: LegalBasis, formula: BenefitFormula, career: Career, result: FormulaResult, currencies: list[str]
) -> TraceStep:
    whose = say("all totalized periods") if career.theoretical else say("own periods")
    amount = (
        say("{amount} {currency}", amount=_shown(result.amount), currency=career.currency)
        if result.amount is not None
        else say("not computed")
    )
    needs = list(result.needs)
    if currencies:
        needs.append(
            say(
                "earnings in {currencies} cannot be converted into {currency}",
                currencies=listing(currencies),
                currency=career.currency,
            )
        )
    assumptions = []
    if career.split_years:
        assumptions.append(
            say(
                "earnings of {years} are shares of a total over several years, split by days",
                years=listing(sorted(career.split_years)),
            )
        )
    if career.attributed_years:
        assumptions.append(
            say(
                "periods of other parties in {years} given the average of own earnings",
                years=listing(sorted(career.attributed_years)),
            )
        )
    return step(
        Rule.benefit_formula,
        basis,
        say("{kind} on {whose}: {amount}", kind=formula.kind, whose=whose, amount=amount),
        reason=_reason_of(needs) if result.amount is None else None,
        details=(*result.working, *assumptions),
        working=[w.text for w in result.working],
        assumptions=[a.text for a in assumptions],
        values=[f"{u.name} {u.at} = {u.value} ({u.reference}; {u.source})" for u in result.used],
        months=career.months,
    )


def _reason(result: FormulaResult) -> Wording:
    return _reason_of(list(result.needs))


def _reason_of(needs: list[Wording]) -> Wording:
    if not needs:
        return say("the national formula gives no amount for this career")
    return say("amount not computed: {needs}", needs=listing(needs, "; "))


def _shown(value: Fraction) -> str:
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.2f}"


def _currencies(own: Sequence[tuple[Spell, Interval]], periods: Sequence[Period]) -> set[str]:
    found: set[str] = set()
    for spell, _ in own:
        period = periods[spell.index]
        if period.earnings is not None:
            found.add(period.earnings.currency)
        found.update(e.amount.currency for e in period.earnings_by_year)
    return found


_EURO = provision(EURO_CONVERSION_BASIS, EURO_CONVERSION_BASIS, "https://eur-lex.europa.eu/eli/reg/1998/2866/oj")
