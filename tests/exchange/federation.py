"""Two institutions of the India–Germany agreement with their keys, their authorities' trust
anchors, a trust list both authorities signed, and each institution's register: what the node
tests start from (in one process over ``MemoryTransport``, or as two processes over HTTP)."""

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from coordina.exchange import trust
from coordina.exchange.keys import SigningKey, generate
from coordina.services import exchange_keys

AGREEMENT = "in-de"
DE, IN = "DE:drv", "IN:epfo"
ISSUED = datetime(2026, 1, 1, tzinfo=UTC)
PERSON = {"identifier": "IN-55-1234", "surname": "Nair", "forenames": "Priya", "birth_date": "1958-05-01"}


@dataclass
class Federation:
    folder: Path
    keys: dict[str, SigningKey]
    authorities: dict[str, SigningKey]
    endpoints: dict[str, str]

    def key_file(self, body: str) -> Path:
        return self.folder / f"{body.replace(':', '-')}.key"

    @property
    def trust_list(self) -> Path:
        return self.folder / "trust-list.cose"

    @property
    def anchors(self) -> Path:
        return self.folder / "anchors.json"

    def records(self, body: str) -> Path:
        return self.folder / f"{body.replace(':', '-')}-records.yaml"

    def sign_list(self, version: int = 1, issued: datetime = ISSUED, max_age: timedelta = timedelta(days=366),
                  keys: dict[str, dict[str, str]] | None = None, **changes: object) -> bytes:  # fmt: skip
        """A trust list of the two institutions signed by both authorities (written to ``trust_list``);
        ``keys``: changes to a body's key entry (``revoked_from``, ``valid_until``)."""
        entries = []
        for body, key in self.keys.items():
            public = base64.b64encode(key.public().to_der()).decode()
            until = (ISSUED + timedelta(days=3650)).isoformat()
            entry = {"public_key": public, "valid_from": ISSUED.isoformat(), "valid_until": until,
                     **(keys or {}).get(body, {})}  # fmt: skip
            entries.append({"body": body, "party": body[:2], "role": "competent_institution",
                            "endpoint": self.endpoints.get(body), "keys": [entry]})  # fmt: skip
        data = {"agreement": AGREEMENT, "version": version, "issued_at": issued.isoformat(),
                "max_age": f"P{max_age.days}D", "parties": ["DE", "IN"], "entries": entries, **changes}  # fmt: skip
        blob = trust.sign_trust_list(trust.TrustList.model_validate(data), self.authorities)
        self.trust_list.write_bytes(blob)
        return blob


def federation(folder: Path, endpoints: dict[str, str] | None = None) -> Federation:
    keys = {DE: generate("Ed25519"), IN: generate("P-256")}
    authorities = {"DE": generate("Ed25519"), "IN": generate("Ed25519")}
    found = Federation(folder, keys, authorities, endpoints or {DE: "http://de.test", IN: "http://in.test"})
    for body, key in keys.items():
        exchange_keys.write_private_key(found.key_file(body), key)
    anchors = {
        party: {"public_key": base64.b64encode(k.public().to_der()).decode()} for party, k in authorities.items()
    }
    found.anchors.write_text(json.dumps(anchors))
    found.sign_list()
    found.records(IN).write_text(yaml.safe_dump({
        "institution": IN, "name": "Employees' Provident Fund Organisation", "party": "IN",
        "people": [{"person": {**PERSON, "sex": "female", "nationalities": ["IN"]},
                    "periods": [{"country": "IN", "kind": "insurance", "start": "1980-01-01", "end": "1999-12-31"}]}],
    }, sort_keys=False))  # fmt: skip
    found.records(DE).write_text(yaml.safe_dump({
        "institution": DE, "name": "Deutsche Rentenversicherung", "party": "DE",
        "people": [{"person": {**PERSON, "identifier": "DE-12-010558-N-001", "sex": "female", "nationalities": ["IN"],
                               "residence": {"lines": ["Hauptstrasse 1"], "postcode": "10115", "place": "Berlin",
                                             "country": "DE"}},
                    "periods": [{"country": "DE", "kind": "insurance", "start": "2000-01-01", "end": "2019-12-31"}]}],
    }, sort_keys=False))  # fmt: skip
    return found
