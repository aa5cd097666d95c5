"""Sections the forms share: who the person is, where they live, which institution acts, and
the article applied.

The person's sections follow section 1 of the EU portable document A1 (the attestation of
Regulation (EC) No 987/2009, Art. 19(2)): identification number at the institution, surname,
forenames, date of birth, sex, nationality, address of residence. Forms that
need less take :class:`PersonIdentity` (no address, no nationality).
"""

from datetime import date
from enum import StrEnum

from pydantic import Field

from coordina.domain.case import Person as CasePerson
from coordina.domain.forms.base import Country, FormModel, Identifier, Line, Name
from coordina.domain.forms.identifiers import BodyId
from coordina.domain.party import Party


class Section(FormModel):
    """A part of a form: refuses extra fields like the form itself (no ``form``/``version``)."""


class Sex(StrEnum):
    """As recorded by the institution, codes of ISO/IEC 5218 in words."""

    not_known = "not_known"
    male = "male"
    female = "female"
    not_applicable = "not_applicable"


class Address(Section):
    lines: list[Line] = Field(min_length=1, max_length=4, description="Street, number, building.")
    postcode: Identifier | None = None
    place: Line
    country: Country


class PersonIdentity(Section):
    """Enough to find the person's record at the receiving institution, and no more."""

    identifier: Identifier | None = Field(
        default=None, description="The person's number at the institution that fills in the form."
    )
    surname: Name
    forenames: Name
    birth_date: date


class PersonSection(PersonIdentity):
    """The person as on section 1 of the EU portable document A1."""

    sex: Sex | None = None
    nationalities: list[Country] = Field(default=[], max_length=5, description="Empty: stateless or not recorded.")
    residence: Address | None = Field(default=None, description="Address in the State of residence.")


class InstitutionSection(Section):
    """The institution that fills in or receives the form, by its id in the agreement's data."""

    body: BodyId
    name: Name


class ArticleApplied(Section):
    """An article applied: of the agreement (or one of its texts), or a national provision."""

    instrument: Line = Field(description="The agreement's id (or its text's), or the national law.")
    article: Line = Field(description="As cited: 'Art. 7', 'Art. 12(2)', 'SGB VI §50(1)'.")


_SEX_IN_CASES = {Sex.male: "men", Sex.female: "women"}


def case_person(person: PersonSection, residence: Party | None = None) -> CasePerson:
    """The case's person (``coordina.domain.case.Person``) from the form's: date of birth,
    nationalities, residence (the address's country unless given), sex where it is male or female."""
    country = residence or (person.residence.country if person.residence else None)
    if country is None:
        raise ValueError("the person's residence is not on the form")
    sex = _SEX_IN_CASES.get(person.sex) if person.sex else None
    return CasePerson.model_validate(
        {"birth_date": person.birth_date, "nationality": person.nationalities, "residence": country, "sex": sex}
    )
