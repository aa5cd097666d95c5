"""A claim for a pension lodged with one party's institution, passed to the other parties where
the person completed periods. In many agreements a claim lodged with one party counts as lodged
with the other on the same day (e.g. Australia–Korea Art. 23(2), as the DSS Guide to Social
Policy Law, 10.22.4.20, reads it)."""

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from pydantic import Field

from coordina.domain.case import Claim
from coordina.domain.case import Person as CasePerson
from coordina.domain.forms.base import FormModel, PartyCode
from coordina.domain.forms.sections import InstitutionSection, PersonSection, case_person
from coordina.domain.party import Party
from coordina.domain.vocabulary import Branch


class PensionClaim(FormModel):
    """A claim for an old-age, invalidity or survivors' pension, as lodged."""

    form: ClassVar[str] = "pension_claim"
    version: ClassVar[int] = 1
    purpose: ClassVar[str] = (
        "To pass a pension claim lodged with one party's institution to the other parties where the person completed"
        " periods, so that each decides it under the agreement."
    )

    person: PersonSection
    branch: Branch
    claim_date: date
    residence: PartyCode = Field(description="Where the person lives on the claim date.")
    lodged_with: InstitutionSection
    other_parties: list[PartyCode] = Field(
        default=[], max_length=30, description="The other parties where the person completed periods."
    )


def from_claim(
    claim: Claim,
    *,
    person: PersonSection,
    residence: Party,
    lodged_with: InstitutionSection,
    other_parties: Sequence[Party] = (),
) -> PensionClaim:
    """The form of a claim (``coordina.domain.case.Claim``): its branch and date."""
    return PensionClaim(
        person=person,
        branch=claim.branch,
        claim_date=claim.date,
        residence=residence,
        lodged_with=lodged_with,
        other_parties=list(other_parties),
    )


def to_claim(form: PensionClaim) -> Claim:
    """The claim the form lodges."""
    return Claim(branch=form.branch, date=form.claim_date)


def to_person(form: PensionClaim) -> CasePerson:
    """The case's person: date of birth, nationalities, sex, and the residence the claim states."""
    return case_person(form.person, residence=form.residence)
