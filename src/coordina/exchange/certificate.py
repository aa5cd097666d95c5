"""The certificate of coverage as a QR code anyone can verify offline (issue 14 §5).

The pattern of the EU Digital COVID Certificate (eHealth Network, Electronic Health Certificate
Specification: "CWT Claims", "Transport Encodings"): the claims as a
CBOR map in the manner of a CBOR Web Token (RFC 8392: 1 ``iss``, the issuing party; 4 ``exp``
and 6 ``iat``, seconds since the epoch), signed as a COSE_Sign1 (RFC 9052 §4.2) with the key id in
the protected header, compressed with zlib (RFC 1950), written in Base45 (RFC 9285, the QR
alphanumeric alphabet, so the code stays small) behind the versioned prefix ``CC1:``. The
certificate itself is one claim, under a key from the CWT private-use range (RFC 8392 §9.1:
integers below -65536): the ``coverage_certificate`` form's name, version and data.

:func:`verify_cc1` needs the trust list alone, no network, and lists every check that fails, in
words: the prefix, the encoding, the signature (tampered), the key (unknown, removed, revoked, not
valid when it signed), the issuer, the agreement, the certificate's own validity and the trust
list's age. The key must have been valid, and not revoked, at the moment the certificate says it
was signed (``iat``): a certificate signed before a revocation stays valid, one signed from the
revocation on is refused; whoever holds a revoked key could still date a certificate back, so a key
known to be compromised is removed from the list (``removed``), which refuses all it signed.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import base45  # type: ignore[import-untyped]  # RFC 9285; the package ships no type hints
from pydantic import BaseModel, ValidationError

from coordina.errors import CoordinaError, ExchangeRefused
from coordina.exchange import canonical, cose
from coordina.exchange.keys import SigningKey
from coordina.exchange.trust import MAX_SKEW, TrustedKey, TrustList, outdated_words, when

PREFIX = "CC1:"
ISS, EXP, IAT = 1, 4, 6  # CWT claim keys (RFC 8392 §3.1)
CERTIFICATE_CLAIM = -65537  # private use (RFC 8392 §9.1)
FORM = "coverage_certificate"
MAX_TEXT = 4296  # the most a QR code holds in alphanumeric mode (ISO/IEC 18004, version 40-L)
MAX_INFLATED = 1 << 16

FormModels = Callable[[str, int], type[BaseModel]]


@dataclass(frozen=True)
class Verdict:
    """Valid or not, and why: ``reasons`` the codes, ``words`` the same in sentences. The
    ``certificate`` (the form's data) is given only if its signature verified; the other fields are
    as the certificate states them."""

    valid: bool
    reasons: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    certificate: dict[str, Any] | None = None
    kid: bytes | None = None
    issuer: str | None = None
    issued_at: datetime | None = None
    expires: datetime | None = None
    issuing_body: str | None = None


def _data(certificate: BaseModel | Mapping[str, Any]) -> tuple[dict[str, Any], int]:
    if isinstance(certificate, BaseModel):
        version = getattr(type(certificate), "version", 1)
        return certificate.model_dump(mode="json", exclude_none=True), int(version)
    return dict(certificate), 1


def issue_cc1(
    certificate: BaseModel | Mapping[str, Any],
    key: SigningKey,
    *,
    issued_at: datetime,
    expires: datetime,
    issuer: str | None = None,
    agreement: str | None = None,
    version: int | None = None,
) -> str:
    """The certificate (the form's model, or its data JSON-like) as ``CC1:`` text, signed by
    ``key`` of the issuing institution, valid from ``issued_at`` until ``expires``. ``issuer``: the
    party (default: the party of the issuing institution's body id, section 6); ``agreement``: the
    agreement it is issued under, checked against the trust list's when given."""
    data, model_version = _data(certificate)
    content: dict[str, Any] = {"form": FORM, "version": version or model_version, "data": data}
    if agreement is not None:
        content["agreement"] = agreement
    claims = {
        ISS: issuer or _issuing_party(data),
        IAT: int(issued_at.timestamp()),
        EXP: int(expires.timestamp()),
        CERTIFICATE_CLAIM: content,
    }
    signed = cose.sign1(canonical.encode(claims), key)
    encoded: bytes = base45.b45encode(zlib.compress(signed, 9))
    return PREFIX + encoded.decode("ascii")


def _issuing_body(data: Mapping[str, Any]) -> str | None:
    institution = data.get("institution")
    body = institution.get("body") if isinstance(institution, Mapping) else None
    return body if isinstance(body, str) else None


def _issuing_party(data: Mapping[str, Any]) -> str:
    body = _issuing_body(data)
    if body is None or ":" not in body:
        raise ValueError("the certificate names no issuing institution (institution.body): give the issuer")
    return body.split(":", 1)[0]


class _Checks:
    def __init__(self) -> None:
        self.reasons: list[str] = []
        self.words: list[str] = []

    def fail(self, reason: str, words: str) -> None:
        self.reasons.append(reason)
        self.words.append(words)

    def refused(self, refusal: ExchangeRefused) -> None:
        self.fail(refusal.rule, refusal.message)

    def verdict(self, **found: Any) -> Verdict:
        return Verdict(not self.reasons, self.reasons, self.words, **found)


def _unwrap(text: str, checks: _Checks) -> bytes | None:
    text = text.strip()
    if len(text) > MAX_TEXT:
        checks.fail("bad_encoding", f"the text is {len(text)} characters, more than a QR code holds ({MAX_TEXT})")
        return None
    if not text.startswith(PREFIX):
        head = text.split(":", 1)[0][:8] if ":" in text else ""
        checks.fail(
            "bad_prefix",
            f"the text begins with {head + ':'!r}, a version this verifier does not read (it reads {PREFIX})"
            if head.startswith("CC")
            else f"the text does not begin with the prefix {PREFIX} and is not a certificate of coverage",
        )
        return None
    try:
        compressed: bytes = bytes(base45.b45decode(text[len(PREFIX) :]))
    except ValueError:
        checks.fail("bad_encoding", "the text after CC1: is not Base45 (RFC 9285): a character is wrong or missing")
        return None
    inflater = zlib.decompressobj()
    try:
        signed = inflater.decompress(compressed, MAX_INFLATED)
    except zlib.error:
        checks.fail("bad_encoding", "the data is not zlib-compressed as a certificate is: it is damaged")
        return None
    if inflater.unconsumed_tail or not inflater.eof:
        checks.fail("bad_encoding", "the data is incomplete or too large to be a certificate")
        return None
    return signed


def _claims(payload: bytes, checks: _Checks) -> dict[Any, Any] | None:
    try:
        claims: Any = canonical.decode(payload, what="the certificate's claims")
    except ExchangeRefused as refusal:
        checks.fail("claims_invalid", refusal.message)
        return None
    wanted = (
        isinstance(claims, dict)
        and isinstance(claims.get(ISS), str)
        and all(isinstance(claims.get(k), int) and not isinstance(claims.get(k), bool) for k in (IAT, EXP))
        and isinstance(claims.get(CERTIFICATE_CLAIM), dict)
    )
    if not wanted:
        checks.fail("claims_invalid", "the certificate lacks its issuer, dates or content")
        return None
    return dict(claims)


def _moment(seconds: int) -> datetime | None:
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def verify_cc1(text: str, trust_list: TrustList, *, now: datetime, models: FormModels | None = None) -> Verdict:
    """Whether the ``CC1:`` text is a valid certificate of coverage at ``now`` by the institutions
    of ``trust_list``; every failing check listed (:class:`Verdict`). ``models``: the forms' models
    (default ``coordina.domain.forms.form_model``), to check the certificate's content."""
    checks = _Checks()
    signed = _unwrap(text, checks)
    if signed is None:
        return checks.verdict()
    try:
        message = cose.read_sign1(signed)
    except ExchangeRefused as refusal:
        checks.refused(refusal)
        return checks.verdict()
    trusted: TrustedKey | None = None
    try:
        trusted = trust_list.find(message.kid)
    except ExchangeRefused as refusal:
        checks.refused(refusal)
    verified = trusted is not None and cose.verify_sign1(message, trusted.verify_key)
    if trusted is not None and not verified:
        checks.fail(
            "signature_invalid",
            f"the signature by key {message.kid.hex()} of {trusted.body} does not verify: "
            "the certificate was changed after it was signed (tampered), or that key did not sign it",
        )
    if trust_list.outdated(now):
        checks.fail("trust_list_outdated", outdated_words(trust_list, now))
    claims = _claims(message.payload, checks)
    if claims is None:
        return checks.verdict(kid=message.kid)
    issued_at, expires = _moment(claims[IAT]), _moment(claims[EXP])
    if issued_at is None or expires is None:
        checks.fail("claims_invalid", "the certificate's dates are out of range")
        return checks.verdict(kid=message.kid)
    content = claims[CERTIFICATE_CLAIM]
    if now >= expires:
        checks.fail("certificate_expired", f"the certificate expired at {when(expires)}")
    if issued_at > now + MAX_SKEW:
        checks.fail("certificate_not_yet_valid", f"the certificate is issued at {when(issued_at)}, after now")
    if trusted is not None:
        try:
            trust_list.key_at(message.kid, issued_at)
        except ExchangeRefused as refusal:
            checks.refused(refusal)
        given = content.get("data")
        named = _issuing_body(given) if isinstance(given, Mapping) else None
        if claims[ISS] != trusted.party or (named is not None and named != trusted.body):
            checks.fail(
                "issuer_mismatch",
                f"the certificate says it is issued by {named or 'an institution'} of {claims[ISS]} but key "
                f"{message.kid.hex()} is {trusted.body}'s, of {trusted.party}",
            )
    agreement = content.get("agreement")
    if agreement is not None and agreement != trust_list.agreement:
        checks.fail(
            "wrong_agreement",
            f"the certificate is issued under agreement {agreement}, and {trust_list.describe()} is not its list",
        )
    data = _content(content, checks, models)
    return checks.verdict(
        certificate=data if verified else None,  # content whose signature did not verify is not shown
        kid=message.kid,
        issuer=claims[ISS],
        issued_at=issued_at,
        expires=expires,
        issuing_body=trusted.body if trusted else None,
    )


def _default_models(form: str, version: int) -> type[BaseModel]:
    from coordina.domain.forms import form_model

    return form_model(form, version)


def _content(content: dict[str, Any], checks: _Checks, models: FormModels | None) -> dict[str, Any] | None:
    form, version, data = content.get("form"), content.get("version"), content.get("data")
    if form != FORM or not isinstance(version, int) or not isinstance(data, dict):
        checks.fail("payload_invalid", f"the content is not a {FORM} form")
        return None
    try:
        model = (models or _default_models)(form, version)
        model.model_validate(data)
    except (CoordinaError, KeyError, ImportError) as error:
        checks.fail("payload_invalid", f"form {form} version {version} has no schema here: {error}")
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()[:10])
        checks.fail("payload_invalid", f"the certificate's content is not a valid {form}: {problems}")
    return data
