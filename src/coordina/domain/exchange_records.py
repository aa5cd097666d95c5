"""An institution's own register of insured persons, as its exchange node reads it to answer
another institution's request for periods (a statement of insurance periods is drawn from it,
never typed by hand). One file per institution (``coordina node serve --records FILE``)."""

from pydantic import BaseModel, ConfigDict, Field

from coordina.domain.case import Period
from coordina.domain.forms.base import Name
from coordina.domain.forms.identifiers import BodyId
from coordina.domain.forms.sections import PersonSection
from coordina.domain.party import Party


class InsuredPerson(BaseModel):
    """A person the institution insured, and the periods it records under its legislation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    person: PersonSection
    periods: list[Period] = Field(min_length=1, max_length=500)


class InstitutionRecords(BaseModel):
    """The register of one institution (``institution``) of one party."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    institution: BodyId
    name: Name
    party: Party
    people: list[InsuredPerson] = Field(max_length=100_000)

    def find(self, identifier: str | None, surname: str, forenames: str, birth_date: object) -> InsuredPerson | None:
        """The person of a request: by their number at this institution where the request gives
        it, else by surname, forenames and date of birth (case and spacing aside); None if no one,
        or more than one, matches (a statement is never drawn for a guess)."""
        if identifier:
            by_number = [p for p in self.people if p.person.identifier == identifier]
            return by_number[0] if len(by_number) == 1 else None
        key = (_folded(surname), _folded(forenames), birth_date)
        found = [p for p in self.people
                 if (_folded(p.person.surname), _folded(p.person.forenames), p.person.birth_date) == key]  # fmt: skip
        return found[0] if len(found) == 1 else None


def _folded(name: str) -> str:
    return " ".join(name.casefold().split())
