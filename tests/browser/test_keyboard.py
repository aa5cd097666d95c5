"""Keyboard alone (WCAG 2.1.1 Keyboard, 2.4.1 Bypass Blocks, 2.4.7 Focus Visible): from the top
of a page, Tab reaches the skip link, then the navigation and Sign in; the form is filled and sent
with the keyboard; the account page is reached the same way. Every element that takes the focus
on the way shows it (an outline that is not ``none``)."""

from typing import Any

from tests.browser.conftest import PASSWORD, check_page

FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {tag: element.tagName, id: element.id, text: (element.innerText || element.value || '').trim(),
          href: element.getAttribute('href'), outline: style.outlineStyle, width: style.outlineWidth};
}"""


def _focused(page: Any) -> dict[str, str]:
    found: dict[str, str] = page.evaluate(FOCUSED)
    assert found["outline"] != "none" and found["width"] != "0px", f"focus not visible on {found}"
    return found


def _tab_to(page: Any, wanted: Any, limit: int = 30) -> dict[str, str]:
    """Press Tab until the focused element is ``wanted``, checking the focus is visible on each."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        found = _focused(page)
        if wanted(found):
            return found
    raise AssertionError(f"Tab never reached the element ({limit} presses)")


def test_signing_in_and_reaching_the_account_with_the_keyboard_alone(page: Any) -> None:
    page.goto("/")
    skip = _tab_to(page, lambda f: True, limit=1)  # the first Tab: the skip link
    assert skip["href"] == "#main" and skip["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"  # past the navigation

    page.goto("/")
    _tab_to(page, lambda f: f["href"] == "/registry")  # the navigation is reached in order
    _tab_to(page, lambda f: (f["href"] or "").startswith("/signin"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/signin?next=%2F")

    _tab_to(page, lambda f: f["id"] == "username")
    page.keyboard.type("maria_santos")
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")  # sends the form
    page.wait_for_url(lambda url: "/signin" not in url)
    assert page.locator("header .account").get_by_text("maria_santos").count() == 1

    _tab_to(page, lambda f: f["href"] == "/account")
    page.keyboard.press("Enter")
    page.wait_for_url("**/account")
    _tab_to(page, lambda f: f["href"] == "/account/password")
    page.keyboard.press("Enter")
    page.wait_for_url("**/account/password")
    assert _tab_to(page, lambda f: f["id"] == "old_password")["tag"] == "INPUT"
    check_page(page, "keyboard-password")
