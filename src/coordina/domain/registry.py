"""The worldwide registry of agreements: rows as their sources give them.

Dates keep their precision (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``): a day is never invented.
A partial date is compared at its own precision, so ``2000`` is not "before 2000-06-01" (it
may not be), and a year-only date counts in its year in figures.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, field_validator, model_validator
from pydantic_core import PydanticCustomError

from coordina.domain.countries import COUNTRY_NAMES
from coordina.domain.vocabulary import Branch

USER_ASSIGNED = {"XK": "Kosovo"}
"""Codes outside ISO 3166-1 that the registry's sources use (XK: user-assigned, for Kosovo)."""

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        match = _DATE.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a date as YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        try:
            date(year, month or 1, day or 1)
        except ValueError as error:  # 2021-02-30, month 13, …
            raise ValueError(f"{text!r} is not a date: {error}") from None
        return cls(year, month, day)

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        return "day" if self.day else "month" if self.month else "year"

    def before(self, other: date) -> bool:
        """Certainly before ``other``: compared at this date's own precision."""
        own = (self.year, self.month or 0, self.day or 0)
        theirs = (other.year, other.month if self.month else 0, other.day if self.day else 0)
        return own < theirs

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text


def _partial(value: Any) -> Any:
    if value in (None, ""):
        return None
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, date):
        return PartialDate(value.year, value.month, value.day)
    return PartialDate.parse(str(value))


Partial = Annotated[
    PartialDate | None,
    BeforeValidator(_partial),
    PlainSerializer(lambda v: str(v) if v else None, return_type=str | None),
]


def _split(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


class RegistryEntry(BaseModel):
    """One agreement of the registry, with the source it was read from."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    parties: Annotated[list[str], BeforeValidator(_split)] = Field(min_length=2)
    kind: Literal["bilateral", "multilateral"]
    signed: Partial = None
    in_force: Partial = None
    branches: Annotated[list[Branch], BeforeValidator(_split)] = []
    source: str = Field(min_length=1)
    notes: str = ""

    @field_validator("parties")
    @classmethod
    def _known_countries(cls, parties: list[str]) -> list[str]:
        unknown = [p for p in parties if p not in COUNTRY_NAMES and p not in USER_ASSIGNED]
        if unknown:
            raise ValueError(f"unknown country code(s) {', '.join(unknown)}: not ISO 3166-1 alpha-2")
        if len(set(parties)) != len(parties):
            raise ValueError("a party is listed twice")
        return parties

    @model_validator(mode="after")
    def _consistent(self) -> "RegistryEntry":
        if self.kind == "bilateral" and len(self.parties) != 2:
            raise PydanticCustomError("parties", "a bilateral agreement has 2 parties, not {n}",
                                      {"n": len(self.parties), "at": ("parties",)})  # fmt: skip
        if self.signed and self.in_force and _later(self.signed, self.in_force):
            context = {"f": str(self.in_force), "s": str(self.signed), "at": ("in_force",)}
            raise PydanticCustomError("end_before_start", "in_force {f} is before signed {s}", context)
        return self

    @property
    def complete(self) -> bool:
        """The row states its entry into force and its branches: usable for every figure."""
        return self.in_force is not None and bool(self.branches)


def _later(first: PartialDate, second: PartialDate) -> bool:
    """``first`` certainly after ``second``, at the coarser of the two precisions."""
    depth = min(len([x for x in (first.month, first.day) if x]), len([x for x in (second.month, second.day) if x]))
    a = (first.year, first.month, first.day)[: depth + 1]
    b = (second.year, second.month, second.day)[: depth + 1]
    return a > b
