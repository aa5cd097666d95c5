"""COSE signatures (RFC 9052), written with cbor2 and ``cryptography``.

Why COSE and not JWS (issue 14 asked to pick one and say why):

- **One format for both uses.** A document between two institutions and the certificate of
  coverage a worker carries on paper are signed the same way. The offline certificate follows the
  EU Digital COVID Certificate (CBOR, COSE_Sign1, zlib, Base45 in a QR code: the eHealth
  Network's Electronic Health Certificate Specification);
  with JWS the exchanged documents and the QR would need two signature formats and two verifiers.
- **A canonical form without a canonicalisation scheme.** What is signed is the deterministic
  CBOR of the document (RFC 8949 §4.2.1, :mod:`coordina.exchange.canonical`): one document, one
  byte string. JSON has no such form of its own; JWS would sign whatever bytes were sent, or need
  the JSON Canonicalization Scheme (RFC 8785) on top.
- **Compact.** Binary CBOR with integer labels is a fraction of base64url JSON: a whole
  certificate of coverage fits one QR code at error correction level Q.

COSE_Sign1 (§4.2, tag 18) carries one signature; COSE_Sign (§4.1, tag 98) carries one payload
and several signatures, each with its own protected header: the trust list is signed so by every
party's competent authority, each in its own office and in any order, none re-signing the others'.
What is signed is the ``Sig_structure`` (§4.4): ``["Signature1", body_protected, external_aad,
payload]`` or ``["Signature", body_protected, sign_protected, external_aad, payload]``, with an
empty ``external_aad``. The algorithm (label 1) and the key id (label 4) are in the protected
header (§3.1), so neither can be changed without breaking the signature.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import cbor2

from coordina.errors import ExchangeRefused
from coordina.exchange import canonical
from coordina.exchange.keys import ALG_NAMES, SigningKey, VerifyKey

SIGN1_TAG = 18
SIGN_TAG = 98
ALG = 1  # header label: algorithm (RFC 9052 §3.1)
CONTENT_TYPE = 3
KID = 4
MAX_SIGNATURES = 16
_MAX_HEADER_BYTES = 4096


@dataclass(frozen=True)
class Signature:
    """One signer's part of a COSE_Sign (RFC 9052 §4.1), or the signature of a COSE_Sign1."""

    protected: dict[int, Any]
    protected_bytes: bytes
    unprotected: dict[Any, Any]
    signature: bytes
    kid: bytes
    alg: int


@dataclass(frozen=True)
class Sign1:
    """A decoded COSE_Sign1: the headers, the payload (still bytes) and the signature."""

    protected: dict[int, Any]
    unprotected: dict[Any, Any]
    payload: bytes
    signature: bytes
    kid: bytes
    alg: int
    protected_bytes: bytes


@dataclass(frozen=True)
class Sign:
    """A decoded COSE_Sign: one payload, every signer's :class:`Signature`."""

    protected: dict[int, Any]
    protected_bytes: bytes
    unprotected: dict[Any, Any]
    payload: bytes
    signatures: tuple[Signature, ...]


def _refuse(message: str) -> ExchangeRefused:
    return ExchangeRefused("not_cose", message)


def _protected(key: SigningKey, extra: Mapping[int, Any] | None) -> bytes:
    header: dict[int, Any] = dict(extra or {})
    header[ALG] = key.alg
    header[KID] = key.kid
    return canonical.encode(header)


def _sig_structure1(protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature1", protected, b"", payload])


def _sig_structure(body_protected: bytes, sign_protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature", body_protected, sign_protected, b"", payload])


def sign1(payload: bytes, key: SigningKey, extra_protected: Mapping[int, Any] | None = None) -> bytes:
    """A tagged COSE_Sign1 of ``payload`` by ``key``: alg and kid (and ``extra_protected``) protected."""
    protected = _protected(key, extra_protected)
    signature = key.sign(_sig_structure1(protected, payload))
    return cbor2.dumps(cbor2.CBORTag(SIGN1_TAG, [protected, {}, payload, signature]))


def _loads(blob: bytes, what: str) -> Any:
    if len(blob) > canonical.MAX_BYTES:
        raise _refuse(f"{what} is {len(blob)} bytes, more than the {canonical.MAX_BYTES} accepted")
    try:
        return cbor2.loads(blob, max_depth=canonical.MAX_DEPTH + 4, allow_indefinite=False, allow_duplicate_keys=False)
    except (cbor2.CBORDecodeError, ValueError, TypeError, OverflowError) as error:
        raise _refuse(f"{what} is not CBOR ({error})") from None


def _header(protected_bytes: object, what: str) -> dict[int, Any]:
    if not isinstance(protected_bytes, bytes) or len(protected_bytes) > _MAX_HEADER_BYTES:
        raise _refuse(f"the protected header of {what} is not a byte string of at most {_MAX_HEADER_BYTES} bytes")
    if protected_bytes == b"":
        return {}
    header = _loads(protected_bytes, f"the protected header of {what}")
    if not isinstance(header, Mapping):
        raise _refuse(f"the protected header of {what} is not a map")
    return dict(header)


def _alg_and_kid(protected: Mapping[Any, Any], unprotected: Mapping[Any, Any], what: str) -> tuple[int, bytes]:
    alg = protected.get(ALG)
    if alg not in ALG_NAMES:
        raise _refuse(f"{what} names no supported algorithm in its protected header ({alg!r}; EdDSA -8 or ES256 -7)")
    kid = protected.get(KID, unprotected.get(KID))
    if not isinstance(kid, bytes) or not 1 <= len(kid) <= 32:
        raise _refuse(f"{what} names no key id (header label 4)")
    return alg, kid


def _untag(value: Any, tag: int, length: int, what: str) -> list[Any]:
    if isinstance(value, cbor2.CBORTag):
        if value.tag != tag:
            raise _refuse(f"{what} has CBOR tag {value.tag}, not {tag}")
        value = value.value
    if not isinstance(value, list | tuple) or len(value) != length:
        raise _refuse(f"{what} is not an array of {length} elements (RFC 9052 §4)")
    return list(value)


def read_sign1(blob: bytes) -> Sign1:
    """Decode a COSE_Sign1 (tagged 18 or untagged), refusing (rule ``not_cose``) anything else.
    The signature is not checked here: :func:`verify_sign1`."""
    what = "the signed document"
    protected_bytes, unprotected, payload, signature = _untag(_loads(blob, what), SIGN1_TAG, 4, what)
    protected = _header(protected_bytes, what)
    if not isinstance(unprotected, Mapping):
        raise _refuse(f"the unprotected header of {what} is not a map")
    if not isinstance(payload, bytes):
        raise _refuse(f"{what} carries no payload byte string (detached payloads are not accepted)")
    if not isinstance(signature, bytes):
        raise _refuse(f"the signature of {what} is not a byte string")
    alg, kid = _alg_and_kid(protected, unprotected, what)
    return Sign1(protected, dict(unprotected), payload, signature, kid, alg, protected_bytes)


def verify_sign1(message: Sign1, key: VerifyKey) -> bool:
    """Whether ``key`` signed ``message`` (same algorithm, signature over its Sig_structure)."""
    if message.alg != key.alg:
        return False
    return key.verify(message.signature, _sig_structure1(message.protected_bytes, message.payload))


def _signature(body_protected: bytes, payload: bytes, key: SigningKey) -> list[Any]:
    protected = _protected(key, None)
    return [protected, {}, key.sign(_sig_structure(body_protected, protected, payload))]


def sign(payload: bytes, keys: Sequence[SigningKey], protected: Mapping[int, Any] | None = None) -> bytes:
    """A tagged COSE_Sign of ``payload`` with one signature per key (none: signed later with
    :func:`add_signature`)."""
    body_protected = canonical.encode(dict(protected or {})) if protected else b""
    signatures = [_signature(body_protected, payload, key) for key in keys]
    return cbor2.dumps(cbor2.CBORTag(SIGN_TAG, [body_protected, {}, payload, signatures]))


def read_sign(blob: bytes) -> Sign:
    """Decode a COSE_Sign (tagged 98 or untagged), refusing (rule ``not_cose``) anything else."""
    what = "the multi-signed document"
    body_protected, unprotected, payload, signatures = _untag(_loads(blob, what), SIGN_TAG, 4, what)
    protected = _header(body_protected, what)
    shaped = isinstance(unprotected, Mapping) and isinstance(payload, bytes)
    if not shaped or not isinstance(signatures, list | tuple):
        raise _refuse(f"{what} is not [protected, unprotected map, payload, signatures] (RFC 9052 §4.1)")
    if len(signatures) > MAX_SIGNATURES:
        raise _refuse(f"{what} has {len(signatures)} signatures, more than the {MAX_SIGNATURES} accepted")
    read: list[Signature] = []
    for index, item in enumerate(signatures, start=1):
        where = f"signature {index} of {what}"
        if not isinstance(item, list | tuple) or len(item) != 3:
            raise _refuse(f"{where} is not [protected, unprotected, signature]")
        sign_protected = _header(item[0], where)
        if not isinstance(item[1], Mapping) or not isinstance(item[2], bytes):
            raise _refuse(f"{where} is not [protected, unprotected map, signature bytes]")
        alg, kid = _alg_and_kid(sign_protected, item[1], where)
        read.append(Signature(sign_protected, item[0], dict(item[1]), item[2], kid, alg))
    return Sign(protected, body_protected, dict(unprotected), payload, tuple(read))


def verify_signature(message: Sign, signature: Signature, key: VerifyKey) -> bool:
    """Whether ``key`` made ``signature`` of the COSE_Sign ``message``."""
    if signature.alg != key.alg:
        return False
    data = _sig_structure(message.protected_bytes, signature.protected_bytes, message.payload)
    return key.verify(signature.signature, data)


def add_signature(blob: bytes, key: SigningKey) -> bytes:
    """The COSE_Sign ``blob`` with ``key``'s signature added (one replaced if ``key`` had signed)."""
    message = read_sign(blob)
    kept = [[s.protected_bytes, s.unprotected, s.signature] for s in message.signatures if s.kid != key.kid]
    kept.append(_signature(message.protected_bytes, message.payload, key))
    if len(kept) > MAX_SIGNATURES:
        raise _refuse(f"a COSE_Sign holds at most {MAX_SIGNATURES} signatures")
    return cbor2.dumps(cbor2.CBORTag(SIGN_TAG, [message.protected_bytes, message.unprotected, message.payload, kept]))
