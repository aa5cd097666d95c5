"""The agreement pages' plain data: translated labels, the library filter, the provisions with
the articles they cite (and back), and the comparison's footnotes; the routes' answers to a day
and to a wrong choice of agreements to compare."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from coordina.app import create_app
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


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(f"sqlite:///{tmp_path_factory.mktemp('agreements') / 'c.db'}")
    with TestClient(app) as found:
        yield found
    app.state.db.engine.dispose()


def test_the_text_in_force_on_a_day_is_the_version_of_that_day(client: TestClient) -> None:
    page = client.get("/agreements/ca-nl", params={"on": "1995-01-01"})
    assert page.status_code == 200
    assert "The text in force on Jan 1, 1995: ca-nl-1987." in page.text
    assert "1987 agreement as amended" in page.text
    assert client.get("/agreements/ca-nl", params={"on": "not a day"}).status_code == 422
    assert client.get("/agreements/no-such-agreement").status_code == 404


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (["ca-nl"], "Choose from 2 to 7 agreements to compare; you chose 1."),
        (["ar-cl", "au-kr", "ca-nl", "ca-nl-1987", "fr-tn", "in-de", "mercosur", "ilo-r167-model"], "you chose 8."),
        (["ca-nl", "../../etc/passwd.yaml"], "There is no agreement ../../etc/passwd.yaml in the library."),
    ],
)
def test_another_count_or_an_unknown_id_is_the_form_with_its_error(
    client: TestClient, ids: list[str], message: str
) -> None:
    page = client.get("/agreements/compare", params={"ids": ids})
    assert page.status_code == 422
    assert message in page.text and 'id="error-summary"' in page.text
    assert 'value="ca-nl" checked' in page.text  # what was ticked stays ticked
