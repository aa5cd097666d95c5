"""A case file: the person, their career as periods, and the claim an institution decides."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from coordina.domain.party import CountryCode, Party
from coordina.domain.quantities import Money
from coordina.domain.vocabulary import Activity, Branch, PeriodKind


class PersonStatus(StrEnum):
    none = "none"
    refugee = "refugee"
    stateless = "stateless"


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    birth_date: date
    nationality: list[CountryCode] = Field(default=[], description="Empty for a stateless person.")
    residence: Party
    status: PersonStatus = PersonStatus.none
    sex: Literal["men", "women"] | None = Field(default=None, description="Where pension ages differ.")
    derived_rights: bool = Field(default=False, description="Claims as a dependant or survivor of a covered person.")


class YearEarnings(BaseModel):
    """Earnings of one calendar year of a period, as the institution records them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    year: int = Field(ge=1850, le=2200)
    amount: Money


class PeriodEvidence(BaseModel):
    """The signed document a period was reported in (issue 14 item 4): the statement of insurance
    periods another institution sent through the exchange, verified on receipt."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    document: Annotated[str, StringConstraints(min_length=1, max_length=36)] = Field(description="Its message id.")
    form: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,62}$")]
    sender: Annotated[str, StringConstraints(min_length=1, max_length=80)] = Field(
        description="The institution that signed it (body id)."
    )
    kid: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{2,64}$")] = Field(description="The signing key's id.")
    signature: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{16,200}$")] = Field(
        description="The document's signature (base64url, unpadded)."
    )
    received_at: datetime | None = None


class Period(BaseModel):
    """A stretch of a career as one institution reports it; both ends are included."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    country: Party
    kind: PeriodKind
    start: date
    end: date
    activity: Activity | None = Field(default=None, description="Decides the applicable legislation.")
    employer_country: CountryCode | None = Field(
        default=None, description="Where the employer is based (posting: the sending state)."
    )
    flag_country: CountryCode | None = Field(default=None, description="Flag of the ship (seafarers).")
    certificate: bool = Field(default=False, description="A certificate of coverage was issued.")
    extension: bool = Field(default=False, description="An extension of a posting was approved.")
    voluntary: bool = Field(default=False, description="Voluntary (not compulsory) insurance.")
    earnings: Money | None = Field(
        default=None,
        description="Earnings over the whole period, where the institution gives no yearly figures: a"
        " formula that reads yearly earnings splits this total across calendar years by days (and says so).",
    )
    earnings_by_year: list[YearEarnings] = Field(
        default=[],
        max_length=200,
        description="Earnings per calendar year of the period (the preferred form), in one currency; a year"
        " not listed is unknown, never zero.",
    )
    scheme: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[a-z0-9]+)+$", max_length=60)] | None = Field(
        default=None, description="The national scheme that insured the period, where the institution says."
    )
    evidence: PeriodEvidence | None = Field(
        default=None, description="The signed statement the period was reported in, where it came by the exchange."
    )

    @model_validator(mode="after")
    def _end_not_before_start(self) -> "Period":
        if self.end < self.start:
            raise PydanticCustomError(
                "end_before_start",
                "end {end} is before start {start}",
                {"end": str(self.end), "start": str(self.start), "at": ("end",)},
            )
        return self

    @model_validator(mode="after")
    def _earnings_fit_the_period(self) -> "Period":
        if self.earnings is not None and self.earnings_by_year:
            raise PydanticCustomError(
                "earnings_twice", "give earnings per year or one total over the period, not both",
                {"at": ("earnings_by_year",)},
            )  # fmt: skip
        seen: set[int] = set()
        for index, entry in enumerate(self.earnings_by_year):
            if not self.start.year <= entry.year <= self.end.year:
                raise PydanticCustomError(
                    "earnings_year_outside_period", "year {year} is outside the period {start} to {end}",
                    {"year": entry.year, "start": str(self.start), "end": str(self.end),
                     "at": ("earnings_by_year", index, "year")},
                )  # fmt: skip
            if entry.year in seen:
                raise PydanticCustomError(
                    "earnings_year_twice", "year {year} is given twice",
                    {"year": entry.year, "at": ("earnings_by_year", index, "year")},
                )  # fmt: skip
            seen.add(entry.year)
            if entry.amount.currency != self.earnings_by_year[0].amount.currency:
                raise PydanticCustomError(
                    "earnings_currencies", "the years of a period are in one currency ({first}, not {other})",
                    {"first": self.earnings_by_year[0].amount.currency, "other": entry.amount.currency,
                     "at": ("earnings_by_year", index, "amount", "currency")},
                )  # fmt: skip
        return self


class Account(BaseModel):
    """An individual account or provident fund balance, as its administrator reports it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    balance: Money = Field(description="The balance on the claim date.")
    annuity_factor: Decimal | None = Field(
        default=None,
        gt=0,
        description="The balance that buys 1 unit of pension a month (for a Chilean programmed withdrawal,"
        " 12 x the capital necesario unitario of DL 3.500 art. 65); absent: the amount is not computed.",
    )


class Claim(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    branch: Branch
    date: date


class Case(BaseModel):
    """What a caseworker knows: who, which career, what is claimed, under which agreement."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    agreement: str | None = None
    person: Person
    claim: Claim
    periods: list[Period] = Field(min_length=1)
    accounts: dict[str, Account] = Field(
        default={}, max_length=20, description="Per scheme id, the person's account balance (account-based schemes)."
    )
    reference_amounts: dict[str, Money] = Field(
        default={},
        description="Per scheme id, the monthly amount national law gives this person for a full"
        " career, where the caseworker knows it; else the scheme's own full amount is used.",
    )

    @model_validator(mode="after")
    def _career_is_possible(self) -> "Case":
        for index, period in enumerate(self.periods):
            if period.start < self.person.birth_date:
                raise PydanticCustomError(
                    "period_before_birth",
                    "period starts {start}, before the birth date {birth}",
                    {
                        "start": str(period.start),
                        "birth": str(self.person.birth_date),
                        "at": ("periods", index, "start"),
                    },
                )
        return self
