"""The statement of insurance periods one institution sends another (like the EESSI SED P5000,
"periods of insurance"): each period in the unit and quantity the institution reported, with its
totals as reported, so that the receiving institution converts them under the agreement's own
rule and the trace can show what was reported.
"""

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import ClassVar

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from coordina.domain.case import Period
from coordina.domain.forms.base import Amount, FormModel, PartyCode, Quantity
from coordina.domain.forms.sections import InstitutionSection, PersonIdentity, Section
from coordina.domain.party import Party
from coordina.domain.quantities import CurrencyCode, Money
from coordina.domain.vocabulary import PeriodKind, TimeUnit

MAX_PERIODS = 500


class ReportedPeriod(Section):
    """One period as reported: its dates, what it is a period of, and how much of it counts."""

    start: date
    end: date
    kind: PeriodKind
    unit: TimeUnit
    quantity: Quantity
    voluntary: bool = Field(default=False, description="Voluntary (not compulsory) insurance.")
    earnings: Amount | None = None
    currency: CurrencyCode | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "ReportedPeriod":
        if self.end < self.start:
            raise PydanticCustomError(
                "end_before_start", "end {end} is before start {start}",
                {"end": str(self.end), "start": str(self.start), "at": ("end",)},
            )  # fmt: skip
        if (self.earnings is None) != (self.currency is None):
            raise PydanticCustomError("earnings_currency", "earnings and currency go together", {"at": ("currency",)})
        return self


class Total(Section):
    """The institution's own total of one kind of period, in the unit it reports."""

    kind: PeriodKind
    unit: TimeUnit
    quantity: Quantity


class InsurancePeriods(FormModel):
    """A statement of the periods completed under one party's legislation (EESSI P5000-like)."""

    form: ClassVar[str] = "insurance_periods"
    version: ClassVar[int] = 1
    purpose: ClassVar[str] = (
        "To tell another party's institution the periods completed under this party's legislation, so that it can"
        " totalize them and decide a claim."
    )

    person: PersonIdentity
    institution: InstitutionSection = Field(description="The institution reporting the periods.")
    party: PartyCode = Field(description="The party whose legislation the periods were completed under.")
    periods: list[ReportedPeriod] = Field(min_length=1, max_length=MAX_PERIODS)
    totals: list[Total] = Field(default=[], max_length=len(PeriodKind) * len(TimeUnit))

    @model_validator(mode="after")
    def _one_total_per_kind_and_unit(self) -> "InsurancePeriods":
        seen: set[tuple[PeriodKind, TimeUnit]] = set()
        for index, total in enumerate(self.totals):
            if (total.kind, total.unit) in seen:
                raise PydanticCustomError(
                    "total_twice", "the total of {kind} in {unit} is given twice",
                    {"kind": total.kind.value, "unit": total.unit.value, "at": ("totals", index)},
                )  # fmt: skip
            seen.add((total.kind, total.unit))
        return self


def to_periods(statement: InsurancePeriods) -> list[Period]:
    """The periods as the engine reads them (``coordina.domain.case.Period``): the party, dates,
    kind, voluntary or not, and the earnings over the period. The reported unit and quantity stay
    on the statement, for the agreement's conversion rule and the trace."""
    return [
        Period(
            country=statement.party,
            kind=reported.kind,
            start=reported.start,
            end=reported.end,
            voluntary=reported.voluntary,
            earnings=None if reported.earnings is None else Money(amount=reported.earnings, currency=reported.currency),
        )
        for reported in statement.periods
    ]


def from_periods(
    periods: Sequence[Period],
    *,
    person: PersonIdentity,
    institution: InstitutionSection,
    party: Party,
    unit: TimeUnit = TimeUnit.days,
) -> InsurancePeriods:
    """The statement of ``party``'s periods (others are left out), each counted in ``unit``, with
    the totals per kind. A period is counted only where it is a whole number of the unit (days
    always; weeks of 7 days; calendar months, quarters or years from their first to their last
    day): a ValueError names the period otherwise, never a rounded figure."""
    reported = [
        ReportedPeriod(
            start=p.start,
            end=p.end,
            kind=p.kind,
            unit=unit,
            quantity=quantity_of(p.start, p.end, unit),
            voluntary=p.voluntary,
            earnings=p.earnings.amount if p.earnings else None,
            currency=p.earnings.currency if p.earnings else None,
        )
        for p in periods
        if p.country == party
    ]
    if not reported:
        raise ValueError(f"no periods under the legislation of {party}")
    sums: dict[PeriodKind, Decimal] = {}
    for entry in reported:
        sums[entry.kind] = sums.get(entry.kind, Decimal(0)) + entry.quantity
    totals = [Total(kind=kind, unit=unit, quantity=quantity) for kind, quantity in sums.items()]
    return InsurancePeriods(person=person, institution=institution, party=party, periods=reported, totals=totals)


def quantity_of(start: date, end: date, unit: TimeUnit) -> Decimal:
    """How many whole ``unit`` the period from ``start`` to ``end`` (both included) is."""
    days = (end - start).days + 1
    if unit is TimeUnit.days:
        return Decimal(days)
    if unit is TimeUnit.weeks:
        if days % 7:
            raise ValueError(f"the period {start} to {end} is {days} days, not whole weeks")
        return Decimal(days // 7)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    whole_months = start.day == 1 and (end + timedelta(days=1)).day == 1
    per_unit = {TimeUnit.months: 1, TimeUnit.quarters: 3, TimeUnit.years: 12}[unit]
    if not whole_months or months % per_unit or (start.month - 1) % per_unit:
        raise ValueError(f"the period {start} to {end} is not whole calendar {unit.value}")
    return Decimal(months // per_unit)
