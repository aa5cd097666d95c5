"""What an administrative arrangement says of its forms and of data protection: each form it
names, the version, the purpose and the fields it collects, how long they are kept, and the
article providing for it (ILO brief, step 7: the administrative arrangement; data protection:
purpose limitation and storage limitation, GDPR Art. 5(1)(b) and (e), Convention 108+ Art. 5(4)).
"""

import re
from datetime import date, timedelta
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from coordina.domain.forms.versions import FORMS, VERSIONS, field_paths
from coordina.domain.legal import Citation

_RETENTION = r"^P([0-9]{1,3}Y([0-9]{1,4}M)?([0-9]{1,5}D)?|[0-9]{1,4}M([0-9]{1,5}D)?|[0-9]{1,5}D)$"
_PARTS = re.compile(r"^P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)D)?$")

Retention = Annotated[str, StringConstraints(pattern=_RETENTION, max_length=20)]
"""How long a document is kept after it is received, as an ISO 8601 duration of years, months and
days: ``P10Y``, ``P6M``, ``P90D``."""

FieldPath = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$", max_length=120)]
"""A field of a form as a dotted path (``person.surname``); a section's path (``person``) stands for
every field in it (``coordina.domain.forms.field_paths`` lists them)."""


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ArrangementForm(_Part):
    """One form the arrangement names: which of coordina's forms, in which version, for what,
    with which of its fields, kept how long."""

    form: str = Field(min_length=1, max_length=60, description="A form's name, as `coordina schema form` lists it.")
    version: int = Field(default=1, ge=1, le=999)
    title: str | None = Field(
        default=None, max_length=120, description="The arrangement's own name of the form (e.g. its number)."
    )
    purpose: str = Field(min_length=1, max_length=500, description="Our own summary of what it is collected for.")
    fields: list[FieldPath] = Field(
        min_length=1, max_length=200, description="The form's fields the arrangement collects (dotted paths)."
    )
    retention: Retention
    article: Citation | None = Field(default=None, description="The article providing for the form, if known.")
    source: str | None = Field(default=None, description="Where the form was read; 'unverified' if not confirmed.")

    @model_validator(mode="after")
    def _a_known_form_and_its_fields(self) -> "ArrangementForm":
        if self.form not in FORMS:
            raise PydanticCustomError(
                "unknown_form", "there is no form '{form}'; the forms are {known}",
                {"form": self.form, "known": ", ".join(sorted(FORMS)), "at": ("form",)},
            )  # fmt: skip
        model = VERSIONS.get((self.form, self.version))
        if model is None:
            raise PydanticCustomError(
                "unknown_form_version", "form {form} has no version {version}",
                {"form": self.form, "version": self.version, "at": ("version",)},
            )  # fmt: skip
        known = field_paths(model)
        for index, path in enumerate(self.fields):
            if path not in known:
                raise PydanticCustomError(
                    "unknown_form_field", "form {form} v{version} has no field '{field}'",
                    {"form": self.form, "version": self.version, "field": path, "at": ("fields", index)},
                )  # fmt: skip
        if len(set(self.fields)) != len(self.fields):
            raise PydanticCustomError("form_field_twice", "a field is listed twice", {"at": ("fields",)})
        return self

    def kept_until(self, received: date) -> date:
        """The last day a document of this form received on ``received`` is kept."""
        return retention_end(received, self.retention)


class DataProtection(_Part):
    """The agreement's or the arrangement's provision on personal data exchanged under it."""

    article: Citation | None = None
    summary: str = Field(min_length=1, max_length=1000, description="Our own summary, never the treaty's wording.")
    source: str = Field(min_length=1, description="Where it was read, or 'unverified'.")


def retention_end(start: date, retention: str) -> date:
    """``start`` plus an ISO 8601 duration of years, months and days (calendar arithmetic: the
    day of the month kept, the month's last day where it is shorter), minus one day."""
    match = _PARTS.match(retention) if re.match(_RETENTION, retention) else None
    if match is None:
        raise ValueError(f"{retention!r} is not a duration like P10Y, P6M or P90D")
    years, months, days = (int(group) if group else 0 for group in match.groups())
    total = start.year * 12 + start.month - 1 + years * 12 + months
    year, month = divmod(total, 12)
    month += 1
    last_day = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(start.day, last_day)) + timedelta(days=days - 1)
