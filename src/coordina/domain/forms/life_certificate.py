"""The life certificate: a pensioner living in another party was seen alive on a day, by whom and
where, so that the paying institution continues the pension. Which agreements provide for it is in
each administrative arrangement's forms (``AdministrativeArrangement.forms``)."""

from datetime import date
from typing import ClassVar

from pydantic import Field

from coordina.domain.forms.base import Country, FormModel, Line, Name
from coordina.domain.forms.identifiers import BodyId
from coordina.domain.forms.sections import PersonIdentity, Section


class Witness(Section):
    """Who saw the person: an official of an institution, a notary, a consul."""

    name: Name
    capacity: Line = Field(description="In what capacity: 'officer of the institution', 'notary', 'consul'.")
    body: BodyId | None = Field(default=None, description="The institution they act for, if one of the agreement's.")


class Place(Section):
    place: Line
    country: Country


class LifeCertificate(FormModel):
    """A certificate that the person was alive on a day."""

    form: ClassVar[str] = "life_certificate"
    version: ClassVar[int] = 1
    purpose: ClassVar[str] = (
        "To confirm to the paying institution that a pensioner living in another party was alive on a given day, so"
        " that the pension continues."
    )

    person: PersonIdentity
    seen_alive_on: date
    witnessed_by: Witness
    place: Place
