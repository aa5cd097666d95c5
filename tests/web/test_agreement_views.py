"""The agreement pages' plain data: translated labels, the library filter, the provisions with
the articles they cite (and back), and the comparison's footnotes."""

import pytest

from coordina.domain import Branch, Principle
from coordina.services import catalog
from coordina.web import agreement_views as views
from coordina.web import i18n


@pytest.fixture
def english() -> None:
    i18n.use("en")


def test_every_branch_and_principle_has_a_label() -> None:
    assert set(views.BRANCHES) == {b.value for b in Branch}
    assert set(views.PRINCIPLES) == {p.value for p in Principle}


def test_labels_and_parties_are_in_the_language_of_the_request() -> None:
    i18n.use("fr")
    try:
        assert views.label(Principle.equality_of_treatment) == "Égalité de traitement"
        assert views.party("AR") == "Argentine"
        assert views.party("CA-QC") == "Canada (CA-QC)"
        assert views.person_cell("workers (AU) (conditional)") == "Travailleurs (Australie) (sous conditions)"
    finally:
        i18n.use("en")
    assert views.label("not_a_known_value") == "not a known value"
    assert views.person_cell("survivors") == "Survivors"  # the persons, not the branch (Survivors' benefit)


def test_the_filter_keeps_rows_with_the_party_the_branch_and_every_principle(english: None) -> None:
    rows = views.rows(catalog.library().agreements, {})
    assert [r.id for r in views.matching(rows, party="NL")] == ["ca-nl", "ca-nl-1987"]  # the earlier text follows
    assert {r.id for r in views.matching(rows, party="AU", branch="old_age")} == {"au-kr"}
    assert all("reciprocity" in r.principles for r in views.matching(rows, principles=("reciprocity",)))
    assert views.matching(rows, branch="no-such-branch") == []
    assert len(views.matching(rows)) == len(rows)


def test_each_provision_cites_an_article_and_each_article_lists_its_provisions(english: None) -> None:
    agreement = catalog.agreement("ca-nl")
    sections = views.sections(agreement)
    citing = views.citing(sections)
    numbers = {a.number for a in agreement.articles}
    assert set(citing) <= numbers
    persons = next(s for s in sections if s.key == "persons")
    assert persons.rules[0].article == "III" and persons.rules[0].anchor == "rule-persons-0"
    assert persons.rules[0] in citing["III"]
    anchors = [r.anchor for s in sections for r in s.rules]
    assert len(anchors) == len(set(anchors))  # one element id per provision
    assert views.article_anchor("12bis") == "art-12bis"


def test_limited_cells_are_footnoted_in_table_order(english: None) -> None:
    comparison = catalog.compare(["ar-cl", "mercosur"])
    notes = views.limits(comparison.columns)
    assert [n for n, _ in notes.values()] == list(range(1, len(notes) + 1))
    assert ("mercosur", "AR", "medical_care") in notes
    assert notes[("mercosur", "AR", "medical_care")][1].startswith("health care for workers temporarily displaced")
