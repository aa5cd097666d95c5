"""The canonical form of a document: deterministic CBOR (RFC 8949 §4.2.1).

A document is JSON-like: maps with text keys, arrays, text, integers, booleans and null, as a
pydantic model gives them in JSON mode. Dates and datetimes are ISO 8601 text (a datetime in UTC
with ``Z``) and decimal amounts are text (``"1234.50"``, as pydantic writes a ``Decimal``), so
each value has one spelling and no binary float enters a signed document. Byte strings are
allowed for the signatures' own structures (key ids) but a form has none.

The core deterministic encoding requirements (§4.2.1): every integer and length in its shortest
form (cbor2 writes them so), definite lengths only, and the keys of every map sorted by the
bytewise lexicographic order of their encodings. cbor2's ``canonical=True`` sorts keys
length-first (the older rule RFC 8949 keeps in §4.2.3), so the order is made here and the map is
written in the order given. :func:`decode` refuses what :func:`encode` would not have written
(duplicate keys, indefinite lengths, floats, tags, another key order), so one document has exactly
one byte string and a signature over it means one thing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import cbor2

from coordina.errors import ExchangeRefused

MAX_DEPTH = 16
MAX_BYTES = 1 << 20  # a document or trust list is far smaller; anything larger is refused unread

JSONLike = None | bool | int | str | bytes | Sequence["JSONLike"] | Mapping[str | int, "JSONLike"]


def _ordered(value: Any, path: str, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise ValueError(f"{path}: nested deeper than {MAX_DEPTH} levels")
    if value is None or isinstance(value, bool | int | str | bytes):
        return value
    if isinstance(value, Mapping):
        items = []
        for key, item in value.items():
            if not isinstance(key, str | int) or isinstance(key, bool):
                raise TypeError(f"{path}: a map key must be text or an integer, not {type(key).__name__}")
            items.append((cbor2.dumps(key), key, _ordered(item, f"{path}.{key}", depth + 1)))
        items.sort(key=lambda entry: entry[0])
        return {key: item for _, key, item in items}
    if isinstance(value, list | tuple):
        return [_ordered(item, f"{path}[{index}]", depth + 1) for index, item in enumerate(value)]
    raise TypeError(
        f"{path}: a {type(value).__name__} has no canonical form here "
        "(dates as ISO 8601 text, decimals as text, no floats)"
    )


def encode(document: Any) -> bytes:
    """The deterministic CBOR of a JSON-like ``document`` (``TypeError`` naming the path otherwise)."""
    return cbor2.dumps(_ordered(document, "$", 0))


def decode(data: bytes, *, what: str = "the document") -> Any:
    """The document ``data`` encodes, refusing (rule ``not_canonical``) bytes that are not the
    deterministic CBOR :func:`encode` writes."""
    if len(data) > MAX_BYTES:
        raise ExchangeRefused("not_canonical", f"{what} is {len(data)} bytes, more than the {MAX_BYTES} accepted")
    try:
        value = cbor2.loads(data, max_depth=MAX_DEPTH + 1, allow_indefinite=False, allow_duplicate_keys=False)
    except (cbor2.CBORDecodeError, ValueError, TypeError, OverflowError) as error:
        raise ExchangeRefused("not_canonical", f"{what} is not well-formed CBOR ({error})") from None
    try:
        again = encode(value)
    except (TypeError, ValueError) as error:
        raise ExchangeRefused("not_canonical", f"{what} holds a value outside the canonical form: {error}") from None
    if again != data:
        raise ExchangeRefused(
            "not_canonical", f"{what} is not in deterministic CBOR (RFC 8949 §4.2.1): keys out of order or long forms"
        )
    return value
