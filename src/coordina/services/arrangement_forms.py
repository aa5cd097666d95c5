"""The forms of an administrative arrangement as data: per benefit, the personal data an
institution collects to apply the agreement (ILO brief, step 7: the arrangement sets out the
forms and the data-protection provisions; ``negotiation.closing.conclude_arrangement`` stores
them as ``{"name", "branch", "personal_data"}``, and, for a form exchanged as one of coordina's
versioned forms, ``{"form", "version", "purpose", "fields", "retention"}`` too).

A coordina form names what it is for and how long it is kept, and collects only fields its
model declares (purpose and storage limitation, GDPR Art. 5(1)(b) and (e), Convention 108+
Art. 5(4)); the checks are those of ``coordina.domain.forms.ArrangementForm``, the record an
agreement's data holds, reported here for every field at once.

Pure: stored forms in, typed forms out, and back.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from pydantic import TypeAdapter, ValidationError

from coordina.domain.forms import FORMS, VERSIONS, Retention, field_paths
from coordina.domain.vocabulary import Branch
from coordina.services.errors import Refused

_RETENTION: TypeAdapter[str] = TypeAdapter(Retention)
MAX_FIELDS = 200  # as ``ArrangementForm.fields``
MAX_PURPOSE = 500  # as ``ArrangementForm.purpose``


@dataclass(frozen=True)
class ArrangementForm:
    """One form: its name (e.g. "KR/PH 1 – certificate of coverage"), the branch it serves and
    the personal data it collects, in the order the arrangement lists them; and, when it is one of
    coordina's forms (``form``, a name of ``coordina.domain.forms.FORMS``), its version, its
    purpose, the fields of that form it collects and how long it is kept (ISO 8601 duration)."""

    name: str
    branch: str
    personal_data: tuple[str, ...]
    form: str | None = None
    version: int | None = None
    purpose: str | None = None
    fields: tuple[str, ...] = ()
    retention: str | None = None

    @property
    def known_branch(self) -> bool:
        return self.branch in Branch.__members__

    def stored(self) -> dict[str, Any]:
        """As ``conclude_arrangement`` stores it: the parts not given are left out."""
        kept: dict[str, Any] = {"name": self.name, "branch": self.branch, "personal_data": list(self.personal_data)}
        for part in ("form", "version", "purpose", "retention"):
            if getattr(self, part) is not None:
                kept[part] = getattr(self, part)
        if self.fields:
            kept["fields"] = list(self.fields)
        return kept


def _items(value: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else list(value or [])
    return tuple(str(item) for item in items)


def _text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def from_stored(forms: Iterable[Mapping[str, Any]]) -> list[ArrangementForm]:
    """The stored forms (JSON) as records; missing parts are empty, never invented."""
    found = []
    for form in forms:
        version = form.get("version")
        found.append(ArrangementForm(
            str(form.get("name") or ""), str(form.get("branch") or ""), _items(form.get("personal_data")),
            form=_text(form.get("form")), version=version if isinstance(version, int) else None,
            purpose=_text(form.get("purpose")), fields=_items(form.get("fields")),
            retention=_text(form.get("retention"))))  # fmt: skip
    return found


def personal_data_items(typed: str) -> tuple[str, ...]:
    """The personal data of a form as typed: items separated by commas or new lines."""
    return tuple(item.strip() for item in typed.replace("\n", ",").split(",") if item.strip())


def missing_parts(form: ArrangementForm) -> list[str]:
    """What a form lacks of what the arrangement needs (the same check as the service's):
    ``name``, ``branch``, ``personal_data`` (a coordina form's ``fields`` say it too)."""
    return [part for part in ("name", "branch", "personal_data") if not getattr(form, part)
            and not (part == "personal_data" and form.fields)]  # fmt: skip


def unknown_fields(form: ArrangementForm) -> list[str]:
    """The fields listed that the coordina form's model does not declare (none for an unknown form)."""
    name = form.form or ""
    if name not in FORMS:
        return []
    model = VERSIONS.get((name, form.version or FORMS[name].version))
    return [] if model is None else [path for path in form.fields if path not in field_paths(model)]


def problems(form: ArrangementForm) -> list[tuple[str, str, str]]:
    """What is wrong with the coordina parts of a form, as (part, code, words): an unknown form
    (``unknown_form``) or version (``unknown_version``), fields its model does not declare, all of
    them named (``unknown_fields``), a field listed twice (``fields_twice``), a retention that is
    not a duration like P10Y (``bad_retention``); for a coordina form, a missing purpose, fields or
    retention (``missing_<part>``: what ``coordina.domain.forms.ArrangementForm`` needs); fields
    without a form (``fields_without_form``)."""
    found: list[tuple[str, str, str]] = []
    if form.retention is not None:
        try:
            _RETENTION.validate_python(form.retention)
        except ValidationError:
            found.append(("retention", "bad_retention", f"{form.retention!r} is not a duration like P10Y, P6M or P90D"))
    if form.purpose is not None and len(form.purpose) > MAX_PURPOSE:
        found.append(("purpose", "long_purpose", f"the purpose is at most {MAX_PURPOSE} characters"))
    if form.form is None:
        if form.fields:
            found.append(("fields", "fields_without_form", "fields are those of a coordina form: name the form"))
        return found
    if form.form not in FORMS:
        known = ", ".join(sorted(FORMS))
        return [("form", "unknown_form", f"there is no form {form.form!r}; the forms are {known}"), *found]
    version = form.version or FORMS[form.form].version
    if (form.form, version) not in VERSIONS:
        return [("version", "unknown_version", f"form {form.form} has no version {version}"), *found]
    if unknown := unknown_fields(form):
        found.append(("fields", "unknown_fields", f"form {form.form} v{version} has no field {', '.join(unknown)}"))
    if twice := sorted({path for path in form.fields if form.fields.count(path) > 1}):
        found.append(("fields", "fields_twice", f"listed twice: {', '.join(twice)}"))
    if len(form.fields) > MAX_FIELDS:
        found.append(("fields", "too_many_fields", f"at most {MAX_FIELDS} fields"))
    for part, words in (("purpose", "say what the form is collected for"),
                        ("fields", "list the fields of the form the arrangement collects"),
                        ("retention", "say how long it is kept, e.g. P10Y")):  # fmt: skip
        if not getattr(form, part):
            found.append((part, f"missing_{part}", words))
    return found


def checked(forms: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The forms as stored, a coordina form's version fixed at its current one; Refused naming
    every wrong part (``forms[2].fields: ...``)."""
    listed = list(forms)
    if stray := [str(index) for index, form in enumerate(listed, start=1) if not isinstance(form, Mapping)]:
        raise Refused("form", f"forms[{', '.join(stray)}]: each form is a mapping (name, branch, personal_data…)")
    typed = from_stored(listed)
    for index, form in enumerate(typed, start=1):
        if missing_parts(form):
            raise Refused("form", f"form {index} needs a name, a branch and the personal data it collects")
    wrong = [f"forms[{index}].{part}: {words}" for index, form in enumerate(typed, start=1)
             for part, _, words in problems(form)]  # fmt: skip
    if wrong:
        raise Refused("arrangement_form", "; ".join(wrong))
    return [_current_version(form).stored() for form in typed]


def _current_version(form: ArrangementForm) -> ArrangementForm:
    """A coordina form without a version is its current version, written down when concluded."""
    if form.form is None or form.version is not None:
        return form
    return replace(form, version=FORMS[form.form].version)
