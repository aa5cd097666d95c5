"""Exchanges between institutions as declared flows (issue 14 item 3; EESSI's business use cases
are the model): a flow starts with one document, and each state says which documents may come
next, from which side, into which state, and within which time limit.

The flows are data (``data/exchange/flows.yaml``); the machine that walks them is
``coordina.exchange.flows``, pure; storing a conversation's state is the node service's job.
"""

from datetime import timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

FlowId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,62}$")]
StateName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,62}$")]
FormName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,62}$")]


class FlowRole(StrEnum):
    """The side of a conversation: who sent its first document, and to whom."""

    initiator = "initiator"
    responder = "responder"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class FlowTransition(_Strict):
    """In state ``from_state``, document ``document`` from side ``by`` moves the conversation to
    ``to_state``; ``time_limit`` counts from the moment the conversation entered ``from_state``."""

    from_state: StateName = Field(alias="from")
    document: FormName
    by: FlowRole
    to_state: StateName = Field(alias="to")
    time_limit: timedelta | None = Field(
        default=None, description="An ISO 8601 duration in days or weeks (P90D); none: no limit."
    )


class Flow(_Strict):
    """A declared exchange: its first document, its states and what may follow in each."""

    id: FlowId
    title: str = Field(min_length=1, max_length=200)
    purpose: str = Field(min_length=1, max_length=500)
    starts_with: FormName = Field(description="The initiator's first document.")
    start_state: StateName
    final_states: list[StateName] = Field(min_length=1)
    transitions: list[FlowTransition] = Field(min_length=1, max_length=50)
    time_limits_source: str = Field(min_length=1, description="Where the time limits come from, or 'unverified'.")

    @property
    def states(self) -> set[str]:
        return {self.start_state, *self.final_states, *(t.from_state for t in self.transitions),
                *(t.to_state for t in self.transitions)}  # fmt: skip

    def after(self, state: str) -> list[FlowTransition]:
        """The transitions out of ``state``, in the order the flow lists them."""
        return [t for t in self.transitions if t.from_state == state]

    @model_validator(mode="after")
    def _well_formed(self) -> "Flow":
        for index, transition in enumerate(self.transitions):
            if transition.from_state in self.final_states:
                raise PydanticCustomError(
                    "flow_final_state_left", "state {state} is final: no document may follow it",
                    {"state": transition.from_state, "at": ("transitions", index, "from")},
                )  # fmt: skip
        reached, frontier = {self.start_state}, [self.start_state]
        while frontier:
            for transition in self.after(frontier.pop()):
                if transition.to_state not in reached:
                    reached.add(transition.to_state)
                    frontier.append(transition.to_state)
        for index, final in enumerate(self.final_states):
            if final not in reached:
                raise PydanticCustomError(
                    "flow_state_unreachable", "final state {state} cannot be reached from {start}",
                    {"state": final, "start": self.start_state, "at": ("final_states", index)},
                )  # fmt: skip
        seen: set[tuple[str, str, str]] = set()
        for index, transition in enumerate(self.transitions):
            key = (transition.from_state, transition.document, transition.by.value)
            if key in seen:
                raise PydanticCustomError(
                    "flow_transition_twice", "in state {state}, {document} from the {by} is listed twice",
                    {"state": key[0], "document": key[1], "by": key[2], "at": ("transitions", index)},
                )  # fmt: skip
            seen.add(key)
        return self


class Flows(_Strict):
    """The bundled flows file."""

    flows: list[Flow] = Field(min_length=1, max_length=100)

    @model_validator(mode="after")
    def _unique(self) -> "Flows":
        ids = [flow.id for flow in self.flows]
        for index, flow_id in enumerate(ids):
            if flow_id in ids[:index]:
                raise PydanticCustomError(
                    "flow_twice", "flow {id} is declared twice", {"id": flow_id, "at": ("flows", index, "id")}
                )
        return self
