"""Which write is allowed to whom, in which step and status of a negotiation: one table, one guard.

Every write of the workspace names itself here (``Write``) and the services ask ``refusal``
before changing anything. The guard is pure — the negotiation's step and status and the
actor's role in, the refusal out — so the whole table is testable without a database.

What a negotiation has concluded stays concluded: once the agreement is in force (step 8),
its text, encoding, arrangement, signatures, ratifications, members, minutes and profiles are
read-only; a later change is an amendment, negotiated as a new negotiation that names the
agreement it amends and, on its own entry into force, adds a new version of it. A delegation's
internal notes are not part of what was concluded: they may still be written.
"""

from dataclasses import dataclass
from enum import StrEnum

from coordina.domain.negotiation import Role, Status, Step

HEADS = frozenset({Role.head})
WRITERS = frozenset({Role.head, Role.member})
OPEN = frozenset({Status.active})
BEFORE_ENTRY_INTO_FORCE = frozenset(step for step in Step if step is not Step.entry_into_force)


class Write(StrEnum):
    """Every change a user can make to a negotiation."""

    add_member = "add_member"
    set_representatives = "set_representatives"
    update_profile = "update_profile"
    create_initial_draft = "create_initial_draft"
    create_counterproposal = "create_counterproposal"
    create_revision = "create_revision"
    create_change = "create_change"
    share_draft = "share_draft"
    initial = "initial"
    consent_to_change = "consent_to_change"
    create_round = "create_round"
    record_minutes = "record_minutes"
    raise_point = "raise_point"
    settle_point = "settle_point"
    add_note = "add_note"
    take_step = "take_step"
    record_review = "record_review"
    agree_modifications = "agree_modifications"
    choose_outcome = "choose_outcome"
    resume = "resume"
    set_languages = "set_languages"
    sign = "sign"
    ratify = "ratify"
    set_encoding = "set_encoding"
    conclude_arrangement = "conclude_arrangement"
    sign_arrangement = "sign_arrangement"


DRAFT_WRITES: dict[str, Write] = {
    "initial": Write.create_initial_draft,
    "counterproposal": Write.create_counterproposal,
    "revision": Write.create_revision,
    "change": Write.create_change,
}
"""The write that creates a draft of each kind."""


@dataclass(frozen=True)
class Permission:
    """Who may make a write (``roles``, else refused by ``role_rule``), in which ``steps`` and
    ``statuses`` of the negotiation."""

    roles: frozenset[Role]
    steps: frozenset[Step]
    statuses: frozenset[Status] = OPEN
    role_rule: str = "role"


def _in(*steps: Step) -> frozenset[Step]:
    return frozenset(steps)


S = Step
PERMISSIONS: dict[Write, Permission] = {
    # Step 1 and throughout: delegations, their representatives and the country profiles.
    Write.add_member: Permission(HEADS, BEFORE_ENTRY_INTO_FORCE, role_rule="heads_add_members"),
    Write.set_representatives: Permission(WRITERS, BEFORE_ENTRY_INTO_FORCE),
    Write.update_profile: Permission(WRITERS, BEFORE_ENTRY_INTO_FORCE),
    # Steps 2-4: drafts (ILO brief: initial draft, counterproposals, revisions, changes after initialling).
    Write.create_initial_draft: Permission(WRITERS, _in(S.initial_draft)),
    Write.create_counterproposal: Permission(WRITERS, _in(S.initial_draft, S.negotiations)),
    Write.create_revision: Permission(WRITERS, _in(S.negotiations)),
    Write.create_change: Permission(WRITERS, _in(S.negotiations, S.review)),
    Write.share_draft: Permission(WRITERS, _in(S.initial_draft, S.negotiations, S.review)),
    Write.initial: Permission(HEADS, _in(S.negotiations), role_rule="only_heads_initial"),
    Write.consent_to_change: Permission(HEADS, _in(S.negotiations, S.review), role_rule="only_heads_consent"),
    # Step 3: rounds, their minutes, contentious points.
    Write.create_round: Permission(WRITERS, _in(S.negotiations)),
    Write.record_minutes: Permission(
        WRITERS, _in(S.negotiations, S.review, S.signing, S.approval, S.administrative_arrangement)
    ),  # the last round's, later
    Write.raise_point: Permission(WRITERS, _in(S.negotiations, S.review)),
    Write.settle_point: Permission(WRITERS, _in(S.negotiations, S.review)),
    # A delegation's internal notes, in every step and status.
    Write.add_note: Permission(WRITERS, frozenset(Step), frozenset(Status)),
    # The state machine decides which step follows (domain.negotiation.TRANSITIONS).
    Write.take_step: Permission(HEADS, BEFORE_ENTRY_INTO_FORCE, role_rule="heads_move_the_process"),
    # Step 4: review, and the outcomes when it finds no agreement.
    Write.record_review: Permission(WRITERS, _in(S.review)),
    Write.agree_modifications: Permission(HEADS, _in(S.review)),
    Write.choose_outcome: Permission(HEADS, _in(S.review), role_rule="heads_move_the_process"),
    Write.resume: Permission(
        HEADS, BEFORE_ENTRY_INTO_FORCE, frozenset({Status.suspended}), role_rule="heads_move_the_process"
    ),
    # Steps 4-5: official languages, signature.
    Write.set_languages: Permission(HEADS, _in(S.review, S.signing)),
    Write.sign: Permission(HEADS, _in(S.signing), role_rule="only_heads_sign"),
    # Steps 6-7: approval or ratification, the encoding for the engine, the administrative arrangement.
    Write.ratify: Permission(HEADS, _in(S.approval, S.administrative_arrangement)),
    Write.set_encoding: Permission(WRITERS, _in(S.review, S.signing, S.approval, S.administrative_arrangement)),
    Write.conclude_arrangement: Permission(WRITERS, _in(S.approval, S.administrative_arrangement)),
    Write.sign_arrangement: Permission(
        HEADS, _in(S.approval, S.administrative_arrangement), role_rule="only_heads_sign"
    ),
}


@dataclass(frozen=True)
class Refusal:
    """Why a write is not allowed: the rule, the reason, and whether it is the actor's role
    (``forbidden``: 403) rather than the negotiation's state (422)."""

    rule: str
    message: str
    forbidden: bool = False


def refusal(write: Write, role: Role, step: Step, status: Status) -> Refusal | None:
    """None when ``role`` may make ``write`` in ``step`` and ``status``; else why not.

    The negotiation's state is checked first: a concluded agreement is read-only for everyone."""
    permission = PERMISSIONS[write]
    if status is Status.in_force and status not in permission.statuses:
        return Refusal("read_only_after_entry_into_force", "the agreement is in force: what was concluded is "
                       "read-only; open an amending negotiation to change it")  # fmt: skip
    if status not in permission.statuses:
        allowed = ", ".join(sorted(s.value for s in permission.statuses))
        rule = "resume_suspended" if write is Write.resume else "status"
        return Refusal(rule, f"allowed while the negotiation is {allowed}; it is {status.value}")
    if role not in permission.roles:
        allowed = ", ".join(sorted(r.value for r in permission.roles))
        return Refusal(permission.role_rule, f"this action needs the role {allowed}; you are {role.value}", True)
    if step not in permission.steps:
        names = ", ".join(f"{s.value} ({s.name})" for s in sorted(permission.steps))
        return Refusal("step_order", f"allowed in step {names}; the negotiation is in step {step.value}")
    return None
