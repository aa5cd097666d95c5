"""The certificate of coverage: which party's legislation applies to a posted or multi-state
worker, from when to when, under which article.

Its sections are shaped like the EU portable document A1 (the attestation of Regulation (EC)
No 987/2009, Art. 19(2)): 1 the person, 2 the legislation that applies, 3 the status, 4 the
employer or self-employed activity, 5 the places of work, 6 the issuing institution. Which
agreements provide for it, with which fields, is in each agreement's administrative arrangement
(``AdministrativeArrangement.forms``).
"""

from datetime import date
from enum import StrEnum
from typing import ClassVar

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from coordina.domain.decision import LegislationPeriod
from coordina.domain.forms.base import MAX_ITEMS, Country, FormModel, Identifier, Name, PartyCode, RuleName
from coordina.domain.forms.sections import Address, ArticleApplied, InstitutionSection, PersonSection, Section


class CoverageStatus(StrEnum):
    """Section 3: why this legislation applies (the PD A1's status boxes)."""

    posted_employed = "posted_employed"
    posted_self_employed = "posted_self_employed"
    employed_in_two_or_more_states = "employed_in_two_or_more_states"
    civil_servant = "civil_servant"
    seafarer = "seafarer"
    air_crew = "air_crew"
    exception_by_agreement = "exception_by_agreement"  # agreed by the competent authorities


class LegislationSection(Section):
    """Section 2: the legislation that applies. A certificate has an end: ``end`` is required."""

    party: PartyCode
    start: date
    end: date
    article: ArticleApplied
    rule: RuleName | None = Field(default=None, description="The agreement's rule applied, as coordina names it.")
    provisional: bool = Field(default=False, description="Determined provisionally, pending agreement.")

    @model_validator(mode="after")
    def _ends_after_start(self) -> "LegislationSection":
        if self.end < self.start:
            raise PydanticCustomError(
                "end_before_start", "end {end} is before start {start}",
                {"end": str(self.end), "start": str(self.start), "at": ("end",)},
            )  # fmt: skip
        return self


class EmployerSection(Section):
    """Section 4: the employer, or the person's own activity when self-employed."""

    name: Name
    identifier: Identifier | None = Field(default=None, description="The employer's registration number.")
    address: Address | None = None
    self_employed: bool = False


class PlaceOfWork(Section):
    """Section 5: where the work is done (a ship: its name and flag)."""

    name: Name | None = Field(default=None, description="The establishment, site or ship.")
    address: Address | None = None
    country: Country
    flag: Country | None = Field(default=None, description="A ship's flag (seafarers).")


class IssuingInstitution(InstitutionSection):
    """Section 6: the institution that issues the certificate."""

    issued: date
    certificate_number: Identifier


class CoverageCertificate(FormModel):
    """A certificate that one party's legislation applies to the person for a stated time (PD A1)."""

    form: ClassVar[str] = "coverage_certificate"
    version: ClassVar[int] = 1
    purpose: ClassVar[str] = (
        "To certify which party's social security legislation applies to a posted or multi-state worker, so that"
        " contributions are paid in one party only."
    )

    person: PersonSection
    legislation: LegislationSection
    status: CoverageStatus
    employer: EmployerSection | None = None
    places_of_work: list[PlaceOfWork] = Field(default=[], max_length=MAX_ITEMS)
    institution: IssuingInstitution


def from_determination(
    determination: LegislationPeriod,
    *,
    agreement: str,
    person: PersonSection,
    status: CoverageStatus,
    institution: IssuingInstitution,
    employer: EmployerSection | None = None,
    places_of_work: list[PlaceOfWork] | None = None,
    provisional: bool = False,
) -> CoverageCertificate:
    """The certificate of one stretch of the engine's applicable-legislation result
    (``Decision.applicable_legislation``): its party, dates, article and rule. The article's
    instrument is the text that decided (``version``), else the agreement. The place of work
    defaults to the country where the activity was reported."""
    if determination.article is None:
        raise ValueError(f"the determination from {determination.start} to {determination.end} cites no article")
    places = places_of_work if places_of_work is not None else [PlaceOfWork(country=determination.reported_country)]
    legislation = LegislationSection(
        party=determination.country,
        start=determination.start,
        end=determination.end,
        article=ArticleApplied(instrument=determination.version or agreement, article=determination.article),
        rule=determination.rule,
        provisional=provisional,
    )
    return CoverageCertificate(
        person=person,
        legislation=legislation,
        status=status,
        employer=employer,
        places_of_work=places,
        institution=institution,
    )


def to_determination(certificate: CoverageCertificate, *, agreement: str) -> LegislationPeriod:
    """The applicable-legislation stretch a certificate states, as the engine writes it; the
    activity's country is the first place of work's (the certifying party's if none is given)."""
    legislation = certificate.legislation
    places = certificate.places_of_work
    instrument = legislation.article.instrument
    return LegislationPeriod(
        start=legislation.start,
        end=legislation.end,
        country=legislation.party,
        rule=legislation.rule or certificate.status.value,
        article=legislation.article.article,
        reported_country=places[0].country if places else legislation.party,
        version=None if instrument == agreement else instrument,
    )
