"""A document between two institutions: an envelope around a form's data, signed by the sender.

The sender signs the deterministic CBOR of the whole envelope (:mod:`coordina.exchange.canonical`)
as a COSE_Sign1 (RFC 9052 §4.2) with its key id in the protected header: who sends, to whom, under
which agreement, which form and version, when, in reply to what, and the data. The receiver
accepts it only if every check of :func:`open_sealed` passes, and keeps the signed bytes as they
came (the evidence of the message log; ``Opened.blob``).

The checks, each refused with its reason code (``ExchangeRefused.rule``) and a sentence naming the
key, the body, the dates, the agreement or the form: ``not_cose``, ``key_unknown``,
``key_not_on_trust_list``, ``signature_invalid`` (a changed byte), ``not_canonical``,
``envelope_invalid``, ``key_revoked``, ``key_not_yet_valid``, ``key_expired`` (at the moment of
signing, ``sent_at``), ``sender_mismatch``, ``wrong_agreement``, ``wrong_recipient``,
``form_not_in_arrangement``, ``payload_invalid`` (the form's model refuses the data, an extra field
included: each form carries only what its purpose needs, issue 14 §6), ``replay`` (a message id
already received, or ``sent_at`` outside now ± the skew allowed).

The moment of signing is the envelope's ``sent_at``, which the replay check keeps within minutes
of the moment of receipt: a revoked key cannot sign a document dated back before its revocation
and have it accepted later.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coordina.errors import CoordinaError, ExchangeRefused
from coordina.exchange import canonical, cose
from coordina.exchange.keys import SigningKey
from coordina.exchange.trust import BODY_ID, TrustedKey, TrustList, UTCDatetime, when

CONTENT_TYPE = "application/coordina-document+cbor"
MESSAGE_ID = r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
NAME = r"^[a-z][a-z0-9_]{0,63}$"

FormModels = Callable[[str, int], type[BaseModel]]
"""The model of a form at a version (``coordina.domain.forms.form_model``); raises for an unknown one."""


class Envelope(BaseModel):
    """Who sends what to whom, under which agreement, and the form's data."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    agreement: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$")
    form: str = Field(pattern=NAME, description="The form's name (coordina.domain.forms.FORMS).")
    form_version: int = Field(ge=1, le=999)
    sender: str = Field(pattern=BODY_ID, description="Body id of the sending institution.")
    recipient: str = Field(pattern=BODY_ID, description="Body id of the receiving institution.")
    message_id: str = Field(pattern=MESSAGE_ID, description="A UUID4, lowercase.")
    in_reply_to: str | None = Field(default=None, pattern=MESSAGE_ID)
    flow: str | None = Field(default=None, pattern=NAME)
    sent_at: UTCDatetime
    payload: dict[str, Any] = Field(description="The form's data, JSON-like.")


def new_message_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Opened:
    """A document accepted by :func:`open_sealed`: the envelope, the data as the form's model, the
    sender's key and the signed bytes as received."""

    envelope: Envelope
    kid: bytes
    signature: bytes
    blob: bytes
    sender_key: TrustedKey
    data: BaseModel


def seal(envelope: Envelope, key: SigningKey) -> bytes:
    """The envelope signed by ``key``: a COSE_Sign1 over its deterministic CBOR."""
    payload = canonical.encode(envelope.model_dump(mode="json"))
    return cose.sign1(payload, key, {cose.CONTENT_TYPE: CONTENT_TYPE})


def _problems(error: ValidationError, prefix: str) -> str:
    return "; ".join(f"{'.'.join([prefix, *(str(p) for p in e['loc'])])}: {e['msg']}" for e in error.errors()[:10])


def _default_models(form: str, version: int) -> type[BaseModel]:
    from coordina.domain.forms import form_model  # the forms' schemas, written alongside

    return form_model(form, version)


def open_sealed(
    blob: bytes,
    trust: TrustList,
    *,
    now: datetime,
    agreement: str,
    forms: Collection[str],
    seen: Callable[[str], bool],
    max_skew: timedelta = timedelta(minutes=5),
    recipient: str | None = None,
    models: FormModels | None = None,
) -> Opened:
    """The document in ``blob`` if it passes every check (module docstring), else
    ``ExchangeRefused`` with the reason. ``forms``: the forms the agreement's arrangement names;
    ``seen``: whether a message id was already received; ``recipient``: this node's body id, if
    the document must be addressed to it; ``models``: the forms' models (default
    ``coordina.domain.forms.form_model``)."""
    message = cose.read_sign1(blob)
    if message.protected.get(cose.CONTENT_TYPE) != CONTENT_TYPE:
        raise ExchangeRefused("not_cose", f"the signed bytes are not a document (content type {CONTENT_TYPE})")
    trusted = trust.find(message.kid)
    if not cose.verify_sign1(message, trusted.verify_key):
        raise ExchangeRefused(
            "signature_invalid",
            f"the signature by key {message.kid.hex()} of {trusted.body} does not verify: "
            "the document was changed after it was signed, or that key did not sign it",
        )
    document = canonical.decode(message.payload, what="the signed document")
    try:
        envelope = Envelope.model_validate(document)
    except ValidationError as error:
        problems = _problems(error, "envelope")
        raise ExchangeRefused("envelope_invalid", f"the envelope is not valid: {problems}") from None
    trust.key_at(message.kid, envelope.sent_at)
    if envelope.sender != trusted.body:
        raise ExchangeRefused(
            "sender_mismatch",
            f"the document says it is from {envelope.sender} but key {message.kid.hex()} is {trusted.body}'s",
        )
    if envelope.agreement != agreement or trust.agreement != agreement:
        raise ExchangeRefused(
            "wrong_agreement",
            f"message {envelope.message_id} is sent under agreement {envelope.agreement}, not {agreement}"
            if envelope.agreement != agreement
            else f"{trust.describe()} is not the list of agreement {agreement}",
        )
    if recipient is not None and envelope.recipient != recipient:
        raise ExchangeRefused(
            "wrong_recipient", f"message {envelope.message_id} is addressed to {envelope.recipient}, not {recipient}"
        )
    if envelope.form not in forms:
        raise ExchangeRefused(
            "form_not_in_arrangement",
            f"the administrative arrangement of {agreement} names no form {envelope.form!r} "
            f"(it names {', '.join(sorted(forms)) or 'none'})",
        )
    data = _validate(envelope, models or _default_models)
    if seen(envelope.message_id):
        raise ExchangeRefused("replay", f"message {envelope.message_id} was already received: a document counts once")
    if abs(envelope.sent_at - now) > max_skew:
        raise ExchangeRefused(
            "replay",
            f"message {envelope.message_id} was sent at {when(envelope.sent_at)}, received at {when(now)}: "
            f"more than {int(max_skew.total_seconds() // 60)} minutes apart",
        )
    return Opened(envelope, message.kid, message.signature, blob, trusted, data)


def _validate(envelope: Envelope, models: FormModels) -> BaseModel:
    name = f"{envelope.form} version {envelope.form_version}"
    try:
        model = models(envelope.form, envelope.form_version)
    except (CoordinaError, KeyError, ImportError) as error:
        raise ExchangeRefused("payload_invalid", f"form {name} has no schema here: {error}") from None
    try:
        return model.model_validate(envelope.payload)
    except ValidationError as error:
        raise ExchangeRefused(
            "payload_invalid", f"the data of form {name} is not accepted: {_problems(error, 'payload')}"
        ) from None
