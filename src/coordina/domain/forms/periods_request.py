"""A request for a statement of insurance periods (the question an EESSI P4000/P5000 exchange
answers): who, for which branch and claim, and why; the answer is an ``insurance_periods``
statement."""

from datetime import date
from enum import StrEnum
from typing import ClassVar

from pydantic import Field

from coordina.domain.case import Claim
from coordina.domain.forms.base import FormModel, Line
from coordina.domain.forms.sections import InstitutionSection, PersonIdentity
from coordina.domain.vocabulary import Branch


class RequestReason(StrEnum):
    """What the periods are asked for."""

    claim = "claim"  # to decide a claim for a benefit (totalization)
    applicable_legislation = "applicable_legislation"  # to determine the legislation that applies
    review = "review"  # to review a benefit in payment


class PeriodsRequest(FormModel):
    """A request to another party's institution for the periods completed under its legislation."""

    form: ClassVar[str] = "periods_request"
    version: ClassVar[int] = 1
    purpose: ClassVar[str] = (
        "To ask another party's institution for the periods a person completed under its legislation, for the claim"
        " or determination named."
    )

    person: PersonIdentity
    institution: InstitutionSection = Field(description="The institution asking.")
    branch: Branch
    claim_date: date
    reason: RequestReason = RequestReason.claim
    details: Line | None = Field(default=None, description="What else the answer should say, in a line.")


def from_claim(
    claim: Claim,
    *,
    person: PersonIdentity,
    institution: InstitutionSection,
    reason: RequestReason = RequestReason.claim,
) -> PeriodsRequest:
    """The request for the periods a claim (``coordina.domain.case.Claim``) needs."""
    return PeriodsRequest(
        person=person, institution=institution, branch=claim.branch, claim_date=claim.date, reason=reason
    )


def to_claim(request: PeriodsRequest) -> Claim:
    """The claim the request is for."""
    return Claim(branch=request.branch, date=request.claim_date)
