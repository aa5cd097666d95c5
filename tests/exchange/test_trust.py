"""The trust list: signed by every party's competent authority, used no longer than its maximum
age, never rolled back; its keys' validity, rotation and revocation."""

from datetime import timedelta
from typing import Any

import cbor2
import pytest
from pydantic import ValidationError

from coordina.errors import ExchangeRefused
from coordina.exchange import cose, keys
from coordina.exchange.trust import (
    TrustList,
    countersign_trust_list,
    read_trust_list,
    sign_trust_list,
    signer_kids,
    unverified_trust_list,
)
from tests.exchange.signing_parties import NOW, Parties, description, key_entry, signed_trust_list, trust_list

PARTIES = Parties()
LISTED = trust_list(signing=PARTIES)
BLOB = signed_trust_list(LISTED, PARTIES)
LONG_AGO = (NOW - timedelta(days=400)).isoformat()
NPS = PARTIES.nps


def read(blob: bytes = BLOB, **overrides: Any) -> TrustList:
    return read_trust_list(blob, PARTIES.anchors, **{"now": NOW, **overrides})


def refusal(blob: bytes = BLOB, **overrides: Any) -> ExchangeRefused:
    with pytest.raises(ExchangeRefused) as refused:
        read(blob, **overrides)
    return refused.value


def test_a_list_signed_by_every_authority_reads_back() -> None:
    assert read() == LISTED
    assert read(agreement="de-kr", newest_seen_version=3) == LISTED


def test_each_authority_signs_in_its_own_office() -> None:
    unsigned = sign_trust_list(LISTED, {})
    by_de = countersign_trust_list(unsigned, PARTIES.authorities["DE"])
    by_both = countersign_trust_list(by_de, PARTIES.authorities["KR"])

    assert unverified_trust_list(unsigned) == LISTED
    assert signer_kids(by_both) == [PARTIES.authorities["DE"].kid, PARTIES.authorities["KR"].kid]
    assert read(by_both) == LISTED


def test_a_missing_authority_signature_is_refused() -> None:
    refused = refusal(sign_trust_list(LISTED, {"DE": PARTIES.authorities["DE"]}))

    assert refused.rule == "trust_list_signature"
    assert "KR's competent authority" in refused.message and "has not signed it" in refused.message


def test_a_signature_by_another_key_is_refused() -> None:
    impostor = {"DE": PARTIES.authorities["DE"], "KR": keys.generate("P-256")}

    assert refusal(sign_trust_list(LISTED, impostor)).rule == "trust_list_signature"


def test_a_changed_list_no_longer_verifies() -> None:
    tagged = cbor2.loads(BLOB)
    protected, unprotected, _, signatures = tagged.value
    bigger = sign_trust_list(trust_list(signing=PARTIES, version=4), {})
    other_payload = cbor2.loads(bigger).value[2]
    changed = cbor2.dumps(cbor2.CBORTag(98, [protected, dict(unprotected), other_payload, list(signatures)]))

    refused = refusal(changed)

    assert refused.rule == "trust_list_signature" and "does not verify" in refused.message


def test_a_party_without_an_anchor_is_refused() -> None:
    with pytest.raises(ExchangeRefused, match="no trust anchor is configured for KR"):
        read_trust_list(BLOB, {"DE": PARTIES.anchors["DE"]}, now=NOW)


def test_an_outdated_list_is_refused_unless_the_caller_lists_it_itself() -> None:
    later = NOW + timedelta(days=7)  # issued a day before NOW, usable for 7 days

    refused = refusal(now=later)

    assert refused.rule == "trust_list_outdated"
    assert "may be used until 2026-12-08 09:00 UTC" in refused.message and "2026-12-09 09:00 UTC" in refused.message
    assert read(now=later, accept_outdated=True).outdated(later)


def test_a_lower_version_than_one_seen_is_a_rollback() -> None:
    refused = refusal(newest_seen_version=4)

    assert refused.rule == "trust_list_rollback" and "version 4" in refused.message


def test_a_list_of_another_agreement_is_refused() -> None:
    assert refusal(agreement="au-kr").rule == "wrong_agreement"


def test_a_list_issued_in_the_future_is_refused() -> None:
    assert refusal(now=NOW - timedelta(days=2)).rule == "trust_list_not_yet_valid"


def test_bytes_that_are_not_a_trust_list_are_refused() -> None:
    assert refusal(b"nonsense").rule == "trust_list_invalid"
    assert refusal(cose.sign(b"x", [PARTIES.authorities["DE"]])).rule == "trust_list_invalid"


def test_key_at_names_each_refusal() -> None:
    trusted = LISTED.find(PARTIES.drv.kid)
    assert (trusted.body, trusted.party, trusted.role) == ("DE:drv", "DE", "competent_institution")
    assert LISTED.key_at(PARTIES.nps.kid, NOW).body == "KR:nps"
    cases = {
        "key_unknown": (keys.generate().kid, NOW),
        "key_not_yet_valid": (PARTIES.drv.kid, NOW - timedelta(days=400)),
        "key_expired": (PARTIES.drv.kid, NOW + timedelta(days=400)),
    }
    for rule, (kid, at) in cases.items():
        with pytest.raises(ExchangeRefused) as refused:
            LISTED.key_at(kid, at)
        assert refused.value.rule == rule


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"max_age": "P0D"}, "max_age must be more than zero"),
        ({"parties": ["DE"]}, "body KR:nps is of party KR"),
        ({"de_keys": [key_entry(Parties().drv, kid="0" * 16)]}, "is not the id of this public key"),
        ({"de_keys": [key_entry(Parties().drv, alg="ES256")]}, "does not match the public key"),
        ({"de_keys": [key_entry(Parties().drv, valid_until=LONG_AGO)]}, "after valid_from"),
        ({"de_keys": [key_entry(Parties().drv, public_key="bm90IGEga2V5")]}, "not a base64 DER public key"),
        ({"de_keys": [key_entry(Parties().nps)]}, "a key id is listed twice"),
        (
            {"entries": [{"body": "KR:nps", "party": "DE", "role": "liaison_agency", "keys": [key_entry(NPS)]}]},
            "does not begin with its party",
        ),
    ],
    ids=["max_age", "party", "kid", "alg", "validity", "public key", "duplicate kid", "body prefix"],
)
def test_an_inconsistent_list_is_refused_naming_the_field(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        TrustList.model_validate(description(**change))
