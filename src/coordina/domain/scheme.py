"""National schemes and their dated parameters."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from coordina.domain.legal import NationalReference, SourceText
from coordina.domain.parameters import DatedParameter
from coordina.domain.party import Party
from coordina.domain.quantities import Duration, Money
from coordina.domain.series import Contributions, DerivedShare, FigureName, YearlyTable
from coordina.domain.vocabulary import Activity, Branch, PeriodKind, SchemeKind, TimeUnit

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


class Age(_Value):
    """An age in years and months."""

    years: int = Field(ge=0, le=120)
    months: int = Field(default=0, ge=0, lt=12)


class AgeWindow(_Value):
    """The ages between which periods count for the scheme (e.g. OAS residence after age 18;
    AOW insurance in the 50 years before pension age; Australian working-life residence from
    16 to pension age). The window's start is ``from_age`` or, where the law ties it to the
    pension age, the pension age less ``years_before_pension_age``."""

    from_age: Age | None = None
    years_before_pension_age: int | None = Field(default=None, gt=0)
    to_age: Age | None = Field(default=None, description="Periods from this age on do not count.")
    to_pension_age: bool = Field(default=False, description="Periods from the pension age on do not count.")
    applies_to: list[Literal["qualification", "amount"]] = Field(
        default=["qualification", "amount"], min_length=1, description="What the window limits."
    )
    kinds: list[PeriodKind] = Field(default=[PeriodKind.residence], min_length=1, description="Periods it limits.")
    description: str | None = None


class UnitRate(_Value):
    """How many of a unit make a month, as the law converts it (e.g. weeks: '13/3')."""

    unit: TimeUnit
    per_month: str = Field(pattern=r"^[0-9]+(/[0-9]+|\.[0-9]+)?$", description="Exact: '13/3', '30', '4.33'.")


class Rounding(_Value):
    """National law's own rounding of the amount (else the currency's minor unit, half-up)."""

    quantum: Decimal = Field(gt=0, description="Round to a multiple of this, e.g. 10 (won) or 0.01.")
    mode: Literal["half_up", "down", "up"] = "half_up"


class SchemeStart(_Value):
    """The day the scheme began insuring people: earlier periods are not its periods."""

    date: date
    reference: str | None = None
    source: SourceText


class Insures(_Value):
    """Which periods of the country are this scheme's, where a country has several schemes for
    a branch (a special scheme for farmers, an old and a new system by date). A period that
    names its scheme belongs to that scheme alone; otherwise to the schemes whose description
    it fits."""

    activities: list[Activity] = Field(default=[], description="Only periods of these activities; empty: any.")
    periods_until: date | None = Field(default=None, description="Only days up to this date (a closed system).")
    named_only: bool = Field(default=False, description="Only periods that name this scheme.")
    description: str | None = None
    reference: str | None = None
    source: SourceText


class BenefitFormulaKind(StrEnum):
    earnings_related = "earnings_related"  # e.g. average earnings x accrual x years
    earnings_points = "earnings_points"  # e.g. German Entgeltpunkte
    flat_rate = "flat_rate"
    residence_proportional = "residence_proportional"  # fraction of a full pension per year
    account_balance = "account_balance"  # individual account / provident fund balance
    lump_sum = "lump_sum"
    means_tested = "means_tested"
    # One national formula each (rules/formulas/): what the kind reads is in its module.
    best_years_rate_duration = "best_years_rate_duration"  # France: best 25 years x rate x duration
    a_and_b_values = "a_and_b_values"  # Korea NPS: all insured's average (A) and own (B)
    average_pensionable_earnings = "average_pensionable_earnings"  # Canada CPP: YMPE-capped, dropout
    pensionable_salary_service = "pensionable_salary_service"  # India EPS: salary x service / 70
    replacement_rate = "replacement_rate"  # a rate by insured years times a reference salary
    basic_plus_accrual = "basic_plus_accrual"  # Argentina SIPA: flat PBU + PC and PAP per year
    value_per_month = "value_per_month"  # a pension value x an increment per contribution month (DE ALG §23)
    unknown = "unknown"  # the formula could not be found in a source: amounts are not computed
    last_salaries_rate = "last_salaries_rate"  # Paraguay IPS, Tunisia CNSS: rate x last months' salary


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
    amount_period: Literal["monthly", "fortnightly", "weekly", "yearly"] = Field(
        default="monthly", description="The period the full amount is paid for."
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
        """Every dated parameter present, by name (branch-specific ones as
        ``qualifying_period[survivors]``, named values as ``values[pension_value]``); yearly
        tables are not dated parameters (``tables``)."""
        for name in type(self).model_fields:
            value = getattr(self, name)
            if name == "tables":
                continue
            if isinstance(value, dict):
                for key, parameter in value.items():
                    yield f"{name.removesuffix('_by_branch')}[{getattr(key, 'value', key)}]", parameter
            elif value is not None:
                yield name, value

    pension_age: DatedParameter[list[PensionAge]] | None = None
    counting_ages: DatedParameter[AgeWindow] | None = None
    unit_conversion: DatedParameter[list[UnitRate]] | None = None
    rounding: DatedParameter[Rounding] | None = None
    full_career: DatedParameter[Duration] | None = None
    benefit_formula: DatedParameter[BenefitFormula] | None = None
    export: DatedParameter[ExportRule] | None = None
    lump_sum_refund: DatedParameter[LumpSumRefund] | None = None
    derived_share_by_branch: dict[Branch, DatedParameter[DerivedShare]] = Field(
        default={}, description="Survivors' or invalidity pensions national law derives from the old-age formula."
    )
    contributions: DatedParameter[Contributions] | None = None
    values: dict[FigureName, DatedParameter[Decimal]] = Field(
        default={}, max_length=60, description="Named dated figures a formula reads on the claim date."
    )
    tables: dict[FigureName, YearlyTable] = Field(
        default={}, max_length=30, description="Figures by calendar year a formula reads (earnings years)."
    )


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
    started: SchemeStart | None = Field(
        default=None, description="When the scheme began; earlier periods are not its own."
    )
    insures: Insures | None = Field(default=None, description="Which of the country's periods are this scheme's.")
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
