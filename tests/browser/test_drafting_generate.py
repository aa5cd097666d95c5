"""The page that generates a draft of a negotiation from options, and the draft's downloads."""

from typing import Any

from tests.browser.conftest import check_page, new_context, sign_in

INDIA_BRAZIL = 2  # the demo's negotiation in step 3 (negotiations), drafted by IN


def test_options_refused_in_words_then_a_draft_is_generated_and_offers_its_documents(page: Any) -> None:
    sign_in(page, "priya_nair")
    page.goto(f"/negotiations/{INDIA_BRAZIL}")
    page.get_by_role("navigation", name="This negotiation").get_by_role("link", name="Generate a draft").click()
    check_page(page, "drafting-generate")
    assert page.get_by_label("First party (country code)").input_value() == "IN"
    assert page.get_by_label("Second party (country code)").input_value() == "BR"
    assert page.get_by_label("Posting limit in months").input_value() == "24"

    page.get_by_label("Posting limit in months").fill("500")
    page.get_by_label("Seafarers").check()
    page.get_by_role("button", name="Generate and save the draft").click()
    assert page.get_by_role("link", name="Give at most 240.").count() == 1  # the error summary
    assert page.get_by_label("Posting limit in months").input_value() == "500"  # nothing typed is lost
    assert page.get_by_label("Seafarers").is_checked()
    check_page(page, "drafting-generate-invalid")

    page.get_by_label("Posting limit in months").fill("12")
    page.get_by_role("button", name="Generate and save the draft").click()
    page.wait_for_url("**/drafts/*")
    documents = page.get_by_role("region", name="Documents")
    for name in ("Akoma Ntoso XML", "Word document (DOCX)", "PDF"):
        assert documents.get_by_role("link", name=name).count() == 1
    href = documents.get_by_role("link", name="Akoma Ntoso XML").get_attribute("href")
    assert page.request.get(href).status == 200
    assert page.get_by_role("heading", name="Crews of ships and aircraft").count() == 1  # the special group chosen
    check_page(page, "drafting-generated-draft")


def test_the_options_speak_french(browser: Any, site: str) -> None:
    context = new_context(browser, site)
    french = context.new_page()
    sign_in(french, "joao_silva")
    french.get_by_label("Language").select_option("fr")
    french.get_by_role("button", name="Change").click()
    french.wait_for_load_state()
    french.goto(f"/negotiations/{INDIA_BRAZIL}/drafting/generate")
    assert french.get_by_role("heading", level=1, name="Générer un projet").count() == 1
    assert french.get_by_label("Durée maximale du détachement en mois").input_value() == "24"
    check_page(french, "drafting-generate-fr")
    context.close()
