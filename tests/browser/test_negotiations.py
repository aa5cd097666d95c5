"""Negotiations in a browser (part A): the dashboard, opening a negotiation, the timeline of the
eight steps and a step taken, a refusal shown with its rule, review outcomes, delegations,
country profiles (a stale edit refused), delegation notes seen by their delegation alone (two
users of two delegations in two browser contexts), the audit trail; one action with JavaScript
disabled and one flow with the keyboard alone.

The tests work on negotiations of their own, between users of their own (created through the
API by the demo administrator), so that the demo workspace other areas read stays as it is.
"""

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from coordina.services import demo
from tests.browser.conftest import PASSWORD, check_page, new_context, sign_in

API = "/api/v1"
_numbers = itertools.count(1)


def _client(site: str, username: str) -> httpx.Client:
    client = httpx.Client(base_url=site + API, timeout=30)
    answer = client.post("/auth/token", data={"username": username, "password": PASSWORD})
    answer.raise_for_status()
    client.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
    return client


@dataclass
class Table:
    """A negotiation between FR (``head_fr``, with ``member_fr``) and SN (``head_sn``)."""

    id: int
    title: str
    head_fr: str
    head_sn: str
    member_fr: str
    api: dict[str, httpx.Client]

    def version(self) -> int:
        return int(self.api[self.head_fr].get(f"/negotiations/{self.id}").json()["version"])


@pytest.fixture(scope="module")
def people(site: str) -> Iterator[dict[str, str]]:
    """Four users of this module's own, made by the demo administrator."""
    admin = _client(site, demo.ADMINISTRATOR)
    names = {role: f"neg_{role}" for role in ("head_fr", "head_sn", "member_fr", "opener")}
    for name in names.values():
        made = admin.post("/auth/users", json={"username": name, "full_name": name.replace("_", " ").title(),
                                               "password": PASSWORD})  # fmt: skip
        assert made.status_code in (201, 422), made.text  # 422: made already by an earlier module run
    yield names
    admin.close()
    for client in _clients.values():
        client.close()
    _clients.clear()
    _sessions.clear()


_clients: dict[str, httpx.Client] = {}  # one API login per user and module (logins hash a password)
_sessions: dict[str, Any] = {}  # one browser sign-in per user: its cookies, for later contexts


def _api(site: str, username: str) -> httpx.Client:
    if username not in _clients:
        _clients[username] = _client(site, username)
    return _clients[username]


def signed_in(browser: Any, site: str, username: str, **options: Any) -> tuple[Any, Any]:
    """A new context and page of ``username``, signed in through the form once per module."""
    if username in _sessions:
        context = new_context(browser, site, storage_state=_sessions[username], **options)
        return context, context.new_page()
    context = new_context(browser, site, **options)
    page = context.new_page()
    sign_in(page, username)
    _sessions[username] = context.storage_state()
    return context, page


def _table(site: str, people: dict[str, str], *, second_head: bool = True) -> Table:
    title = f"France–Senegal Agreement on Social Security, test {next(_numbers)}"
    clients = {people[r]: _api(site, people[r]) for r in ("head_fr", "head_sn", "member_fr")}
    fr = clients[people["head_fr"]]
    opened = fr.post("/negotiations", json={"title": title, "parties": ["FR", "SN"], "branches": ["old_age"],
                                            "drafting_party": "FR", "own_party": "FR"})  # fmt: skip
    assert opened.status_code == 201, opened.text
    nid = opened.json()["id"]
    fr.post(f"/negotiations/{nid}/members", json={"username": people["member_fr"], "role": "member", "party": "FR"})
    if second_head:
        added = fr.post(f"/negotiations/{nid}/members", json={"username": people["head_sn"], "role": "head",
                                                              "party": "SN"})  # fmt: skip
        assert added.status_code == 204, added.text
    return Table(nid, title, people["head_fr"], people["head_sn"], people["member_fr"], clients)


@pytest.fixture(scope="module")
def table(site: str, people: dict[str, str]) -> Table:
    return _table(site, people)


def test_the_dashboard_and_opening_a_negotiation(page: Any, people: dict[str, str]) -> None:
    sign_in(page, people["opener"])
    page.goto("/negotiations")
    assert page.title() == "Negotiations — coordina"
    check_page(page, "negotiations-dashboard-empty")

    page.get_by_role("link", name="Open a negotiation").click()
    page.get_by_role("button", name="Open the negotiation").click()
    summary = page.get_by_role("alert")
    summary.wait_for()
    assert "Enter the title of the agreement under negotiation." in summary.inner_text()
    check_page(page, "negotiations-new-error")

    page.get_by_label("Title of the agreement").fill("Test agreement between France and Senegal")
    page.get_by_label("Parties").fill("FR, SN")
    page.get_by_label("Your own party").fill("fr")
    page.get_by_label("Drafting party").fill("SN")
    page.get_by_role("button", name="Open the negotiation").click()
    summary.wait_for()  # no branch chosen: the rest of the form is kept
    assert page.get_by_label("Parties").input_value() == "FR, SN"
    page.get_by_label("Old-age benefit").check()
    page.get_by_role("button", name="Open the negotiation").click()
    page.wait_for_url(re.compile(r"/negotiations/\d+$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Test agreement between France and Senegal"

    page.goto("/negotiations")
    assert page.get_by_role("heading", name="Active").count() == 1
    assert page.get_by_role("heading", name="Step 1: Preliminary discussions").count() == 1
    assert page.get_by_role("link", name="Test agreement between France and Senegal").count() == 1
    check_page(page, "negotiations-dashboard")


def test_a_blocked_step_is_refused_with_its_rule_then_taken(browser: Any, site: str, people: dict[str, str]) -> None:
    alone = _table(site, people, second_head=False)
    context, page = signed_in(browser, site, alone.head_fr)
    page.goto(f"/negotiations/{alone.id}")
    current = page.locator(".steps > li[aria-current=step]")
    assert "current step, blocked" in current.inner_text()
    assert "Every party needs a head of delegation." in current.inner_text()
    assert "missing for SN" in current.inner_text()
    check_page(page, "negotiations-negotiation-blocked")

    page.get_by_role("button", name="Complete the preliminary discussions").click()
    refusal = page.get_by_role("alert")
    refusal.wait_for()
    assert "Every party needs a head of delegation." in refusal.inner_text()
    assert "every_party_has_a_head_of_delegation" in refusal.inner_text()
    check_page(page, "negotiations-refusal")

    page.get_by_role("navigation", name="This negotiation").get_by_role("link", name="Delegations").click()
    page.get_by_label("User name", exact=True).fill(people["opener"])  # a member of another delegation: refused
    page.get_by_label("Delegation", exact=True).select_option("SN")
    page.get_by_role("button", name="Add the member").click()
    refusal = page.get_by_role("alert")
    refusal.wait_for()
    assert "You act for your own delegation only." in refusal.inner_text()
    assert "own_delegation" in refusal.inner_text()
    assert page.get_by_label("User name", exact=True).input_value() == people["opener"]
    page.get_by_label("User name", exact=True).fill(alone.head_sn)
    page.get_by_label("Role").select_option("head")
    page.get_by_label("Delegation", exact=True).select_option("SN")
    page.get_by_role("button", name="Add the member").click()
    page.locator("section", has=page.locator("#delegation-SN")).get_by_role("cell", name=alone.head_sn).wait_for()
    check_page(page, "negotiations-delegations")

    page.get_by_role("link", name="Overview").click()
    assert "Every condition holds" in page.locator(".steps > li[aria-current=step]").inner_text()
    page.get_by_role("button", name="Complete the preliminary discussions").click()
    page.wait_for_load_state()
    current = page.locator(".steps > li[aria-current=step]")
    assert current.inner_text().startswith("2. Initial draft")
    assert "A draft must first be shared with every party." in current.inner_text()
    assert "done" in page.locator(".steps > li").first.inner_text()
    check_page(page, "negotiations-negotiation")
    context.close()


def test_only_heads_see_the_step_and_the_review_outcomes(browser: Any, site: str, table: Table) -> None:
    context, page = signed_in(browser, site, table.member_fr)
    page.goto(f"/negotiations/{table.id}")
    assert page.get_by_role("button", name="Complete the preliminary discussions").count() == 0
    assert "A head of delegation takes the next step." in page.inner_text("main")
    context.close()

    review = _table(site, {"head_fr": table.head_fr, "head_sn": table.head_sn, "member_fr": table.member_fr})
    fr, sn = review.api[review.head_fr], review.api[review.head_sn]
    fr.post(f"/negotiations/{review.id}/steps", json={"event": "complete_preliminary_discussions",
                                                      "expected_version": review.version()})  # fmt: skip
    fr.post(f"/negotiations/{review.id}/drafts", json={"kind": "initial", "articles": [{"number": "1", "text": "T"}]})
    fr.post(f"/negotiations/{review.id}/drafts/1/share")
    fr.post(f"/negotiations/{review.id}/steps", json={"event": "start_negotiations",
                                                      "expected_version": review.version()})  # fmt: skip
    for client in (fr, sn):
        assert client.post(f"/negotiations/{review.id}/drafts/1/initial").status_code < 300
    moved = fr.post(f"/negotiations/{review.id}/steps", json={"event": "conclude_negotiations",
                                                              "expected_version": review.version()})  # fmt: skip
    assert moved.json()["step"] == 4, moved.text

    context, page = signed_in(browser, site, review.head_fr)
    page.goto(f"/negotiations/{review.id}")
    outcomes = page.get_by_role("group", name="What the parties decide")
    assert outcomes.get_by_role("radio").count() == 4
    check_page(page, "negotiations-review")
    page.get_by_label("Suspend the negotiations for a time").check()
    page.get_by_role("button", name="Record the outcome").click()
    page.get_by_role("button", name="Resume the negotiations").wait_for()
    assert "Suspended" in page.locator("dl.facts").inner_text()
    assert "the negotiation is suspended" in page.locator(".steps > li[aria-current=step]").inner_text()
    check_page(page, "negotiations-suspended")
    page.get_by_role("button", name="Resume the negotiations").click()
    page.get_by_role("group", name="What the parties decide").wait_for()
    assert "Active" in page.locator("dl.facts").inner_text()
    context.close()


def test_a_country_profile_and_a_stale_edit_refused(browser: Any, site: str, table: Table) -> None:
    context, first = signed_in(browser, site, table.head_fr)
    second = context.new_page()
    for page in (first, second):
        page.goto(f"/negotiations/{table.id}/profiles/FR")
    assert "Checklist completed: 0%" in first.inner_text("main")
    check_page(first, "negotiations-profile")

    first.get_by_label("Preferences on the key principles").fill("Totalization of all periods.")
    first.get_by_role("button", name="Save the profile").click()
    first.get_by_text("Checklist completed: 11%").wait_for()

    second.get_by_label("Any other relevant information").fill("Written in the other tab.")
    second.get_by_role("button", name="Save the profile").click()
    refusal = second.get_by_role("alert")
    refusal.wait_for()
    assert "Someone saved a change a moment ago" in refusal.inner_text()
    assert "optimistic_lock" in refusal.inner_text()
    assert second.get_by_label("Any other relevant information").input_value() == "Written in the other tab."
    check_page(second, "negotiations-profile-stale")

    second.goto(f"/negotiations/{table.id}/profiles/SN")  # another party's profile: read, not edited
    assert second.get_by_role("button", name="Save the profile").count() == 0
    context.close()


def test_notes_are_seen_by_their_delegation_alone(browser: Any, site: str, table: Table) -> None:
    (france, fr), (senegal, sn) = signed_in(browser, site, table.head_fr), signed_in(browser, site, table.head_sn)

    fr.goto(f"/negotiations/{table.id}/notes")
    fr.get_by_label("New note").fill("FR fallback: 48 months of posting.")
    fr.get_by_role("button", name="Add the note").click()
    fr.get_by_text("FR fallback: 48 months of posting.").wait_for()
    check_page(fr, "negotiations-notes")

    sn.goto(f"/negotiations/{table.id}/notes")
    assert "FR fallback" not in sn.content()
    sn.get_by_label("New note").fill("SN red line: no provident fund periods.")
    sn.get_by_role("button", name="Add the note").click()
    sn.get_by_text("SN red line: no provident fund periods.").wait_for()
    assert "FR fallback" not in sn.content()

    member, mine = signed_in(browser, site, table.member_fr)  # the note's author's delegation: sees it
    mine.goto(f"/negotiations/{table.id}/notes")
    assert mine.get_by_text("FR fallback: 48 months of posting.").count() == 1
    assert "SN red line" not in mine.content()

    fr.reload()
    assert "SN red line" not in fr.content()
    sn.goto(f"/negotiations/{table.id}/audit")  # the trail names no other delegation's note
    rows = sn.get_by_role("table").get_by_role("row")
    assert sn.get_by_role("cell", name="Added a delegation note").count() == 1
    assert rows.filter(has_text="party: FR").filter(has_text="Added a delegation note").count() == 0
    assert sn.get_by_role("cell", name="Opened the negotiation").count() == 1
    check_page(sn, "negotiations-audit")
    for context in (france, senegal, member):
        context.close()


def test_a_note_is_added_with_javascript_disabled(browser: Any, site: str, table: Table) -> None:
    context = new_context(browser, site, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, table.head_fr)  # the sign-in form, as a plain form too
    page.goto(f"/negotiations/{table.id}/notes")
    page.get_by_role("button", name="Add the note").click()
    assert page.get_by_role("alert").inner_text().count("Write the note.") == 1  # 422, the same page
    page.get_by_label("New note").fill("Sent as a plain form.")
    page.get_by_role("button", name="Add the note").click()
    page.wait_for_url(f"**/negotiations/{table.id}/notes")
    assert page.get_by_text("Sent as a plain form.").count() == 1
    context.close()  # axe needs scripts: the same page is checked with them (negotiations-notes)


def _tab_to(page: Any, matches: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches the JavaScript predicate ``matches`` (on ``e``)."""
    page.wait_for_load_state()
    page.locator("main").wait_for()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const e = document.activeElement; return !!e && ({matches}); }}"):
            return
    raise AssertionError(f"no focusable element where {matches}")


def test_signing_in_opening_a_negotiation_and_adding_a_note_with_the_keyboard(
    browser: Any, site: str, table: Table
) -> None:
    context = new_context(browser, site)
    page = context.new_page()
    page.goto("/signin?next=/negotiations")
    _tab_to(page, "e.id === 'username'")
    page.keyboard.type(table.head_sn)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^https?://[^/]+/negotiations$"))
    _tab_to(page, f"e.textContent === {table.title!r}")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/negotiations/{table.id}")
    _tab_to(page, "e.textContent === 'Delegation notes'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/negotiations/{table.id}/notes")
    _tab_to(page, "e.id === 'note'")
    page.keyboard.type("Typed with the keyboard alone.")
    _tab_to(page, "e.textContent === 'Add the note'")
    page.keyboard.press("Space")
    page.get_by_text("Typed with the keyboard alone.").wait_for()
    check_page(page, "negotiations-notes-keyboard")
    context.close()
