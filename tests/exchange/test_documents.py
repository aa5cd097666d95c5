"""A document sealed by the sender and opened by the receiver: accepted, or refused with the reason."""

from datetime import timedelta
from typing import Any

import cbor2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordina.errors import ExchangeRefused
from coordina.exchange import canonical, cose, keys
from coordina.exchange.documents import CONTENT_TYPE, Opened, open_sealed, seal
from coordina.exchange.trust import TrustList
from tests.exchange.signing_parties import AGREEMENT, FORMS, NOW, Parties, envelope, key, key_entry, trust_list

PARTIES = Parties()
TRUST = trust_list(signing=PARTIES)


def opened(blob: bytes, trust: TrustList = TRUST, **overrides: Any) -> Opened:
    options: dict[str, Any] = {
        "now": NOW,
        "agreement": AGREEMENT,
        "forms": FORMS,
        "seen": lambda message_id: False,
        "recipient": "DE:drv",
    }
    return open_sealed(blob, trust, **{**options, **overrides})


def refusal(blob: bytes, trust: TrustList = TRUST, **overrides: Any) -> ExchangeRefused:
    with pytest.raises(ExchangeRefused) as refused:
        opened(blob, trust, **overrides)
    return refused.value


SENDERS = [("KR:nps", PARTIES.nps), ("DE:drv", PARTIES.drv)]


@pytest.mark.parametrize(("sender", "signing"), SENDERS, ids=["P-256", "Ed25519"])
def test_a_sealed_document_opens_to_its_envelope(sender: str, signing: keys.SigningKey) -> None:
    sent = envelope(sender=sender, recipient="KR:nps" if sender == "DE:drv" else "DE:drv")
    blob = seal(sent, signing)

    received = opened(blob, recipient=sent.recipient)

    assert received.envelope == sent
    assert (received.kid, received.blob, received.sender_key.body) == (signing.kid, blob, sender)
    assert received.data.model_dump(mode="json", exclude_none=True)["person"]["surname"] == "Kim"


BLOB = seal(envelope(), PARTIES.nps)


@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(BLOB) - 1), st.integers(1, 255))
def test_a_changed_byte_anywhere_is_refused(index: int, flip: int) -> None:
    changed = bytearray(BLOB)
    changed[index] ^= flip

    with pytest.raises(ExchangeRefused):
        opened(bytes(changed))


def test_every_byte_changed_in_turn_is_refused() -> None:
    accepted = []
    for index in range(len(BLOB)):
        changed = bytearray(BLOB)
        changed[index] ^= 0x01
        try:
            opened(bytes(changed))
        except ExchangeRefused:
            continue
        accepted.append(index)

    assert accepted == []


def _resigned_payload(blob: bytes, change: Any) -> bytes:
    """The document with its payload changed and the old signature kept (a tampered document)."""
    tagged = cbor2.loads(blob)
    protected, unprotected, payload, signature = tagged.value
    document = canonical.decode(payload)
    change(document)
    return cbor2.dumps(cbor2.CBORTag(18, [protected, dict(unprotected), canonical.encode(document), signature]))


def test_tampering_is_refused_naming_the_key() -> None:
    def pay_more(document: dict[str, Any]) -> None:
        document["payload"]["legislation"]["end"] = "2029-12-31"

    refused = refusal(_resigned_payload(BLOB, pay_more))

    assert refused.rule == "signature_invalid"
    assert PARTIES.nps.kid.hex() in refused.message and "changed after it was signed" in refused.message


def test_bytes_that_are_not_a_document_are_refused() -> None:
    assert refusal(b"hello").rule == "not_cose"
    assert refusal(cose.sign1(canonical.encode({}), PARTIES.nps)).rule == "not_cose"  # no document content type


def test_an_unknown_key_is_refused() -> None:
    stranger = keys.generate()
    refused = refusal(seal(envelope(), stranger))

    assert refused.rule == "key_unknown"
    assert stranger.kid.hex() in refused.message and "de-kr (version 3)" in refused.message


def test_a_key_removed_from_the_list_is_not_on_the_trust_list() -> None:
    old = key("KR:nps old", "P-256")
    trust = trust_list(signing=PARTIES, removed=[{"kid": old.kid.hex(), "body": "KR:nps"}])

    refused = refusal(seal(envelope(), old), trust)

    assert refused.rule == "key_not_on_trust_list"
    assert "KR:nps" in refused.message and "removed" in refused.message


def _trust_with_drv_keys(*entries: dict[str, Any]) -> TrustList:
    return trust_list(signing=PARTIES, de_keys=list(entries))


def _from_drv(**overrides: Any) -> dict[str, Any]:
    return {"sender": "DE:drv", "recipient": "KR:nps", **overrides}


def test_a_key_signing_after_its_validity_is_expired() -> None:
    trust = _trust_with_drv_keys(key_entry(PARTIES.drv, valid_until=(NOW - timedelta(days=1)).isoformat()))

    refused = refusal(seal(envelope(**_from_drv()), PARTIES.drv), trust, recipient="KR:nps")

    assert refused.rule == "key_expired"
    assert "expired at 2026-12-01 09:00 UTC" in refused.message and "2026-12-02 09:00 UTC" in refused.message


def test_a_key_not_yet_valid_is_refused() -> None:
    trust = _trust_with_drv_keys(key_entry(PARTIES.drv, valid_from=(NOW + timedelta(days=1)).isoformat()))

    assert refusal(seal(envelope(**_from_drv()), PARTIES.drv), trust, recipient="KR:nps").rule == "key_not_yet_valid"


def test_a_revoked_key_fails_from_its_revocation_date_not_before() -> None:
    revoked_from = NOW - timedelta(hours=1)
    trust = _trust_with_drv_keys(key_entry(PARTIES.drv, revoked_from=revoked_from.isoformat()))
    before = envelope(**_from_drv(sent_at=revoked_from - timedelta(minutes=1)))
    at = envelope(**_from_drv(sent_at=revoked_from))

    accepted = opened(seal(before, PARTIES.drv), trust, now=before.sent_at, recipient="KR:nps")
    refused = refusal(seal(at, PARTIES.drv), trust, now=at.sent_at, recipient="KR:nps")

    assert accepted.envelope == before
    assert refused.rule == "key_revoked" and "revoked from 2026-12-02 08:00 UTC" in refused.message


def test_two_keys_of_a_body_overlap_during_rotation_and_both_verify() -> None:
    new = key("DE:drv new", "P-256")
    trust = _trust_with_drv_keys(
        key_entry(PARTIES.drv, valid_until=(NOW + timedelta(days=30)).isoformat()),
        key_entry(new, valid_from=(NOW - timedelta(days=30)).isoformat()),
    )

    for signing in (PARTIES.drv, new):
        assert opened(seal(envelope(**_from_drv()), signing), trust, recipient="KR:nps").sender_key.body == "DE:drv"


def test_a_document_claiming_another_sender_is_refused() -> None:
    refused = refusal(seal(envelope(sender="DE:drv", recipient="DE:drv"), PARTIES.nps))

    assert refused.rule == "sender_mismatch" and "KR:nps" in refused.message


def test_a_message_seen_before_is_a_replay() -> None:
    sent = envelope()
    refused = refusal(seal(sent, PARTIES.nps), seen=lambda message_id: message_id == sent.message_id)

    assert refused.rule == "replay" and sent.message_id in refused.message


def test_a_message_sent_long_before_it_is_received_is_a_replay() -> None:
    refused = refusal(BLOB, now=NOW + timedelta(minutes=6))

    assert refused.rule == "replay" and "more than 5 minutes apart" in refused.message
    assert opened(BLOB, now=NOW + timedelta(minutes=4)).envelope.sent_at == NOW


def test_a_document_of_another_agreement_is_refused() -> None:
    refused = refusal(seal(envelope(agreement="au-kr"), PARTIES.nps))

    assert refused.rule == "wrong_agreement" and "au-kr" in refused.message and "de-kr" in refused.message


def test_a_document_for_another_institution_is_refused() -> None:
    assert refusal(BLOB, recipient="DE:other-office").rule == "wrong_recipient"


def test_a_form_the_arrangement_does_not_name_is_refused() -> None:
    refused = refusal(BLOB, forms={"acknowledgement"})

    assert refused.rule == "form_not_in_arrangement"
    assert "'coverage_certificate'" in refused.message and "acknowledgement" in refused.message


def test_an_extra_field_is_refused() -> None:
    sent = envelope()
    sent.payload["person"]["religion"] = "not asked for"
    refused = refusal(seal(sent, PARTIES.nps))

    assert refused.rule == "payload_invalid"
    assert "payload.person.religion: Extra inputs are not permitted" in refused.message


def test_an_unknown_form_version_is_refused() -> None:
    refused = refusal(seal(envelope(form_version=99), PARTIES.nps))

    assert refused.rule == "payload_invalid" and "version 99" in refused.message


def test_a_signed_envelope_with_an_extra_field_is_refused() -> None:
    document = envelope().model_dump(mode="json")
    document["priority"] = "urgent"
    blob = cose.sign1(canonical.encode(document), PARTIES.nps, {cose.CONTENT_TYPE: CONTENT_TYPE})

    refused = refusal(blob)

    assert refused.rule == "envelope_invalid" and "envelope.priority" in refused.message


def test_a_signed_payload_not_in_canonical_form_is_refused() -> None:
    document = envelope().model_dump(mode="json")
    unordered = cbor2.dumps(dict(reversed(list(document.items()))))
    blob = cose.sign1(unordered, PARTIES.nps, {cose.CONTENT_TYPE: CONTENT_TYPE})

    assert refusal(blob).rule == "not_canonical"
