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
from coordina.domain.wording import Wording, listing, say
from coordina.rules.eligibility import all3, exact_months
from coordina.rules.periods import Interval, intersect, months
from coordina.rules.trace import Citer, national, step, verdict


def provision_for(agreement: Agreement, scheme: Scheme, branch: Branch) -> ExportProvision | None:
    """The agreement's export provision for the scheme: one naming the scheme before a general one."""
    candidates = [e for e in agreement.export if e.party in (scheme.country, None) and branch in e.branches]
    named = [e for e in candidates if scheme.id in e.schemes]
    return next(iter(named or [e for e in candidates if not e.schemes]), None)


def _own_condition(provision: ExportProvision, own_days: list[Interval]) -> tuple[bool | None, Wording | None]:
    """The provision's minimum of own periods (e.g. a year of Canadian residence after 1956)."""
    if provision.minimum_own_months is None:
        return True, None
    since = provision.own_periods_from
    counted = intersect(own_days, (since, date.max)) if since else own_days
    have = months(counted)
    met = have >= provision.minimum_own_months
    minimum = provision.minimum_own_months
    return met, (
        say("{minimum} months of own periods from {date}: {verdict}", minimum=minimum, date=since, verdict=verdict(met))
        if since
        else say("{minimum} months of own periods: {verdict}", minimum=minimum, verdict=verdict(met))
    )


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
        texts: list[Wording] = []
        if provision.minimum_totalized_months is not None:
            enough = totalized_months >= provision.minimum_totalized_months
            conditions.append(enough)
            texts.append(
                say(
                    "{minimum} months of totalized periods: {verdict}",
                    minimum=provision.minimum_totalized_months,
                    verdict=verdict(enough),
                )
            )
        own_ok, own_text = _own_condition(provision, own_days)
        if own_text:
            conditions.append(own_ok)
            texts.append(own_text)
        payable = all3(conditions) if conditions else True
        met = listing(texts, "; ")
        if at_home:
            return payable, _one(
                Rule.export,
                cite.article(provision.article),
                say(
                    "the person lives in {party}, the paying State: paid at home, no export arises"
                    " (on a move to another party: {conditions})",
                    party=party,
                    conditions=met,
                )
                if texts
                else say("the person lives in {party}, the paying State: paid at home, no export arises", party=party),
                residence=person.residence,
            )
        how = (
            say("without reduction because of residence")
            if provision.rule is ExportRuleKind.without_reduction
            else say("as the agreement modifies national conditions")
        )
        where = {"residence": person.residence, "how": how}
        if payable:
            outcome = (
                say("paid in {residence} {how} ({conditions})", **where, conditions=met)
                if texts
                else say("paid in {residence} {how}", **where)
            )
        else:
            outcome = (
                say("paid in {residence} {how} ({conditions}): not payable there", **where, conditions=met)
                if texts
                else say("paid in {residence} {how}: not payable there", **where)
            )
        return payable, _one(
            Rule.export,
            cite.article(provision.article),
            outcome,
            reason=None
            if payable is not False
            else say(
                "{scheme}: not paid in {residence} ({article})",
                scheme=scheme.id,
                residence=person.residence,
                article=provision.article,
            ),
            residence=person.residence,
        )
    return _national(scheme, own_days, on, person)


def _national(
    scheme: Scheme, own_days: list[Interval], on: date, person: Person
) -> tuple[bool | None, list[TraceStep]]:
    parameter = scheme.parameters.export
    value = parameter.at(on) if parameter else None
    at_home = person.residence == scheme.country
    lead = (
        say("the person lives in {country}; if abroad, national law:", country=scheme.country)
        if at_home
        else say("national law:")
    )
    if value is None:
        return None, _one(
            Rule.export, national(scheme), say("{lead} no export rule in the scheme data on {date}", lead=lead, date=on)
        )
    rule = value.value
    if rule.kind is ExportKind.minimum_period and rule.minimum_period is not None:
        needed = exact_months(rule.minimum_period)
        own = months(own_days)
        ok = None if needed is None else own >= needed
        return ok, _one(
            Rule.export,
            national(scheme, value),
            say(
                "{lead} paid abroad after {duration}: {verdict}",
                lead=lead,
                duration=rule.minimum_period,
                verdict=verdict(ok),
            ),
            own_months=own,
        )
    # "restricted": paid only to some countries or persons, which the scheme data do not list.
    payable = {ExportKind.unrestricted: True, ExportKind.proportional: True, ExportKind.none: False}.get(rule.kind)
    return payable, _one(Rule.export, national(scheme, value), say("{lead} export {kind}", lead=lead, kind=rule.kind))


def _one(
    rule: Rule, basis: LegalBasis, outcome: Wording, reason: Wording | None = None, **inputs: Any
) -> list[TraceStep]:
    """The export rule's one step, as every rule returns its steps: a list."""
    return [step(rule, basis, outcome, reason=reason, **inputs)]
