"""The feasibility report page of a negotiation: for its participants, in their language."""

from typing import Any

from tests.browser.conftest import check_page, new_context, sign_in

INDIA_BRAZIL = 2  # the demo's second negotiation


def test_a_participant_reads_the_clash_with_its_fields_and_provisions(page: Any) -> None:
    sign_in(page, "priya_nair")
    page.goto(f"/negotiations/{INDIA_BRAZIL}/feasibility")
    check_page(page, "drafting-feasibility")

    assert page.title().startswith("Feasibility — India–Brazil")
    clash = page.get_by_role("region", name="Scheme kinds that clash")
    assert "Employees' Provident Fund (provident_fund)" in clash.inner_text()
    assert "IN schemes[0].kind" in clash.inner_text() and "ilo-r167-model" in clash.inner_text()
    assert clash.get_by_text("unverified").count() >= 1  # the provisions the data has not read say so
    nav = page.get_by_role("navigation", name="This negotiation")
    assert nav.get_by_role("link", name="Feasibility").get_attribute("aria-current") == "page"


def test_the_page_speaks_french_and_is_refused_to_an_outsider(browser: Any, site: str) -> None:
    context = new_context(browser, site)
    french = context.new_page()
    sign_in(french, "joao_silva")
    french.get_by_label("Language").select_option("fr")
    french.get_by_role("button", name="Change").click()
    french.wait_for_load_state()
    french.goto(f"/negotiations/{INDIA_BRAZIL}/feasibility")
    assert french.get_by_role("heading", level=2, name="Types de régimes incompatibles").count() == 1
    check_page(french, "drafting-feasibility-fr")
    context.close()

    context = new_context(browser, site)
    outsider = context.new_page()
    sign_in(outsider, "sami_ben_ali")
    response = outsider.goto(f"/negotiations/{INDIA_BRAZIL}/feasibility")
    assert response.status == 403
    context.close()
