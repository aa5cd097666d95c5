"""Signing keys of institutions and competent authorities, and the public keys that verify them.

Two algorithms, both in the COSE registry (RFC 9053): EdDSA over Ed25519 (``alg`` -8, RFC 8032)
and ECDSA over P-256 with SHA-256 (``alg`` -7, ``ES256``, FIPS 186-5). A key's id (``kid``) is the
first 8 bytes of the SHA-256 of its public key's DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7): a
shortened identifier, as the EU Digital COVID Certificate's key identifier is shortened to save
space (eHealth Network, Electronic Health Certificate Specification, "Key Identifier"); short enough
for a QR code, and a trust list refuses two keys with one id.

An ES256 signature in COSE is the raw ``r || s`` of 32 bytes each (RFC 9053 §2.1), not the DER
``ECDSA-Sig-Value`` that ``cryptography`` produces: the conversion is here, in one place.

No I/O: keys come from and go to bytes (PEM or DER); the files are ``coordina.services.exchange_keys``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

EDDSA = -8  # COSE algorithm EdDSA (RFC 9053 §2.2)
ES256 = -7  # COSE algorithm ECDSA w/ SHA-256 (RFC 9053 §2.1)
ALG_NAMES: dict[int, str] = {EDDSA: "EdDSA", ES256: "ES256"}
ALG_BY_NAME: dict[str, int] = {name: alg for alg, name in ALG_NAMES.items()}
KeyType = Literal["Ed25519", "P-256"]
ALG_BY_KEY_TYPE: dict[str, int] = {"Ed25519": EDDSA, "P-256": ES256}
_P256_BYTES = 32

PrivateKey = ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey
PublicKey = ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey


class KeyFormatError(ValueError):
    """Bytes that are not a key of a supported algorithm (Ed25519 or ECDSA P-256)."""


def _alg_of(key: PrivateKey | PublicKey) -> int:
    if isinstance(key, ed25519.Ed25519PrivateKey | ed25519.Ed25519PublicKey):
        return EDDSA
    if isinstance(key.curve, ec.SECP256R1):
        return ES256
    raise KeyFormatError(f"an elliptic-curve key on {key.curve.name}: only P-256 (and Ed25519) are supported")


def key_id(public_key: PublicKey) -> bytes:
    """The first 8 bytes of SHA-256 over the DER SubjectPublicKeyInfo."""
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).digest()[:8]


@dataclass(frozen=True)
class VerifyKey:
    """A public key: verifies the signatures of one institution's or authority's signing key."""

    key: PublicKey = field(repr=False)
    alg: int = field(init=False)
    kid: bytes = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "alg", _alg_of(self.key))
        object.__setattr__(self, "kid", key_id(self.key))

    @property
    def alg_name(self) -> str:
        return ALG_NAMES[self.alg]

    def verify(self, signature: bytes, data: bytes) -> bool:
        """Whether ``signature`` (COSE form: raw, for ES256 ``r || s``) is this key's over ``data``."""
        try:
            if isinstance(self.key, ed25519.Ed25519PublicKey):
                self.key.verify(signature, data)
            else:
                if len(signature) != 2 * _P256_BYTES:
                    return False
                r = int.from_bytes(signature[:_P256_BYTES], "big")
                s = int.from_bytes(signature[_P256_BYTES:], "big")
                self.key.verify(encode_dss_signature(r, s), data, ec.ECDSA(hashes.SHA256()))
        except InvalidSignature:
            return False
        return True

    def to_der(self) -> bytes:
        """DER SubjectPublicKeyInfo (RFC 5280), the form a trust list carries (base64)."""
        return self.key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)

    def to_pem(self) -> bytes:
        return self.key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)

    @classmethod
    def from_der(cls, data: bytes) -> VerifyKey:
        try:
            key = serialization.load_der_public_key(data)
        except ValueError as error:
            raise KeyFormatError(f"not a DER public key: {error}") from None
        return cls(_public(key))

    @classmethod
    def from_pem(cls, data: bytes) -> VerifyKey:
        try:
            key = serialization.load_pem_public_key(data)
        except ValueError as error:
            raise KeyFormatError(f"not a PEM public key: {error}") from None
        return cls(_public(key))


def _public(key: object) -> PublicKey:
    if isinstance(key, ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey):
        _alg_of(key)
        return key
    raise KeyFormatError(f"a {type(key).__name__}: only Ed25519 and ECDSA P-256 keys are supported")


@dataclass(frozen=True)
class SigningKey:
    """A private key: an institution's (it signs documents and certificates) or a competent
    authority's (it signs the trust list)."""

    key: PrivateKey = field(repr=False)
    alg: int = field(init=False)
    kid: bytes = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "alg", _alg_of(self.key))
        object.__setattr__(self, "kid", key_id(self.key.public_key()))

    def public(self) -> VerifyKey:
        return VerifyKey(self.key.public_key())

    def sign(self, data: bytes) -> bytes:
        """The signature over ``data`` in COSE form (ES256: raw ``r || s``, 64 bytes)."""
        if isinstance(self.key, ed25519.Ed25519PrivateKey):
            return self.key.sign(data)
        r, s = decode_dss_signature(self.key.sign(data, ec.ECDSA(hashes.SHA256())))
        return r.to_bytes(_P256_BYTES, "big") + s.to_bytes(_P256_BYTES, "big")

    def to_pem(self) -> bytes:
        """PKCS #8 PEM, unencrypted: the file that holds it is readable by its owner alone."""
        return self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    @classmethod
    def from_pem(cls, data: bytes) -> SigningKey:
        try:
            key = serialization.load_pem_private_key(data, password=None)
        except (ValueError, TypeError) as error:
            raise KeyFormatError(f"not an unencrypted PEM private key: {error}") from None
        if not isinstance(key, ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey):
            raise KeyFormatError(f"a {type(key).__name__}: only Ed25519 and ECDSA P-256 keys are supported")
        return cls(key)


def generate(alg: KeyType = "Ed25519") -> SigningKey:
    """A new signing key: ``Ed25519`` (EdDSA) or ``P-256`` (ES256)."""
    if alg == "Ed25519":
        return SigningKey(ed25519.Ed25519PrivateKey.generate())
    if alg == "P-256":
        return SigningKey(ec.generate_private_key(ec.SECP256R1()))
    raise KeyFormatError(f"unknown key type {alg!r}: Ed25519 or P-256")
