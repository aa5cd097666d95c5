"""A party's country profile as structured data (ILO brief, step 1, the checklist).

The brief's checklist asks each party for the personal and material scope of its laws, its
schemes (contributory or not, general or specific, public or private), eligibility and
calculation, and the target group and exclusions. Its "Obstacles and challenges" name what makes
coordination hard: provident funds against social insurance, informal and irregular workers
outside scope, unequal development and administrative capacity. This model holds those answers
as fields the feasibility report computes from, each with free text (``note``) beside it, and
each fact with the source it was read in or ``unverified``.

A party whose schemes are not in the library describes them here (kind, branches, qualifying
period and what counts, pension age, full career, formula kind, export rule); such a scheme
compiles to a scheme file (``services/drafting/scheme_files.py``).
"""

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from coordina.domain.legal import UNVERIFIED
from coordina.domain.party import Party
from coordina.domain.quantities import Duration
from coordina.domain.scheme import BenefitFormulaKind, ExportKind, SchemeId
from coordina.domain.vocabulary import Branch, PeriodKind, SchemeKind

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
"""Free text beside a field (what the party wants to say that the field cannot hold)."""
Source = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
"""A URL or document consulted, or ``unverified``."""


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Fact(_Part):
    """One fact about a scheme: where it was read, from when it holds, and free text."""

    reference: Text | None = Field(default=None, description="The national provision, e.g. 'RA 11199 s. 12-B'.")
    source: Source = Field(default=UNVERIFIED, description="URL or document consulted, or 'unverified'.")
    valid_from: date | None = Field(default=None, description="From when the fact holds (needed to compile).")
    note: Text | None = None


class QualifyingFact(_Fact):
    """The minimum period for a pension and which kinds of period count towards it."""

    duration: Duration
    counts: list[PeriodKind] = Field(min_length=1, max_length=5)


class PensionAgeFact(_Fact):
    """The pensionable age (one age for everyone; cohorts and sexes go in the scheme file)."""

    years: int = Field(ge=0, le=100)
    months: int = Field(default=0, ge=0, lt=12)


class DurationFact(_Fact):
    """A length of time, e.g. the full career a full pension needs."""

    duration: Duration


class FormulaFact(_Fact):
    """The kind of benefit formula (its parameters belong in the scheme file)."""

    kind: BenefitFormulaKind
    description: Text | None = None


class ExportFact(_Fact):
    """What national law alone says about paying the benefit abroad."""

    kind: ExportKind
    minimum_period: Duration | None = None


class LegalBasisFact(_Part):
    reference: Text | None = None
    source: Source = UNVERIFIED


class ProfileScheme(_Part):
    """A scheme as the party describes it: from the library (``in_library``) or its own words."""

    id: SchemeId | None = Field(default=None, description="The library id, or the id it is to have.")
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    local_name: Text | None = None
    institution: Text | None = None
    kind: SchemeKind
    branches: list[Branch] = Field(min_length=1, max_length=9)
    contributory: bool | None = None
    general: bool | None = None
    public: bool | None = None
    legal_basis: list[LegalBasisFact] = Field(default=[], max_length=10)
    qualifying_period: QualifyingFact | None = None
    pension_age: PensionAgeFact | None = None
    full_career: DurationFact | None = None
    formula: FormulaFact | None = None
    export: ExportFact | None = None
    in_library: bool = Field(default=False, description="Pre-filled from the bundled scheme of that id.")
    source: Source = Field(default=UNVERIFIED, description="Where the scheme as a whole is described.")
    note: Text | None = None


class Group(StrEnum):
    """Groups the brief names as often outside scope (and others the checklist asks about)."""

    informal_economy = "informal_economy"
    irregular_status = "irregular_status"
    self_employed = "self_employed"
    domestic_workers = "domestic_workers"
    agricultural_workers = "agricultural_workers"
    seafarers = "seafarers"
    refugees = "refugees"
    stateless_persons = "stateless_persons"
    civil_servants = "civil_servants"
    other = "other"


Coverage = Literal["covered", "partly_covered", "excluded", "not_recorded"]


class GroupCoverage(_Part):
    """Whether a group is within the party's laws, as the party states it."""

    group: Group
    coverage: Coverage = "not_recorded"
    description: Text | None = Field(default=None, description="Which group, where ``group`` is ``other``.")
    source: Source = UNVERIFIED
    note: Text | None = None


class CapacityNote(_Part):
    """A note on institutional capacity (IT systems, staff, liaison agency, data exchange...)."""

    topic: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    note: Text


class StructuredProfile(_Part):
    """A party's country profile: the fields the feasibility report reads, free text beside each."""

    party: Party
    branches: list[Branch] = Field(default=[], max_length=9, description="The branches the laws cover (in scope).")
    branches_note: Text | None = None
    schemes: list[ProfileScheme] = Field(default=[], max_length=40)
    schemes_note: Text | None = None
    groups: list[GroupCoverage] = Field(default=[], max_length=20)
    groups_note: Text | None = None
    capacity: list[CapacityNote] = Field(default=[], max_length=20)
    capacity_note: Text | None = None

    def covered_branches(self) -> list[Branch]:
        """The branches in scope: those stated, else those of the schemes described."""
        found = set(self.branches) or {b for s in self.schemes for b in s.branches}
        return [b for b in Branch if b in found]
