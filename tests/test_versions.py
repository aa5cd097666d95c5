"""Agreement versions: each text applies to claims from its own entry into force.

The bundled Canada–Netherlands file encodes the 1987 agreement (in force 1990-10-01), which the
2001 agreement replaced on 2004-04-01. Until that text is encoded, these tests add a stand-in
later version to a copy of the library, differing in one rule (OAS payment abroad after 30
years of totalized periods instead of 20), and check which text decides a claim on each side.
"""

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from coordina.catalog.loading import Library, bundled_data_dir, load_library
from coordina.errors import DataError
from coordina.services.compute import compute

CLAIM = {
    "agreement": "ca-nl",
    "person": {"birth_date": "1935-03-15", "nationality": ["NL"], "residence": "NL"},
    "claim": {"branch": "old_age", "date": "2003-07-01"},
    "periods": [
        {"country": "CA", "kind": "residence", "start": "1960-01-01", "end": "1979-12-31"},
        {"country": "NL", "kind": "residence", "start": "1980-01-01", "end": "2000-03-14"},
    ],
}  # 240 Canadian months (20 years), 242 1/2 Dutch months: 482 totalized


def _library(tmp_path: Path, **changes: Any) -> Library:
    data = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), data)
    text = yaml.safe_load((data / "agreements" / "ca-nl.yaml").read_text(encoding="utf-8"))
    text.update(
        id="ca-nl-2004",
        version_of="ca-nl",
        version="a later text (test stand-in)",
        in_force="2004-04-01",
        registry_id=None,
    )
    for provision in text["export"]:
        if provision.get("party") == "CA":
            provision["minimum_totalized_months"] = 500
    text.update(changes)
    (data / "agreements" / "ca-nl-2004.yaml").write_text(yaml.safe_dump(text, allow_unicode=True), encoding="utf-8")
    return load_library(data)


def _oas(decision: Any) -> Any:
    return decision.decision_for("ca-oas")


def test_a_claim_before_the_later_text_is_decided_under_the_earlier_one(tmp_path: Path) -> None:
    library = _library(tmp_path)

    decision = compute(CLAIM, library=library)

    assert decision.agreement == "ca-nl" and decision.version is None
    assert _oas(decision).payable_abroad is True  # 482 totalized months >= 240 (1987 text, Art. X(3))


def test_a_claim_after_it_is_decided_under_the_later_text_and_the_trace_names_it(tmp_path: Path) -> None:
    library = _library(tmp_path)
    later = {**CLAIM, "claim": {"branch": "old_age", "date": "2004-04-01"}}

    decision = compute(later, library=library)

    assert decision.agreement == "ca-nl" and decision.version == "ca-nl-2004"
    assert _oas(decision).payable_abroad is False  # 482 < 500 under the stand-in text
    applied = [s for s in decision.trace if s.rule == "agreement_version"]
    assert applied and "ca-nl-2004" in applied[0].outcome and "2004-04-01" in applied[0].outcome


def test_a_version_named_by_its_own_id_is_applied_as_named(tmp_path: Path) -> None:
    library = _library(tmp_path)

    decision = compute(CLAIM, "ca-nl-2004", library=library)

    assert decision.version == "ca-nl-2004"


def test_the_library_lists_the_texts_oldest_first(tmp_path: Path) -> None:
    library = _library(tmp_path)

    assert [a.id for a in library.versions("ca-nl")] == ["ca-nl", "ca-nl-2004"]
    assert [a.id for a in library.versions("ca-nl-2004")] == ["ca-nl", "ca-nl-2004"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"version_of": "xx-yy"}, "no agreement 'xx-yy'"),
        ({"version_of": "ca-nl-2004"}, "is itself a version"),
        ({"in_force": "1990-10-01"}, "its own date of entry into force"),
    ],
)
def test_a_version_that_cannot_be_placed_is_refused_with_its_line(
    tmp_path: Path, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(DataError) as raised:
        _library(tmp_path, **changes)

    assert any(message in p.message and p.file.name == "ca-nl-2004.yaml" and p.line > 1 for p in raised.value.problems)
