"""The machine that walks a declared flow (``coordina.domain.exchange_flow``): which document may
come next in a conversation, from which side, and whether it came within its time limit. Pure:
a conversation in, the next conversation out (or the refusal, in words); storing it is the node
service's job.

A conversation is one run of a flow between two institutions: its first document (the flow's
``starts_with``) names it, the sender of that document is the initiator and its recipient the
responder. A document that arrives after its time limit is still accepted and recorded as late
(``data/exchange/flows.yaml`` says why); ``overdue`` lists what is awaited past its limit.
"""

from dataclasses import dataclass, replace
from datetime import datetime

from coordina.domain.exchange_flow import Flow, FlowRole, FlowTransition
from coordina.errors import ExchangeRefused


@dataclass(frozen=True)
class Exchanged:
    """One document of a conversation, as the flow saw it."""

    message_id: str
    document: str
    by: FlowRole
    at: datetime
    late: bool = False


@dataclass(frozen=True)
class Conversation:
    """A flow's run between two institutions (body ids), in ``state`` since ``entered_at``."""

    flow: str
    id: str
    """The message id of the first document."""
    initiator: str
    responder: str
    state: str
    entered_at: datetime
    history: tuple[Exchanged, ...]

    def role_of(self, body: str) -> FlowRole | None:
        if body == self.initiator:
            return FlowRole.initiator
        if body == self.responder:
            return FlowRole.responder
        return None


@dataclass(frozen=True)
class Awaited:
    """A document the conversation waits for, and by when (None: no limit)."""

    document: str
    by: FlowRole
    due: datetime | None


def begin(flow: Flow, *, message_id: str, document: str, sender: str, recipient: str, at: datetime) -> Conversation:
    """The conversation a first document opens; refused unless it is the flow's first document."""
    if document != flow.starts_with:
        raise ExchangeRefused(
            "flow_document_not_allowed",
            f"the flow {flow.id} ({flow.title}) starts with a {flow.starts_with} document, not a {document}",
        )
    if sender == recipient:
        raise ExchangeRefused("flow_same_institution", f"{sender} cannot open a {flow.id} exchange with itself")
    first = Exchanged(message_id, document, FlowRole.initiator, at)
    return Conversation(flow.id, message_id, sender, recipient, flow.start_state, at, (first,))


def advance(conversation: Conversation, flow: Flow, *, message_id: str, document: str, sender: str,
            at: datetime) -> Conversation:  # fmt: skip
    """The conversation after ``document`` from ``sender``; refused if the flow does not allow it
    in the current state from that side, or the conversation is closed."""
    if flow.id != conversation.flow:
        raise ExchangeRefused(
            "flow_mismatch", f"conversation {conversation.id} is a {conversation.flow} exchange, not {flow.id}"
        )
    role = conversation.role_of(sender)
    if role is None:
        raise ExchangeRefused(
            "flow_wrong_institution",
            f"{sender} takes no part in conversation {conversation.id}"
            f" (between {conversation.initiator} and {conversation.responder})",
        )
    if conversation.state in flow.final_states:
        raise ExchangeRefused(
            "flow_closed",
            f"conversation {conversation.id} is closed (state {conversation.state}): no document may follow",
        )
    transition = _transition(flow, conversation.state, document, role)
    if transition is None:
        raise ExchangeRefused("flow_document_not_allowed", _not_allowed(flow, conversation, document, role))
    late = transition.time_limit is not None and at > conversation.entered_at + transition.time_limit
    step = Exchanged(message_id, document, role, at, late)
    moved = transition.to_state != conversation.state
    return replace(conversation, state=transition.to_state, entered_at=at if moved else conversation.entered_at,
                   history=(*conversation.history, step))  # fmt: skip


def awaited(conversation: Conversation, flow: Flow) -> list[Awaited]:
    """The documents the conversation may receive next, with their due dates."""
    return [
        Awaited(t.document, t.by, conversation.entered_at + t.time_limit if t.time_limit is not None else None)
        for t in flow.after(conversation.state)
    ]


def overdue(conversation: Conversation, flow: Flow, now: datetime) -> list[Awaited]:
    """What is awaited past its time limit at ``now`` (empty for a closed conversation)."""
    return [a for a in awaited(conversation, flow) if a.due is not None and now > a.due]


def _transition(flow: Flow, state: str, document: str, role: FlowRole) -> FlowTransition | None:
    for transition in flow.after(state):
        if transition.document == document and transition.by is role:
            return transition
    return None


def _not_allowed(flow: Flow, conversation: Conversation, document: str, role: FlowRole) -> str:
    allowed = [f"{t.document} from the {t.by.value}" for t in flow.after(conversation.state)]
    return (
        f"in state {conversation.state} of the {flow.id} exchange {conversation.id}, a {document} from the "
        f"{role.value} is not allowed; allowed: {', '.join(allowed) or 'nothing'}"
    )
