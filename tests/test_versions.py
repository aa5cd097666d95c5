"""Agreement versions: each text applies to claims from its own entry into force.

The bundled Canada–Netherlands agreement has two texts: the 1987 agreement as amended in 1989
(``ca-nl-1987``, in force 1990-10-01) and the 2001 agreement that superseded it on 2004-04-01
(``ca-nl``, the text in force). One rule differs plainly: an assigned employee stays under the
sending Party's legislation for 24 months under the 1987 text (Art. VI(2)) and for 60 months
under the 2001 text (Art. VI(2)(a)).
"""

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

import coordina
from coordina.catalog.loading import Library, bundled_data_dir, load_library
from coordina.errors import DataError
from coordina.services.compute import compute


def _claim(claim_date: str, posting: tuple[str, str]) -> dict[str, Any]:
    """An NL national, Dutch resident, assigned by a Dutch employer to Canada for ``posting``."""
    start, end = posting
    return {
        "agreement": "ca-nl",
        "person": {"birth_date": "1939-01-01", "nationality": ["NL"], "residence": "NL"},
        "claim": {"branch": "old_age", "date": claim_date},
        "periods": [
            {"country": "CA", "kind": "residence", "start": "1960-01-01", "end": "1994-12-31"},
            {"country": "NL", "kind": "employment", "activity": "employed", "start": "1995-01-01", "end": "2000-12-31"},
            {
                "country": "CA",
                "kind": "employment",
                "activity": "posted",
                "employer_country": "NL",
                "start": start,
                "end": end,
                "certificate": True,
            },
        ],
    }


BEFORE = _claim("2004-03-31", ("2001-01-01", "2003-12-31"))  # a 36-month assignment, claimed before 2004-04-01
LATER = _claim("2010-01-01", ("2005-01-01", "2007-12-31"))  # a 36-month assignment from 2005


def _postings(decision: Any) -> list[tuple[str, str, str]]:
    return [(str(e.start), str(e.end), e.rule) for e in decision.applicable_legislation if e.start >= date(2001, 1, 1)]


def test_a_claim_before_2004_04_01_is_decided_under_the_1987_text() -> None:
    decision = compute(BEFORE)

    assert decision.agreement == "ca-nl" and decision.version == "ca-nl-1987"
    assert _postings(decision) == [
        ("2001-01-01", "2002-12-31", "posting"),  # 24 months (1987 text, Art. VI(2))
        ("2003-01-01", "2003-12-31", "lex_loci_laboris"),
    ]
    applied = [s for s in decision.trace if s.rule == "agreement_version"]
    assert len(applied) == 1 and "ca-nl-1987" in applied[0].outcome and "1990-10-01" in applied[0].outcome


def test_a_claim_from_2004_04_01_is_decided_under_the_2001_text_and_the_trace_names_it() -> None:
    on_the_day = compute({**BEFORE, "claim": {"branch": "old_age", "date": "2004-04-01"}})
    decision = compute(LATER)

    assert on_the_day.version == "ca-nl" and decision.agreement == "ca-nl" and decision.version == "ca-nl"
    assert _postings(decision) == [("2005-01-01", "2007-12-31", "posting")]  # within 60 months (Art. VI(2)(a))
    applied = [s for s in decision.trace if s.rule == "agreement_version"]
    assert len(applied) == 1 and "2001 agreement (ca-nl)" in applied[0].outcome and "2004-04-01" in applied[0].outcome


def test_a_version_named_by_its_own_id_is_applied_as_named() -> None:
    decision = compute(LATER, "ca-nl-1987")

    assert decision.version == "ca-nl-1987"
    assert _postings(decision) == [
        ("2005-01-01", "2006-12-31", "posting"),  # the 1987 text's 24 months, applied as named
        ("2007-01-01", "2007-12-31", "lex_loci_laboris"),
    ]
    assert any(s.rule == "agreement_version" and "replaced" in s.outcome for s in decision.trace)


def test_the_library_lists_the_texts_oldest_first() -> None:
    library = coordina.library()

    assert [a.id for a in library.versions("ca-nl")] == ["ca-nl-1987", "ca-nl"]
    assert [a.id for a in library.versions("ca-nl-1987")] == ["ca-nl-1987", "ca-nl"]


def _library_with_stand_in(tmp_path: Path, **changes: Any) -> Library:
    """A copy of the library with one more text of ca-nl (a stand-in built from the 1987 file)."""
    data = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), data)
    text = yaml.safe_load((data / "agreements" / "ca-nl-1987.yaml").read_text(encoding="utf-8"))
    text.update({"id": "ca-nl-x", "version": "a further text (test stand-in)", "in_force": "2030-01-01", **changes})
    (data / "agreements" / "ca-nl-x.yaml").write_text(yaml.safe_dump(text, allow_unicode=True), encoding="utf-8")
    return load_library(data)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"version_of": "xx-yy"}, "no agreement 'xx-yy'"),
        ({"version_of": "ca-nl-1987"}, "is itself a version"),
        ({"in_force": "2004-04-01"}, "its own date of entry into force"),
    ],
)
def test_a_version_that_cannot_be_placed_is_refused_with_its_line(
    tmp_path: Path, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(DataError) as raised:
        _library_with_stand_in(tmp_path, **changes)

    assert any(message in p.message and p.file.name == "ca-nl-x.yaml" and p.line > 1 for p in raised.value.problems)
