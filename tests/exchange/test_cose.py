"""COSE_Sign1 and COSE_Sign (RFC 9052) written with cbor2, checked against pycose both ways, and the
canonical CBOR (RFC 8949 §4.2.1) they sign."""

from typing import Any

import cbor2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pycose.algorithms import EdDSA, Es256
from pycose.headers import KID, Algorithm
from pycose.keys import CoseKey
from pycose.messages import Sign1Message, SignMessage
from pycose.messages.signer import CoseSignature

from coordina.errors import ExchangeRefused
from coordina.exchange import canonical, cose, keys

ALGS: list[keys.KeyType] = ["Ed25519", "P-256"]


def pycose_key(signing: keys.SigningKey, private: bool) -> Any:
    if private:
        return CoseKey.from_pem_private_key(signing.to_pem().decode())
    return CoseKey.from_pem_public_key(signing.public().to_pem().decode())


def _lists(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_lists(item) for item in value]
    if isinstance(value, dict | cbor2.frozendict):
        return {key: _lists(item) for key, item in value.items()}
    return value


def pycose_decode(blob: bytes) -> Any:
    """pycose's ``CoseMessage.decode`` with the arrays as lists: cbor2 6 decodes a tagged array as a
    tuple, which pycose 1.1 does not take for a COSE message."""
    tagged = cbor2.loads(blob)
    kind = {18: Sign1Message, 98: SignMessage}[tagged.tag]
    return kind.from_cose_obj(_lists(tagged.value), True)


def pycose_alg(signing: keys.SigningKey) -> Any:
    return EdDSA if signing.alg == keys.EDDSA else Es256


@pytest.mark.parametrize("alg", ALGS)
def test_sign1_round_trip(alg: keys.KeyType) -> None:
    signing = keys.generate(alg)
    message = cose.read_sign1(cose.sign1(b"the payload", signing))

    assert (message.payload, message.kid, message.alg) == (b"the payload", signing.kid, signing.alg)
    assert cose.verify_sign1(message, signing.public())
    assert not cose.verify_sign1(message, keys.generate(alg).public())
    if alg == "P-256":
        assert len(message.signature) == 64  # raw r || s (RFC 9053 §2.1), not DER


@pytest.mark.parametrize("alg", ALGS)
def test_kid_is_the_first_8_bytes_of_the_public_keys_digest(alg: keys.KeyType) -> None:
    import hashlib

    signing = keys.generate(alg)

    assert signing.kid == hashlib.sha256(signing.public().to_der()).digest()[:8]
    assert keys.VerifyKey.from_pem(signing.public().to_pem()).kid == signing.kid
    assert keys.SigningKey.from_pem(signing.to_pem()).kid == signing.kid


@pytest.mark.parametrize("alg", ALGS)
def test_pycose_verifies_ours(alg: keys.KeyType) -> None:
    signing = keys.generate(alg)
    decoded = pycose_decode(cose.sign1(b"ours", signing))

    decoded.key = pycose_key(signing, private=False)
    assert isinstance(decoded, Sign1Message)
    assert decoded.verify_signature()
    assert decoded.payload == b"ours"
    decoded.payload = b"ours, changed"
    assert not decoded.verify_signature()


@pytest.mark.parametrize("alg", ALGS)
def test_ours_verifies_pycoses(alg: keys.KeyType) -> None:
    signing = keys.generate(alg)
    message = Sign1Message(phdr={Algorithm: pycose_alg(signing), KID: signing.kid}, payload=b"theirs")
    message.key = pycose_key(signing, private=True)

    read = cose.read_sign1(message.encode())

    assert read.payload == b"theirs"
    assert cose.verify_sign1(read, signing.public())


def test_pycose_verifies_our_multi_signature_and_we_verify_its() -> None:
    ed, p256 = keys.generate("Ed25519"), keys.generate("P-256")
    decoded = pycose_decode(cose.add_signature(cose.sign(b"list", [ed]), p256))
    assert isinstance(decoded, SignMessage)
    for signer, signing in zip(decoded.signers, [ed, p256], strict=True):
        signer.key = pycose_key(signing, private=False)
        assert signer.verify_signature()

    signers = [
        CoseSignature(phdr={Algorithm: pycose_alg(s), KID: s.kid}, key=pycose_key(s, private=True)) for s in (ed, p256)
    ]
    theirs = cose.read_sign(SignMessage(phdr={}, payload=b"theirs", signers=signers).encode())
    assert [
        cose.verify_signature(theirs, s, k.public()) for s, k in zip(theirs.signatures, [ed, p256], strict=True)
    ] == [
        True,
        True,
    ]


@pytest.mark.parametrize(
    "blob",
    [b"", b"not cbor \xff", cbor2.dumps([1, 2]), cbor2.dumps(cbor2.CBORTag(17, [b"", {}, b"", b""]))],
    ids=["empty", "not CBOR", "short array", "another tag"],
)
def test_bytes_that_are_not_a_cose_sign1_are_refused(blob: bytes) -> None:
    with pytest.raises(ExchangeRefused) as refused:
        cose.read_sign1(blob)
    assert refused.value.rule == "not_cose"


def test_a_sign1_without_a_supported_algorithm_is_refused() -> None:
    blob = cbor2.dumps(cbor2.CBORTag(18, [cbor2.dumps({1: -257, 4: b"12345678"}), {}, b"x", b"sig"]))
    with pytest.raises(ExchangeRefused, match="no supported algorithm"):
        cose.read_sign1(blob)


def test_canonical_orders_keys_bytewise_not_length_first() -> None:
    # RFC 8949 §4.2.1: 100 (0x18 0x64) sorts before -1 (0x20); length-first would put -1 first
    assert canonical.encode({-1: "a", 100: "b"}) == bytes.fromhex("a2") + cbor2.dumps(100) + cbor2.dumps(
        "b"
    ) + cbor2.dumps(-1) + cbor2.dumps("a")


@pytest.mark.parametrize(
    "blob",
    [
        cbor2.dumps({"b": 1, "a": 2}),
        cbor2.dumps({"a": 1.5}),
        bytes.fromhex("bf616101ff"),
        bytes.fromhex("a2616101616102"),
    ],
    ids=["keys out of order", "a float", "indefinite length", "duplicate key"],
)
def test_canonical_decode_refuses_what_encode_would_not_write(blob: bytes) -> None:
    with pytest.raises(ExchangeRefused) as refused:
        canonical.decode(blob)
    assert refused.value.rule == "not_canonical"


def test_canonical_refuses_floats_when_encoding() -> None:
    with pytest.raises(TypeError, match=r"\$.amount: a float"):
        canonical.encode({"amount": 1.5})


json_like = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(deadline=None, max_examples=200)
@given(json_like)
def test_canonical_round_trip(document: Any) -> None:
    encoded = canonical.encode(document)
    assert canonical.decode(encoded) == document
    assert canonical.encode(canonical.decode(encoded)) == encoded
