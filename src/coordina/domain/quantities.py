"""Exact quantities: durations in the unit an institution uses, and money with its currency."""

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from coordina.domain.vocabulary import TimeUnit

CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
"""An ISO 4217 alphabetic currency code."""

_MONTHS_PER_UNIT = {TimeUnit.months: 1, TimeUnit.quarters: 3, TimeUnit.years: 12}


class Duration(BaseModel):
    """A length of time in the unit the law states it (``10 years``, ``40 quarters``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    amount: Decimal = Field(ge=0)
    unit: TimeUnit

    def in_months(self) -> Decimal:
        """The duration in months, for units that convert exactly (months, quarters, years).

        Days and weeks do not convert exactly to months; the agreement's own
        conversion rule must be applied to them instead.
        """
        if self.unit not in _MONTHS_PER_UNIT:
            raise ValueError(f"{self.unit} do not convert exactly to months")
        return self.amount * _MONTHS_PER_UNIT[self.unit]

    def __str__(self) -> str:
        return f"{self.amount.normalize():f} {self.unit}"


class Money(BaseModel):
    """An amount of money: a ``Decimal`` and an ISO 4217 currency, never a float."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    amount: Decimal
    currency: CurrencyCode

    def __str__(self) -> str:
        return f"{self.amount:f} {self.currency}"
