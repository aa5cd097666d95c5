"""The acknowledgement of a received document: which one, when it arrived, accepted or rejected
and why (the EESSI business flows' acknowledgement of receipt, as a form of its own)."""

from enum import StrEnum
from typing import ClassVar

from pydantic import AwareDatetime, Field, model_validator
from pydantic_core import PydanticCustomError

from coordina.domain.forms.base import FormModel, Text
from coordina.domain.forms.identifiers import MessageId


class AcknowledgementStatus(StrEnum):
    accepted = "accepted"
    rejected = "rejected"


class Acknowledgement(FormModel):
    """A receipt for one document, accepted or rejected with the reason."""

    form: ClassVar[str] = "acknowledgement"
    version: ClassVar[int] = 1
    purpose: ClassVar[str] = (
        "To tell the sender that a document arrived, and whether it was accepted or why it was rejected."
    )

    acknowledged: MessageId = Field(description="The message id of the document acknowledged.")
    received: AwareDatetime
    status: AcknowledgementStatus
    reason: Text | None = Field(default=None, description="Why the document was rejected (required then).")

    @model_validator(mode="after")
    def _reason_for_rejection(self) -> "Acknowledgement":
        if self.status is AcknowledgementStatus.rejected and self.reason is None:
            raise PydanticCustomError("reason_required", "a rejection says why", {"at": ("reason",)})
        if self.status is AcknowledgementStatus.accepted and self.reason is not None:
            raise PydanticCustomError("reason_not_allowed", "an acceptance has no reason", {"at": ("reason",)})
        return self
