"""Dated parameters: legislation changes over time, so every value says from when it holds.

Modelled on OpenFisca's and GETTSIM's parameter files: a parameter is a list of values,
each with ``valid_from`` (and optionally ``valid_until``), the national provision it comes
from, and the source consulted (or ``unverified``).
"""

import itertools
from datetime import date
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator
from pydantic_core import PydanticCustomError

from coordina.domain.legal import UNVERIFIED, SourceText

T = TypeVar("T")


class Dated(BaseModel, Generic[T]):
    """One value of a parameter and the period in which it is the law."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    valid_from: date
    valid_until: date | None = Field(default=None, description="Last day the value holds.")
    value: T
    reference: str | None = Field(default=None, description="National provision, e.g. 'SGB VI §50'.")
    source: SourceText = Field(description="URL or document consulted, or 'unverified'.")
    note: str | None = None

    @model_validator(mode="after")
    def _until_not_before_from(self) -> "Dated[T]":
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise PydanticCustomError(
                "end_before_start",
                "valid_until {until} is before valid_from {start}",
                {
                    "until": str(self.valid_until),
                    "start": str(self.valid_from),
                    "at": ("valid_until",),
                },
            )
        return self

    @property
    def verified(self) -> bool:
        return self.source != UNVERIFIED

    def holds_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class DatedParameter(RootModel[list[Dated[T]]], Generic[T]):
    """A parameter's history: one value on any day.

    A value holds from its ``valid_from`` until the next value starts, or until its own
    ``valid_until`` if that comes first (a gap: no value in force). Two values starting
    the same day, or a ``valid_until`` reaching into the next value, are overlaps.
    """

    model_config = ConfigDict(frozen=True)

    @model_validator(mode="after")
    def _no_overlap(self) -> "DatedParameter[T]":
        ordered = sorted(enumerate(self.root), key=lambda item: item[1].valid_from)
        for (_, earlier), (index, later) in itertools.pairwise(ordered):
            if earlier.valid_from == later.valid_from or (
                earlier.valid_until is not None and earlier.valid_until >= later.valid_from
            ):
                raise PydanticCustomError(
                    "overlapping_validity",
                    "the value valid from {later} overlaps the value valid from {earlier}",
                    {
                        "earlier": str(earlier.valid_from),
                        "later": str(later.valid_from),
                        "at": (index,),
                    },
                )
        return self

    def at(self, day: date) -> Dated[T] | None:
        """The value in force on ``day``, or ``None`` when the parameter had none then."""
        current: Dated[T] | None = None
        for entry in self.root:  # one pass, no intermediate list: the engine asks often
            if entry.valid_from <= day and (current is None or entry.valid_from > current.valid_from):
                current = entry
        return current if current is not None and current.holds_on(day) else None

    def latest(self) -> Dated[T]:
        return max(self.root, key=lambda entry: entry.valid_from)
