"""The assumptions a synthetic population is drawn under, as one documented, overridable file
(``data/simulation/population.yaml``; a user's file replaces any of its values).

Every figure says where it comes from (``source``), or ``unverified`` where it is a modelling
choice with no published basis; the population's report echoes them.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from coordina.domain.legal import SourceText
from coordina.domain.party import CountryCode, Party
from coordina.domain.scheme import SchemeId
from coordina.domain.series import FigureName
from coordina.domain.vocabulary import Activity, PeriodKind

MAX_POPULATION = 10_000_000
"""The most people a population may hold (a bound on every input, issue 13 targets 10^7)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Figure(_Strict):
    """A number and where it comes from."""

    value: Decimal
    source: SourceText
    note: str | None = None


class FormerCurrency(_Strict):
    """The currency a series' figures are in up to a year, before the euro (converted at its
    irrevocably fixed rate, Council Regulation (EC) No 2866/98 art. 1)."""

    code: str = Field(pattern=r"^[A-Z]{3}$", description="e.g. DEM, FRF.")
    until: int = Field(ge=1850, le=2200, description="The last year whose figures are in that currency.")


class WageSeries(_Strict):
    """A series a country's wage level follows from year to year: a yearly table of a bundled
    scheme (``scheme`` + ``table``), a dated value of one read in force on 1 July of each year
    (``scheme`` + ``value``), or the file's own levels by year (``values``, with ``source``)."""

    scheme: SchemeId | None = None
    table: FigureName | None = None
    value: FigureName | None = None
    values: dict[int, Decimal] = Field(default={}, max_length=400, description="Own levels by year.")
    source: SourceText | None = Field(default=None, description="Where own levels come from.")
    inverse: bool = Field(
        default=False, description="The figures are revaluation factors to a later year: the level is 1 / figure."
    )
    former_currency: FormerCurrency | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> "WageSeries":
        named = self.scheme is not None and (self.table is None) != (self.value is None)
        own = self.scheme is None and self.table is None and self.value is None and bool(self.values)
        if not (named and not self.values) and not (own and self.source is not None):
            raise PydanticCustomError(
                "series", "give a scheme with one table or value, or values with their source", {}
            )
        if any(level <= 0 for level in self.values.values()):
            raise PydanticCustomError("series", "every level must be above 0", {"at": ("values",)})
        return self

    def named(self) -> str:
        """``uy-bps.revaluation_index``, ``py-ips.values.minimum_wage_monthly`` or ``own values``."""
        if self.scheme is None:
            return "own values"
        return f"{self.scheme}.{self.table}" if self.table else f"{self.scheme}.values.{self.value}"


class Wage(_Strict):
    """A country's yearly earnings level for a full year of work, in its currency, in one year.
    Other years follow ``index`` where it has them (amount x level of the year / level of
    ``year``; the later series of the list reach the years the first does not, chained to it),
    and ``wage_growth`` before and after them (and without ``index``)."""

    year: int = Field(ge=1950, le=2100)
    amount: Decimal = Field(gt=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    source: SourceText
    index: list[WageSeries] = Field(default=[], max_length=5, description="The wage index, where there is one.")
    note: str | None = None

    @field_validator("index", mode="before")
    @classmethod
    def _one_or_more(cls, value: object) -> object:
        """One series may be given as it is, not in a list."""
        return [value] if isinstance(value, dict) else value


class PopulationAssumptions(_Strict):
    """How careers are drawn: births, sex, spells, postings, gaps, earnings and deaths."""

    born_from: int = Field(ge=1900, le=2100, description="Earliest birth year drawn (uniform over the range).")
    born_until: int = Field(ge=1900, le=2100)
    share_women: Figure
    work_from_age: int = Field(ge=14, le=30)
    work_until_age: int = Field(ge=40, le=75)
    spells_per_person: tuple[int, int] = Field(description="Fewest and most spells (uniform).")
    spell_years: tuple[int, int] = Field(description="Shortest and longest spell in whole years (uniform).")
    gap_probability: Figure = Field(description="Chance that a gap of 1 to 3 years precedes a spell.")
    posting_probability: Figure = Field(description="Chance that a spell is a posting from the last country.")
    posting_months: tuple[int, int] = Field(description="Shortest and longest posting in months (uniform).")
    yearly_death_probability: Figure = Field(description="A flat yearly chance of death from age 50 (placeholder).")
    wage_growth: Figure = Field(description="Yearly nominal growth of every wage level.")
    earnings_spread: Figure = Field(description="A person's earnings level: the country's wage x U(1-s, 1+s).")
    earnings_step: Figure = Field(
        default=Figure(value=Decimal("0.1"), source="unverified"),
        description="An employment is written in periods of whole calendar years over which the country's wage"
        " moves by at most this share (a year a period where it moves faster), each with its earnings.",
    )
    wages: dict[CountryCode, Wage] = Field(min_length=1)

    @model_validator(mode="after")
    def _ranges(self) -> "PopulationAssumptions":
        pairs = {"born": (self.born_from, self.born_until), "spells_per_person": self.spells_per_person,
                 "spell_years": self.spell_years, "posting_months": self.posting_months,
                 "work ages": (self.work_from_age, self.work_until_age)}  # fmt: skip
        for name, (low, high) in pairs.items():
            if low > high or low < 0:
                raise PydanticCustomError(
                    "range", "{name}: {low} is above {high}", {"name": name, "low": low, "high": high}
                )
        return self


class RegisterRow(_Strict):
    """One row of a population or a user's register: one period of one person (the columns of
    ``coordina.batch.population.COLUMNS``)."""

    person: int = Field(ge=0)
    birth_date: date
    sex: Literal["men", "women"] | None = None
    nationality: CountryCode | None = None
    residence: Party
    death_date: date | None = None
    country: Party
    kind: PeriodKind
    activity: Activity | None = None
    employer_country: CountryCode | None = None
    start: date
    end: date
    earnings: Decimal | None = Field(default=None, ge=0)
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")

    @model_validator(mode="after")
    def _consistent(self) -> "RegisterRow":
        checks = [
            (self.end < self.start, "end", "the period ends before it starts"),
            (self.start < self.birth_date, "start", "the period starts before the birth date"),
            (self.earnings is not None and self.currency is None, "currency", "earnings need their currency"),
            (self.death_date is not None and self.death_date < self.birth_date, "death_date", "death before birth"),
        ]
        for failed, field, message in checks:
            if failed:
                raise PydanticCustomError("register_row", "{message}", {"message": message, "at": (field,)})
        return self


FIRST_YEAR, LAST_YEAR = 1950, 2150
"""The years a simulation's horizon may cover."""


class SimulationRequest(_Strict):
    """One impact simulation: an agreement (bundled id or a draft's YAML path) over a population
    (Parquet or CSV), year by year over ``years``, under the assumption file (or the bundled one)."""

    agreement: str = Field(min_length=1, max_length=1000)
    population: Path
    years: tuple[int, int] = (2026, 2050)
    assumptions: Path | None = None
    partition_size: int = Field(default=50_000, ge=1, le=MAX_POPULATION)
    skip_invalid: Path | None = Field(
        default=None, description="Where the bad rows of a register are written (CSV); without it they refuse the run."
    )

    @model_validator(mode="after")
    def _years(self) -> "SimulationRequest":
        first, last = self.years
        if not (FIRST_YEAR <= first <= LAST_YEAR and FIRST_YEAR <= last <= LAST_YEAR):
            raise PydanticCustomError(
                "years", "years {first}-{last} are outside {low}-{high}",
                {"first": first, "last": last, "low": FIRST_YEAR, "high": LAST_YEAR, "at": ("years",)},
            )  # fmt: skip
        if first > last:
            raise PydanticCustomError(
                "years", "years {first}-{last}: the first year is after the last", {"first": first, "last": last,
                "at": ("years",)},
            )  # fmt: skip
        return self


def parse_years(text: str) -> tuple[int, int]:
    """``"2026-2050"`` (or one year, ``"2030"``) as (first, last); ValueError with what is wrong."""
    parts = text.strip().split("-")
    if len(parts) == 1:
        parts = [parts[0], parts[0]]
    if len(parts) != 2 or not all(p.strip().isdigit() and len(p.strip()) == 4 for p in parts):
        raise ValueError(f"years: {text!r} is not FIRST-LAST, e.g. 2026-2050")
    first, last = int(parts[0]), int(parts[1])
    if first > last:
        raise ValueError(f"years: {text}: the first year is after the last")
    if not (first >= FIRST_YEAR and last <= LAST_YEAR):
        raise ValueError(f"years: {text} is outside {FIRST_YEAR}-{LAST_YEAR}")
    return first, last
