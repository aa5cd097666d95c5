"""A small, valid engine encoding for a negotiated agreement (the test's agreed text)."""

from typing import Any


def encoding(agreement_id: str, parties: list[str]) -> dict[str, Any]:
    first, second = parties
    article = {"source": "negotiated text (test)"}
    return {
        "id": agreement_id,
        "title": f"Agreement on Social Security between {first} and {second}",
        "short_title": f"{first}–{second}",
        "kind": "bilateral",
        "parties": parties,
        "languages": ["en"],
        "sources": ["negotiated in coordina"],
        "articles": [
            {"number": "1", "heading": "Personal scope", **article},
            {"number": "2", "heading": "Material scope", **article},
            {"number": "3", "heading": "Equality of treatment", **article},
            {"number": "4", "heading": "Export of benefits", **article},
            {"number": "5", "heading": "Applicable legislation", **article},
            {"number": "6", "heading": "Totalization", **article},
        ],
        "personal_scope": {
            "irrespective_of_nationality": True,
            "persons": [{"category": "subject_to_legislation", "article": "1"}],
        },
        "material_scope": [
            {"party": p, "branch": "old_age", "legislation": "old-age pension law", "article": "2"} for p in parties
        ],
        "principles": [
            {"principle": "equality_of_treatment", "article": "3"},
            {"principle": "export_of_benefits", "article": "4"},
            {"principle": "applicable_legislation", "article": "5"},
            {"principle": "totalization", "article": "6"},
        ],
        "applicable_legislation": {
            "base": {"rule": "lex_loci_laboris", "legislation_of": "place_of_work", "article": "5"},
            "exceptions": [
                {
                    "rule": "posting",
                    "overrides": "lex_loci_laboris",
                    "legislation_of": "sending_state",
                    "activities": ["posted"],
                    "max_months": 36,
                    "article": "5",
                },
            ],
        },
        "totalization": {"rules": [{"branches": ["old_age"], "period_kinds": ["insurance"], "article": "6"}]},
        "export": [{"branches": ["old_age"], "rule": "without_reduction", "article": "4"}],
    }
