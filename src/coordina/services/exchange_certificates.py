"""A certificate of coverage issued by a node (issue 14 item 5): the form's data checked, signed
with the node's key as ``CC1:`` text (``exchange.certificate``), written as text, QR code (PNG,
SVG) and a one-page PDF, and, where the other party's institution is named, sent to it as a
``coverage_certificate`` document in its flow."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from coordina.domain.forms.coverage_certificate import CoverageCertificate
from coordina.errors import ExchangeRefused
from coordina.exchange.certificate import issue_cc1
from coordina.services.certificate_render import write_certificate
from coordina.services.exchange_node import Node, Sent


@dataclass(frozen=True)
class Issued:
    text: str
    files: dict[str, Path]
    sent: Sent | None


def issue(node: Node, *, agreement: str, data: Mapping[str, Any], stem: Path, send_to: str | None = None,
          actor: str) -> Issued:  # fmt: skip
    """Issue the certificate in ``data`` under ``agreement``, valid until the end of the legislation
    it certifies; written to ``stem``.txt/.png/.svg/.pdf, and sent to ``send_to`` if given."""
    try:
        certificate = CoverageCertificate.model_validate(dict(data))
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()[:10])
        raise ExchangeRefused("payload_invalid", f"the certificate is not complete or not valid: {problems}") from None
    issuer = certificate.institution.body
    if issuer != node.config.institution:
        raise ExchangeRefused("sender_mismatch", f"the certificate is issued by {issuer}, this node is "
                              f"{node.config.institution}")  # fmt: skip
    if agreement not in node.config.agreements:
        raise ExchangeRefused("wrong_agreement", f"this node takes no part in agreement {agreement}")
    issued_at = node.clock()
    expires = datetime.combine(certificate.legislation.end, time(23, 59, 59), UTC)
    if expires <= issued_at:
        raise ExchangeRefused("certificate_expired", f"the legislation certified ends on {certificate.legislation.end}")
    text = issue_cc1(certificate, node.config.key, issued_at=issued_at, expires=expires, agreement=agreement)
    files = write_certificate(text, certificate, stem, issued_at=issued_at, expires=expires)
    sent = None
    if send_to is not None:
        sent = node.send(agreement=agreement, form="coverage_certificate",
                         payload=certificate.model_dump(mode="json", exclude_none=True), recipient=send_to,
                         actor=actor, purpose="certificate of coverage issued")  # fmt: skip
    return Issued(text, files, sent)
