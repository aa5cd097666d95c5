"""An institution's exchange node (issue 14 items 2–4): it signs what it sends, verifies what it
receives against the agreement's trust list, walks the declared flows, keeps every document in
its message log, and answers a request for periods from its own register.

The node's work is written against the ``Transport`` port: ``coordina node serve`` puts it behind
HTTP (``api.node_app``, ``exchange_http.HttpTransport``), the tests also run two nodes in one
process over ``MemoryTransport``. Documents are checked in this order (``documents.open_sealed``):
signature, key on the current trust list and valid when signed, sender, agreement, recipient,
form named by the arrangement, the form's schema (extra fields refused), replay; then here: the
arrangement's fields for the form (data minimisation), and the flow.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from coordina.catalog.exchange_flows import bundled_flows
from coordina.domain.agreement import Agreement
from coordina.domain.exchange_flow import Flow
from coordina.domain.exchange_records import InstitutionRecords
from coordina.domain.forms import form_model, insurance_periods, retention_end
from coordina.domain.forms.arrangement import ArrangementForm
from coordina.domain.forms.sections import InstitutionSection, PersonIdentity
from coordina.errors import ExchangeRefused
from coordina.exchange import cose, documents, flows
from coordina.exchange.keys import SigningKey
from coordina.exchange.transport import Delivery, Transport
from coordina.exchange.trust import TrustList
from coordina.services import exchange_log
from coordina.services.exchange_trust import read_trust_list_file
from coordina.store.db import Database
from coordina.store.exchange_tables import ExchangeMessage

NODE_ACTOR = "node"
"""The actor the access log names for what the node does by itself (receipt, automatic answers)."""


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class TrustFiles:
    """The signed trust list file of each agreement the node takes part in, and the anchors file
    (the competent authorities' public keys, configured out of band). Each use reads the list and
    checks its signatures and its maximum age; a version lower than one already used is refused."""

    lists: Mapping[str, Path]
    anchors: Path
    _newest: dict[str, int] = field(default_factory=dict)

    def current(self, agreement: str, now: datetime) -> TrustList:
        path = self.lists.get(agreement)
        if path is None:
            raise ExchangeRefused("wrong_agreement", f"this node takes no part in agreement {agreement}")
        return self._read(agreement, path, now)

    def holding(self, kid: bytes, now: datetime) -> TrustList:
        """The current list that has key ``kid`` (``key_unknown`` if none of the node's lists has
        it; ``trust_list_outdated`` if the one that has it is past its maximum age)."""
        for agreement, path in self.lists.items():
            found = self._read(agreement, path, now, accept_outdated=True)
            if any(key.kid == kid.hex() for entry in found.entries for key in entry.keys) or any(
                removed.kid == kid.hex() for removed in found.removed
            ):
                return self._read(agreement, path, now)
        raise ExchangeRefused("key_unknown", f"key {kid.hex()} is on none of this node's trust lists")

    def _read(self, agreement: str, path: Path, now: datetime, accept_outdated: bool = False) -> TrustList:
        found = read_trust_list_file(path, self.anchors, now=now, newest_seen_version=self._newest.get(agreement),
                                     accept_outdated=accept_outdated)  # fmt: skip
        if found.agreement != agreement:
            raise ExchangeRefused("wrong_agreement", f"{path.name} is the list of {found.agreement}, not {agreement}")
        if not accept_outdated:
            self._newest[agreement] = max(found.version, self._newest.get(agreement, 0))
        return found


@dataclass(frozen=True)
class NodeConfig:
    institution: str
    """This node's body id (``DE:drv``)."""
    key: SigningKey
    trust: TrustFiles
    agreements: Mapping[str, Agreement]
    """The agreements the node takes part in (the library's), by id."""
    records: InstitutionRecords | None = None
    """The institution's register: with it, a request for periods is answered at once."""


@dataclass(frozen=True)
class Sent:
    message_id: str
    delivery: Delivery


class Node:
    def __init__(self, db: Database, config: NodeConfig, transport: Transport,
                 clock: Callable[[], datetime] = utc_now) -> None:  # fmt: skip
        self.db, self.config, self.transport, self.clock = db, config, transport, clock
        self.flows: dict[str, Flow] = bundled_flows()

    # --- receiving -------------------------------------------------------------------------

    def receive(self, blob: bytes) -> Delivery:
        """Verify and log one document; a refusal says why (nothing is logged for it)."""
        now = self.clock()
        trust = self.config.trust.holding(cose.read_sign1(blob).kid, now)  # the signature is checked first
        agreement = self._agreement(trust.agreement)
        forms = _arrangement_forms(agreement)
        opened = documents.open_sealed(blob, trust, now=now, agreement=agreement.id, forms=set(forms),
                                       seen=lambda m: exchange_log.seen(self.db, m),
                                       recipient=self.config.institution)  # fmt: skip
        envelope = opened.envelope
        _within_fields(forms[envelope.form], opened.data.model_dump(mode="json", exclude_none=True))
        with self.db.writing(), self.db.transaction() as session:
            conversation = self._next(session, envelope.form, envelope.message_id, envelope.in_reply_to, envelope.flow,
                                      envelope.sender, envelope.recipient, now)  # fmt: skip
            row = _row(opened.envelope, "received", opened.kid, opened.signature, blob, conversation,
                       forms[envelope.form], now)  # fmt: skip
            exchange_log.record(session, row, conversation, agreement.id, actor=NODE_ACTOR, action="received",
                                purpose=forms[envelope.form].purpose)  # fmt: skip
        receipt: dict[str, object] = {"message_id": envelope.message_id, "conversation": conversation.id,
                                      "state": conversation.state, "late": conversation.history[-1].late}  # fmt: skip
        return Delivery(True, receipt)

    def answer_pending(self) -> list[str]:
        """Answer from the register every request for periods received and not yet answered;
        the message ids of the statements sent."""
        if self.config.records is None:
            return []
        sent = []
        for logged in exchange_log.messages(self.db, limit=1000):
            if logged.direction != "received" or logged.form != "periods_request" or logged.conversation_id is None:
                continue
            with self.db.transaction() as session:
                conversation = exchange_log.conversation_of(session, logged.message_id)
            if conversation is None or conversation.state in self.flows[conversation.flow].final_states:
                continue
            sent.append(self.answer_request(logged.message_id, actor=NODE_ACTOR).message_id)
        return sent

    def answer_request(self, message_id: str, *, actor: str) -> Sent:
        """The statement of periods for a request received, drawn from the register."""
        records = self.config.records
        if records is None:
            raise ExchangeRefused("no_register", f"{self.config.institution} has no register to answer from")
        logged, payload = exchange_log.read(self.db, message_id, actor=actor, purpose="answer a request for periods")
        if payload is None or logged.form != "periods_request":
            raise ExchangeRefused("not_a_request", f"{message_id} is not a request for periods still held")
        request = form_model("periods_request").model_validate(payload)
        person = request.person  # type: ignore[attr-defined]
        found = records.find(person.identifier, person.surname, person.forenames, person.birth_date)
        if found is None:
            raise ExchangeRefused("person_not_found", f"{records.name} has no one record of {person.surname}, "
                                  f"{person.forenames}, born {person.birth_date}")  # fmt: skip
        statement = insurance_periods.from_periods(
            found.periods,
            person=PersonIdentity(identifier=found.person.identifier, surname=found.person.surname,
                                  forenames=found.person.forenames, birth_date=found.person.birth_date),
            institution=InstitutionSection(body=records.institution, name=records.name),
            party=records.party,
        )  # fmt: skip
        return self.send(agreement=logged.agreement, form="insurance_periods",
                         payload=statement.model_dump(mode="json"), recipient=logged.sender,
                         in_reply_to=message_id, actor=actor, purpose="answer a request for periods")  # fmt: skip

    # --- sending ---------------------------------------------------------------------------

    def send(self, *, agreement: str, form: str, payload: Mapping[str, Any], recipient: str,
             in_reply_to: str | None = None, flow: str | None = None, actor: str, purpose: str) -> Sent:  # fmt: skip
        """Sign ``form`` with this node's key, deliver it to ``recipient``'s endpoint on the trust
        list and log it; a refusal by the other node is raised with its reason."""
        now = self.clock()
        found = self._agreement(agreement)
        forms = _arrangement_forms(found)
        if form not in forms:
            raise ExchangeRefused("form_not_in_arrangement", f"the arrangement of {agreement} names no form {form!r}")
        try:
            data = form_model(form, forms[form].version).model_validate(dict(payload))
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or form}: {e['msg']}" for e in error.errors()[:10]
            )
            raise ExchangeRefused("payload_invalid", f"the {form} is not complete or not valid: {problems}") from None
        plain = data.model_dump(mode="json", exclude_none=True)
        _within_fields(forms[form], plain)
        trust = self.config.trust.current(agreement, now)
        endpoint = _endpoint(trust, recipient)
        envelope = documents.Envelope(agreement=agreement, form=form, form_version=forms[form].version,
                                      sender=self.config.institution, recipient=recipient,
                                      message_id=documents.new_message_id(), in_reply_to=in_reply_to, flow=flow,
                                      sent_at=now, payload=plain)  # fmt: skip
        blob = documents.seal(envelope, self.config.key)
        signed = cose.read_sign1(blob)
        with self.db.writing(), self.db.transaction() as session:  # logged before it leaves: an answer may come at once
            before = exchange_log.conversation_of(session, in_reply_to) if in_reply_to else None
            conversation = self._next(session, form, envelope.message_id, in_reply_to, flow, self.config.institution,
                                      recipient, now)  # fmt: skip
            row = _row(envelope, "sent", signed.kid, signed.signature, blob, conversation, forms[form], now)
            exchange_log.record(session, row, conversation, agreement, actor=actor, action="sent", purpose=purpose)
        try:
            delivery = self.transport.deliver(endpoint, blob)
        except ExchangeRefused as error:
            self._undelivered(envelope.message_id, before, conversation, f"not delivered: {error.message}")
            raise
        if not delivery.accepted:
            detail = delivery.receipt.get("detail", "")
            rule = str(delivery.receipt.get("rule", "refused"))
            self._undelivered(envelope.message_id, before, conversation, f"refused by {recipient}: {rule}: {detail}")
            raise ExchangeRefused(rule, f"{recipient} refused it: {detail}")
        exchange_log.delivered(self.db, envelope.message_id, "accepted")
        return Sent(envelope.message_id, delivery)

    # --- helpers ---------------------------------------------------------------------------

    def _undelivered(self, message_id: str, before: flows.Conversation | None, after: flows.Conversation,
                     outcome: str) -> None:  # fmt: skip
        """A document the other node did not take: the log says why, the conversation is as before."""
        exchange_log.delivered(self.db, message_id, outcome, restore=before, opened=after if before is None else None)

    def _agreement(self, agreement_id: str) -> Agreement:
        found = self.config.agreements.get(agreement_id)
        if found is None:
            raise ExchangeRefused("wrong_agreement", f"this node takes no part in agreement {agreement_id}")
        return found

    def _next(self, session: Any, form: str, message_id: str, in_reply_to: str | None, flow_id: str | None,
              sender: str, recipient: str, now: datetime) -> flows.Conversation:  # fmt: skip
        """The conversation after this document: a new one for a first document, else the one
        of the document it answers, advanced."""
        if in_reply_to is None:
            flow = self._flow(flow_id, form)
            return flows.begin(flow, message_id=message_id, document=form, sender=sender, recipient=recipient, at=now)
        conversation = exchange_log.conversation_of(session, in_reply_to)
        if conversation is None:
            raise ExchangeRefused("flow_unknown_reply", f"document {in_reply_to} it answers is not in this node's log")
        return flows.advance(conversation, self.flows[conversation.flow], message_id=message_id, document=form,
                             sender=sender, at=now)  # fmt: skip

    def _flow(self, flow_id: str | None, form: str) -> Flow:
        if flow_id is not None:
            if flow_id not in self.flows:
                raise ExchangeRefused("flow_unknown", f"no flow {flow_id!r}; the flows are {', '.join(self.flows)}")
            return self.flows[flow_id]
        starting = [f for f in self.flows.values() if f.starts_with == form]
        if len(starting) != 1:
            raise ExchangeRefused("flow_unknown", f"no flow starts with a {form} document: name the one it answers")
        return starting[0]


def _arrangement_forms(agreement: Agreement) -> dict[str, ArrangementForm]:
    arrangement = agreement.administrative_arrangement
    return {f.form: f for f in arrangement.forms} if arrangement is not None else {}


def _within_fields(named: ArrangementForm, data: Mapping[str, Any]) -> None:
    """Refuse a field the arrangement does not collect for the form (a field is allowed where it,
    or the section it is in, is listed)."""
    allowed = set(named.fields)
    for path in _paths(data, ""):
        parts = path.split(".")
        if not any(".".join(parts[:n]) in allowed for n in range(1, len(parts) + 1)):
            raise ExchangeRefused(
                "field_not_in_arrangement",
                f"the arrangement collects no field {path!r} on form {named.form} (its purpose: {named.purpose})",
            )


def _paths(value: Any, prefix: str) -> list[str]:
    if isinstance(value, Mapping):
        found = []
        for key, inner in value.items():
            path = f"{prefix}{key}"
            below = _paths(inner, f"{path}.")
            found += below or [path]
        return found
    if isinstance(value, list):
        return sorted({p for item in value for p in _paths(item, prefix)})
    return []


def _endpoint(trust: TrustList, body: str) -> str:
    for entry in trust.entries:
        if entry.body == body:
            if entry.endpoint is None:
                raise ExchangeRefused("endpoint_unknown", f"{trust.describe()} gives no endpoint for {body}")
            return entry.endpoint
    raise ExchangeRefused("recipient_unknown", f"{body} is not on {trust.describe()}")


def _row(envelope: documents.Envelope, direction: str, kid: bytes, signature: bytes, blob: bytes,
         conversation: flows.Conversation, named: ArrangementForm, now: datetime) -> ExchangeMessage:  # fmt: skip
    person = envelope.payload.get("person")
    identifier = person.get("identifier") if isinstance(person, dict) else None
    return ExchangeMessage(
        message_id=envelope.message_id, direction=direction, agreement=envelope.agreement, form=envelope.form,
        form_version=envelope.form_version, flow=conversation.flow, conversation_id=conversation.id,
        in_reply_to=envelope.in_reply_to, sender=envelope.sender, recipient=envelope.recipient,
        person=identifier, sent_at=envelope.sent_at, logged_at=now, kid=kid.hex(), signature=signature,
        document=blob, payload=envelope.payload, late=conversation.history[-1].late,
        retain_until=datetime.combine(retention_end(now.date(), named.retention) + timedelta(days=1), time(), UTC),
    )  # fmt: skip
