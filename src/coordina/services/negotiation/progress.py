"""Where a negotiation stands: the transitions out of its current step, each with the first of
its guards that does not hold (read-only; ``workspace.take_step`` evaluates the same guards
before it moves, ILO brief, 'Negotiating a social security agreement', steps 1-8).
"""

from pydantic import BaseModel

from coordina.domain.negotiation import TRANSITIONS, Status, Step
from coordina.services.negotiation.access import acting
from coordina.services.negotiation.guards import GUARDS
from coordina.store.db import Database


class TransitionState(BaseModel):
    """A transition the negotiation may take from where it is; ``guard`` and ``reason`` name the
    first guard that does not hold (both None when the step can be taken now)."""

    event: str
    source: int
    target: int
    target_name: str
    guard: str | None
    reason: str | None


def next_transitions(db: Database, user_id: int, negotiation_id: int) -> list[TransitionState]:
    """Every transition out of the current step and status, with its failing guard, if any.

    None while the negotiation is suspended, abandoned, cancelled or in force: the machine only
    moves an active negotiation (``domain.negotiation.TRANSITIONS``)."""
    with acting(db, negotiation_id, user_id, write=False) as act:
        status = Status(act.negotiation.status)
        found = []
        for candidate in TRANSITIONS:
            if candidate.source is not act.step or status not in candidate.statuses:
                continue
            failing = next(((guard, reason) for guard in candidate.guards if (reason := GUARDS[guard](act))), None)
            found.append(
                TransitionState(
                    event=candidate.event,
                    source=candidate.source.value,
                    target=candidate.target.value,
                    target_name=Step(candidate.target).name,
                    guard=failing[0] if failing else None,
                    reason=failing[1] if failing else None,
                )
            )
        return found
