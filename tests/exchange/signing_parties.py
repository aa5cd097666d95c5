"""Keys, a trust list and a certificate of coverage for the signing tests (de-kr: Germany and Korea).

The bodies and their ids are examples for the tests, not data of the agreement."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from coordina.exchange import keys
from coordina.exchange.documents import Envelope, new_message_id
from coordina.exchange.trust import TrustList, sign_trust_list

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
AGREEMENT = "de-kr"
FORMS = {"coverage_certificate", "acknowledgement"}


@cache
def key(name: str, alg: keys.KeyType = "Ed25519") -> keys.SigningKey:
    """One key per name for the whole test run (keys are cheap, but the same key keeps kids stable)."""
    return keys.generate(alg)


def key_entry(signing: keys.SigningKey, **overrides: Any) -> dict[str, Any]:
    entry = {
        "public_key": base64.b64encode(signing.public().to_der()).decode(),
        "valid_from": (NOW - timedelta(days=365)).isoformat(),
        "valid_until": (NOW + timedelta(days=365)).isoformat(),
    }
    return {**entry, **overrides}


@dataclass
class Parties:
    """The authorities' anchor keys and the institutions' keys of a trust list."""

    authorities: dict[str, keys.SigningKey] = field(
        default_factory=lambda: {"DE": key("DE authority"), "KR": key("KR authority", "P-256")}
    )
    drv: keys.SigningKey = field(default_factory=lambda: key("DE:drv"))
    nps: keys.SigningKey = field(default_factory=lambda: key("KR:nps", "P-256"))

    @property
    def anchors(self) -> dict[str, keys.VerifyKey]:
        return {party: signing.public() for party, signing in self.authorities.items()}


def description(
    signing: Parties | None = None, *, de_keys: list[dict[str, Any]] | None = None, **overrides: Any
) -> dict[str, Any]:
    parties = signing or Parties()
    document: dict[str, Any] = {
        "agreement": AGREEMENT,
        "version": 3,
        "issued_at": (NOW - timedelta(days=1)).isoformat(),
        "max_age": "P7D",
        "parties": ["DE", "KR"],
        "entries": [
            {
                "body": "DE:drv",
                "party": "DE",
                "role": "competent_institution",
                "endpoint": "https://drv.example/exchange",
                "keys": de_keys if de_keys is not None else [key_entry(parties.drv)],
            },
            {
                "body": "KR:nps",
                "party": "KR",
                "role": "liaison_agency",
                "endpoint": None,
                "keys": [key_entry(parties.nps)],
            },
        ],
    }
    return {**document, **overrides}


def trust_list(**overrides: Any) -> TrustList:
    return TrustList.model_validate(description(**overrides))


def signed_trust_list(listed: TrustList | None = None, parties: Parties | None = None) -> bytes:
    parties = parties or Parties()
    return sign_trust_list(listed or trust_list(signing=parties), parties.authorities)


def certificate() -> dict[str, Any]:
    """A certificate of coverage: a worker posted from Korea to Germany (an example, no real person)."""
    return {
        "person": {
            "identifier": "800402-1234567",
            "surname": "Kim",
            "forenames": "Min-jun",
            "birth_date": "1980-04-02",
            "sex": "male",
            "nationalities": ["KR"],
            "residence": {"lines": ["Friedrichstr. 1"], "postcode": "10117", "place": "Berlin", "country": "DE"},
        },
        "legislation": {
            "party": "KR",
            "start": "2026-01-01",
            "end": "2027-12-31",
            "article": {"instrument": AGREEMENT, "article": "Art. 7"},
        },
        "status": "posted_employed",
        "employer": {"name": "Hanbit Engineering Co.", "identifier": "KR-123-45"},
        "places_of_work": [{"name": "Site Berlin", "country": "DE"}],
        "institution": {
            "body": "KR:nps",
            "name": "National Pension Service",
            "issued": "2025-12-15",
            "certificate_number": "NPS-2025-000123",
        },
    }


def envelope(**overrides: Any) -> Envelope:
    fields: dict[str, Any] = {
        "agreement": AGREEMENT,
        "form": "coverage_certificate",
        "form_version": 1,
        "sender": "KR:nps",
        "recipient": "DE:drv",
        "message_id": new_message_id(),
        "in_reply_to": None,
        "flow": "coverage_certificate",
        "sent_at": NOW,
        "payload": certificate(),
    }
    return Envelope(**{**fields, **overrides})
