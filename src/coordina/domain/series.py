"""The figures national formulas read: yearly tables, named dated values, contributions, and
the share of the old-age formula that a survivors' or invalidity pension is.

A **yearly table** holds one figure per calendar year, the year the earnings were earned: the
German average earnings of all insured (Anlage 1 SGB VI), the Canadian YMPE, the Korean A
value, a revaluation coefficient. It is published as one table, so it carries one provision
and one source, with the years whose value could not be confirmed listed in ``unverified``
(and years read elsewhere in ``year_sources``).

A **named value** is a dated parameter (``DatedParameter[Decimal]``) that a formula reads on the
claim date: the current pension value, the hourly SMIC, a divisor, a flat amount.
"""

from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from coordina.domain.legal import SourceText
from coordina.domain.quantities import Money

FigureName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
"""A table's or value's name in the scheme data, as the formula reads it: ``average_earnings``."""

Year = Annotated[int, Field(ge=1850, le=2200)]


class YearlyTable(BaseModel):
    """One figure per calendar year, from one published table."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    unit: str = Field(min_length=1, max_length=80, description="What a figure is: 'EUR a year', 'ratio'.")
    values: dict[Year, Decimal] = Field(min_length=1, max_length=400)
    reference: str = Field(min_length=1, description="The national provision that publishes the table.")
    source: SourceText = Field(description="URL or document the figures were read in, or 'unverified'.")
    year_sources: dict[Year, SourceText] = Field(
        default={}, description="Years read in another source than the table's."
    )
    unverified: list[Year] = Field(default=[], description="Years whose figure could not be confirmed in a source.")
    provisional: list[Year] = Field(
        default=[], description="Years whose figure the law sets provisionally (e.g. a forecast later replaced)."
    )
    needed_from: Year | None = Field(
        default=None,
        description="The first earnings year a claim under the bundled agreements can read, where the formula"
        " does not say it: `coordina schemes coverage` reports the years missing from it.",
    )
    note: str | None = None

    @model_validator(mode="after")
    def _listed_years_have_values(self) -> "YearlyTable":
        for field in ("unverified", "provisional", "year_sources"):
            for year in getattr(self, field):
                if year not in self.values:
                    raise PydanticCustomError(
                        "year_without_value",
                        "year {year} is listed in {field} but has no value",
                        {"year": year, "field": field, "at": (field,)},
                    )
        return self

    def source_of(self, year: int) -> str:
        """Where the figure of ``year`` was read ('unverified' where it could not be confirmed)."""
        if year in self.unverified:
            return "unverified"
        return self.year_sources.get(year, self.source)


class ShareBand(BaseModel):
    """A share that applies from a number of the insured person's months on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    from_months: int = Field(ge=0, le=1200)
    share: Decimal = Field(gt=0, le=1)


class DerivedShare(BaseModel):
    """A pension national law derives from the old-age formula: a share of the amount the
    insured person had or would have had (e.g. a widow's pension of 55 %), possibly by the
    insured person's months (Korea: 40 % under 10 years, 50 % to 20, 60 % from 20)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    share: Decimal = Field(gt=0, le=1, description="Fraction of the old-age amount: 0.55.")
    by_months: list[ShareBand] = Field(
        default=[], max_length=20, description="Shares by the insured person's months; below the first band: share."
    )
    description: str = Field(min_length=1, description="Our own summary: whose amount, which conditions.")

    def share_for(self, months: Fraction) -> Decimal:
        """The share for an insured person with ``months`` of periods (the band reached, else ``share``)."""
        reached = [band for band in self.by_months if months >= band.from_months]
        return max(reached, key=lambda band: band.from_months).share if reached else self.share


class Contributions(BaseModel):
    """Contribution rates on earnings and the earnings ceiling (and floor) they apply to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    employee_rate: Decimal = Field(ge=0, le=1, description="Share of earnings paid by the employee: 0.093.")
    employer_rate: Decimal = Field(ge=0, le=1, description="Share of earnings paid by the employer.")
    self_employed_rate: Decimal | None = Field(default=None, ge=0, le=1, description="Where it differs.")
    ceiling: Money | None = Field(default=None, description="Earnings above it pay no contribution.")
    ceiling_table: FigureName | None = Field(
        default=None, description="A yearly table of the scheme that gives the ceiling year by year."
    )
    floor: Money | None = Field(default=None, description="Earnings below it pay contributions on it (or none).")
    exemption: Money | None = Field(
        default=None, description="Earnings up to it pay no contribution; the rest does, to the ceiling (CPP s. 19)."
    )
    exemption_table: FigureName | None = Field(default=None, description="The exemption year by year (a table).")
    uncapped_employee_rate: Decimal | None = Field(
        default=None, ge=0, le=1, description="A rate on all earnings, above the ceiling too (France's déplafonnée)."
    )
    uncapped_employer_rate: Decimal | None = Field(default=None, ge=0, le=1)
    upper_ceiling_table: FigureName | None = Field(
        default=None, description="A second ceiling: earnings between the ceiling and it pay the upper rates."
    )
    upper_employee_rate: Decimal | None = Field(default=None, ge=0, le=1)
    upper_employer_rate: Decimal | None = Field(default=None, ge=0, le=1)
    period: Literal["monthly", "yearly"] = Field(
        default="yearly", description="The period the ceilings and exemption are for."
    )
    description: str | None = None
