"""The negotiation of an agreement: the eight steps of the ILO brief as a declared state machine.

The machine says which step follows which, and on what condition (guards are named; the
service evaluates them on stored facts). Storing the state is the service's job, not the
machine's (python-statemachine's persistence pattern, without the dependency).
"""

from dataclasses import dataclass
from enum import IntEnum, StrEnum


class Step(IntEnum):
    """The eight steps (ILO brief, 'Negotiating a social security agreement')."""

    preliminary_discussions = 1
    initial_draft = 2
    negotiations = 3
    review = 4
    signing = 5
    approval = 6
    administrative_arrangement = 7
    entry_into_force = 8


class Status(StrEnum):
    active = "active"
    suspended = "suspended"  # step 4 outcome (2): temporarily suspended, may resume
    abandoned = "abandoned"  # step 4 outcome (3)
    cancelled = "cancelled"  # step 4 outcome (4): officially cancelled
    in_force = "in_force"


class Role(StrEnum):
    head = "head"  # head of delegation: initials and signs
    member = "member"
    observer = "observer"  # reads, never writes
    facilitator = "facilitator"  # e.g. an ILO/ISSA adviser, with no party of its own


class ReviewOutcome(StrEnum):
    """What the parties choose when the review finds no agreement (ILO brief, step 4)."""

    repeat_negotiations = "repeat_negotiations"
    suspend = "suspend"
    abandon = "abandon"
    cancel = "cancel"


class PointStatus(StrEnum):
    open = "open"
    resolved_in_round = "resolved_in_round"
    postponed = "postponed"  # to the next round
    resolved_by_correspondence = "resolved_by_correspondence"


class ApprovalProcedure(StrEnum):
    parliamentary_vote = "parliamentary_vote"
    council_of_ministers = "council_of_ministers"
    enacting_legislation = "enacting_legislation"


SIGNING_WITHOUT_FULL_POWERS = frozenset({"head_of_state", "head_of_government", "minister_of_foreign_affairs"})
"""Officials who sign without an instrument of full powers (ILO brief, step 5)."""


@dataclass(frozen=True)
class Transition:
    event: str
    source: Step
    target: Step
    guards: tuple[str, ...]
    statuses: tuple[Status, ...] = (Status.active,)


TRANSITIONS: tuple[Transition, ...] = (
    Transition("complete_preliminary_discussions", Step.preliminary_discussions, Step.initial_draft,
               ("every_party_has_a_head_of_delegation",)),
    Transition("start_negotiations", Step.initial_draft, Step.negotiations,
               ("a_draft_is_shared_with_every_party",)),
    Transition("conclude_negotiations", Step.negotiations, Step.review,
               ("no_open_contentious_points", "every_head_initialled_the_current_text")),
    Transition("approve_reviewed_text", Step.review, Step.signing,
               ("every_party_reviewed_without_open_modifications",)),
    Transition("repeat_negotiations", Step.review, Step.negotiations, ()),
    Transition("complete_signing", Step.signing, Step.approval, ("every_party_signed",)),
    Transition("complete_approval", Step.approval, Step.administrative_arrangement,
               ("every_party_approved_or_ratified",)),
    Transition("enter_into_force", Step.administrative_arrangement, Step.entry_into_force,
               ("every_party_approved_or_ratified", "administrative_arrangement_signed")),
)  # fmt: skip


def transition(event: str, step: Step, status: Status) -> Transition:
    """The transition ``event`` from the current state, or ValueError saying why not."""
    for candidate in TRANSITIONS:
        if candidate.event == event and candidate.source == step and status in candidate.statuses:
            return candidate
    known = sorted({t.event for t in TRANSITIONS if t.source == step})
    if status is not Status.active:
        raise ValueError(f"the negotiation is {status.value}: no step can be taken")
    raise ValueError(f"'{event}' is not possible in step {step.value} ({step.name}); possible: {', '.join(known)}")


def mermaid() -> str:
    """The machine as a Mermaid state diagram, for the documentation."""
    lines = ["stateDiagram-v2", "    [*] --> preliminary_discussions"]
    for t in TRANSITIONS:
        lines.append(f"    {t.source.name} --> {t.target.name}: {t.event}")
    lines.append("    entry_into_force --> [*]")
    return "\n".join(lines)
