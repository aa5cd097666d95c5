"""The provisions that implement the key principles: applicable legislation, totalization,
calculation, export and entry into force.

Applicable legislation is written as a base rule plus labelled exceptions (Catala's
default logic): each exception names the rule it overrides and its condition.
"""

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from coordina.domain.legal import Citation
from coordina.domain.party import Party
from coordina.domain.vocabulary import Activity, Branch, PeriodKind, Principle, TimeUnit


class _Provision(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PrincipleProvision(_Provision):
    principle: Principle
    summary: str | None = None
    article: Citation | None = Field(
        default=None,
        description="The article that contains the principle; left out (never a placeholder) where it could not be"
        " identified in the text read, which the agreement's notes then say.",
    )


class LegislationRule(StrEnum):
    """Rules that determine the applicable legislation."""

    lex_loci_laboris = "lex_loci_laboris"
    posting = "posting"
    self_employed = "self_employed"
    seafarer = "seafarer"
    air_crew = "air_crew"
    transport_crew = "transport_crew"  # international road, rail or air transport staff
    diplomatic = "diplomatic"
    civil_servant = "civil_servant"
    residence = "residence"
    mutual_agreement = "mutual_agreement"  # exceptions agreed case by case by the authorities


class LegislationOf(StrEnum):
    """Whose legislation a rule designates."""

    place_of_work = "place_of_work"
    sending_state = "sending_state"  # the employer's state that sends the worker
    residence_state = "residence_state"
    flag_state = "flag_state"
    employer_seat_state = "employer_seat_state"
    employing_administration_state = "employing_administration_state"
    agreed_state = "agreed_state"  # as the competent authorities agree


class Extension(_Provision):
    max_months: int | None = Field(default=None, gt=0, description="None: no fixed limit.")
    requires: str = Field(min_length=1, description="Who must agree, e.g. both competent authorities.")


class ApplicableLegislationRule(_Provision):
    rule: LegislationRule
    overrides: LegislationRule | None = Field(
        default=None, description="The rule this exception sets aside; empty for the base rule."
    )
    legislation_of: LegislationOf
    activities: list[Activity] = Field(default=[], description="Activities it applies to.")
    party: Party | None = Field(default=None, description="Only for persons in this party.")
    condition: str | None = Field(default=None, description="Our summary of the condition.")
    max_months: int | None = Field(default=None, gt=0, description="Posting limit, if any.")
    limit_counted_from: Literal["start_of_work", "first_day_of_month"] = Field(
        default="start_of_work", description="Where the agreement counts the limit from."
    )
    extension: Extension | None = None
    source: str | None = Field(default=None, description="Where a limit comes from, or 'unverified'.")
    article: Citation


class ApplicableLegislation(_Provision):
    base: ApplicableLegislationRule
    exceptions: list[ApplicableLegislationRule] = []

    @model_validator(mode="after")
    def _exceptions_name_what_they_override(self) -> "ApplicableLegislation":
        for index, exception in enumerate(self.exceptions):
            if exception.overrides is None:
                raise PydanticCustomError(
                    "exception_without_base",
                    "an exception must name the rule it overrides",
                    {"at": ("exceptions", index, "overrides")},
                )
        return self


class OverlapPriority(StrEnum):
    """How overlapping periods are counted once (the agreement's rule, else these defaults)."""

    compulsory_before_voluntary = "compulsory_before_voluntary"
    own_before_foreign = "own_before_foreign"
    insurance_before_residence = "insurance_before_residence"


class TotalizationRule(_Provision):
    """Which foreign periods one party's institution counts, and its minimum-period gate."""

    party: Party | None = Field(default=None, description="The counting party; None: every party.")
    branches: list[Branch] = Field(min_length=1)
    counts_from: list[Party] | None = Field(
        default=None, description="Parties whose periods count; None: every other party."
    )
    period_kinds: list[PeriodKind] = Field(min_length=1, description="Foreign period kinds counted.")
    condition: str | None = None
    minimum_own_months: int | None = Field(
        default=None,
        ge=0,
        description="Below this, the party need not pay, though its periods count for others.",
    )
    minimum_own_continuous_months: int | None = Field(default=None, ge=0)
    minimum_only_when_residing_abroad: bool = Field(
        default=False, description="The minimum applies only to persons living outside the party."
    )
    only_during: list[Activity] = Field(
        default=[],
        description="Foreign periods count only while the person had one of these activities there.",
    )
    third_country_periods: bool = Field(
        default=False, description="Periods in third states linked by agreements also count."
    )
    source: str | None = None
    article: Citation


class UnitConversion(_Provision):
    """The agreement's rule for converting periods reported in days or weeks into months."""

    unit: TimeUnit
    per_month: str = Field(pattern=r"^[0-9]+(/[0-9]+|\.[0-9]+)?$", description="Exact: '13/3', '30', '4.33'.")
    article: Citation


class Totalization(_Provision):
    rules: list[TotalizationRule] = Field(min_length=1)
    unit_conversion: list[UnitConversion] = []
    overlap_priority: list[OverlapPriority] = [
        OverlapPriority.compulsory_before_voluntary,
        OverlapPriority.own_before_foreign,
    ]
    overlap_article: Citation | None = None


class CalculationMethod(StrEnum):
    independent = "independent"  # national law alone
    pro_rata = "pro_rata"  # theoretical amount x own / totalized periods
    higher_of_independent_and_pro_rata = "higher_of_independent_and_pro_rata"
    direct = "direct"  # national formula on own periods once totalization opened the right
    residence_proportional = "residence_proportional"  # fraction of a full residence pension
    direct_deduction = "direct_deduction"  # full rate less the other parties' pensions (e.g. AU-KR Art. 17(4)(b))
    account_balance = "account_balance"  # individual account or provident fund


class CalculationRule(_Provision):
    party: Party | None = None
    schemes: list[str] = Field(default=[], description="Only these schemes of the party; empty: all of them.")
    branches: list[Branch] = Field(min_length=1)
    method: CalculationMethod
    denominator_months: int | None = Field(
        default=None, gt=0, description="Months of a full pension in a proportional rate."
    )
    only_when_residing_abroad: bool = Field(
        default=False, description="The rule is for persons living outside the party (e.g. a rate paid abroad)."
    )
    maximum_period_cap: bool = Field(
        default=False,
        description="In the pro-rata ratio, totalized periods are capped at the scheme's full career, as"
        " EU Reg. 883/2004 Art. 56(1)(a) does; only where the agreement has such a rule.",
    )
    description: str | None = None
    source: str | None = None
    article: Citation


class ExportRuleKind(StrEnum):
    without_reduction = "without_reduction"  # paid in any party's territory as at home
    modified = "modified"  # national export conditions modified by the agreement
    national_law = "national_law"  # left to national law


class ExportProvision(_Provision):
    party: Party | None = None
    schemes: list[str] = Field(default=[], description="Only these schemes of the party; empty: all of them.")
    branches: list[Branch] = Field(min_length=1)
    rule: ExportRuleKind
    minimum_totalized_months: int | None = Field(
        default=None, ge=0, description="e.g. Canada's OAS: 240 months, totalized."
    )
    minimum_own_months: int | None = Field(
        default=None, ge=0, description="Own periods needed for payment abroad (e.g. 12 months of OAS residence)."
    )
    own_periods_from: date | None = Field(default=None, description="Own periods count for that minimum from this day.")
    condition: str | None = None
    source: str | None = None
    article: Citation


class EntryIntoForceKind(StrEnum):
    first_day_of_nth_month_after_last_notification = "first_day_of_nth_month_after_last_notification"
    first_day_of_nth_month_after_exchange_of_instruments = "first_day_of_nth_month_after_exchange_of_instruments"
    nth_day_after_deposit = "nth_day_after_deposit"
    fixed_date = "fixed_date"


class EntryIntoForceRule(_Provision):
    kind: EntryIntoForceKind
    months: int | None = Field(default=None, ge=0, description="N, for the month-based kinds.")
    days: int | None = Field(default=None, ge=0, description="N, for the day-based kind.")
    ratifications_required: int | None = Field(
        default=None, gt=0, description="Multilateral: how many ratifications bring it into force."
    )
    source: str | None = None
    article: Citation
