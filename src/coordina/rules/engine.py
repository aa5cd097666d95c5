"""The coordination engine: apply an agreement to one person's career and claim.

Order of reasoning, each step traced: entry into force, material scope, personal scope,
applicable legislation, then for each party's scheme of the claimed branch: totalization,
entitlement, amounts, export and equality of treatment.
"""

from collections.abc import Mapping
from itertools import combinations

from coordina.domain.agreement import Agreement
from coordina.domain.case import Case
from coordina.domain.decision import Decision, InstitutionDecision
from coordina.domain.scheme import Scheme
from coordina.domain.vocabulary import AgreementKind
from coordina.rules import institution, legislation, scope
from coordina.rules.errors import CaseError
from coordina.rules.trace import step


def compute(case: Case, agreement: Agreement, schemes: Mapping[str, Scheme]) -> Decision:
    """Decide ``case`` under ``agreement``; ``schemes`` maps scheme ids to national schemes."""
    check_case(case, agreement)
    branch, claim_date = case.claim.branch, case.claim.date
    base = {"agreement": agreement.id, "branch": branch, "claim_date": claim_date}

    applies, in_force_step = scope.in_force_on(agreement, claim_date)
    if not applies:
        return Decision(**base, covered=False, reasons=[in_force_step.outcome], trace=[in_force_step])
    entries = scope.benefit_entries(agreement, branch)
    if not entries:
        reason = f"the agreement does not cover {branch.value} benefits (material scope)"
        cited = agreement.material_scope[0].article
        return Decision(
            **base,
            covered=False,
            reasons=[reason],
            trace=[in_force_step, step("material_scope", cited, reason, branch=branch.value)],
        )
    covered, reasons, trace = scope.personal_scope(agreement, case.person, case.periods)
    replaced = scope.replacement_step(agreement, claim_date)
    trace = [in_force_step, *([replaced] if replaced else []), *trace]
    if not covered:
        return Decision(**base, covered=False, reasons=reasons, trace=trace)

    determined = legislation.determine(agreement, case.person, case.periods)
    trace += determined.trace
    decisions: list[InstitutionDecision] = []
    seen: set[str] = set()
    for entry in entries:
        for scheme_id in entry.schemes:
            if scheme_id in seen:
                continue
            seen.add(scheme_id)
            scheme = schemes.get(scheme_id)
            if scheme is None:
                raise CaseError("agreement", f"scheme {scheme_id!r} of the material scope is not in the library")
            decisions.append(
                institution.decide(
                    agreement,
                    scheme,
                    branch,
                    case.person,
                    determined.periods,
                    claim_date,
                    case.reference_amounts,
                )
            )
        if not entry.schemes:
            trace.append(
                step(
                    "material_scope",
                    entry.article,
                    f"{entry.party}: no national scheme encoded for {branch.value}",
                )
            )
    return Decision(
        **base,
        covered=True,
        applicable_legislation=determined.determinations,
        decisions=decisions,
        trace=trace,
    )


def check_case(case: Case, agreement: Agreement) -> None:
    """Refuse what cannot be decided: a model agreement, contradictory periods."""
    if agreement.kind is AgreementKind.model:
        raise CaseError("agreement", f"{agreement.id} is a model agreement with no parties; choose a concluded one")
    for (i, a), (j, b) in combinations(enumerate(case.periods), 2):
        overlap = a.start <= b.end and b.start <= a.end
        if not overlap or a.country != b.country or a.kind != b.kind:
            continue
        if a.activity != b.activity or a.voluntary != b.voluntary or a.employer_country != b.employer_country:
            raise CaseError(
                f"periods[{j}]",
                f"overlaps periods[{i}] in {a.country} ({a.kind.value}) but says something else about the"
                " same days (activity, employer or voluntary insurance): which is right?",
            )
