"""The medical report on a person claiming an invalidity benefit, made by a doctor or an
institution of the party where the person lives for the institution that decides (the medical
examinations most agreements' administrative assistance article provides for; the EU's
equivalent is Regulation (EC) No 987/2009, Art. 87).

It carries who examined, when, the findings and the degree of incapacity as the examiner states
it: nothing else about the person's health.
"""

from datetime import date
from typing import ClassVar

from pydantic import Field

from coordina.domain.forms.base import FormModel, Line, Name, Percent, Text
from coordina.domain.forms.sections import InstitutionSection, PersonIdentity, Section


class Examiner(Section):
    """The doctor who examined the person, and the institution they examined for."""

    name: Name
    qualification: Line | None = Field(default=None, description="e.g. 'specialist in occupational medicine'.")
    institution: InstitutionSection | None = None


class Incapacity(Section):
    """The degree of incapacity as reported: in the examiner's words, and as a percentage if given."""

    stated: Line = Field(description="As the examiner states it: '50 %', 'less than 3 hours a day', 'none'.")
    percent: Percent | None = None


class InvalidityMedicalReport(FormModel):
    """A medical examination's result, for a decision on invalidity."""

    form: ClassVar[str] = "invalidity_medical_report"
    version: ClassVar[int] = 1
    purpose: ClassVar[str] = (
        "To give the institution deciding an invalidity claim the result of the person's medical examination in the"
        " party where they live."
    )

    person: PersonIdentity
    examiner: Examiner
    examination_date: date
    findings: Text = Field(description="The findings, in at most a few paragraphs.")
    incapacity: Incapacity
