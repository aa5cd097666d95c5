"""The registry pages: search by country and between two countries, one row with its source,
and the statistics with Figures 1 and 2 and the network, each loaded with its data table."""

from typing import Any

from tests.browser.conftest import check_page


def test_search_by_a_country_name_then_between_two_countries(page: Any) -> None:
    page.goto("/registry")
    check_page(page, "registry-search")
    assert page.title() == "Search agreements — Registry — coordina"
    pager = page.get_by_role("navigation", name="Pages of results")
    assert "Page 1 of " in pager.inner_text() and pager.get_by_role("link", name="Next page").count() == 1

    page.get_by_label("Party: country name or ISO code").fill("Chile")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    results = page.get_by_role("table", name="Agreements found")
    assert results.get_by_role("link", name="Argentina – Chile").count() == 1
    assert page.get_by_role("row").count() > 3  # every row names Chile among its parties
    assert all("Chile" in text for text in results.locator("tbody th").all_inner_texts())

    page.get_by_label("Party: country name or ISO code").fill("")
    page.get_by_label("First country").fill("South Korea")
    page.get_by_label("Second country").fill("AU")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    assert page.locator("#results + p").inner_text().startswith("Agreements found: 1;")
    assert results.locator("tbody th").all_inner_texts() == ["Australia – South Korea"]
    check_page(page, "registry-search-between")

    page.get_by_label("First country").fill("Atlantis")
    page.get_by_role("button", name="Search").click()
    summary = page.get_by_role("alert")
    summary.wait_for()
    assert "No country is known as “Atlantis”" in summary.inner_text()
    assert page.get_by_label("First country").input_value() == "Atlantis"  # nothing typed is lost
    check_page(page, "registry-search-error")


def test_one_row_with_its_source_and_unknown_fields_as_not_recorded(page: Any) -> None:
    page.goto("/registry?between=KR&between=AU")
    page.get_by_role("link", name="Australia – South Korea").click()
    page.wait_for_url("**/registry/au-kr")
    check_page(page, "registry-row")
    assert page.get_by_role("heading", level=1).inner_text() == "Australia – South Korea"
    assert page.get_by_role("link", name="http://ysnews.co.kr/news/view.php?idx=87598").count() == 1
    encoded = page.get_by_role("link", name="Encoded for computation as au-kr")
    assert encoded.get_attribute("href") == "/agreements/au-kr"

    page.goto("/registry/au-us")  # its source gives no date of signature
    facts = page.locator("dl.facts")
    assert "not recorded" in facts.inner_text() and "\nNo\n" not in facts.inner_text()


def test_the_statistics_with_the_figures_loaded_and_their_data_tables(page: Any) -> None:
    page.goto("/registry/statistics", wait_until="domcontentloaded")
    # the first drawing imports matplotlib (a second alone, much more on a busy machine); then cached
    page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=90_000)
    check_page(page, "registry-statistics")
    assert page.title() == "Statistics and figures — Registry — coordina"

    images = page.locator("figure img")
    assert images.count() == 3
    for index in range(3):
        image = images.nth(index)
        assert image.evaluate("i => i.naturalWidth") > 0, image.get_attribute("src")
        assert len(image.get_attribute("alt") or "") > 60  # a real text alternative, not a file name
    captions = page.locator("figure figcaption").all_inner_texts()
    for name, caption in zip(("1", "2", "network"), captions, strict=True):  # the words of the CLI's and API's
        assert caption == page.request.get(f"/api/v1/registry/figures/{name}?format=svg").headers["x-caption"]
    assert "ISSA counts about 660" in captions[0]
    for name in ("Data of Figure 1", "Data of Figure 2", "Data of the network", "Agreements by decade"):
        table = page.get_by_role("table", name=name)
        assert table.locator("tbody tr").count() > 3, name
    assert "Old-age benefit" in page.get_by_role("table", name="Data of Figure 2").inner_text()

    svg = page.request.get("/registry/figures/network.svg")
    assert svg.status == 200 and svg.headers["content-type"] == "image/svg+xml"
    assert page.request.get("/registry/figures/3.svg").status == 404


def test_the_registry_in_french_and_spanish(page: Any) -> None:
    page.goto("/registry/au-us?lang=fr")  # its source gives no date of signature
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", level=1).inner_text() == "Australie – États-Unis"
    assert "non renseigné" in page.locator("dl.facts").inner_text()
    check_page(page, "registry-row-fr")

    page.goto("/registry?lang=es&between=Corea+del+Sur&between=Australia")  # a name in the visitor's language
    assert page.get_by_role("table", name="Convenios encontrados").locator("tbody th").all_inner_texts() == [
        "Australia – Corea del Sur"
    ]
    check_page(page, "registry-search-es")

    statistics = page.request.get("/registry/statistics?lang=fr").text()
    assert "Statistiques et figures du registre" in statistics and "Données de la figure 2" in statistics
    assert "Source : registre coordina" in statistics
