"""A stored country profile (the checklist's JSON ``content``) read as a ``StructuredProfile``.

The workspace keeps a profile as the brief's checklist items (``services/negotiation/profiles.py``
``CHECKLIST``); each item is free text or structured JSON (the workspace page edits both). The
structured fields live in these items:

- ``material_scope``: the branches (a list), else free text (``branches_note``);
- ``schemes``: the schemes (a list of ``ProfileScheme``), else free text (``schemes_note``);
- ``target_group_and_exclusions`` (or ``personal_scope``): the groups, a list of
  ``GroupCoverage`` or ``{"groups": [...], "note": "..."}``, else free text (``groups_note``);
- ``other_information``: ``{"capacity": [...], "note": "..."}`` for the capacity notes.

Content written before the structured profile existed stays readable: a scheme entry that names
a bundled scheme and records none of its facts gets them from the scheme data.
"""

from typing import Any

from pydantic import ValidationError

from coordina.domain import Scheme
from coordina.domain.drafting.profile import (
    DurationFact,
    ExportFact,
    FormulaFact,
    LegalBasisFact,
    PensionAgeFact,
    ProfileScheme,
    QualifyingFact,
    StructuredProfile,
)
from coordina.services import catalog
from coordina.services.errors import Refused

FACTS = ("qualifying_period", "pension_age", "full_career", "formula", "export")
"""The facts of a scheme a party states (or the scheme data gives)."""


def scheme_entry(scheme: Scheme) -> dict[str, Any]:
    """A bundled scheme as a profile's scheme entry (JSON), its facts from the newest values."""
    return ProfileScheme.model_validate(_from_library(scheme)).model_dump(mode="json", exclude_none=True)


def _from_library(scheme: Scheme) -> dict[str, Any]:
    p = scheme.parameters
    entry: dict[str, Any] = {
        "id": scheme.id,
        "name": scheme.name,
        "local_name": scheme.local_name,
        "institution": scheme.institution,
        "kind": scheme.kind,
        "branches": list(scheme.branches),
        "contributory": scheme.contributory,
        "general": scheme.general,
        "public": scheme.public,
        "legal_basis": [LegalBasisFact(reference=r.reference, source=r.source) for r in scheme.legal_basis],
        "in_library": True,
        "source": scheme.legal_basis[0].source,
    }
    if p.qualifying_period:
        q = p.qualifying_period.latest()
        entry["qualifying_period"] = QualifyingFact(
            duration=q.value.duration, counts=q.value.counts, **_dated(q), note=q.value.description
        )
    if p.pension_age:
        a = p.pension_age.latest()
        age = next((x for x in a.value if x.born_until is None and x.sex == "any"), a.value[-1])
        note = "the age of the youngest cohorts; the scheme data has every cohort" if len(a.value) > 1 else None
        entry["pension_age"] = PensionAgeFact(years=age.years, months=age.months, **_dated(a), note=note)
    if p.full_career:
        c = p.full_career.latest()
        entry["full_career"] = DurationFact(duration=c.value, **_dated(c))
    if p.benefit_formula:
        f = p.benefit_formula.latest()
        entry["formula"] = FormulaFact(kind=f.value.kind, **_dated(f))
    if p.export:
        e = p.export.latest()
        entry["export"] = ExportFact(
            kind=e.value.kind, minimum_period=e.value.minimum_period, **_dated(e), note=e.value.description
        )
    return entry


def _dated(value: Any) -> dict[str, Any]:
    return {"reference": value.reference, "source": value.source, "valid_from": value.valid_from}


def read_content(party: str, content: dict[str, Any]) -> StructuredProfile:
    """The structured profile held in a stored profile's checklist items.

    Refused (naming the item and field) where an item is structured but does not fit the model.
    """
    data: dict[str, Any] = {"party": party}
    _list_or_text(data, content.get("material_scope"), "branches")
    _list_or_text(data, content.get("schemes"), "schemes")
    if isinstance(data.get("schemes"), list):
        data["schemes"] = [_completed(party, entry) for entry in data["schemes"]]
    for key in ("target_group_and_exclusions", "personal_scope"):
        if "groups" not in data:
            _list_or_text(data, content.get(key), "groups", keep_text=key == "target_group_and_exclusions")
    other = content.get("other_information")
    if isinstance(other, dict | list):
        _list_or_text(data, other, "capacity")
    try:
        return StructuredProfile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise Refused("profile_structure", f"{party}'s profile, {where}: {first['msg']}") from None


def _list_or_text(data: dict[str, Any], value: Any, field: str, keep_text: bool = True) -> None:
    if isinstance(value, list):
        data[field] = value
    elif isinstance(value, dict) and field in value:
        data[field] = value[field]
        if isinstance(value.get("note"), str) and value["note"].strip():
            data[f"{field}_note"] = value["note"]
    elif isinstance(value, str) and value.strip() and keep_text:
        data[f"{field}_note"] = value


def _completed(party: str, entry: Any) -> Any:
    """An entry naming a bundled scheme of the party, with none of its facts, gets them from the
    scheme data (content stored before the structured profile kept only id, name and kind)."""
    if not isinstance(entry, dict) or any(key in entry for key in FACTS):
        return entry
    bundled = {s.id: s for s in catalog.library().schemes_of(party)}
    scheme = bundled.get(str(entry.get("id")))
    if scheme is None:
        return entry
    return {**_from_library(scheme), **{k: v for k, v in entry.items() if k not in ("in_library",)}}


def write_content(profile: StructuredProfile) -> dict[str, Any]:
    """The structured profile as checklist items (the inverse of ``read_content``)."""
    dumped = profile.model_dump(mode="json", exclude_none=True)
    content: dict[str, Any] = {}
    if profile.branches or profile.branches_note:
        content["material_scope"] = dumped["branches"] if profile.branches else profile.branches_note
    if profile.schemes or profile.schemes_note:
        content["schemes"] = dumped["schemes"] if profile.schemes else profile.schemes_note
    if profile.groups or profile.groups_note:
        content["target_group_and_exclusions"] = _with_note({"groups": dumped["groups"]}, profile.groups_note)
    if profile.capacity or profile.capacity_note:
        content["other_information"] = _with_note({"capacity": dumped["capacity"]}, profile.capacity_note)
    return content


def _with_note(item: dict[str, Any], note: str | None) -> dict[str, Any]:
    return {**item, "note": note} if note else item
