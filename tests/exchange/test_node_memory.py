"""Two nodes in one process over ``MemoryTransport``: a request for periods answered from the
register, the statement logged with its signature, the claim decided on it with the document in
the trace; refusals; the access log, retention purge and a person's export."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from coordina.catalog.exchange_records import read_records
from coordina.domain.forms.arrangement import ArrangementForm
from coordina.errors import ExchangeRefused
from coordina.exchange import documents
from coordina.exchange.keys import generate
from coordina.exchange.transport import MemoryTransport
from coordina.services import (
    catalog,
    exchange_cases,
    exchange_certificates,
    exchange_keys,
    exchange_log,
    exchange_verify,
)
from coordina.services.database import open_database
from coordina.services.exchange_node import Node, NodeConfig, TrustFiles, _within_fields
from coordina.store.exchange_tables import ExchangeMessage
from tests.exchange.federation import AGREEMENT, DE, IN, PERSON, Federation, federation
from tests.forms.samples import SAMPLES

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Federation, dict[str, Node], Clock]]:
    found = federation(tmp_path)
    transport, clock = MemoryTransport(), Clock()
    library = catalog.library().agreements
    nodes = {}
    for body in (DE, IN):
        config = NodeConfig(
            institution=body,
            key=exchange_keys.read_private_key(found.key_file(body)),
            trust=TrustFiles({AGREEMENT: found.trust_list}, found.anchors),
            agreements={AGREEMENT: library[AGREEMENT]},
            records=read_records(found.records(body)),
        )
        db = open_database(f"sqlite:///{tmp_path / body.replace(':', '-')}.db")
        nodes[body] = Node(db, config, transport, clock=clock)
        transport.register(found.endpoints[body], nodes[body].receive)
    yield found, nodes, clock


def request(nodes: dict[str, Node]) -> str:
    payload = {"person": PERSON, "institution": {"body": DE, "name": "Deutsche Rentenversicherung"},
               "branch": "old_age", "claim_date": "2026-06-01"}  # fmt: skip
    return nodes[DE].send(agreement=AGREEMENT, form="periods_request", payload=payload, recipient=IN,
                          actor="caseworker-de", purpose="claim of P. Nair").message_id  # fmt: skip


def test_a_request_is_answered_and_the_claim_decided_on_the_certified_periods(world) -> None:  # type: ignore[no-untyped-def]
    found, nodes, _ = world
    asked = request(nodes)
    answers = nodes[IN].answer_pending()
    assert len(answers) == 1
    logged = {m.message_id: m for m in exchange_log.messages(nodes[DE].db)}
    statement = logged[answers[0]]
    assert (statement.direction, statement.form, statement.sender, statement.in_reply_to) == (
        "received", "insurance_periods", IN, asked)  # fmt: skip
    assert logged[asked].direction == "sent" and statement.conversation_id == asked
    decision = exchange_cases.decide(nodes[DE].db, read_records(found.records(DE)), agreement=AGREEMENT,
                                     identifier="DE-12-010558-N-001", claim_date=date(2026, 6, 1),
                                     statements=[answers[0]], actor="caseworker-de")  # fmt: skip
    steps = [s for s in decision.trace if s.rule.value == "certified_periods"]
    assert steps and steps[0].inputs["document"] == answers[0]
    assert steps[0].inputs["signature"] == statement.signature and steps[0].inputs["sender"] == IN
    german = next(d for d in decision.decisions if d.scheme == "de-grv")
    assert german.totalized_months > german.own_months  # the Indian periods counted
    assert nodes[IN].answer_pending() == []  # answered once


def sent_bytes(node: Node, message_id: str) -> bytes:
    with node.db.transaction() as session:
        row = session.scalar(select(ExchangeMessage).where(ExchangeMessage.message_id == message_id))
        assert row is not None and row.document is not None
        return row.document


def test_a_replayed_or_changed_document_is_refused_and_not_logged(world) -> None:  # type: ignore[no-untyped-def]
    _, nodes, _ = world
    blob = sent_bytes(nodes[DE], request(nodes))
    with pytest.raises(ExchangeRefused) as replay:
        nodes[IN].receive(blob)
    assert replay.value.rule == "replay"
    changed = bytearray(blob)
    changed[len(changed) // 2] ^= 0x01
    with pytest.raises(ExchangeRefused) as tampered:
        nodes[IN].receive(bytes(changed))
    assert tampered.value.rule in ("signature_invalid", "not_cose", "envelope_invalid")
    assert len(exchange_log.messages(nodes[IN].db)) == 1


def test_an_incomplete_form_an_unknown_recipient_or_another_agreement_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    _, nodes, _ = world
    with pytest.raises(ExchangeRefused) as incomplete:
        nodes[DE].send(agreement=AGREEMENT, form="periods_request", payload={"person": PERSON}, recipient=IN,
                       actor="x", purpose="test")  # fmt: skip
    assert incomplete.value.rule == "payload_invalid" and "claim_date" in incomplete.value.message
    payload = {"person": PERSON, "institution": {"body": DE, "name": "DRV"}, "branch": "old_age",
               "claim_date": "2026-06-01"}  # fmt: skip
    with pytest.raises(ExchangeRefused) as unknown:
        nodes[DE].send(agreement=AGREEMENT, form="periods_request", payload=payload, recipient="DE:dvka", actor="x",
                       purpose="test")  # fmt: skip
    assert unknown.value.rule == "recipient_unknown" and "DE:dvka" in unknown.value.message
    with pytest.raises(ExchangeRefused) as other:
        nodes[DE].send(agreement="fr-tn", form="periods_request", payload=payload, recipient=IN, actor="x",
                       purpose="t")  # fmt: skip
    assert other.value.rule == "wrong_agreement"
    assert exchange_log.messages(nodes[DE].db) == []  # nothing sent, nothing logged


def test_a_field_the_arrangement_does_not_collect_is_refused() -> None:
    named = ArrangementForm(form="life_certificate", purpose="test", fields=["person.surname", "seen_alive_on"],
                            retention="P2Y")  # fmt: skip
    _within_fields(named, {"person": {"surname": "Nair"}, "seen_alive_on": "2026-01-01"})
    with pytest.raises(ExchangeRefused, match=r"person\.forenames") as refused:
        _within_fields(named, {"person": {"surname": "Nair", "forenames": "Priya"}})
    assert refused.value.rule == "field_not_in_arrangement"


def test_retention_purges_the_document_and_keeps_the_fact(world) -> None:  # type: ignore[no-untyped-def]
    _, nodes, clock = world
    asked = request(nodes)
    assert exchange_log.purge(nodes[IN].db, clock.now, actor="dpo") == []
    later = clock.now + timedelta(days=3700)
    assert exchange_log.purge(nodes[IN].db, later, actor="dpo") == [asked]
    logged, payload = exchange_log.read(nodes[IN].db, asked, actor="auditor", purpose="audit")
    assert payload is None and logged.purged_at == later and logged.signature
    actions = [a["action"] for a in exchange_log.accesses(nodes[IN].db, message_id=asked)]
    assert actions == ["received", "purged", "read"]


def test_a_person_s_data_is_exported_and_the_export_logged(world) -> None:  # type: ignore[no-untyped-def]
    _, nodes, _ = world
    asked = request(nodes)
    exported = exchange_log.export_person(nodes[IN].db, PERSON["identifier"], actor="dpo", purpose="Art. 15 request")
    assert [d["message_id"] for d in exported["documents"]] == [asked]
    assert exported["documents"][0]["payload"]["person"]["surname"] == "Nair"
    assert exported["accesses"][-1]["action"] == "exported"


def test_a_node_issues_a_certificate_anyone_verifies_offline_from_its_qr(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    found, nodes, clock = world
    clock.now = datetime.now(UTC)  # the verifier below reads the clock
    data = {**SAMPLES["coverage_certificate"], "institution": {**SAMPLES["coverage_certificate"]["institution"]}}
    issued = exchange_certificates.issue(nodes[DE], agreement=AGREEMENT, data=data, stem=tmp_path / "a1", send_to=IN,
                                         actor="caseworker-de")  # fmt: skip
    assert issued.text.startswith("CC1:") and issued.sent is not None and issued.sent.delivery.accepted
    for kind in ("png", "pdf"):
        checked = exchange_verify.verify(str(issued.files[kind]), trust_list=found.trust_list, anchors=found.anchors)
        assert checked.verdict.valid, checked.verdict.words
        assert checked.verdict.issuing_body == DE
    other = {**data, "institution": {**data["institution"], "body": IN}}
    with pytest.raises(ExchangeRefused) as refused:
        exchange_certificates.issue(nodes[DE], agreement=AGREEMENT, data=other, stem=tmp_path / "b", actor="x")
    assert refused.value.rule == "sender_mismatch"


def test_a_trust_list_past_its_maximum_age_refuses_what_comes(world) -> None:  # type: ignore[no-untyped-def]
    _, nodes, clock = world
    blob = sent_bytes(nodes[DE], request(nodes))
    nodes[IN].db.engine.dispose()
    clock.now = datetime(2027, 1, 3, tzinfo=UTC)  # the list: issued 2026-01-01, at most 366 days old
    with pytest.raises(ExchangeRefused) as outdated:
        nodes[IN].receive(blob)
    assert outdated.value.rule == "trust_list_outdated"


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"revoked_from": "2026-03-01T00:00:00Z"}, "key_revoked"),  # revoked the day before it signs
        ({"valid_until": "2026-02-01T00:00:00Z"}, "key_expired"),
    ],
)
def test_a_revoked_or_expired_key_is_refused_by_the_receiver(world, change: dict[str, str], rule: str) -> None:  # type: ignore[no-untyped-def]
    found, nodes, _ = world
    found.sign_list(version=2, keys={DE: change})
    with pytest.raises(ExchangeRefused) as refused:
        request(nodes)
    assert refused.value.rule == rule
    assert exchange_log.messages(nodes[IN].db) == []


def test_a_key_not_on_the_list_and_a_document_of_another_agreement_are_refused(world) -> None:  # type: ignore[no-untyped-def]
    _, nodes, clock = world
    stranger = generate("Ed25519")
    envelope = documents.Envelope(agreement=AGREEMENT, form="periods_request", form_version=1, sender=DE, recipient=IN,
                                  message_id=documents.new_message_id(), sent_at=clock.now,
                                  payload=SAMPLES["periods_request"])  # fmt: skip
    with pytest.raises(ExchangeRefused) as unknown:
        nodes[IN].receive(documents.seal(envelope, stranger))
    assert unknown.value.rule == "key_unknown"
    other = envelope.model_copy(update={"agreement": "ca-nl", "message_id": documents.new_message_id()})
    with pytest.raises(ExchangeRefused) as wrong:
        nodes[IN].receive(documents.seal(other, nodes[DE].config.key))
    assert wrong.value.rule == "wrong_agreement"
