"""The coordination engine: apply an agreement to one person's career and claim.

Order of reasoning, each step traced: entry into force, material scope, personal scope,
applicable legislation, then for each party's scheme of the claimed branch: attribution of
periods, totalization, entitlement, amounts, export and equality of treatment.
"""

from collections.abc import Mapping, Sequence

from coordina.domain.agreement import Agreement
from coordina.domain.case import Case, Period
from coordina.domain.decision import Decision, InstitutionDecision, Rule, trusted
from coordina.domain.scheme import Scheme
from coordina.domain.scope import MaterialScopeEntry
from coordina.domain.vocabulary import AgreementKind
from coordina.domain.wording import listing, say
from coordina.rules import institution, scope
from coordina.rules.errors import CaseError
from coordina.rules.evidence import certified_periods
from coordina.rules.legislation import applicable_legislation
from coordina.rules.money import is_currency, minor_unit
from coordina.rules.trace import Citer, reasons_of, step


def compute(
    case: Case, agreement: Agreement, schemes: Mapping[str, Scheme], earlier: Sequence[Agreement] = ()
) -> Decision:
    """Decide ``case`` under ``agreement``; ``schemes`` maps scheme ids to national schemes.

    ``earlier``: the texts of the agreement that preceded ``agreement`` (oldest first), whose
    rules on applicable legislation decide the days they were in force."""
    check_case(case, agreement, schemes)
    cite = Citer(agreement)
    branch, claim_date = case.claim.branch, case.claim.date
    base: dict[str, object] = {
        "agreement": agreement.version_of or agreement.id,
        "version": agreement.id if agreement.version else None,  # the text applied, where there are several
        "branch": branch,
        "claim_date": claim_date,
        "applicable_legislation": [],
        "decisions": [],
    }

    applies, trace = scope.entry_into_force(agreement, claim_date, cite)
    if not applies:
        return trusted(Decision, **base, covered=False, reasons=reasons_of(trace), trace=trace)
    entries = scope.benefit_entries(agreement, branch)
    if not entries:
        reason = say("the agreement does not cover {branch} benefits (material scope)", branch=branch)
        trace.append(
            step(
                Rule.material_scope,
                cite.article(agreement.material_scope[0].article),
                reason,
                reason=reason,
                branch=branch.value,
            )
        )
        return trusted(Decision, **base, covered=False, reasons=reasons_of(trace), trace=trace)
    _, version_trace = scope.agreement_version(agreement, claim_date, cite)
    covered, scope_trace = scope.personal_scope(agreement, case.person, case.periods, cite)
    trace += version_trace + scope_trace + certified_periods(agreement, case.periods, cite)
    if not covered:
        return trusted(Decision, **base, covered=False, reasons=reasons_of(trace), trace=trace)

    before = [
        (text, Citer(text))
        for text in earlier
        if text.in_force and agreement.in_force and text.in_force < agreement.in_force
    ]
    legislation, legislation_trace = applicable_legislation(agreement, case.person, case.periods, cite, before)
    trace += legislation_trace
    in_scope = _schemes_in_scope(entries, schemes)
    claim = institution.Claim(
        agreement=agreement,
        cite=cite,
        branch=branch,
        claim_date=claim_date,
        person=case.person,
        spells=legislation.spells,
        schemes_in_scope=in_scope,
        reference_amounts=case.reference_amounts,
        scope_basis=cite.article(entries[0].article),
        periods=case.periods,
        accounts=case.accounts,
    )
    decisions: list[InstitutionDecision] = []
    seen: set[str] = set()
    for entry in entries:
        if not entry.schemes:
            trace.append(
                step(
                    Rule.material_scope,
                    cite.article(entry.article),
                    say("{party}: no national scheme encoded for {branch}", party=entry.party, branch=branch),
                )
            )
        if not scope.decides_entitlement(entry):
            trace.append(
                step(
                    Rule.material_scope,
                    cite.article(entry.article),
                    say(
                        "{schemes}: in scope for {principles} only; no entitlement decision under the agreement",
                        schemes=listing(entry.schemes),
                        principles=listing(entry.only_for),
                    ),
                )
            )
            continue
        for scheme_id in entry.schemes:
            if scheme_id not in seen:
                seen.add(scheme_id)
                decisions.append(institution.decide(claim, schemes[scheme_id]))
    base.update(applicable_legislation=legislation.determinations, decisions=decisions)
    return trusted(Decision, **base, covered=True, reasons=[], trace=trace)


def _schemes_in_scope(entries: Sequence[MaterialScopeEntry], schemes: Mapping[str, Scheme]) -> dict[str, list[Scheme]]:
    """Each party's schemes that the agreement coordinates for the branch (export-only ones aside)."""
    by_party: dict[str, list[Scheme]] = {}
    for entry in entries:
        if scope.decides_entitlement(entry):
            for scheme_id in entry.schemes:
                scheme = schemes[scheme_id]
                listed = by_party.setdefault(scheme.country, [])
                if all(s.id != scheme.id for s in listed):
                    listed.append(scheme)
    return by_party


def check_case(case: Case, agreement: Agreement, schemes: Mapping[str, Scheme]) -> None:
    """Refuse what cannot be decided: a model agreement, contradictory periods, unknown names."""
    if agreement.kind is AgreementKind.model:
        raise CaseError("agreement", f"{agreement.id} is a model agreement with no parties; choose a concluded one")
    for entry in agreement.material_scope:
        for scheme_id in entry.schemes:
            if scheme_id not in schemes and entry.branch is case.claim.branch:
                raise CaseError("agreement", f"scheme {scheme_id!r} of the material scope is not in the library")
    for index, period in enumerate(case.periods):
        if period.scheme is not None:
            named = schemes.get(period.scheme)
            if named is None:
                raise CaseError(f"periods[{index}].scheme", f"no national scheme {period.scheme!r} in the library")
            if named.country != period.country:
                raise CaseError(
                    f"periods[{index}].scheme", f"{period.scheme} is a scheme of {named.country}, not {period.country}"
                )
        if period.earnings is not None and not is_currency(period.earnings.currency):
            minor_unit(period.earnings.currency, f"periods[{index}].earnings.currency")  # names the field
    for scheme_id, money in case.reference_amounts.items():
        minor_unit(money.currency, f"reference_amounts.{scheme_id}.currency")
    _check_overlaps(case.periods)


def _check_overlaps(periods: Sequence[Period]) -> None:
    """Overlapping periods of one country and kind must say the same about the same days.

    Sort and sweep: within a country and kind, the latest end so far of each distinct
    description; a period starting before one of those ends overlaps it."""
    groups: dict[tuple[str, str], list[tuple[int, Period]]] = {}
    for index, period in enumerate(periods):
        groups.setdefault((period.country, period.kind), []).append((index, period))
    for members in groups.values():
        members.sort(key=lambda item: item[1].start)
        reach: dict[tuple[object, ...], tuple[int, Period]] = {}
        for index, period in members:
            says = (period.activity, period.voluntary, period.employer_country)
            for other_says, (other_index, other) in reach.items():
                if other_says != says and period.start <= other.end:
                    first, second = sorted((index, other_index))
                    raise CaseError(
                        f"periods[{second}]",
                        f"overlaps periods[{first}] in {period.country} ({period.kind.value}) but says something"
                        " else about the same days (activity, employer or voluntary insurance): which is right?",
                    )
            if says not in reach or reach[says][1].end < period.end:
                reach[says] = (index, period)
