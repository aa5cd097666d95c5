"""Export of benefits: payment abroad without reduction because of residence (ILO brief, Box 1).

The agreement's export provision for the party and branch decides; where it leaves the
matter to national law, or the person lives outside all parties, the scheme's own export
rule applies. For a person living in the paying State the question is whether the benefit
would follow them to another party; the trace says so rather than speak of payment abroad.
"""

from datetime import date
from fractions import Fraction
from typing import Any

from coordina.domain.agreement import Agreement
from coordina.domain.case import Person
from coordina.domain.decision import Rule, TraceStep
from coordina.domain.legal import LegalBasis
from coordina.domain.provisions import ExportProvision, ExportRuleKind
from coordina.domain.scheme import ExportKind, Scheme
from coordina.domain.vocabulary import Branch
from coordina.rules.eligibility import all3, exact_months
from coordina.rules.periods import Interval, intersect, months
from coordina.rules.trace import Citer, national, step


def provision_for(agreement: Agreement, scheme: Scheme, branch: Branch) -> ExportProvision | None:
    """The agreement's export provision for the scheme: one naming the scheme before a general one."""
    candidates = [e for e in agreement.export if e.party in (scheme.country, None) and branch in e.branches]
    named = [e for e in candidates if scheme.id in e.schemes]
    return next(iter(named or [e for e in candidates if not e.schemes]), None)


def _own_condition(provision: ExportProvision, own_days: list[Interval]) -> tuple[bool | None, str]:
    """The provision's minimum of own periods (e.g. a year of Canadian residence after 1956)."""
    if provision.minimum_own_months is None:
        return True, ""
    counted = intersect(own_days, (provision.own_periods_from, date.max)) if provision.own_periods_from else own_days
    have = months(counted)
    since = f" from {provision.own_periods_from}" if provision.own_periods_from else ""
    met = have >= provision.minimum_own_months
    return met, f"{provision.minimum_own_months} months of own periods{since}: {'met' if met else 'not met'}"


def export(
    agreement: Agreement,
    scheme: Scheme,
    branch: Branch,
    person: Person,
    own_days: list[Interval],
    totalized_months: Fraction,
    on: date,
    cite: Citer,
) -> tuple[bool | None, list[TraceStep]]:
    """Whether the benefit can be paid outside the party: where the person lives if abroad,
    else in the other parties' territories."""
    party = scheme.country
    at_home = person.residence == party
    provision = provision_for(agreement, scheme, branch)
    if (
        person.residence in agreement.parties
        and provision is not None
        and provision.rule is not ExportRuleKind.national_law
    ):
        conditions: list[bool | None] = []
        texts: list[str] = []
        if provision.minimum_totalized_months is not None:
            enough = totalized_months >= provision.minimum_totalized_months
            conditions.append(enough)
            texts.append(
                f"{provision.minimum_totalized_months} months of totalized periods: {'met' if enough else 'not met'}"
            )
        own_ok, own_text = _own_condition(provision, own_days)
        if own_text:
            conditions.append(own_ok)
            texts.append(own_text)
        payable = all3(conditions) if conditions else True
        if at_home:
            return payable, _one(
                Rule.export,
                cite.article(provision.article),
                f"the person lives in {party}, the paying State: paid at home, no export arises"
                + (f" (on a move to another party: {'; '.join(texts)})" if texts else ""),
                residence=person.residence,
            )
        where = f"paid in {person.residence}"
        rule = (
            "without reduction because of residence"
            if provision.rule is ExportRuleKind.without_reduction
            else ("as the agreement modifies national conditions")
        )
        verdict = "" if payable else ": not payable there"
        return payable, _one(
            Rule.export,
            cite.article(provision.article),
            f"{where} {rule}" + (f" ({'; '.join(texts)})" if texts else "") + verdict,
            reason=None
            if payable is not False
            else f"{scheme.id}: not paid in {person.residence} ({provision.article})",
            residence=person.residence,
        )
    return _national(scheme, own_days, on, person)


def _national(
    scheme: Scheme, own_days: list[Interval], on: date, person: Person
) -> tuple[bool | None, list[TraceStep]]:
    parameter = scheme.parameters.export
    value = parameter.at(on) if parameter else None
    at_home = person.residence == scheme.country
    lead = f"the person lives in {scheme.country}; if abroad, national law:" if at_home else "national law:"
    if value is None:
        return None, _one(Rule.export, national(scheme), f"{lead} no export rule in the scheme data on {on}")
    rule = value.value
    if rule.kind is ExportKind.minimum_period and rule.minimum_period is not None:
        needed = exact_months(rule.minimum_period)
        own = months(own_days)
        ok = None if needed is None else own >= needed
        return ok, _one(
            Rule.export,
            national(scheme, value),
            f"{lead} paid abroad after {rule.minimum_period}: " + {True: "met", False: "not met", None: "unknown"}[ok],
            own_months=own,
        )
    # "restricted": paid only to some countries or persons, which the scheme data do not list.
    payable = {ExportKind.unrestricted: True, ExportKind.proportional: True, ExportKind.none: False}.get(rule.kind)
    return payable, _one(Rule.export, national(scheme, value), f"{lead} export {rule.kind.value}")


def _one(rule: Rule, basis: LegalBasis, outcome: str, reason: str | None = None, **inputs: Any) -> list[TraceStep]:
    """The export rule's one step, as every rule returns its steps: a list."""
    return [step(rule, basis, outcome, reason=reason, **inputs)]
