"""Export of benefits: payment abroad without reduction because of residence (ILO brief, Box 1).

The agreement's export provision for the party and branch decides; where it leaves the
matter to national law, or the person lives outside all parties, the scheme's own export
rule applies.
"""

from datetime import date
from fractions import Fraction

from coordina.domain.agreement import Agreement
from coordina.domain.case import Person
from coordina.domain.decision import TraceStep
from coordina.domain.provisions import ExportProvision, ExportRuleKind
from coordina.domain.scheme import ExportKind, Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules.eligibility import duration_in_months
from coordina.rules.trace import step


def provision_for(agreement: Agreement, party: str, branch: Branch) -> ExportProvision | None:
    return next(
        (e for e in agreement.export if e.party in (party, None) and branch in e.branches),
        None,
    )


def payable_abroad(
    agreement: Agreement,
    scheme: Scheme,
    branch: Branch,
    person: Person,
    own_months: Fraction,
    totalized_months: Fraction,
    on: date,
) -> tuple[bool | None, TraceStep]:
    """Whether the benefit can be paid outside the party: where the person lives if abroad,
    else in the other parties' territories."""
    party = scheme.country
    in_a_party = person.residence in agreement.parties
    provision = provision_for(agreement, party, branch)
    if in_a_party and provision is not None and provision.rule is not ExportRuleKind.national_law:
        if provision.minimum_totalized_months is not None:
            enough = totalized_months >= provision.minimum_totalized_months
            return enough, step(
                "export",
                provision.article,
                f"paid in the other parties if totalized periods reach {provision.minimum_totalized_months}"
                f" months: {'met' if enough else 'not met'}",
                totalized_months=totalized_months,
                residence=person.residence,
            )
        return True, step(
            "export",
            provision.article,
            "paid in any party's territory without reduction because of residence"
            if provision.rule is ExportRuleKind.without_reduction
            else "paid in the other parties as the agreement modifies national export conditions",
            residence=person.residence,
        )
    return _national(scheme, own_months, on, person)


def _national(scheme: Scheme, own_months: Fraction, on: date, person: Person) -> tuple[bool | None, TraceStep]:
    parameter = scheme.parameters.export
    value = parameter.at(on) if parameter else None
    if value is None:
        return None, step("export", scheme.id, "no export rule in the scheme data", residence=person.residence)
    rule = value.value
    if rule.kind is ExportKind.minimum_period and rule.minimum_period is not None:
        needed = duration_in_months(rule.minimum_period)
        ok = own_months >= needed
        return ok, step(
            "export",
            value.reference,
            f"national law: paid abroad after {rule.minimum_period}: " + ("met" if ok else "not met"),
            own_months=own_months,
        )
    payable = rule.kind in (ExportKind.unrestricted, ExportKind.proportional)
    return payable, step(
        "export", value.reference, f"national law: export {rule.kind.value}", residence=person.residence
    )
