"""A party's own schemes, described in its structured profile, compiled to scheme files.

A partner whose schemes are not in the library (the demo's Philippines) states them in its
profile (``ProfileScheme``: kind, branches, qualifying period and what counts, pension age, full
career, formula kind, export rule, each with its source or ``unverified``). Each compiles to a
scheme file in the documented format (docs/data-format.md, "A national scheme"), which the loader
(``catalog/loading.py``) reads like a bundled one and ``coordina compute --scheme FILE`` applies
beside a user agreement file.

Nothing is invented: a field the scheme format requires that the profile leaves empty (the
institution, contributory, general, public, the day a fact holds from) is a ``Refused`` naming the
profile field; a fact with no source is written ``source: unverified``.
"""

from pathlib import Path
from typing import Any

import yaml

from coordina.domain.drafting.profile import ProfileScheme, StructuredProfile
from coordina.domain.legal import UNVERIFIED
from coordina.services.errors import Refused

HEADER = (
    "# Compiled by coordina from the structured country profile of {party} (scheme {index}).\n"
    "# Facts marked 'source: unverified' were not read in a source; check them before relying on them.\n"
)


def compile_scheme(profile: StructuredProfile, index: int) -> dict[str, Any]:
    """The scheme file's data for ``profile.schemes[index]`` (Refused naming each missing field)."""
    scheme = profile.schemes[index]
    at = f"{profile.party} schemes[{index}]"
    missing = [
        name for name in ("id", "institution", "contributory", "general", "public") if getattr(scheme, name) is None
    ]
    missing += [f"{name}.valid_from" for name in _FACTS if (fact := getattr(scheme, name)) and fact.valid_from is None]
    if missing:
        needed = ", ".join(f"{at}.{name}" for name in missing)
        raise Refused("scheme_file", f"a scheme file needs {needed} (state it in the profile; nothing is guessed)")
    data: dict[str, Any] = {
        "id": scheme.id,
        "country": profile.party,
        "name": scheme.name,
        "local_name": scheme.local_name,
        "institution": scheme.institution,
        "branches": [b.value for b in scheme.branches],
        "kind": scheme.kind.value,
        "contributory": scheme.contributory,
        "general": scheme.general,
        "public": scheme.public,
        "legal_basis": [b.model_dump(mode="json", exclude_none=True) for b in scheme.legal_basis]
        or [{"reference": scheme.name, "source": scheme.source}],
        "parameters": _parameters(scheme),
        "notes": scheme.note,
    }
    return {key: value for key, value in data.items() if value is not None}


_FACTS = ("qualifying_period", "pension_age", "full_career", "formula", "export")


def _parameters(scheme: ProfileScheme) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if q := scheme.qualifying_period:
        found["qualifying_period"] = _dated(
            q, {"duration": _duration(q.duration), "counts": [k.value for k in q.counts]}
        )
    if a := scheme.pension_age:
        found["pension_age"] = _dated(a, [{"years": a.years, "months": a.months}])
    if c := scheme.full_career:
        found["full_career"] = _dated(c, _duration(c.duration))
    if f := scheme.formula:
        described = f.description or f"{f.kind.value} (as stated in the profile)"
        found["benefit_formula"] = _dated(f, {"kind": f.kind.value, "description": described})
    if e := scheme.export:
        value: dict[str, Any] = {"kind": e.kind.value}
        if e.minimum_period:
            value["minimum_period"] = _duration(e.minimum_period)
        found["export"] = _dated(e, value)
    return found


def _duration(duration: Any) -> dict[str, Any]:
    amount = duration.amount
    return {"amount": int(amount) if amount == amount.to_integral_value() else str(amount), "unit": duration.unit.value}


def _dated(fact: Any, value: Any) -> list[dict[str, Any]]:
    entry = {"valid_from": fact.valid_from, "value": value, "reference": fact.reference,
             "source": fact.source or UNVERIFIED, "note": fact.note}  # fmt: skip
    return [{k: v for k, v in entry.items() if v is not None}]


def own_schemes(profile: StructuredProfile) -> list[int]:
    """The schemes of the profile that are the party's own description (not from the library)."""
    return [i for i, scheme in enumerate(profile.schemes) if not scheme.in_library]


def scheme_yaml(profile: StructuredProfile, index: int) -> str:
    """The scheme file's text (YAML, keys in the documented order)."""
    body = yaml.safe_dump(compile_scheme(profile, index), sort_keys=False, allow_unicode=True, width=100)
    return HEADER.format(party=profile.party, index=index) + body


def write_scheme_files(profile: StructuredProfile, folder: Path) -> list[Path]:
    """Every own scheme of the profile as ``<folder>/<id>.yaml``; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index in own_schemes(profile):
        text = scheme_yaml(profile, index)
        path = folder / f"{profile.schemes[index].id}.yaml"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
