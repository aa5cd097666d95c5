"""Valid requests for the writes, sent before the fuzzing: generated bodies are almost always
refused by a rule (an unknown event, a stale version, a party that is not one), so these make
sure the successful answers of the writes are checked against the OpenAPI document too.

Each is sent as the observer, the member, then the head (refusals first, then the write);
``CURRENT`` stands for the version the write must name, read just before it is sent.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CURRENT = "<current version>"
EXAMPLE_CASE = Path(__file__).parents[2] / "examples" / "au-kr-old-age.yaml"
ARTICLES = [
    {"number": "1", "heading": "Definitions", "text": "Terms used in this Agreement."},
    {"number": "5", "heading": "Applicable legislation", "text": "Postings up to 48 months stay covered."},
]


@dataclass(frozen=True)
class Seed:
    method: str
    path: str  # below /api/v1, as the OpenAPI document names it
    path_parameters: dict[str, Any] = field(default_factory=dict)
    body: Any = None
    query: dict[str, Any] = field(default_factory=dict)


def _case() -> dict[str, Any]:
    case: dict[str, Any] = json.loads(json.dumps(yaml.safe_load(EXAMPLE_CASE.read_text(encoding="utf-8")), default=str))
    return case


IN_TALKS = {"negotiation_id": 2}  # India–Brazil, in step 3: the demo's active negotiation
SEEDS = [
    Seed("POST", "/negotiations", body={"title": "India–France Social Security Agreement", "parties": ["IN", "FR"],
                                        "branches": ["old_age"], "drafting_party": "IN", "own_party": "IN"}),
    Seed("PUT", "/negotiations/{negotiation_id}/profiles/{party}", {**IN_TALKS, "party": "IN"},
         {"content": {"personal_scope": "employed and self-employed persons"}, "expected_version": CURRENT}),
    Seed("POST", "/negotiations/{negotiation_id}/profiles/{party}/prefill", {**IN_TALKS, "party": "IN"},
         {"expected_version": CURRENT}),
    Seed("PUT", "/negotiations/{negotiation_id}/delegations/{party}/representatives", {**IN_TALKS, "party": "IN"},
         [{"name": "Asha Rao", "institution": "Employees' Provident Fund Organisation", "function": "Director"}]),
    Seed("POST", "/negotiations/{negotiation_id}/notes", IN_TALKS, {"text": "Fallback on postings: 48 months."}),
    Seed("POST", "/negotiations/{negotiation_id}/drafts", IN_TALKS, {"kind": "counterproposal", "articles": ARTICLES}),
    Seed("POST", "/negotiations/{negotiation_id}/drafts/{number}/share", {**IN_TALKS, "number": 2}),
    Seed("GET", "/negotiations/{negotiation_id}/drafts/compare", IN_TALKS, query={"first": 1, "second": 2}),
    Seed("POST", "/negotiations/{negotiation_id}/rounds", IN_TALKS,
         {"held_on": "2026-06-15", "host_party": "IN", "participants": ["Priya Nair"]}),
    Seed("PUT", "/negotiations/{negotiation_id}/rounds/{number}/minutes", {**IN_TALKS, "number": 2},
         {"text": "Postings discussed.", "annexed_draft": 2, "participants": ["Priya Nair", "Joao Silva"],
          "expected_version": 1}),
    Seed("POST", "/negotiations/{negotiation_id}/points", IN_TALKS,
         {"article": "4", "subject": "export of benefits", "positions": {"IN": "paid abroad", "BR": "paid abroad"}}),
    Seed("POST", "/negotiations/{negotiation_id}/points/{point_id}/settle", {**IN_TALKS, "point_id": 1},
         {"status": "postponed", "expected_version": 1, "round_number": 1}),
    Seed("POST", "/negotiations/{negotiation_id}/steps", IN_TALKS,
         {"event": "conclude_negotiations", "expected_version": CURRENT}),  # refused: points still open
    Seed("POST", "/negotiations/{negotiation_id}/resume", {"negotiation_id": 3}, {"expected_version": CURRENT}),
    Seed("POST", "/library/agreements/{agreement_id}/compute", {"agreement_id": "au-kr"}, _case()),
]  # fmt: skip
