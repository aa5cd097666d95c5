"""The agreements: the library and its filter, one agreement's articles cross-linked with the
provisions that cite them, the comparison of six agreements (the ILO brief's table) and its error."""

from typing import Any

import pytest

from tests.browser.conftest import check_page, new_context

SIX = ["ar-cl", "ca-nl", "fr-tn", "in-de", "au-kr", "mercosur"]


@pytest.fixture(scope="module")
def tab(browser: Any, site: str) -> Any:
    context = new_context(browser, site)
    yield context.new_page()
    context.close()


def test_the_library_filtered_by_party(tab: Any) -> None:
    tab.goto("/agreements")
    check_page(tab, "agreements-list")
    assert tab.title() == "Agreements — coordina"
    table = tab.get_by_role("table")
    assert table.locator("a[href='/agreements/ca-nl'], a[href='/agreements/ca-nl-1987']").count() == 2
    assert "Earlier text of ca-nl" in table.inner_text()  # the 1987 text, marked
    assert "Negotiated here" in table.inner_text()  # kr-ph, in force in the demo workspace

    tab.get_by_label("Party").select_option("NL")
    tab.get_by_role("button", name="Show agreements").click()
    tab.wait_for_url("**/agreements?party=NL**")
    check_page(tab, "agreements-list-filtered")
    rows = tab.get_by_role("table").locator("tbody tr")
    assert rows.count() == 2
    assert tab.get_by_role("heading", name="Agreements shown: 2 of").count() == 1  # of the whole library

    tab.get_by_label("Reciprocity").check()
    tab.get_by_role("button", name="Show agreements").click()
    tab.wait_for_url("**principle=reciprocity**")
    assert tab.get_by_label("Party").input_value() == "NL"  # the filter is kept in the form
    assert tab.get_by_label("Reciprocity").is_checked()


def test_an_agreement_with_its_articles_cross_linked(tab: Any) -> None:
    tab.goto("/agreements/au-kr")
    check_page(tab, "agreements-show")
    assert tab.title() == "Australia–Korea — Agreements — coordina"
    rule = tab.locator("#rule-persons-0")
    assert "Residents (Australia)" in rule.inner_text()
    rule.get_by_role("link", name="Art. 3").click()
    assert tab.url.endswith("#art-3")
    article = tab.locator("#art-3")
    assert article.get_by_role("heading").inner_text().startswith("Article 3")
    assert "source: unverified" in article.inner_text()  # said plainly, not hidden
    article.get_by_role("link", name="Residents (Australia)").click()
    assert tab.url.endswith("#rule-persons-0")

    assert tab.get_by_label("Text in force on").get_attribute("type") == "date"  # ?on= (tests/web)

    response = tab.goto("/agreements/no-such-agreement")
    assert response.status == 404
    check_page(tab, "agreements-not-found")


def test_six_agreements_side_by_side(tab: Any) -> None:
    tab.goto("/agreements/compare")
    for agreement_id in SIX:
        tab.get_by_label(f"({agreement_id})", exact=False).first.check()
    tab.get_by_role("button", name="Compare", exact=True).click()
    tab.wait_for_url("**/agreements/compare?ids=**")
    check_page(tab, "agreements-compare")
    table = tab.get_by_role("table")
    assert table.locator("thead th").count() == 6
    old_age = table.get_by_role("row", name="Old-age benefit")
    assert "AU" in old_age.inner_text() and "KR" in old_age.inner_text()
    assert tab.get_by_role("heading", name="Limits of the material scope").count() == 1
    note = tab.locator("ol.notes li").first
    assert note.inner_text()  # a limited cell links to its note
    assert table.locator("a[href^='#limit-']").count() >= 1


def test_comparing_one_agreement_is_refused_with_the_form(tab: Any) -> None:
    response = tab.goto("/agreements/compare?ids=ca-nl")
    assert response.status == 422
    summary = tab.get_by_role("alert")
    assert "Choose from 2 to 7 agreements" in summary.inner_text()
    assert tab.get_by_label("(ca-nl)", exact=False).first.is_checked()  # nothing chosen is lost
    summary.get_by_role("link").click()
    check_page(tab, "agreements-compare-error")


def test_labels_are_translated_in_french(browser: Any, site: str) -> None:
    context = new_context(browser, site, locale="fr-FR")
    page = context.new_page()
    page.goto("/agreements/compare?ids=ca-nl&ids=au-kr")
    table = page.get_by_role("table")
    assert table.get_by_role("rowheader", name="Prestations de vieillesse").count() == 1
    assert table.get_by_role("rowheader", name="Égalité de traitement").count() == 1
    page.goto("/agreements?party=AU")
    assert page.get_by_role("heading", level=1).inner_text() == "Accords"
    check_page(page, "agreements-list-fr")
    context.close()
