"""What the coordination engine decides for one claim, with the trace that says why."""

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from coordina.domain.vocabulary import Branch

Months = Annotated[
    Fraction,
    PlainSerializer(lambda v: int(v) if v.denominator == 1 else round(float(v), 4), return_type=int | float),
]
"""Months, exact inside (``Fraction``); JSON shows a number (whole months as integers)."""

Ratio = Annotated[Fraction, PlainSerializer(lambda v: f"{v.numerator}/{v.denominator}", return_type=str)]
"""An exact fraction; JSON shows ``"84/300"``."""

Amount = Annotated[Decimal, PlainSerializer(lambda v: f"{v:f}", return_type=str)]
"""Money as a decimal string in JSON, never a float."""


class TraceStep(BaseModel):
    """One decision the engine made: which rule, under which article, on what, with what result."""

    model_config = ConfigDict(frozen=True)

    rule: str
    article: str | None = Field(description="Agreement article or national provision applied.")
    inputs: dict[str, Any] = {}
    outcome: str


class LegislationPeriod(BaseModel):
    """The legislation that applies to one stretch of an activity period."""

    model_config = ConfigDict(frozen=True)

    start: date
    end: date
    country: str
    rule: str
    article: str | None
    reported_country: str = Field(description="Where the activity was performed, as reported.")


class InstitutionDecision(BaseModel):
    """One party's decision under one of its schemes for the claimed branch."""

    model_config = ConfigDict(frozen=True)

    country: str
    scheme: str
    own_months: Months
    foreign_months: Months
    totalized_months: Months
    eligible_national: bool | None
    eligible_totalized: bool | None
    pro_rata_fraction: Ratio | None
    independent_amount: Amount | None
    theoretical_amount: Amount | None
    pro_rata_amount: Amount | None
    payable_amount: Amount | None
    currency: str | None
    payable_abroad: bool | None
    lump_sum_refund_available: bool | None = None
    reasons: list[str] = []
    trace: list[TraceStep] = []


class Decision(BaseModel):
    """The engine's answer for a claim under an agreement."""

    model_config = ConfigDict(frozen=True)

    agreement: str
    branch: Branch
    claim_date: date
    covered: bool
    reasons: list[str] = []
    applicable_legislation: list[LegislationPeriod] = []
    decisions: list[InstitutionDecision] = []
    trace: list[TraceStep] = []

    def decision_for(self, scheme: str) -> InstitutionDecision:
        return next(d for d in self.decisions if d.scheme == scheme)
