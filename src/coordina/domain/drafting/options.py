"""The choices a drafting party makes before the first text (ILO brief, step 2): parties,
branches, principles and the options each principle leaves open.

Every option stands for rule data of the agreement model (``domain/provisions.py``): the posting
limit for an ``applicable_legislation`` exception, the minimum period for a totalization minimum,
the calculation method for the calculation rules, the export rule for the export provisions and the
entry-into-force rule for ``entry_into_force``. The outline follows the model provisions of ILO
Recommendation No. 167 (Annex I) and its model agreement (Annex II).
"""

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from coordina.domain.party import Party
from coordina.domain.provisions import CalculationMethod, EntryIntoForceKind, ExportRuleKind
from coordina.domain.vocabulary import Activity, Branch, Principle

DraftLanguage = Literal["en", "fr", "es"]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
"""The languages the bundled templates are written in."""

PENSION_BRANCHES = (Branch.old_age, Branch.invalidity, Branch.survivors)
"""Long-term benefits: the branches a calculation method and a minimum period apply to (R167 Annex I, Art. 8)."""

CORE_PRINCIPLES = (
    Principle.equality_of_treatment,
    Principle.applicable_legislation,
    Principle.totalization,
    Principle.export_of_benefits,
    Principle.administrative_assistance,
)


class Method(StrEnum):
    """The calculation methods a draft offers for pensions (a subset of ``CalculationMethod``)."""

    pro_rata = CalculationMethod.pro_rata.value
    independent = CalculationMethod.independent.value
    higher_of_independent_and_pro_rata = CalculationMethod.higher_of_independent_and_pro_rata.value


class SpecialGroup(StrEnum):
    """Groups with their own applicable-legislation article (the activities of the vocabulary)."""

    self_employed = Activity.self_employed.value
    seafarer = Activity.seafarer.value
    air_crew = Activity.air_crew.value
    diplomatic = Activity.diplomatic.value


class _Option(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PostingOption(_Option):
    """A posted worker stays under the sending party's legislation up to ``max_months``."""

    max_months: int | None = Field(default=24, gt=0, le=240, description="None: no fixed limit.")
    extension_months: int | None = Field(
        default=None, gt=0, le=240, description="Further months the competent authorities may agree; None: none."
    )
    extension_without_limit: bool = Field(
        default=False, description="The authorities may agree an extension of any length."
    )

    @model_validator(mode="after")
    def _one_kind_of_extension(self) -> "PostingOption":
        if self.extension_months is not None and self.extension_without_limit:
            raise PydanticCustomError(
                "posting_extension",
                "give extension_months or extension_without_limit, not both",
                {"at": ("extension_months",)},
            )
        return self

    @property
    def has_extension(self) -> bool:
        return self.extension_months is not None or self.extension_without_limit


class EntryIntoForceOption(_Option):
    kind: EntryIntoForceKind = EntryIntoForceKind.first_day_of_nth_month_after_last_notification
    months: int | None = Field(default=None, ge=0, le=24)
    days: int | None = Field(default=None, ge=0, le=365)
    on: date | None = Field(default=None, description="The date, for the fixed_date kind.")

    @model_validator(mode="after")
    def _number_for_its_kind(self) -> "EntryIntoForceOption":
        needed = {
            EntryIntoForceKind.first_day_of_nth_month_after_last_notification: ("months", self.months),
            EntryIntoForceKind.first_day_of_nth_month_after_exchange_of_instruments: ("months", self.months),
            EntryIntoForceKind.nth_day_after_deposit: ("days", self.days),
            EntryIntoForceKind.fixed_date: ("on", self.on),
        }
        name, value = needed[self.kind]
        if value is None:
            raise PydanticCustomError(
                "entry_into_force",
                "the {kind} rule needs {name}",
                {"kind": self.kind.value, "name": name, "at": (name,)},
            )
        return self


class DraftOptions(_Option):
    """Everything the generator needs; the same options always give the same draft."""

    parties: list[Party] = Field(min_length=2, max_length=2, description="The two parties (bilateral).")
    branches: list[Branch] = Field(min_length=1, max_length=9)
    principles: list[Principle] = Field(default=list(CORE_PRINCIPLES), min_length=1, max_length=6)
    posting: PostingOption | None = Field(default=PostingOption(), description="None: no posting article.")
    calculation: Method = Method.pro_rata
    minimum_months: int | None = Field(
        default=12, ge=1, le=120, description="Below it a party need not pay a pension (R167 Annex I); None: none."
    )
    special_groups: list[SpecialGroup] = Field(default=[], max_length=4)
    export: ExportRuleKind = ExportRuleKind.without_reduction
    entry_into_force: EntryIntoForceOption = EntryIntoForceOption(months=3)
    languages: list[DraftLanguage] = Field(default=["en"], min_length=1, max_length=3)
    party_names: dict[DraftLanguage, dict[Party, Name]] = Field(
        default={}, description="Names to use instead of the CLDR short names, e.g. {'fr': {'PH': 'les Philippines'}}."
    )

    @model_validator(mode="after")
    def _distinct(self) -> "DraftOptions":
        for name in ("parties", "branches", "principles", "special_groups", "languages"):
            values = getattr(self, name)
            if len(set(values)) != len(values):
                raise PydanticCustomError("duplicate", "{name} lists a value twice", {"name": name, "at": (name,)})
        return self

    def has(self, principle: Principle) -> bool:
        return principle in self.principles

    @property
    def pension_branches(self) -> list[Branch]:
        return [b for b in self.branches if b in PENSION_BRANCHES]

    @property
    def other_branches(self) -> list[Branch]:
        return [b for b in self.branches if b not in PENSION_BRANCHES]
