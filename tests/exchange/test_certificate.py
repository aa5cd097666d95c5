"""The certificate of coverage as CC1 text (CBOR claims, COSE_Sign1, zlib, Base45): verified
offline, every failing check listed with its reason in words."""

import zlib
from datetime import datetime, timedelta
from typing import Any

import base45  # type: ignore[import-untyped]
import cbor2

from coordina.domain.forms import form_model
from coordina.exchange import canonical, keys
from coordina.exchange.certificate import CERTIFICATE_CLAIM, PREFIX, Verdict, issue_cc1, verify_cc1
from coordina.exchange.trust import TrustList
from tests.exchange.signing_parties import NOW, Parties, certificate, key_entry, trust_list

PARTIES = Parties()
TRUST = trust_list(signing=PARTIES)
ISSUED = NOW - timedelta(days=10)
EXPIRES = datetime(2028, 1, 1, tzinfo=NOW.tzinfo)


def issue(signing: keys.SigningKey = PARTIES.nps, **overrides: Any) -> str:
    options: dict[str, Any] = {"issued_at": ISSUED, "expires": EXPIRES}
    return issue_cc1(overrides.pop("content", certificate()), signing, **{**options, **overrides})


def verdict(text: str, trust: TrustList = TRUST, now: datetime = NOW) -> Verdict:
    return verify_cc1(text, trust, now=now)


def test_a_certificate_verifies_offline() -> None:
    text = issue()
    checked = verdict(text)

    assert text.startswith(PREFIX) and len(text) < 1200  # one QR code, version ~ 20 at level Q
    assert checked.valid and checked.reasons == [] and checked.words == []
    assert (checked.issuer, checked.issuing_body, checked.kid) == ("KR", "KR:nps", PARTIES.nps.kid)
    assert checked.certificate == certificate()
    assert (checked.issued_at, checked.expires) == (ISSUED.replace(microsecond=0), EXPIRES)


def test_the_form_model_itself_can_be_issued() -> None:
    model = form_model("coverage_certificate").model_validate(certificate())

    assert verdict(issue(content=model)).valid


def _with_claims(text: str, change: Any, resign: keys.SigningKey | None = None) -> str:
    signed = zlib.decompress(base45.b45decode(text[len(PREFIX) :]))
    protected, unprotected, payload, signature = cbor2.loads(signed).value
    claims = canonical.decode(payload)
    change(claims)
    payload = canonical.encode(claims)
    blob = cbor2.dumps(cbor2.CBORTag(18, [protected, dict(unprotected), payload, signature]))
    encoded: bytes = base45.b45encode(zlib.compress(blob))
    return PREFIX + encoded.decode()


def test_a_tampered_certificate_is_not_valid() -> None:
    def longer(claims: dict[Any, Any]) -> None:
        claims[CERTIFICATE_CLAIM]["data"]["legislation"]["end"] = "2030-12-31"

    checked = verdict(_with_claims(issue(), longer))

    assert not checked.valid and checked.reasons == ["signature_invalid"] and checked.certificate is None
    assert "tampered" in checked.words[0] and PARTIES.nps.kid.hex() in checked.words[0]


def test_the_prefix_and_the_encoding_are_checked() -> None:
    text = issue()
    cases = {
        "HC1:" + text[4:]: ("bad_prefix", "not a certificate of coverage"),
        "CC2:" + text[4:]: ("bad_prefix", "a version this verifier does not read"),
        text[:-3] + "a~!": ("bad_encoding", "not Base45"),
        PREFIX + base45.b45encode(b"not zlib").decode(): ("bad_encoding", "not zlib-compressed"),
        PREFIX + base45.b45encode(zlib.compress(b"not cose")).decode(): ("not_cose", "not CBOR"),
    }
    for changed, (reason, words) in cases.items():
        checked = verdict(changed)
        assert (checked.valid, checked.reasons) == (False, [reason])
        assert words in checked.words[0]


def test_an_unknown_key_is_not_valid() -> None:
    stranger = keys.generate()
    checked = verdict(issue(stranger))

    assert checked.reasons == ["key_unknown"] and stranger.kid.hex() in checked.words[0]


def test_a_key_no_longer_on_the_list_is_not_valid() -> None:
    rotated = key_entry(keys.generate())
    removed = [{"kid": PARTIES.drv.kid.hex(), "body": "DE:drv"}]
    trust = trust_list(signing=PARTIES, removed=removed, de_keys=[rotated])

    checked = verdict(issue(PARTIES.drv), trust)

    assert checked.reasons == ["key_not_on_trust_list"]


def test_an_expired_certificate_is_not_valid() -> None:
    checked = verdict(issue(expires=NOW - timedelta(days=1)))

    assert checked.reasons == ["certificate_expired"] and "expired at 2026-12-01 09:00 UTC" in checked.words[0]


def test_a_trust_list_older_than_its_maximum_age_is_a_reason() -> None:
    checked = verdict(issue(), now=NOW + timedelta(days=10))

    assert checked.reasons == ["trust_list_outdated"] and "a current list is needed" in checked.words[0]


def test_every_failing_check_is_listed() -> None:
    stranger = keys.generate("P-256")
    checked = verdict(issue(stranger, expires=NOW + timedelta(days=2)), now=NOW + timedelta(days=9))

    assert checked.reasons == ["key_unknown", "trust_list_outdated", "certificate_expired"]
    assert len(checked.words) == 3


def test_a_revoked_key_fails_for_certificates_signed_from_its_revocation() -> None:
    revoked_from = NOW - timedelta(days=5)
    trust = trust_list(signing=PARTIES, de_keys=[key_entry(PARTIES.drv, revoked_from=revoked_from.isoformat())])

    content = certificate()
    content["institution"]["body"] = "DE:drv"
    before = verdict(issue(PARTIES.drv, content=content, issued_at=revoked_from - timedelta(days=1)), trust)
    after = verdict(issue(PARTIES.drv, content=content, issued_at=revoked_from + timedelta(days=1)), trust)

    assert before.valid
    assert after.reasons == ["key_revoked"] and "revoked from 2026-11-27 09:00 UTC" in after.words[0]


def test_a_key_expired_when_it_signed_is_not_valid() -> None:
    checked = verdict(issue(issued_at=NOW - timedelta(days=400)))

    assert checked.reasons == ["key_not_yet_valid"]


def test_the_issuer_must_be_the_keys_party_and_body() -> None:
    checked = verdict(issue(issuer="DE"))
    content = certificate()
    content["institution"]["body"] = "KR:nhis"

    assert checked.reasons == ["issuer_mismatch"] and "KR:nps" in checked.words[0]
    assert verdict(issue(content=content)).reasons == ["issuer_mismatch"]


def test_the_issuer_is_the_issuing_institutions_party_by_default() -> None:
    text = issue_cc1(certificate(), PARTIES.nps, issued_at=ISSUED, expires=EXPIRES, agreement="de-kr")

    assert verdict(text).valid and verdict(text).issuer == "KR"


def test_a_certificate_under_another_agreement_is_not_valid() -> None:
    checked = verdict(issue(agreement="au-kr"))

    assert checked.reasons == ["wrong_agreement"] and "au-kr" in checked.words[0]


def test_a_certificate_with_an_extra_field_is_not_valid() -> None:
    content = certificate()
    content["person"]["religion"] = "none"

    checked = verdict(issue(content=content))

    assert (
        checked.reasons == ["payload_invalid"] and "person.religion: Extra inputs are not permitted" in checked.words[0]
    )


def test_every_character_changed_in_turn_makes_it_not_valid() -> None:
    text = issue()
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
    accepted = []
    for index in range(len(text)):
        other = alphabet[(alphabet.index(text[index]) + 1) % len(alphabet)]
        if verdict(text[:index] + other + text[index + 1 :]).valid:
            accepted.append(index)

    assert accepted == []
