"""A starting encoding of a negotiated text for the engine, which the delegations then correct.

It states the common core of the key principles (ILO brief, Box 1) over the negotiation's
parties and branches, citing the numbered articles the caller names; it invents no rule the
text does not have, and everything it says is listed in ``notes``.
"""

from typing import Any


def skeleton(
    agreement_id: str, title: str, parties: list[str], branches: list[str], articles: dict[str, str]
) -> dict[str, Any]:
    """``articles`` maps the roles scope, equality, export, legislation and totalization to numbers."""
    cite = {role: articles[role] for role in ("scope", "equality", "export", "legislation", "totalization")}
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
