"""Personal and material scope: is the person covered, and is the claimed branch?"""

from collections.abc import Sequence
from datetime import date

from coordina.domain.agreement import Agreement, InstrumentKind
from coordina.domain.case import Period, Person, PersonStatus
from coordina.domain.decision import Rule, TraceStep
from coordina.domain.scope import MaterialScopeEntry, PersonalScopeEntry, PersonCategory
from coordina.domain.vocabulary import Activity, Branch, PeriodKind, Principle
from coordina.domain.wording import Wording, say
from coordina.rules.trace import Citer, step

_NATIONALITY_CATEGORIES = {
    PersonCategory.nationals,
    PersonCategory.refugees,
    PersonCategory.stateless_persons,
    PersonCategory.dependants,
    PersonCategory.survivors,
}
_INSURED_KINDS = {
    PeriodKind.insurance,
    PeriodKind.employment,
    PeriodKind.self_employment,
    PeriodKind.credited,
}
_WORK_KINDS = {PeriodKind.employment, PeriodKind.self_employment, PeriodKind.insurance}


def entry_into_force(agreement: Agreement, claim_date: date, cite: Citer) -> tuple[bool, list[TraceStep]]:
    """An agreement applies to claims from its entry into force."""
    applies = agreement.in_force is not None and claim_date >= agreement.in_force
    if applies:
        outcome = say("the agreement applies to the claim")
    elif agreement.in_force:
        outcome = say("the claim date is before the agreement's entry into force ({date})", date=agreement.in_force)
    else:
        outcome = say("the claim date is before the agreement's entry into force (not in force)")
    return applies, [
        step(
            Rule.entry_into_force,
            cite.first([agreement.entry_into_force.article if agreement.entry_into_force else None]),
            outcome,
            reason=None if applies else outcome,
            claim_date=claim_date,
            in_force=agreement.in_force,
        )
    ]


def agreement_version(agreement: Agreement, claim_date: date, cite: Citer) -> tuple[bool, list[TraceStep]]:
    """A warning when a later instrument replaced the encoded text before the claim date.

    The encoded text is the one in force from ``agreement.in_force``: an instrument of the
    history that is itself that text (e.g. the 2003 France-Tunisia convention, which replaced
    the 1965 one) is no reason to warn."""
    applied = _text_applied(agreement, cite)
    encoded_from = agreement.in_force
    later = [
        i for i in agreement.history
        if i.kind is InstrumentKind.replacement and i.in_force is not None and i.in_force <= claim_date
        and (encoded_from is None or i.in_force > encoded_from)
    ]  # fmt: skip
    if not later:
        return False, applied
    newest = max(later, key=lambda i: i.in_force or claim_date)
    return True, [
        *applied,
        step(
            Rule.agreement_version,
            cite.first([agreement.entry_into_force.article if agreement.entry_into_force else None]),
            say(
                "warning: the encoded text was replaced by '{title}' in force {date}; the replacement's own rules"
                " are not encoded, so this decision applies the earlier text",
                title=newest.title,
                date=newest.in_force,
            ),
            reason=say(
                "decided under the text replaced on {date} by '{title}'", date=newest.in_force, title=newest.title
            ),
            source=newest.source,
        ),
    ]


def _text_applied(agreement: Agreement, cite: Citer) -> list[TraceStep]:
    """Where the agreement has several texts, the one this decision applies (chosen by the claim date)."""
    if agreement.version is None:
        return []
    return [
        step(
            Rule.agreement_version,
            cite.first([agreement.entry_into_force.article if agreement.entry_into_force else None]),
            say(
                "applies {version} ({agreement}), in force from {date}",
                version=agreement.version,
                agreement=agreement.id,
                date=agreement.in_force,
            ),
            version=agreement.id,
        )
    ]


def category_applies(entry: PersonalScopeEntry, person: Person, periods: Sequence[Period], parties: set[str]) -> bool:
    """Whether the person belongs to one group of the personal scope."""
    where = {entry.party} if entry.party else parties
    here = [p for p in periods if p.country in where]
    match entry.category:
        case PersonCategory.nationals:
            return bool(where & set(person.nationality))
        case PersonCategory.subject_to_legislation:
            return any(p.kind in _INSURED_KINDS for p in here) or (
                entry.party is not None and any(p.kind is PeriodKind.residence for p in here)
            )
        case PersonCategory.residents:
            return person.residence in where or any(p.kind is PeriodKind.residence for p in here)
        case PersonCategory.workers:
            return any(p.kind in _WORK_KINDS for p in here)
        case PersonCategory.self_employed:
            return any(p.kind is PeriodKind.self_employment or p.activity is Activity.self_employed for p in here)
        case PersonCategory.civil_servants:
            return any(p.activity is Activity.civil_servant for p in here)
        case PersonCategory.refugees:
            return person.status is PersonStatus.refugee
        case PersonCategory.stateless_persons:
            return person.status is PersonStatus.stateless
        case PersonCategory.dependants | PersonCategory.survivors:
            return person.derived_rights
        case PersonCategory.unemployed_receiving_benefits | PersonCategory.non_active_persons:
            return False  # the case file does not record benefit receipt or inactivity
    return False  # pragma: no cover - every category is matched above


def personal_scope(
    agreement: Agreement, person: Person, periods: Sequence[Period], cite: Citer
) -> tuple[bool, list[TraceStep]]:
    """Whether the agreement covers the person, with reasons when it does not.

    Where the agreement covers persons irrespective of nationality, belonging to any group
    is enough; otherwise the person must also be a national of a party, a refugee or a
    stateless person (where listed), or claim rights derived from such a person.
    """
    scope = agreement.personal_scope
    parties = set(agreement.parties)
    matched = [e for e in scope.persons if category_applies(e, person, periods, parties)]
    trace = [
        step(
            Rule.personal_scope,
            cite.article(e.article),
            say("belongs to the group '{category}' ({party})", category=e.category, party=e.party)
            if e.party
            else say("belongs to the group '{category}'", category=e.category),
            category=e.category.value,
        )
        for e in matched
    ]
    nationality_ok = scope.irrespective_of_nationality or any(e.category in _NATIONALITY_CATEGORIES for e in matched)
    activity_groups = [e for e in scope.persons if e.category not in _NATIONALITY_CATEGORIES]
    activity_ok = not activity_groups or any(e.category not in _NATIONALITY_CATEGORIES for e in matched)
    if scope.irrespective_of_nationality:
        covered = bool(matched)
    else:
        covered = nationality_ok and (activity_ok or person.derived_rights)
    why: Wording | None = None  # one reason, where the person is not covered
    if not matched:
        why = say("the person belongs to none of the groups of the personal scope")
    elif not nationality_ok:
        why = say("the personal scope requires the nationality of a party, or refugee or stateless status")
    elif not covered:
        why = say("the person is a national of a party but in none of the covered groups of workers")
    cited = cite.article(scope.persons[0].article)
    if covered:
        trace.append(step(Rule.personal_scope, cited, say("covered")))
    else:
        assert why is not None  # a person not covered falls under exactly one of the three reasons
        trace.append(step(Rule.personal_scope, cited, say("not covered: {reason}", reason=why), reason=why))
    return covered, trace


def benefit_entries(agreement: Agreement, branch: Branch) -> list[MaterialScopeEntry]:
    """Material-scope entries of the branch whose benefits the agreement coordinates."""
    return [e for e in agreement.material_scope if e.branch is branch and e.benefits]


def decides_entitlement(entry: MaterialScopeEntry) -> bool:
    """Whether the entry puts the legislation in scope for entitlement, not only for some
    principles (e.g. the German steelworkers' supplementary scheme: export only)."""
    return not entry.only_for or Principle.totalization in entry.only_for
