"""Equality of treatment: national rules that treat non-nationals worse are set aside for
persons the agreement covers (ILO brief, Box 1)."""

from datetime import date
from fractions import Fraction

from coordina.domain.agreement import Agreement
from coordina.domain.case import Person
from coordina.domain.decision import TraceStep
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import Principle
from coordina.rules.eligibility import duration_in_months
from coordina.rules.trace import step


def lump_sum_refund(
    agreement: Agreement, scheme: Scheme, person: Person, own_months: Fraction, on: date
) -> tuple[bool | None, list[TraceStep]]:
    """Whether the person may take the scheme's lump-sum refund, after equality of treatment."""
    parameter = scheme.parameters.lump_sum_refund
    value = parameter.at(on) if parameter else None
    if value is None:
        return None, []
    refund = value.value
    trace: list[TraceStep] = []
    if not refund.available:
        return False, [step("lump_sum_refund", value.reference, "no lump-sum refund under national law")]
    available = True
    national = scheme.country.split("-")[0] in person.nationality
    if refund.nationals_only and not national:
        equality = next((p for p in agreement.principles if p.principle is Principle.equality_of_treatment), None)
        if equality is None:
            available = False
            trace.append(step("lump_sum_refund", value.reference, "refund reserved to nationals"))
        else:
            trace.append(
                step(
                    "equality_of_treatment",
                    equality.article,
                    "the nationality condition of the lump-sum refund is set aside for a covered person",
                    nationality=person.nationality,
                )
            )
    if refund.when_less_than is not None:
        limit = duration_in_months(refund.when_less_than)
        below = own_months < limit
        available = available and below
        trace.append(
            step(
                "lump_sum_refund",
                value.reference,
                f"refund only below {refund.when_less_than} of periods: {'met' if below else 'not met'}",
                own_months=own_months,
            )
        )
    return available, trace
