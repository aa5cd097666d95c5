"""Trust list files: a list built from a JSON description, signed by each party's competent
authority from its key file, the anchors file each node is given out of band, and a signed list
read back against those anchors (``coordina trust ...``, ``coordina verify``).

A description is the trust list as JSON (``coordina.exchange.trust.TrustList``); a key may give
``public_key_file`` (a ``.pub`` PEM, relative to the description) instead of ``public_key``, and
its ``kid`` and ``alg`` may be left out (they follow from the key). Every problem is reported as
``file:line: field: message``. The anchors file maps each party to its authority's public key:
``{"KR": {"public_key": "<base64 DER>", "kid": "<hex>"}}`` (``kid`` optional, checked if given).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from coordina.errors import DataError, ExchangeRefused, Problem
from coordina.exchange.keys import KeyFormatError, VerifyKey
from coordina.exchange.trust import (
    TrustList,
    countersign_trust_list,
    read_trust_list,
    sign_trust_list,
    signer_kids,
    unverified_trust_list,
)
from coordina.services.exchange_keys import read_private_key, read_public_key

MAX_FILE = 1 << 20


def _text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_FILE:
            raise DataError([Problem(path, 1, f"the file is more than {MAX_FILE} bytes")])
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([Problem(path, 0, "no such file")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise DataError([Problem(path, 0, f"cannot be read as UTF-8 text: {error}")]) from None


def _json(path: Path) -> Any:
    text = _text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError([Problem(path, error.lineno, f"not JSON: {error.msg}")]) from None


def _line(text: str, loc: tuple[int | str, ...]) -> int:
    """The line of the field at ``loc``, found by its keys in order (best effort: 1 if not found)."""
    offset, found = 0, 0
    for part in loc:
        if isinstance(part, str):
            at = text.find(json.dumps(part), offset)
            if at < 0:
                break
            offset = found = at
    return text.count("\n", 0, found) + 1


def _problems(path: Path, text: str, error: ValidationError) -> DataError:
    problems = []
    for e in error.errors():
        field = ".".join(str(p) for p in e["loc"]) or "(the list)"
        problems.append(Problem(path, _line(text, tuple(e["loc"])), f"{field}: {e['msg']}"))
    return DataError(problems)


def read_description(path: Path) -> TrustList:
    """The trust list a JSON description gives (``public_key_file`` read), or ``DataError``."""
    document = _json(path)
    problems: list[Problem] = []
    entries = document.get("entries") if isinstance(document, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        for key in entry.get("keys", []) if isinstance(entry, dict) else []:
            if isinstance(key, dict) and "public_key_file" in key:
                pem = path.parent / str(key.pop("public_key_file"))
                try:
                    key["public_key"] = base64.b64encode(read_public_key(pem).to_der()).decode("ascii")
                except ExchangeRefused as refusal:
                    problems.append(Problem(path, _line(_text(path), (str(pem.name),)), refusal.message))
    if problems:
        raise DataError(problems)
    try:
        return TrustList.model_validate(document)
    except ValidationError as error:
        raise _problems(path, _text(path), error) from None


def make_trust_list(description: Path, out: Path, authority_keys: Mapping[str, Path]) -> TrustList:
    """Write the list of ``description`` to ``out`` as a COSE_Sign, signed with each party's
    authority key file in ``authority_keys`` (none: unsigned, for ``sign_trust_list_file``)."""
    trust_list = read_description(description)
    signers = {party: read_private_key(key) for party, key in authority_keys.items()}
    blob = sign_trust_list(trust_list, signers)
    _write_new_or_replace(out, blob)
    return trust_list


def sign_trust_list_file(path: Path, key_file: Path, out: Path | None = None) -> tuple[TrustList, list[bytes]]:
    """Add the signature of the authority key in ``key_file`` to the list in ``path`` (written to
    ``out``, else in place); the list and the key ids that have now signed it."""
    blob = _bytes(path)
    key = read_private_key(key_file)
    try:
        signed = countersign_trust_list(blob, key)
    except ExchangeRefused as refusal:
        raise DataError([Problem(path, 0, refusal.message)]) from None
    _write_new_or_replace(out or path, signed)
    return unverified_trust_list(signed), signer_kids(signed)


def _bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE:
            raise DataError([Problem(path, 0, f"the file is more than {MAX_FILE} bytes")])
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(path, 0, "no such file")]) from None


def _write_new_or_replace(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def read_anchors(path: Path) -> dict[str, VerifyKey]:
    """The trust anchors (party → the competent authority's public key) of an anchors file."""
    document = _json(path)
    text = _text(path)
    if not isinstance(document, dict) or not document:
        raise DataError([Problem(path, 1, 'anchors: a map {"<party>": {"public_key": "<base64 DER>"}}')])
    anchors: dict[str, VerifyKey] = {}
    problems: list[Problem] = []
    for party, entry in document.items():
        line = _line(text, (party,))
        try:
            der = base64.b64decode(entry["public_key"], validate=True)
            key = VerifyKey.from_der(der)
        except (TypeError, KeyError, binascii.Error, KeyFormatError) as error:
            problems.append(Problem(path, line, f"{party}.public_key: not a base64 DER public key ({error})"))
            continue
        if "kid" in entry and entry["kid"] != key.kid.hex():
            problems.append(Problem(path, line, f"{party}.kid: {entry['kid']} is not the key's id {key.kid.hex()}"))
            continue
        anchors[party.strip().upper()] = key
    if problems:
        raise DataError(problems)
    return anchors


def anchors_document(keys: Mapping[str, VerifyKey]) -> dict[str, dict[str, str]]:
    """The anchors file's content for ``keys`` (party → public key)."""
    return {
        party: {"kid": key.kid.hex(), "alg": key.alg_name, "public_key": base64.b64encode(key.to_der()).decode()}
        for party, key in keys.items()
    }


def write_anchors(path: Path, public_key_files: Mapping[str, Path]) -> None:
    keys = {party: read_public_key(file) for party, file in public_key_files.items()}
    path.write_text(json.dumps(anchors_document(keys), indent=2) + "\n", encoding="utf-8")


def read_trust_list_file(
    path: Path,
    anchors: Path,
    *,
    now: datetime,
    newest_seen_version: int | None = None,
    accept_outdated: bool = False,
) -> TrustList:
    """The signed list in ``path``, checked against the anchors file (``ExchangeRefused`` if not accepted)."""
    return read_trust_list(
        _bytes(path),
        read_anchors(anchors),
        now=now,
        newest_seen_version=newest_seen_version,
        accept_outdated=accept_outdated,
    )
