"""Equality of treatment: national rules that treat non-nationals worse are set aside for
persons the agreement covers (ILO brief, Box 1)."""

from datetime import date
from fractions import Fraction

from coordina.domain.agreement import Agreement
from coordina.domain.case import Person
from coordina.domain.decision import Rule, TraceStep
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Principle
from coordina.domain.wording import say
from coordina.rules.eligibility import exact_months
from coordina.rules.trace import Citer, national, step, verdict


def lump_sum_refund(
    agreement: Agreement, scheme: Scheme, person: Person, own_months: Fraction, on: date, cite: Citer
) -> tuple[bool | None, list[TraceStep]]:
    """Whether the person may take the scheme's lump-sum refund, after equality of treatment."""
    parameter = scheme.parameters.lump_sum_refund
    value = parameter.at(on) if parameter else None
    if value is None:
        return None, []
    refund = value.value
    basis = national(scheme, value)
    if not refund.available:
        return False, [step(Rule.lump_sum_refund, basis, say("no lump-sum refund under national law"))]
    available: bool | None = True
    trace: list[TraceStep] = []
    national_of_party = scheme.country.split("-")[0] in person.nationality
    if refund.nationals_only and not national_of_party:
        equality = next((p for p in agreement.principles if p.principle is Principle.equality_of_treatment), None)
        if equality is None:
            available = False
            trace.append(step(Rule.lump_sum_refund, basis, say("refund reserved to nationals")))
        else:
            trace.append(
                step(
                    Rule.equality_of_treatment,
                    cite.first([equality.article]),
                    say("the nationality condition of the lump-sum refund is set aside for a covered person"),
                    nationality=person.nationality,
                )
            )
    if refund.when_less_than is not None:
        limit = exact_months(refund.when_less_than)
        below = None if limit is None else own_months < limit
        available = False if below is False or available is False else (None if below is None else available)
        trace.append(
            step(
                Rule.lump_sum_refund,
                basis,
                say(
                    "refund only below {duration} of periods: {verdict}",
                    duration=refund.when_less_than,
                    verdict=verdict(below),
                ),
                own_months=own_months,
            )
        )
    return available, trace
