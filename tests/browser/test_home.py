"""The frame of every page: home, language, signing in and out, error pages."""

from typing import Any

from tests.browser.conftest import check_page, new_context, sign_in


def test_the_home_page_leads_to_every_area(page: Any) -> None:
    page.goto("/")
    check_page(page, "home")

    assert page.title() == "Social security agreements — coordina"
    assert page.locator("html").get_attribute("lang") == "en"
    for area in ("Agreements", "Calculator", "Negotiations", "Registry"):
        assert page.get_by_role("navigation", name="Main").get_by_role("link", name=area).count() == 1


def test_the_browser_language_is_used_and_the_switch_keeps_another(browser: Any, site: str) -> None:
    context = new_context(browser, site, locale="fr-FR")
    page = context.new_page()
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", level=1).inner_text() == "Accords de sécurité sociale"

    page.get_by_label("Langue").select_option("es")
    page.get_by_role("button", name="Changer").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", level=1).inner_text() == "Convenios de seguridad social"
    page.goto("/registry")
    assert page.locator("html").get_attribute("lang") == "es"  # kept
    context.close()


def test_signing_in_and_out(page: Any) -> None:
    sign_in(page, "priya_nair")
    check_page(page, "signed-in-home")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Sign in").count() == 1


def test_a_wrong_password_is_shown_in_the_summary_and_beside_the_field(page: Any) -> None:
    page.goto("/signin")
    page.get_by_label("User name").fill("priya_nair")
    page.get_by_label("Password").fill("not her password")
    page.get_by_role("button", name="Sign in").click()

    summary = page.get_by_role("alert")
    summary.wait_for()
    assert "There is a problem" in summary.inner_text()
    assert page.get_by_label("User name").input_value() == "priya_nair"  # nothing typed is lost
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "username"
    check_page(page, "signin-error")


def test_an_unknown_page_is_a_page(page: Any) -> None:
    response = page.goto("/no-such-page")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    check_page(page, "not-found")
