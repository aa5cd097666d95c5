"""Whom an agreement covers (personal scope) and what (material scope, exclusions)."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from coordina.domain.legal import Citation
from coordina.domain.party import Party
from coordina.domain.scheme import SchemeId
from coordina.domain.vocabulary import Branch, Principle


class _Provision(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonCategory(StrEnum):
    """Groups of persons an agreement may cover (ILO brief, 'personal scope')."""

    nationals = "nationals"
    subject_to_legislation = "subject_to_legislation"  # are or have been, any nationality
    residents = "residents"  # are or have been residents (residence-based schemes)
    workers = "workers"  # provide or have provided services in a party
    self_employed = "self_employed"
    unemployed_receiving_benefits = "unemployed_receiving_benefits"
    refugees = "refugees"
    stateless_persons = "stateless_persons"
    dependants = "dependants"  # family members, rights derived from a covered person
    survivors = "survivors"
    civil_servants = "civil_servants"
    non_active_persons = "non_active_persons"


class PersonalScopeEntry(_Provision):
    category: PersonCategory
    party: Party | None = Field(default=None, description="Only in relation to this party (e.g. residents of AU).")
    conditional: bool = Field(default=False, description="Covered only for some provisions or under conditions.")
    description: str | None = None
    article: Citation


class PersonalScope(_Provision):
    irrespective_of_nationality: bool = Field(
        description="Covers persons of any nationality, not only the parties' nationals."
    )
    persons: list[PersonalScopeEntry] = Field(min_length=1)

    def categories(self) -> set[PersonCategory]:
        return {entry.category for entry in self.persons}


class MaterialScopeEntry(_Provision):
    """One branch of one party's legislation that the agreement applies to."""

    party: Party | None = Field(default=None, description="None in a model agreement: every party.")
    branch: Branch
    legislation: str = Field(min_length=1, description="The laws or schemes covered (summary).")
    schemes: list[SchemeId] = Field(default=[], description="Bundled national schemes concerned.")
    limited_to: str | None = Field(default=None, description="A restriction, e.g. 'retirees and pensioners only'.")
    only_for: list[Principle] = Field(
        default=[], description="The legislation is in scope for these principles only (e.g. export); empty: all."
    )
    benefits: bool = Field(
        default=True,
        description="False when the legislation is covered for coverage (applicable legislation) only.",
    )
    article: Citation


class Exclusion(_Provision):
    """Schemes or persons expressly left out."""

    party: Party | None = None
    description: str = Field(min_length=1)
    article: Citation | None = None
    source: str | None = Field(default=None, description="Where the exclusion is stated, if not an article.")
