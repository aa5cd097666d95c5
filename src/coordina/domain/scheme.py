"""National schemes and their dated parameters."""

from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from coordina.domain.legal import NationalReference
from coordina.domain.parameters import DatedParameter
from coordina.domain.party import Party
from coordina.domain.quantities import Duration, Money
from coordina.domain.vocabulary import Branch, PeriodKind, SchemeKind

SchemeId = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[a-z0-9]+)+$", max_length=60)]
"""Short readable id, lower case, starting with the country: ``de-grv``, ``kr-nps``."""


class _Value(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QualifyingPeriod(_Value):
    """The minimum period for entitlement, and which kinds of period count towards it."""

    duration: Duration
    counts: list[PeriodKind] = Field(min_length=1, description="Period kinds that count.")
    continuous: Duration | None = Field(default=None, description="Part of it that must be one continuous stretch.")
    description: str | None = None


class PensionAge(_Value):
    """Pensionable age, possibly by sex and birth cohort (phased reforms)."""

    years: int = Field(ge=0, le=100)
    months: int = Field(default=0, ge=0, lt=12)
    sex: Literal["any", "men", "women"] = "any"
    born_from: date | None = Field(default=None, description="First birth date the age applies to.")
    born_until: date | None = Field(default=None, description="Last birth date the age applies to.")


class BenefitFormulaKind(StrEnum):
    earnings_related = "earnings_related"  # e.g. average earnings x accrual x years
    earnings_points = "earnings_points"  # e.g. German Entgeltpunkte
    flat_rate = "flat_rate"
    residence_proportional = "residence_proportional"  # fraction of a full pension per year
    account_balance = "account_balance"  # individual account / provident fund balance
    lump_sum = "lump_sum"
    means_tested = "means_tested"


class BenefitFormula(_Value):
    kind: BenefitFormulaKind
    accrual_per_year: str | None = Field(
        default=None, description="Accrual per year as a fraction, e.g. '1/40' or '0.02'."
    )
    full_amount: Money | None = Field(
        default=None, description="Monthly amount of a full benefit (a full career or the full rate)."
    )
    complete_years_only: bool = Field(
        default=False, description="Only complete years count (e.g. Canada's OAS: 1/40 per complete year)."
    )
    description: str = Field(min_length=1, description="Our own summary of the formula.")


class ExportKind(StrEnum):
    unrestricted = "unrestricted"  # paid abroad as at home
    minimum_period = "minimum_period"  # paid abroad only after a minimum period
    proportional = "proportional"  # paid abroad at a reduced, proportional rate
    restricted = "restricted"  # paid abroad only to some countries or persons
    none = "none"  # not paid abroad under national law alone


class ExportRule(_Value):
    """What national law alone says about paying the benefit to a person living abroad."""

    kind: ExportKind
    minimum_period: Duration | None = None
    description: str | None = None


class LumpSumRefund(_Value):
    """A refund of contributions instead of a pension (e.g. on leaving the country)."""

    available: bool
    nationals_only: bool = False
    when_less_than: Duration | None = Field(default=None, description="Only for persons with less than this period.")
    description: str | None = None


class SchemeParameters(_Value):
    """The dated parameters that decide entitlement and amount; absent = not applicable."""

    qualifying_period: DatedParameter[QualifyingPeriod] | None = None
    qualifying_period_by_branch: dict[Branch, DatedParameter[QualifyingPeriod]] = Field(
        default={}, description="Where a branch has its own minimum (e.g. survivors'), it replaces qualifying_period."
    )

    def named(self) -> Iterator[tuple[str, DatedParameter[Any]]]:
        """Every parameter present, by name (branch-specific ones as ``qualifying_period[survivors]``)."""
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, dict):
                for branch, parameter in value.items():
                    yield f"{name.removesuffix('_by_branch')}[{branch.value}]", parameter
            elif value is not None:
                yield name, value

    pension_age: DatedParameter[list[PensionAge]] | None = None
    full_career: DatedParameter[Duration] | None = None
    benefit_formula: DatedParameter[BenefitFormula] | None = None
    export: DatedParameter[ExportRule] | None = None
    lump_sum_refund: DatedParameter[LumpSumRefund] | None = None


class Scheme(BaseModel):
    """A national scheme: who runs it, which branches it covers, and its parameters."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: SchemeId
    country: Party
    name: str = Field(min_length=1)
    local_name: str | None = None
    institution: str = Field(min_length=1, description="The institution that administers it.")
    branches: list[Branch] = Field(min_length=1)
    kind: SchemeKind
    contributory: bool
    general: bool = Field(description="General scheme (true) or a special scheme for a group.")
    public: bool = Field(description="Publicly (true) or privately administered.")
    legal_basis: list[NationalReference] = Field(min_length=1)
    parameters: SchemeParameters = SchemeParameters()
    notes: str | None = None

    @model_validator(mode="after")
    def _id_names_country(self) -> "Scheme":
        if not self.id.startswith(self.country.split("-")[0].lower() + "-"):
            raise PydanticCustomError(
                "scheme_id_country",
                "scheme id {id!r} must start with its country code {prefix!r}",
                {"id": self.id, "prefix": self.country.split("-")[0].lower() + "-", "at": ("id",)},
            )
        return self
