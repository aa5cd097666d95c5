"""The trust list of an agreement: which institutions and liaison agencies take part, where they
are reached, and the public keys that sign their documents, each with its validity.

The list is versioned and signed by the competent authority of every party with a trust-anchor
key that each node is given out of band (a file, not the network): a COSE_Sign (RFC 9052 §4.1),
one payload and one signature per party, so each authority signs in its own office and in any
order, and a list missing one party's signature is refused. A node keeps the list for offline
use no longer than its declared ``max_age``, and never goes back to a lower ``version`` than one
it has seen (a rollback): as for the EU Digital COVID Certificate, a key is valid by its presence
on the most recent list (Electronic Health Certificate Specification, "Trusted List Format").

Keys rotate with an overlap: a body may list two keys valid at once, and both verify. A key has a
validity for signing (``valid_from`` .. ``valid_until``); what it signed in that time stays
verifiable afterwards. A revocation (``revoked_from``) makes every signature made at or after that
moment fail; a key dropped from the list is named under ``removed`` so a document signed by it is
refused as "not on the trust list" rather than "unknown".
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, ValidationError, model_validator

from coordina.domain import Party
from coordina.errors import ExchangeRefused
from coordina.exchange import canonical, cose
from coordina.exchange.keys import ALG_NAMES, KeyFormatError, SigningKey, VerifyKey

CONTENT_TYPE = "application/coordina-trust-list+cbor"
BODY_ID = r"^[A-Z]{2}(-[A-Z0-9]{1,3})?:[a-z0-9][a-z0-9-]{1,62}$"
KID_HEX = r"^[0-9a-f]{16}$"
MAX_SKEW = timedelta(minutes=5)


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


UTCDatetime = Annotated[AwareDatetime, AfterValidator(_utc)]
"""A moment with its offset, kept in UTC: one spelling in the canonical form (``...Z``)."""


def when(moment: datetime) -> str:
    """A moment in words for a refusal: ``2026-12-02 00:54 UTC``."""
    return _utc(moment).strftime("%Y-%m-%d %H:%M UTC")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KeyEntry(_Model):
    """One signing key of a body: its id, algorithm, public key and validity."""

    kid: str = Field(pattern=KID_HEX, description="Key id, hex: first 8 bytes of SHA-256 of the DER public key.")
    alg: Literal["EdDSA", "ES256"] = Field(description="COSE algorithm (RFC 9053).")
    public_key: str = Field(max_length=400, description="DER SubjectPublicKeyInfo, base64.")
    valid_from: UTCDatetime
    valid_until: UTCDatetime
    revoked_from: UTCDatetime | None = Field(default=None, description="Signatures from this moment on fail.")

    @model_validator(mode="before")
    @classmethod
    def _derive(cls, data: Any) -> Any:
        """``kid`` and ``alg`` may be left out of a description: they follow from the key."""
        if isinstance(data, Mapping) and isinstance(data.get("public_key"), str):
            key = _verify_key(data["public_key"])
            data = {"kid": key.kid.hex(), "alg": key.alg_name, **data}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        key = _verify_key(self.public_key)
        if key.kid.hex() != self.kid:
            raise ValueError(f"kid {self.kid} is not the id of this public key ({key.kid.hex()})")
        if key.alg_name != self.alg:
            raise ValueError(f"alg {self.alg} does not match the public key ({key.alg_name})")
        if self.valid_until <= self.valid_from:
            raise ValueError("valid_until must come after valid_from")
        return self

    def verify_key(self) -> VerifyKey:
        return _verify_key(self.public_key)


def _verify_key(text: str) -> VerifyKey:
    try:
        return VerifyKey.from_der(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError, KeyFormatError) as error:
        raise ValueError(f"public_key is not a base64 DER public key: {error}") from None


class TrustEntry(_Model):
    """A competent institution or liaison agency of one party, with its keys."""

    body: str = Field(pattern=BODY_ID, description="Body id, <PARTY>:<slug>.")
    party: Party
    role: Literal["competent_institution", "liaison_agency"]
    endpoint: str | None = Field(default=None, max_length=300, pattern=r"^https?://[^\s]+$")
    keys: tuple[KeyEntry, ...] = Field(min_length=1, max_length=8)

    @model_validator(mode="after")
    def _party_prefix(self) -> Self:
        if self.body.split(":", 1)[0] != self.party:
            raise ValueError(f"body {self.body} does not begin with its party {self.party}")
        return self


class RemovedKey(_Model):
    """A key a previous version listed and this one no longer does."""

    kid: str = Field(pattern=KID_HEX)
    body: str = Field(pattern=BODY_ID)


@dataclass(frozen=True)
class TrustedKey:
    """A key of the list with the body it belongs to."""

    body: str
    party: str
    role: str
    entry: KeyEntry
    verify_key: VerifyKey


class TrustList(_Model):
    """The bodies of an agreement and their keys, as signed by every party's competent authority."""

    agreement: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: int = Field(ge=1, description="Increases with every list issued for the agreement.")
    issued_at: UTCDatetime
    max_age: timedelta = Field(description="How long a cached copy may be used (ISO 8601 duration).")
    parties: tuple[Party, ...] = Field(min_length=1, max_length=99, description="Whose authorities sign.")
    entries: tuple[TrustEntry, ...] = Field(max_length=500)
    removed: tuple[RemovedKey, ...] = Field(default=(), max_length=2000)

    @model_validator(mode="after")
    def _unique(self) -> Self:
        if self.max_age <= timedelta(0) or self.max_age > timedelta(days=366):
            raise ValueError("max_age must be more than zero and at most a year (P366D)")
        if len(set(self.parties)) != len(self.parties):
            raise ValueError("parties are listed twice")
        bodies = [entry.body for entry in self.entries]
        if len(set(bodies)) != len(bodies):
            raise ValueError("a body is listed twice")
        kids = [key.kid for entry in self.entries for key in entry.keys]
        if len(set(kids)) != len(kids):
            raise ValueError("a key id is listed twice")
        for entry in self.entries:
            if entry.party not in self.parties:
                raise ValueError(f"body {entry.body} is of party {entry.party}, not one of {', '.join(self.parties)}")
        listed = set(kids)
        for removed in self.removed:
            if removed.kid in listed:
                raise ValueError(f"key {removed.kid} is both listed and removed")
        return self

    @property
    def expires_at(self) -> datetime:
        """The last moment a cached copy may be used offline."""
        return self.issued_at + self.max_age

    def outdated(self, now: datetime) -> bool:
        return now > self.expires_at

    def describe(self) -> str:
        return f"the trust list of {self.agreement} (version {self.version})"

    def find(self, kid: bytes) -> TrustedKey:
        """The key with id ``kid``: ``key_unknown``, or ``key_not_on_trust_list`` if it was removed."""
        for entry in self.entries:
            for key in entry.keys:
                if key.kid == kid.hex():
                    return TrustedKey(entry.body, entry.party, entry.role, key, key.verify_key())
        for removed in self.removed:
            if removed.kid == kid.hex():
                raise ExchangeRefused(
                    "key_not_on_trust_list",
                    f"key {kid.hex()} of {removed.body} is no longer on {self.describe()}: it was removed",
                )
        raise ExchangeRefused("key_unknown", f"key {kid.hex()} is not on {self.describe()}: no body has it")

    def key_at(self, kid: bytes, at: datetime) -> TrustedKey:
        """The key ``kid`` if it could sign at ``at``; refusals ``key_unknown``,
        ``key_not_on_trust_list``, ``key_revoked``, ``key_not_yet_valid``, ``key_expired``."""
        trusted = self.find(kid)
        key = trusted.entry
        name = f"key {key.kid} of {trusted.body}"
        if key.revoked_from is not None and at >= key.revoked_from:
            raise ExchangeRefused(
                "key_revoked", f"{name} is revoked from {when(key.revoked_from)}; the signature is of {when(at)}"
            )
        if at < key.valid_from:
            raise ExchangeRefused(
                "key_not_yet_valid", f"{name} is valid from {when(key.valid_from)}; the signature is of {when(at)}"
            )
        if at >= key.valid_until:
            raise ExchangeRefused(
                "key_expired", f"{name} expired at {when(key.valid_until)}; the signature is of {when(at)}"
            )
        return trusted


def _payload(trust_list: TrustList) -> bytes:
    return canonical.encode(trust_list.model_dump(mode="json"))


def sign_trust_list(trust_list: TrustList, signers: Mapping[str, SigningKey]) -> bytes:
    """The list as a COSE_Sign with one signature per party's competent authority in ``signers``
    (none: an unsigned list each authority signs with :func:`countersign_trust_list`)."""
    for party in signers:
        if party not in trust_list.parties:
            raise ValueError(f"{party} is not a party of {trust_list.describe()}")
    return cose.sign(_payload(trust_list), list(signers.values()), {cose.CONTENT_TYPE: CONTENT_TYPE})


def countersign_trust_list(blob: bytes, key: SigningKey) -> bytes:
    """``blob`` with one more authority's signature (its earlier one, if any, replaced)."""
    unverified_trust_list(blob)
    return cose.add_signature(blob, key)


def _invalid(message: str) -> ExchangeRefused:
    return ExchangeRefused("trust_list_invalid", message)


def _read(blob: bytes) -> tuple[cose.Sign, TrustList]:
    try:
        message = cose.read_sign(blob)
    except ExchangeRefused as refused:
        raise _invalid(f"the trust list is not a COSE_Sign: {refused.message}") from None
    if message.protected.get(cose.CONTENT_TYPE) != CONTENT_TYPE:
        raise _invalid(f"the signed document is not a trust list (content type {CONTENT_TYPE} expected)")
    try:
        document = canonical.decode(message.payload, what="the trust list")
        return message, TrustList.model_validate(document)
    except ExchangeRefused as refused:
        raise _invalid(refused.message) from None
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'the list'}: {e['msg']}" for e in error.errors()[:10]
        )
        raise _invalid(f"the trust list is not valid: {problems}") from None


def unverified_trust_list(blob: bytes) -> TrustList:
    """What ``blob`` lists, signatures unchecked: for an authority to read what it is asked to sign."""
    return _read(blob)[1]


def signer_kids(blob: bytes) -> list[bytes]:
    """The key ids that have signed ``blob`` (unchecked)."""
    return [signature.kid for signature in _read(blob)[0].signatures]


def read_trust_list(
    blob: bytes,
    anchors: Mapping[str, VerifyKey],
    *,
    now: datetime,
    newest_seen_version: int | None = None,
    agreement: str | None = None,
    accept_outdated: bool = False,
) -> TrustList:
    """The trust list in ``blob`` if every party's competent authority signed it with its anchor
    key and it may be used at ``now``. Refusals: ``trust_list_invalid``, ``trust_list_signature``
    (a party's signature missing or wrong, or no anchor for a party), ``wrong_agreement``,
    ``trust_list_rollback`` (a lower version than ``newest_seen_version``),
    ``trust_list_not_yet_valid`` and ``trust_list_outdated`` (``now`` after ``issued_at + max_age``;
    ``accept_outdated`` leaves that to the caller, who lists it among its own reasons)."""
    message, trust_list = _read(blob)
    failures = []
    for party in trust_list.parties:
        anchor = anchors.get(party)
        if anchor is None:
            failures.append(f"no trust anchor is configured for {party}")
            continue
        signatures = [s for s in message.signatures if s.kid == anchor.kid]
        if not signatures:
            failures.append(f"{party}'s competent authority (key {anchor.kid.hex()}) has not signed it")
        elif not any(cose.verify_signature(message, signature, anchor) for signature in signatures):
            failures.append(f"the signature of {party}'s competent authority (key {anchor.kid.hex()}) does not verify")
    if failures:
        raise ExchangeRefused("trust_list_signature", f"{trust_list.describe()} is not accepted: {'; '.join(failures)}")
    if agreement is not None and trust_list.agreement != agreement:
        raise ExchangeRefused(
            "wrong_agreement", f"{trust_list.describe()} is for agreement {trust_list.agreement}, not {agreement}"
        )
    if newest_seen_version is not None and trust_list.version < newest_seen_version:
        raise ExchangeRefused(
            "trust_list_rollback",
            f"{trust_list.describe()} is older than version {newest_seen_version}, already in use: "
            "a list never goes back",
        )
    if trust_list.issued_at > now + MAX_SKEW:
        raise ExchangeRefused(
            "trust_list_not_yet_valid", f"{trust_list.describe()} is issued at {when(trust_list.issued_at)}, after now"
        )
    if not accept_outdated and trust_list.outdated(now):
        raise ExchangeRefused("trust_list_outdated", outdated_words(trust_list, now))
    return trust_list


def outdated_words(trust_list: TrustList, now: datetime) -> str:
    return (
        f"{trust_list.describe()} was issued at {when(trust_list.issued_at)} and may be used until "
        f"{when(trust_list.expires_at)}; it is now {when(now)}: a current list is needed"
    )


__all__ = [
    "ALG_NAMES",
    "KeyEntry",
    "RemovedKey",
    "TrustEntry",
    "TrustList",
    "TrustedKey",
    "countersign_trust_list",
    "read_trust_list",
    "sign_trust_list",
    "signer_kids",
    "unverified_trust_list",
]
