"""What the coordination engine decides for one claim, with the trace that says why."""

from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer
from pydantic.json_schema import SkipJsonSchema

from coordina.domain.legal import LegalBasis
from coordina.domain.vocabulary import Branch
from coordina.domain.wording import Wording

Months = Annotated[
    Fraction,
    PlainSerializer(lambda v: int(v) if v.denominator == 1 else round(float(v), 4), return_type=int | float),
]
"""Months, exact inside (``Fraction``); JSON shows a number (whole months as integers)."""

Ratio = Annotated[Fraction, PlainSerializer(lambda v: f"{v.numerator}/{v.denominator}", return_type=str)]
"""An exact fraction; JSON shows ``"84/300"``."""

Amount = Annotated[Decimal, PlainSerializer(lambda v: f"{v:f}", return_type=str)]
"""Money as a decimal string in JSON, never a float."""


M = TypeVar("M", bound=BaseModel)


def trusted(model: type[M], **values: Any) -> M:
    """A model instance from values the engine computed with their declared types, without
    validating them again (the engine's hot path builds tens of these per claim). Every field
    must be given; what comes from users is validated where it enters (``Case``)."""
    instance = object.__new__(model)
    object.__setattr__(instance, "__dict__", values)
    object.__setattr__(instance, "__pydantic_fields_set__", set(values))
    object.__setattr__(instance, "__pydantic_extra__", None)
    object.__setattr__(instance, "__pydantic_private__", None)
    return instance


class Rule(StrEnum):
    """The steps of a decision, one name each: the trace's ``rule`` and the function that decides it."""

    entry_into_force = "entry_into_force"
    agreement_version = "agreement_version"
    material_scope = "material_scope"
    personal_scope = "personal_scope"
    certified_periods = "certified_periods"
    applicable_legislation = "applicable_legislation"
    posting_limit = "posting_limit"
    posting_extension = "posting_extension"
    scheme_attribution = "scheme_attribution"
    scheme_start = "scheme_start"
    counting_ages = "counting_ages"
    own_periods = "own_periods"
    totalization = "totalization"
    third_country_periods = "third_country_periods"
    unit_conversion = "unit_conversion"
    qualifying_period = "qualifying_period"
    pension_age = "pension_age"
    minimum_period = "minimum_period"
    eligibility = "eligibility"
    benefit_formula = "benefit_formula"
    independent_amount = "independent_amount"
    theoretical_amount = "theoretical_amount"
    pro_rata_amount = "pro_rata_amount"
    payable_amount = "payable_amount"
    export = "export"
    lump_sum_refund = "lump_sum_refund"
    equality_of_treatment = "equality_of_treatment"


class TraceStep(BaseModel):
    """One decision the engine made: which rule, under which legal basis, on what, with what result."""

    model_config = ConfigDict(frozen=True)

    rule: Rule
    article: str = Field(description="The basis as read: agreement article or national provision.")
    basis: LegalBasis
    inputs: dict[str, Any] = {}
    outcome: str
    reason: str | None = Field(default=None, description="What the caseworker is told, where the step decides against.")
    # The same two as templates with their values, for an interface to translate (in-process
    # only: neither is serialized nor in the JSON Schema; None where a step was read from JSON).
    wording: SkipJsonSchema[Wording | None] = Field(default=None, exclude=True, repr=False)
    reason_wording: SkipJsonSchema[Wording | None] = Field(default=None, exclude=True, repr=False)
    details_wording: SkipJsonSchema[tuple[Wording, ...]] = Field(default=(), exclude=True, repr=False)
    """Lines of working (a national formula's stages), as in ``inputs['working']``."""


class LegislationPeriod(BaseModel):
    """The legislation that applies to one stretch of an activity period."""

    model_config = ConfigDict(frozen=True)

    start: date
    end: date
    country: str
    rule: str
    article: str | None
    reported_country: str = Field(description="Where the activity was performed, as reported.")
    version: str | None = Field(
        default=None, description="The text of the agreement that decided, where it has several."
    )


class InstitutionDecision(BaseModel):
    """One party's decision under one of its schemes for the claimed branch."""

    model_config = ConfigDict(frozen=True)

    country: str
    scheme: str
    own_months: Months | None = Field(description="None only where the count depends on a fact the case lacks.")
    foreign_months: Months | None
    totalized_months: Months | None
    eligible_national: bool | None
    eligible_totalized: bool | None
    pro_rata_fraction: Ratio | None
    independent_amount: Amount | None
    theoretical_amount: Amount | None
    pro_rata_amount: Amount | None
    payable_amount: Amount | None
    currency: str | None
    amount_period: str | None = Field(default=None, description="The period amounts are for: monthly, fortnightly…")
    payable_abroad: bool | None
    lump_sum_refund_available: bool | None = None
    reasons: list[str] = []
    trace: list[TraceStep] = []


class Decision(BaseModel):
    """The engine's answer for a claim under an agreement."""

    model_config = ConfigDict(frozen=True)

    agreement: str
    version: str | None = Field(
        default=None, description="The text applied, where the agreement has several (the file's id)."
    )
    branch: Branch
    claim_date: date
    covered: bool
    reasons: list[str] = []
    applicable_legislation: list[LegislationPeriod] = []
    decisions: list[InstitutionDecision] = []
    trace: list[TraceStep] = []

    def decision_for(self, scheme: str) -> InstitutionDecision:
        return next(d for d in self.decisions if d.scheme == scheme)
