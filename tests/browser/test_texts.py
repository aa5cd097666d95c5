"""The text pages in the browser: two drafts compared word by word (marked for people who do not
see colour too), an invalid new draft shown again with its errors and nothing lost, actions shown
only to those allowed to take them, a refusal explained, and the pages in French."""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.browser.conftest import PASSWORD, check_page, new_context, sign_in

BEFORE = [{"number": "1", "heading": "Scope", "text": "This Agreement applies to old-age pensions."},
          {"number": "2", "heading": "Posting", "text": "A posted worker stays insured for 24 months."},
          {"number": "3", "heading": "Export", "text": "Benefits are paid abroad."}]  # fmt: skip
AFTER = [{"number": "1", "heading": "Scope", "text": "This Agreement applies to old-age and invalidity pensions."},
         {"number": "2", "heading": "Posting", "text": "A posted worker stays insured for 36 months."},
         {"number": "4", "heading": "Final provisions", "text": "Entry into force after notification."}]  # fmt: skip


def words(element: Any) -> str:
    """The text of ``element`` as a screen reader gets it (visually hidden words included)."""
    return " ".join(str(element.text_content()).split())


class Api:
    def __init__(self, site: str, username: str) -> None:
        token = httpx.post(f"{site}/api/v1/auth/token", data={"username": username, "password": PASSWORD}).json()
        self.client = httpx.Client(
            base_url=f"{site}/api/v1", headers={"Authorization": f"Bearer {token['access_token']}"}
        )

    def call(self, method: str, path: str, **body: Any) -> Any:
        answer = self.client.request(method, path, json=body or None)
        assert answer.status_code < 300, answer.text
        return answer.json() if answer.content else None

    def step(self, base: str, event: str) -> None:
        self.call("POST", f"{base}/steps", event=event, expected_version=self.call("GET", base)["version"])


@pytest.fixture(scope="module")
def negotiation(site: str) -> Iterator[str]:
    """A KR–PH negotiation in step 3 with an initial draft (KR) and a revision (PH)."""
    kr, ph = Api(site, "min_jun"), Api(site, "maria_santos")
    opened = kr.call("POST", "/negotiations", title="Korea–Philippines Protocol", parties=["KR", "PH"],
                     branches=["old_age"], drafting_party="KR", own_party="KR")  # fmt: skip
    base = f"/negotiations/{opened['id']}"
    kr.call("POST", f"{base}/members", username="maria_santos", role="head", party="PH")
    kr.call("POST", f"{base}/members", username="ilo_adviser", role="facilitator")
    kr.step(base, "complete_preliminary_discussions")
    kr.call("POST", f"{base}/drafts", kind="initial", articles=BEFORE)
    kr.call("POST", f"{base}/drafts/1/share")
    kr.step(base, "start_negotiations")
    ph.call("POST", f"{base}/drafts", kind="revision", articles=AFTER)
    yield base


def test_two_drafts_compared_word_by_word(page: Any, negotiation: str) -> None:
    sign_in(page, "min_jun")
    page.goto(f"{negotiation}/compare")
    page.get_by_label("From").select_option("1")
    page.get_by_label("To").select_option("2")
    with page.expect_navigation():
        page.get_by_role("button", name="Compare", exact=True).click()
    assert page.url.endswith("compare?a=1&b=2")

    scope = page.get_by_role("region", name="Article 1: Scope")
    assert words(scope.locator("ins")) == "added: and invalidity"  # the hidden words are read out
    posting = page.get_by_role("region", name="Article 2: Posting")
    assert words(posting.locator(".changed del")) == "removed: 24"
    assert words(posting.locator(".changed ins")) == "added: 36"
    assert "article added" in page.get_by_role("region", name="Article 4:").inner_text()
    assert "article removed" in page.get_by_role("region", name="Article 3:").inner_text()
    hidden = page.locator("ins .visually-hidden").first
    assert hidden.evaluate("e => getComputedStyle(e).clip") != "auto"  # read by screen readers, not shown
    styles = page.locator("ins").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in styles  # not colour alone
    assert "line-through" in page.locator("del").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    check_page(page, "texts-compare-choice")


def test_an_invalid_draft_is_shown_again_with_its_errors_and_nothing_lost(page: Any, negotiation: str) -> None:
    sign_in(page, "min_jun")
    page.goto(f"{negotiation}/drafts")
    page.get_by_label("Revision").check()
    page.locator("#article-4-number").fill("")
    page.locator("#article-4-text").fill("A new article without a number.")
    page.get_by_role("button", name="Save the draft").click()
    summary = page.get_by_role("alert")
    summary.wait_for()
    assert "There is a problem" in summary.inner_text()
    assert page.locator("#article-4-text").input_value() == "A new article without a number."
    assert page.get_by_label("Revision").is_checked()
    summary.get_by_role("link", name="Give the article's number.").click()
    assert page.evaluate("document.activeElement.id") == "article-4-number"
    check_page(page, "texts-drafts-error")


def test_actions_are_shown_only_to_those_allowed_and_refusals_explained(browser: Any, site: str,
                                                                         negotiation: str) -> None:  # fmt: skip
    adviser_context = new_context(browser, site)
    adviser = adviser_context.new_page()
    sign_in(adviser, "ilo_adviser")
    adviser.goto(f"{negotiation}/drafts/2")
    assert adviser.get_by_role("button").filter(has_text="Initial").count() == 0  # a facilitator never initials
    adviser.goto(f"{negotiation}/rounds")
    assert adviser.get_by_role("button", name="Arrange the round").count() == 0  # no party to host
    adviser_context.close()

    context = new_context(browser, site)
    head = context.new_page()
    sign_in(head, "maria_santos")
    head.goto(f"{negotiation}/drafts/1")
    assert head.get_by_role("button", name="Share with every party").count() == 0  # KR's draft
    token = next(c["value"] for c in context.cookies() if c["name"] == "coordina_csrf")
    answer = head.request.post(f"{site}{negotiation}/drafts/1/share", form={"csrf_token": token})
    assert answer.status == 403
    assert "A draft is shared by the delegation that prepared it." in answer.text()
    head.goto(f"{negotiation}/drafts/2")
    assert head.get_by_role("button", name="Initial the text for PH").count() == 1
    check_page(head, "texts-draft-head")
    context.close()


def test_the_text_pages_in_french(browser: Any, site: str, negotiation: str) -> None:
    context = new_context(browser, site, locale="fr-FR")
    page = context.new_page()
    page.goto("/signin")
    page.get_by_label("Nom d'utilisateur").fill("min_jun")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Se connecter").click()
    page.goto(f"{negotiation}/rounds")
    assert page.get_by_role("heading", level=1).inner_text() == "Cycles et points litigieux"
    check_page(page, "texts-rounds-fr")
    page.goto(f"{negotiation}/compare?a=1&b=2")
    assert words(page.locator("section ins").first) == "ajouté : and invalidity"
    context.close()


def test_a_change_of_the_initialled_text_needs_every_partys_consent(browser: Any, site: str,
                                                                    negotiation: str) -> None:  # fmt: skip
    for username in ("min_jun", "maria_santos"):
        Api(site, username).call("POST", f"{negotiation}/drafts/2/initial")
    pages = {}
    for username in ("maria_santos", "min_jun"):
        pages[username] = new_context(browser, site).new_page()
        sign_in(pages[username], username)
    ph, kr = pages["maria_santos"], pages["min_jun"]
    ph.goto(f"{negotiation}/drafts")
    assert ph.get_by_label("Revision").count() == 0  # the text is initialled: no more revisions
    ph.get_by_label("Change of the initialled text").check()
    ph.locator("#article-2-text").fill("A posted worker stays insured for 48 months.")
    with ph.expect_navigation():
        ph.get_by_role("button", name="Save the draft").click()
    assert ph.url.endswith(f"{negotiation}/drafts/3")
    with ph.expect_navigation():
        ph.get_by_role("button", name="Consent to this change for PH").click()
    kr.goto(f"{negotiation}/drafts")
    assert "current text" in kr.get_by_role("row", name="Draft 2").inner_text()  # not yet consented by KR
    kr.goto(f"{negotiation}/drafts/3")
    with kr.expect_navigation():
        kr.get_by_role("button", name="Consent to this change for KR").click()
    kr.goto(f"{negotiation}/drafts")
    assert "current text" in kr.get_by_role("row", name="Draft 3").inner_text()
    check_page(kr, "texts-drafts-after-change")
    for page in (ph, kr):
        page.context.close()


def test_a_contentious_point_raised_without_javascript(browser: Any, site: str, negotiation: str) -> None:
    context = new_context(browser, site, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, "min_jun")
    page.goto(f"{negotiation}/rounds")
    page.get_by_label("Article", exact=True).fill("2")
    page.get_by_label("What is contentious").fill("The length of a posting")
    page.get_by_label("Position of KR").fill("60 months")
    with page.expect_navigation():
        page.get_by_role("button", name="Raise the point").click()
    point = page.get_by_role("region", name="Article 2: The length of a posting")
    assert "Open" in point.inner_text()
    assert point.get_by_role("row", name="KR").inner_text().split() == ["KR", "60", "months"]
    assert "not stated" in point.get_by_role("row", name="PH").inner_text()  # unknown stays unknown
    context.close()
