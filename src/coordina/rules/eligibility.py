"""Entitlement: the qualifying period, the agreement's minimum periods, and eligibility.

Eligibility is three-valued: ``True``, ``False`` or ``None`` (not determinable from the
data). A fact the case or the data does not give never turns into "not eligible"; too few
months is "not eligible" whatever else is unknown (months are checked before age).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cache

from coordina.domain.agreement import Agreement
from coordina.domain.decision import Rule, TraceStep
from coordina.domain.legal import LegalBasis
from coordina.domain.parameters import Dated, DatedParameter
from coordina.domain.provisions import TotalizationRule
from coordina.domain.quantities import Duration
from coordina.domain.scheme import QualifyingPeriod, Scheme
from coordina.domain.vocabulary import Branch, TimeUnit
from coordina.domain.wording import Wording, say
from coordina.rules.totalization import Counting
from coordina.rules.trace import Citer, national, step, verdict

_EXACT = {TimeUnit.months: Fraction(1), TimeUnit.quarters: Fraction(3), TimeUnit.years: Fraction(12)}


def all3(values: Sequence[bool | None]) -> bool | None:
    """Three-valued AND: False if any is False, else None if any is unknown, else True."""
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


@dataclass(frozen=True)
class Conversion:
    """How many of a unit make a month, and where that rule comes from."""

    per_month: Fraction
    basis: LegalBasis


def unit_rate(agreement: Agreement, scheme: Scheme, unit: TimeUnit, on: date, cite: Citer) -> Conversion | None:
    """Months in a unit: exact for months, quarters and years; for weeks and days, the agreement's
    conversion rule, else the scheme's own (national law); None when neither says."""
    if unit in _EXACT:
        return Conversion(1 / _EXACT[unit], national(scheme))
    rules = agreement.totalization.unit_conversion if agreement.totalization else []
    for rule in rules:
        if rule.unit is unit:
            return Conversion(Fraction(rule.per_month), cite.article(rule.article))
    parameter = scheme.parameters.unit_conversion
    value = parameter.at(on) if parameter else None
    for rate in value.value if value else []:
        if rate.unit is unit:
            assert value is not None
            return Conversion(Fraction(rate.per_month), national(scheme, value))
    return None


def in_months(duration: Duration, rate: Conversion) -> Fraction:
    return Fraction(Decimal(duration.amount)) / rate.per_month


def qualifying_parameter(scheme: Scheme, branch: Branch) -> DatedParameter[QualifyingPeriod] | None:
    """The branch's own qualifying period where the scheme has one, else the scheme's general one."""
    return scheme.parameters.qualifying_period_by_branch.get(branch, scheme.parameters.qualifying_period)


def qualifying_value(scheme: Scheme, branch: Branch, on: date) -> Dated[QualifyingPeriod] | None:
    parameter = qualifying_parameter(scheme, branch)
    return parameter.at(on) if parameter else None


def qualifying_period(
    agreement: Agreement, scheme: Scheme, branch: Branch, on: date, cite: Citer
) -> tuple[Fraction | None, list[TraceStep]]:
    """Months national law requires: 0 where the scheme has no such condition, None where the
    condition exists but its value on the date (or its conversion into months) is unknown."""
    parameter = qualifying_parameter(scheme, branch)
    if parameter is None:
        return Fraction(0), [
            step(Rule.qualifying_period, national(scheme), say("no qualifying period in national law"))
        ]
    value = parameter.at(on)
    if value is None:
        return None, [
            step(
                Rule.qualifying_period,
                national(scheme),
                say("the qualifying period for claims on {date} is not in the scheme data", date=on),
                reason=say(
                    "{scheme}: the qualifying period on {date} is not in the scheme data", scheme=scheme.id, date=on
                ),
            )
        ]
    duration = value.value.duration
    exact = exact_months(duration)
    if exact is not None:  # months, quarters and years convert exactly
        return exact, [step(Rule.qualifying_period, national(scheme, value), _required(duration, exact))]
    rate = unit_rate(agreement, scheme, duration.unit, on, cite)
    if rate is None:
        return None, [
            step(
                Rule.unit_conversion,
                national(scheme, value),
                say(
                    "{duration} required; neither the agreement nor the scheme data say how {unit} convert into months",
                    duration=duration,
                    unit=duration.unit,
                ),
                reason=say("{scheme}: no rule converts {unit} into months", scheme=scheme.id, unit=duration.unit),
            )
        ]
    needed = in_months(duration, rate)
    trace = [
        step(
            Rule.qualifying_period,
            national(scheme, value),
            _required(duration, needed),
        )
    ]
    trace.append(
        step(
            Rule.unit_conversion,
            rate.basis,
            say("{count} {unit} make a month", count=rate.per_month, unit=duration.unit),
        )
    )
    return needed, trace


def _required(duration: Duration, months: Fraction) -> Wording:
    return say("{duration} required ({months} months)", duration=duration, months=_fmt(months))


def meets(months: Fraction, needed: Fraction | None, age: bool | None) -> bool | None:
    """Periods first: none, or fewer than required, is a definite no; then the age."""
    if months <= 0:
        return False  # a right needs some periods under the legislation
    if needed is not None and months < needed:
        return False
    return all3([None if needed is None else True, age])


def minimum_period(
    rules: Sequence[TotalizationRule],
    own_months: Fraction,
    own_continuous_months: Fraction | None,
    residence: str,
    party: str,
    cite: Citer,
) -> tuple[bool, list[TraceStep]]:
    """A party need not pay on fewer than the agreement's minimum of own periods (e.g. MERCOSUR
    Art. 7(2)) when they give no right on their own (as EU Reg. 883/2004 Art. 57(1)); those
    periods still count for the other parties."""
    ok = True
    trace: list[TraceStep] = []
    for rule in rules:
        if rule.minimum_only_when_residing_abroad and residence == party:
            continue
        for minimum, have, continuous in (
            (rule.minimum_own_months, own_months, False),
            (rule.minimum_own_continuous_months, own_continuous_months, True),
        ):
            if minimum is None or have is None:
                continue
            met = have >= minimum
            ok = ok and met
            values = {"minimum": minimum, "verdict": verdict(met)}
            short = {"minimum": minimum, "party": party, "article": rule.article}
            trace.append(
                step(
                    Rule.minimum_period,
                    cite.article(rule.article),
                    say("{minimum} months of continuous own periods required: {verdict}", **values)
                    if continuous
                    else say("{minimum} months of own periods required: {verdict}", **values),
                    reason=None
                    if met
                    else say("fewer than {minimum} months of continuous own periods: {party} need not pay ({article})",
                             **short)
                    if continuous
                    else say("fewer than {minimum} months of own periods: {party} need not pay ({article})", **short),
                    have=have,
                )
            )  # fmt: skip
    return ok, trace


def _fmt(value: Fraction) -> str:
    return str(int(value)) if value.denominator == 1 else f"{float(value):.2f}"


def exact_months(duration: Duration) -> Fraction | None:
    """Months in a duration stated in months, quarters or years; None for weeks and days."""
    return _exact(duration.amount, duration.unit)


@cache
def _exact(amount: Decimal, unit: TimeUnit) -> Fraction | None:
    rate = _EXACT.get(unit)
    return Fraction(amount) * rate if rate is not None else None


def eligibility_step(
    scheme: Scheme,
    counting: Counting,
    needed: Fraction | None,
    totalizes: bool,
    eligible_national: bool | None,
    eligible_totalized: bool | None,
    basis: LegalBasis,
) -> TraceStep:
    """The eligibility step, with the caseworker's reason where periods fall short."""
    reason: Wording | None = None
    own, totalized = counting.own_months, counting.totalized_months
    have = totalized if totalizes else own
    if own == 0:
        reason = say("no periods under the legislation of {country}: nothing to pay", country=scheme.country)
    elif needed is not None and have < needed and not eligible_national:
        short = {"months": _fmt(have), "required": _fmt(needed)}
        reason = (
            say("{months} months with totalization are fewer than the {required} months required", **short)
            if totalizes
            else say("{months} months of own periods are fewer than the {required} months required", **short)
        )
    return step(
        Rule.eligibility,
        basis,
        say(
            "national periods alone: {national}; with totalization: {totalized}",
            national=_yes(eligible_national),
            totalized=_yes(eligible_totalized),
        ),
        reason=reason,
    )


_ELIGIBLE = {True: say("eligible"), False: say("not eligible"), None: say("not determined")}


def _yes(value: bool | None) -> Wording:
    return _ELIGIBLE[value]
