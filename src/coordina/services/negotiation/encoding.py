"""A starting encoding of a negotiated text for the engine, which the delegations then correct.

It states the common core of the key principles (ILO brief, Box 1) over the negotiation's
parties and branches, citing the numbered articles the caller names; it invents no rule the
text does not have, and everything it says is listed in ``notes``. Given the administrative
arrangement concluded in step 7, it carries over what was concluded, and only that: the title and
signature date, the coordina forms with their purpose, fields and retention, the data-protection
provisions, and the liaison agencies and competent institutions the arrangement names.
"""

from collections.abc import Mapping
from typing import Any

from coordina.services.arrangement_bodies import AGREEMENT_LISTS, from_stored

CONCLUDED = "administrative arrangement concluded in the coordina negotiation workspace"
MAX_SUMMARY = 1000  # ``coordina.domain.forms.DataProtection.summary``
MAX_FORM_TITLE = 120  # ``coordina.domain.forms.ArrangementForm.title``


def skeleton(
    agreement_id: str,
    title: str,
    parties: list[str],
    branches: list[str],
    articles: dict[str, str],
    arrangement: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """``articles`` maps the roles scope, equality, export, legislation and totalization to numbers;
    ``arrangement`` is the arrangement as ``records.ArrangementRecord`` holds it, if concluded."""
    cite = {role: articles[role] for role in ("scope", "equality", "export", "legislation", "totalization")}
    encoded = _skeleton(agreement_id, title, parties, branches, cite)
    if arrangement is None:
        return encoded
    carried, note = from_arrangement(arrangement)
    return {**encoded, **carried, "notes": f"{encoded['notes']} {note}"}


def from_arrangement(arrangement: Mapping[str, Any]) -> tuple[dict[str, Any], str]:
    """The agreement's ``administrative_arrangement``, ``liaison_agencies`` and
    ``competent_institutions`` from the concluded arrangement, and a note saying what was carried
    over. A form that is not one of coordina's (no ``form``) is not (the agreement's forms are
    coordina's); a data-protection text longer than the agreement's summary holds is left out
    rather than cut, and the note says so."""
    listed = list(arrangement.get("forms") or [])
    forms = [_form(f) for f in listed if f.get("form")]
    administrative: dict[str, Any] = {"title": arrangement["title"], "source": CONCLUDED, "forms": forms}
    if arrangement.get("signed_on"):
        administrative["signed"] = str(arrangement["signed_on"])
    note = (f"The administrative arrangement concluded in step 7 is carried over: its title, {len(forms)} of its "
            f"{len(listed)} forms (those that are coordina's forms, with purpose, fields and retention)")  # fmt: skip
    protection = str(arrangement.get("data_protection") or "").strip()
    if protection and len(protection) <= MAX_SUMMARY:
        administrative["data_protection"] = {"summary": protection, "source": CONCLUDED}
        note += ", its data-protection provisions"
    elif protection:
        note += f", not its data-protection provisions (longer than {MAX_SUMMARY} characters: summarize them)"
    carried: dict[str, Any] = {"administrative_arrangement": administrative}
    for body in from_stored(arrangement.get("bodies")):
        carried.setdefault(AGREEMENT_LISTS[body.role], []).append(body.in_agreement())
    named = sum(len(carried.get(name, [])) for name in AGREEMENT_LISTS.values())
    return carried, f"{note}, and the {named} liaison agencies and competent institutions it names."


def _form(stored: Mapping[str, Any]) -> dict[str, Any]:
    """A coordina form of the arrangement as ``coordina.domain.forms.ArrangementForm``."""
    form = {key: stored[key] for key in ("form", "version", "purpose", "fields", "retention") if key in stored}
    name = str(stored.get("name") or "")
    return {**form, "source": CONCLUDED, **({"title": name} if 0 < len(name) <= MAX_FORM_TITLE else {})}


def _skeleton(agreement_id: str, title: str, parties: list[str], branches: list[str],
              cite: dict[str, str]) -> dict[str, Any]:  # fmt: skip
    return {
        "id": agreement_id,
        "title": title,
        "short_title": "–".join(parties),
        "kind": "bilateral" if len(parties) == 2 else "multilateral",
        "parties": parties,
        "languages": ["en"],
        "sources": ["negotiated in the coordina workspace"],
        "articles": [
            {"number": number, "heading": role.replace("_", " "), "source": "negotiated text"}
            for role, number in sorted(cite.items(), key=lambda item: item[1])
        ],
        "personal_scope": {
            "irrespective_of_nationality": True,
            "persons": [
                {"category": "subject_to_legislation", "article": cite["scope"]},
                {"category": "dependants", "article": cite["scope"]},
            ],
        },
        "material_scope": [
            {
                "party": party,
                "branch": branch,
                "legislation": f"{party} legislation on {branch}",
                "article": cite["scope"],
            }
            for party in parties
            for branch in branches
        ],
        "principles": [
            {"principle": "equality_of_treatment", "article": cite["equality"]},
            {"principle": "export_of_benefits", "article": cite["export"]},
            {"principle": "applicable_legislation", "article": cite["legislation"]},
            {"principle": "totalization", "article": cite["totalization"]},
        ],
        "applicable_legislation": {
            "base": {"rule": "lex_loci_laboris", "legislation_of": "place_of_work", "article": cite["legislation"]},
        },
        "totalization": {
            "rules": [{"branches": branches, "period_kinds": ["insurance"], "article": cite["totalization"]}]
        },
        "export": [{"branches": branches, "rule": "without_reduction", "article": cite["export"]}],
        "notes": "Starting encoding generated from the negotiation: scope, lex loci laboris, totalization of "
        "insurance periods and export without reduction. Posting limits, special groups and calculation "
        "methods are to be added from the agreed text.",
    }
