"""What a request may hold, checked before a service or the database sees it.

- Strings hold no control character: none at all in a one-line value (a name, a code, a
  title), none but tab, line feed and carriage return in a text (minutes, a note). PostgreSQL
  refuses NUL in a text column; here it is a 422 that names the field.
- A string stored in a ``String(n)`` column of ``coordina.store.tables`` is at most ``n``
  characters (the lengths below are those columns'; a test holds them equal).
- Integers stored in an ``Integer`` column fit it (32-bit signed on PostgreSQL). An id in a
  path outside that range names nothing: 404, as for any unknown id. In a body: 422.
- Free JSON content (checklists, forms, rules, the encoded text) holds no control character
  in any key or string either.
"""

import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from coordina.errors import NotFound

INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1  # sqlalchemy Integer: INTEGER on PostgreSQL

_IN_A_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_IN_A_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _control_character(value: str, allowed_breaks: bool) -> str | None:
    found = (_IN_A_TEXT if allowed_breaks else _IN_A_LINE).search(value)
    return None if found is None else f"U+{ord(found.group()):04X}"


def one_line(value: str) -> str:
    """A value on one line: no control character (NUL, line breaks, escapes …)."""
    if found := _control_character(value, allowed_breaks=False):
        raise ValueError(f"holds the control character {found}; give printable characters on one line")
    return value


def text(value: str) -> str:
    """A text: line breaks and tabs allowed, no other control character (NUL, escapes …)."""
    if found := _control_character(value, allowed_breaks=True):
        raise ValueError(f"holds the control character {found}; only tab and line breaks are allowed")
    return value


def _where(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


def _first_control_character(value: Any, path: str = "") -> str | None:
    """Where in JSON content a key or a string holds a control character other than a line break."""
    if isinstance(value, str):
        found = _control_character(value, allowed_breaks=True)
        return f"the string at {path or 'the top'} holds the control character {found}" if found else None
    items: list[tuple[object, Any]] = []
    if isinstance(value, dict):
        for key in value:
            if isinstance(key, str) and (found := _control_character(key, allowed_breaks=False)):
                return f"the key {_where(path, repr(key))} holds the control character {found}"
        items = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    return next((f for key, item in items if (f := _first_control_character(item, _where(path, key)))), None)


def printable_content(value: Any) -> Any:
    """JSON content whose keys and strings hold no control character but tab and line breaks."""
    if found := _first_control_character(value):
        raise ValueError(f"{found}; only tab and line breaks are allowed")
    return value


# One-line strings, by the column that stores them (``coordina.store.tables``).
Line = Annotated[str, AfterValidator(one_line)]  # stored in JSON, or only looked up
PartyCode = Annotated[str, Field(max_length=6), AfterValidator(one_line)]  # String(6): a party
ArticleNumber = Annotated[str, Field(max_length=20), AfterValidator(one_line)]  # contentious point
Kind = Annotated[str, Field(max_length=30), AfterValidator(one_line)]  # draft kind, review outcome
DraftReference = Annotated[str, Field(max_length=60), AfterValidator(one_line)]  # draft based_on
AgreementRef = Annotated[str, Field(max_length=40), AfterValidator(one_line)]  # negotiations.amends
Capacity = Annotated[str, Field(max_length=60), AfterValidator(one_line)]  # signatory's capacity
UserName = Annotated[str, Field(max_length=80), AfterValidator(one_line)]  # users.username
Place = Annotated[str, Field(max_length=100), AfterValidator(one_line)]  # signatures.place
Name = Annotated[str, Field(max_length=200), AfterValidator(one_line)]  # full names, authorities, signatories
Title = Annotated[str, Field(max_length=300), AfterValidator(one_line)]  # negotiation, arrangement
Text = Annotated[str, AfterValidator(text)]  # Text columns: minutes, notes, modifications …
Password = Annotated[str, Field(max_length=1024), AfterValidator(text)]  # hashed, never stored as given
Content = Annotated[dict[str, Any], AfterValidator(printable_content)]  # JSON columns
ContentList = Annotated[list[dict[str, Any]], AfterValidator(printable_content)]

# Integers in a body: 422 outside what the column holds.
Count = Annotated[int, Field(ge=INTEGER_MIN, le=INTEGER_MAX)]


def _known_range(kind: str, field: str) -> Callable[[int], int]:
    def check(value: int) -> int:
        if not INTEGER_MIN <= value <= INTEGER_MAX:
            bounds = f"{INTEGER_MIN} to {INTEGER_MAX}"
            raise NotFound(kind, f"no {kind} {value}: {field} is outside the range of ids, {bounds}")
        return value

    return check


# Ids in a path (or a query naming a record): 404 outside what the column holds.
NegotiationId = Annotated[int, AfterValidator(_known_range("negotiation", "negotiation_id"))]
DraftNumber = Annotated[int, AfterValidator(_known_range("draft", "number"))]
FirstDraft = Annotated[int, AfterValidator(_known_range("draft", "first"))]
SecondDraft = Annotated[int, AfterValidator(_known_range("draft", "second"))]
RoundNumber = Annotated[int, AfterValidator(_known_range("round", "number"))]
PointId = Annotated[int, AfterValidator(_known_range("point", "point_id"))]
ReviewId = Annotated[int, AfterValidator(_known_range("review", "review_id"))]
