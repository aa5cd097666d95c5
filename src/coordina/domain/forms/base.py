"""What every form of an administrative arrangement is built from: a frozen model that refuses
any field it does not declare, and text and list types bounded in size.

Data protection by construction (GDPR Art. 5(1)(c), data minimisation; Convention 108+ Art. 5(4)(c)):
a form carries the fields its purpose needs and nothing else, so a payload with one more field
is refused with that field named, before anything reads it.
"""

from decimal import Decimal
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema

from coordina.domain.party import CountryCode, Party

_NO_CONTROL = r"^[^\x00-\x1f\x7f]*$"
_TEXT = r"^[^\x00-\x08\x0b-\x1f\x7f]*$"  # line feed and tab allowed

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120, pattern=_NO_CONTROL)]
"""A person's or an organisation's name, as written on the form."""

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=_NO_CONTROL)]
"""One line of text: an address line, a place, a capacity."""

Identifier = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64, pattern=_NO_CONTROL)]
"""A number or code given by an institution: a person's insurance number, a certificate number."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000, pattern=_TEXT)]
"""Free text of a few paragraphs (medical findings, the reason of a rejection)."""

RuleName = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=r"^[a-z][a-z0-9_]*$")]
"""A rule's name in coordina's data (``posting``, ``lex_loci_laboris``)."""

Country = Annotated[CountryCode, StringConstraints(max_length=2)]
"""A State (ISO 3166-1 alpha-2)."""

PartyCode = Annotated[Party, StringConstraints(max_length=6)]
"""A party to the agreement (ISO 3166-1 alpha-2, or ISO 3166-2 for a sub-national party)."""


def _decimal_schema(maximum: int, places: int) -> dict[str, Any]:
    """A decimal as JSON carries it: a number, or (as coordina writes it) a decimal string."""
    digits = len(str(maximum))
    text = {
        "type": "string",
        "pattern": f"^[0-9]{{1,{digits}}}(\\.[0-9]{{1,{places}}})?$",
        "maxLength": digits + places + 1,
    }
    return {"anyOf": [{"type": "number", "minimum": 0, "maximum": maximum}, text]}


Quantity = Annotated[
    Decimal, Field(ge=0, le=100_000, max_digits=10, decimal_places=4), WithJsonSchema(_decimal_schema(100_000, 4))
]
"""A number of days, weeks, months, quarters or years, as reported (to 4 places)."""

MonthCount = Annotated[
    Decimal, Field(ge=0, le=2400, max_digits=8, decimal_places=4), WithJsonSchema(_decimal_schema(2400, 4))
]
"""Months (to 4 places: a third of a month is 0.3333)."""

Amount = Annotated[
    Decimal,
    Field(ge=0, le=10**12, max_digits=15, decimal_places=2),
    WithJsonSchema(_decimal_schema(10**12, 2)),
]
"""An amount of money in the currency given beside it, never a float."""

Percent = Annotated[
    Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2), WithJsonSchema(_decimal_schema(100, 2))
]

MAX_ITEMS = 50
"""The most entries of a list on a form, unless a field says otherwise."""


class FormModel(BaseModel):
    """A form of an administrative arrangement, one version of it.

    ``form`` is the form's name everywhere (data file, envelope, trace), ``version`` its version
    (a change of fields is a new version; both stay readable), ``purpose`` the one sentence that
    says what the form is for: the purpose its personal data are collected for.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    form: ClassVar[str]
    version: ClassVar[int]
    purpose: ClassVar[str]
