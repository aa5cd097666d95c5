"""The port through which a node hands a signed document to another institution's endpoint (the
httpx pattern: the exchange is written against ``Transport``; the services fill it with HTTP
between running nodes, the tests with ``MemoryTransport``). A transport carries bytes and says
what the other side answered; it never signs, verifies or interprets a document."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from coordina.errors import ExchangeRefused

MEDIA_TYPE = "application/cose"
"""The media type of a COSE_Sign1 document (RFC 9052 §2: ``application/cose; cose-type="cose-sign1"``)."""


@dataclass(frozen=True)
class Delivery:
    """The receiving node's answer: ``accepted`` with its receipt, or refused with its reason."""

    accepted: bool
    receipt: dict[str, object]
    """As the receiver said it: ``message_id``, ``state`` of the conversation, or ``rule`` and
    ``detail`` of a refusal."""


class Transport(Protocol):
    def deliver(self, endpoint: str, document: bytes) -> Delivery:
        """Hand ``document`` to the node at ``endpoint``; ``ExchangeRefused`` (rule
        ``endpoint_unreachable``) if nothing answered there."""
        ...


Receiver = Callable[[bytes], Delivery]


class MemoryTransport:
    """Nodes in one process: each endpoint is a receiving function (``register``)."""

    def __init__(self) -> None:
        self._receivers: dict[str, Receiver] = {}

    def register(self, endpoint: str, receiver: Receiver) -> None:
        self._receivers[endpoint] = receiver

    def deliver(self, endpoint: str, document: bytes) -> Delivery:
        receiver = self._receivers.get(endpoint)
        if receiver is None:
            raise ExchangeRefused("endpoint_unreachable", f"no node answers at {endpoint}")
        return receiver(document)
