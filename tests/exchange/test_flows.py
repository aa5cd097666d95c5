"""The declared flows (``data/exchange/flows.yaml``) walked by ``coordina.exchange.flows``: what
may come next, from which side, late replies recorded, closed conversations, bad flow files."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coordina.catalog.exchange_flows import bundled_flows, read_flows
from coordina.errors import DataError, ExchangeRefused
from coordina.exchange import flows

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
A, B = "DE:drv", "IN:epfo"


def opened(flow_id: str = "periods_statement") -> flows.Conversation:
    flow = bundled_flows()[flow_id]
    return flows.begin(flow, message_id="m1", document=flow.starts_with, sender=A, recipient=B, at=AT)


def test_the_bundled_flows_start_with_their_forms_and_end() -> None:
    found = bundled_flows()
    assert set(found) == {"periods_statement", "coverage_certificate", "pension_claim", "life_certificate"}
    assert found["periods_statement"].starts_with == "periods_request"
    assert all(flow.time_limits_source == "unverified" for flow in found.values())


def test_a_request_answered_in_time_closes_the_conversation() -> None:
    flow = bundled_flows()["periods_statement"]
    conversation = opened()
    assert [(a.document, a.by.value, a.due) for a in flows.awaited(conversation, flow)] == [
        ("acknowledgement", "responder", AT + timedelta(days=30)),
        ("insurance_periods", "responder", AT + timedelta(days=90)),
    ]
    answered = flows.advance(conversation, flow, message_id="m2", document="insurance_periods", sender=B,
                             at=AT + timedelta(days=10))  # fmt: skip
    assert answered.state == "answered" and not answered.history[-1].late
    assert flows.awaited(answered, flow) == []
    with pytest.raises(ExchangeRefused) as refused:
        flows.advance(answered, flow, message_id="m3", document="acknowledgement", sender=A, at=AT)
    assert refused.value.rule == "flow_closed"


def test_a_late_answer_is_accepted_and_recorded_as_late() -> None:
    flow = bundled_flows()["periods_statement"]
    conversation = opened()
    assert flows.overdue(conversation, flow, AT + timedelta(days=31))[0].document == "acknowledgement"
    late = flows.advance(conversation, flow, message_id="m2", document="insurance_periods", sender=B,
                         at=AT + timedelta(days=91))  # fmt: skip
    assert late.state == "answered" and late.history[-1].late


def test_the_limit_counts_from_the_state_entered() -> None:
    flow = bundled_flows()["periods_statement"]
    acknowledged = flows.advance(opened(), flow, message_id="m2", document="acknowledgement", sender=B,
                                 at=AT + timedelta(days=20))  # fmt: skip
    assert acknowledged.entered_at == AT + timedelta(days=20)
    answered = flows.advance(acknowledged, flow, message_id="m3", document="insurance_periods", sender=B,
                             at=AT + timedelta(days=105))  # fmt: skip
    assert not answered.history[-1].late  # 85 days after the acknowledgement


@pytest.mark.parametrize(
    ("document", "sender", "rule"),
    [
        ("insurance_periods", A, "flow_document_not_allowed"),  # the initiator cannot answer its own request
        ("decision_notification", B, "flow_document_not_allowed"),  # not a document of this flow
        ("insurance_periods", "FR:cnav", "flow_wrong_institution"),  # a third institution
    ],
)
def test_a_document_the_flow_does_not_allow_is_refused_in_words(document: str, sender: str, rule: str) -> None:
    flow = bundled_flows()["periods_statement"]
    with pytest.raises(ExchangeRefused) as refused:
        flows.advance(opened(), flow, message_id="m2", document=document, sender=sender, at=AT)
    assert refused.value.rule == rule
    assert "periods_statement" in refused.value.message or sender in refused.value.message


def test_a_flow_opens_only_with_its_first_document() -> None:
    flow = bundled_flows()["pension_claim"]
    with pytest.raises(ExchangeRefused, match="starts with a pension_claim"):
        flows.begin(flow, message_id="m1", document="decision_notification", sender=A, recipient=B, at=AT)


def test_a_claim_takes_periods_and_a_medical_report_before_its_decision() -> None:
    flow = bundled_flows()["pension_claim"]
    conversation = opened("pension_claim")
    for index, (document, sender) in enumerate(
        [
            ("insurance_periods", A),
            ("invalidity_medical_report", A),
            ("acknowledgement", B),
            ("decision_notification", B),
        ]
    ):
        conversation = flows.advance(conversation, flow, message_id=f"n{index}", document=document, sender=sender,
                                     at=AT + timedelta(days=index))  # fmt: skip
    assert conversation.state == "decided"
    assert [step.document for step in conversation.history][:1] == ["pension_claim"]


def test_a_bad_flow_file_names_its_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "flows.yaml"
    path.write_text(
        "flows:\n"
        "  - id: broken\n"
        "    title: A flow whose final state cannot be reached\n"
        "    purpose: test\n"
        "    starts_with: periods_request\n"
        "    start_state: requested\n"
        "    final_states: [answered]\n"
        "    time_limits_source: unverified\n"
        "    transitions:\n"
        "      - {from: requested, document: acknowledgement, by: responder, to: acknowledged}\n"
    )
    with pytest.raises(DataError) as error:
        read_flows(path)
    text = str(error.value)
    assert "flows.yaml" in text and "answered cannot be reached" in text
