"""The assumptions an impact simulation is costed under (issue 13 item 3), as one documented,
overridable file (``data/simulation/assumptions.yaml``; a user's file replaces any of its values).

Every figure says where it comes from (``source``), or ``unverified`` where it is a modelling
choice with no published basis; every report echoes them. Pure: models and look-ups, no I/O.
"""

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from coordina.domain.legal import SourceText
from coordina.domain.party import CountryCode

REPORTING_CURRENCY = "EUR"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rate(_Strict):
    """Units of a currency for one euro on a date (the ECB's quotation: 1 EUR = ``per_eur`` units)."""

    date: date
    per_eur: Decimal = Field(gt=0)
    source: SourceText
    note: str | None = None


class Share(_Strict):
    """A rate or share and where it comes from."""

    value: Decimal = Field(ge=-1, le=1)
    source: SourceText
    note: str | None = None


class LifeTable(_Strict):
    """Yearly probabilities of death ``q(x)`` by age and sex from ``from_age`` (one per year of age);
    past the last age listed the probability is 1, before ``from_age`` it is that of ``from_age``."""

    from_age: int = Field(ge=0, le=110)
    men: list[Decimal] = Field(min_length=1, max_length=130)
    women: list[Decimal] = Field(min_length=1, max_length=130)
    source: SourceText
    note: str | None = None

    @model_validator(mode="after")
    def _probabilities(self) -> "LifeTable":
        for sex in ("men", "women"):
            for index, q in enumerate(getattr(self, sex)):
                if not 0 <= q <= 1:
                    raise PydanticCustomError(
                        "probability", "{q} is not a probability between 0 and 1", {"q": str(q), "at": (sex, index)}
                    )
        return self

    def q(self, sex: str, age: int) -> Decimal:
        """The probability that a person of ``sex`` ("men" or "women") aged ``age`` dies within the year."""
        table: list[Decimal] = getattr(self, sex)
        index = max(age, self.from_age) - self.from_age
        return table[index] if index < len(table) else Decimal(1)


class SimulationAssumptions(_Strict):
    """Exchange rates, mortality, growth, indexation, discounting and take-up of a simulation."""

    reporting_currency: str = Field(
        default=REPORTING_CURRENCY, pattern=r"^EUR$", description="The one currency all parties are summed in."
    )
    exchange_rates: dict[str, list[Rate]] = Field(
        description="Per currency (ISO 4217), dated rates to the euro; a year uses the last rate dated on or"
        " before its 1 July, carried forward (and the first rate before any is dated)."
    )
    life_table: LifeTable
    wage_growth: Share = Field(description="Yearly nominal growth of the wage-indexed tables of the scheme data.")
    wage_indexed_tables: list[str] = Field(
        default=[], description="Scheme tables extended past their last year with wage_growth: 'scheme.table'."
    )
    indexation: dict[CountryCode, Share] = Field(
        default={}, description="Yearly indexation of pensions in payment, by paying country."
    )
    indexation_default: Share = Field(description="Indexation of a country not listed in indexation.")
    discount_rate: Share = Field(description="Yearly rate the present values are discounted at.")
    take_up: Share = Field(description="Share of the people entitled who claim (with and without the agreement).")
    short_range_years: int = Field(default=10, ge=1, le=100, description="The short range: the first N years.")

    @model_validator(mode="after")
    def _consistent(self) -> "SimulationAssumptions":
        for currency, rates in self.exchange_rates.items():
            if len(currency) != 3 or not currency.isupper() or not currency.isalpha():
                raise PydanticCustomError(
                    "currency", "{code} is not an ISO 4217 code", {"code": currency, "at": ("exchange_rates",)}
                )
            if not rates:
                raise PydanticCustomError(
                    "rates", "{code}: no rate given", {"code": currency, "at": ("exchange_rates", currency)}
                )
        if not 0 <= self.take_up.value <= 1:
            raise PydanticCustomError("take_up", "take_up must be between 0 and 1", {"at": ("take_up", "value")})
        for index, name in enumerate(self.wage_indexed_tables):
            if name.count(".") != 1:
                raise PydanticCustomError(
                    "table", "{name} is not 'scheme.table'", {"name": name, "at": ("wage_indexed_tables", index)}
                )
        return self

    def rate(self, currency: str, year: int) -> tuple[Decimal, date | None, bool]:
        """Units of ``currency`` for one euro in ``year``: the rate, its date (None for the euro) and
        whether it is carried from another year (the last rate before the year's 1 July, or the first)."""
        if currency == self.reporting_currency:
            return Decimal(1), None, False
        rates = sorted(self.exchange_rates.get(currency, []), key=lambda r: r.date)
        if not rates:
            raise KeyError(currency)
        middle = date(year, 7, 1)
        dated = [r for r in rates if r.date <= middle]
        chosen = dated[-1] if dated else rates[0]
        return chosen.per_eur, chosen.date, chosen.date.year != year

    def indexation_of(self, country: str) -> Decimal:
        return (self.indexation.get(country) or self.indexation_default).value
