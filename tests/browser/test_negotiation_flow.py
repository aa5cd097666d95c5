"""A negotiation from step 1 to entry into force in the browser: the heads of India's and Brazil's
delegations, each in a browser context of their own, do every step's required actions through the
pages (the same as ``tests/negotiation/process.py`` does through the API); neither sees the other
delegation's notes.
"""

from typing import Any

from tests.browser.conftest import check_page, new_context, sign_in


def open_through_the_page(page: Any) -> int:
    """India's head opens the negotiation, with the entry-into-force rule of its final article."""
    page.goto("/negotiations/new")
    page.get_by_label("Title of the agreement").fill("India–Brazil Agreement on Social Security")
    page.get_by_label("Parties").fill("IN, BR")
    page.get_by_label("Your own party").fill("IN")
    page.get_by_label("Drafting party").fill("IN")
    page.get_by_label("Old-age benefit").check()
    page.get_by_label("The agreement enters into force on").select_option(
        "first_day_of_nth_month_after_last_notification"
    )
    page.get_by_label("N (months, or days after the deposit)").fill("2")
    submit(page.get_by_role("button", name="Open the negotiation"))
    return int(page.url.rstrip("/").rsplit("/", 1)[1])


def submit(button: Any) -> None:
    """Click a form's button and wait for the page it leads to (a plain POST, then 303)."""
    with button.page.expect_navigation():
        button.click()


def take_step(page: Any, base: str, event_name: str) -> None:
    page.goto(base)
    submit(page.get_by_role("button", name=event_name))
    assert page.get_by_role("alert").count() == 0 or "Not" not in page.get_by_role("alert").first.inner_text()


def closing_form(page: Any, base: str, legend: str) -> Any:
    page.goto(f"{base}/closing")
    return page.locator("fieldset", has=page.locator("legend", has_text=legend)).first


def test_a_negotiation_from_step_one_to_entry_into_force(browser: Any, site: str) -> None:
    india_context, brazil_context = new_context(browser, site), new_context(browser, site)
    india, brazil = india_context.new_page(), brazil_context.new_page()
    sign_in(india, "priya_nair")
    sign_in(brazil, "joao_silva")
    base = f"/negotiations/{open_through_the_page(india)}"

    # Step 1: India's head seats Brazil's head, then moves on.
    india.goto(f"{base}/delegations")
    india.get_by_label("User name").fill("joao_silva")
    india.get_by_label("Role", exact=True).select_option("head")
    india.get_by_label("Delegation", exact=True).select_option("BR")
    submit(india.get_by_role("button", name="Add the member"))
    take_step(india, base, "Complete the preliminary discussions")

    # Step 2: the drafting party's initial draft, from a library agreement, shared with every party.
    india.goto(f"{base}/drafts")
    check_page(india, "texts-drafts-empty")
    india.get_by_label("Initial draft (drafting party)").check()
    india.get_by_label("Start from a library agreement (optional)").select_option("in-de")
    india.get_by_role("button", name="Save the draft").click()
    india.wait_for_url(f"**{base}/drafts/1")
    submit(india.get_by_role("button", name="Share with every party"))
    assert "not yet" not in india.locator("dl.facts").inner_text().split("Shared with every party")[1][:20]
    check_page(india, "texts-draft")
    take_step(india, base, "Start the negotiations")

    # Step 3: Brazil hosts a round, raises a point, revises the text and records the minutes.
    brazil.goto(f"{base}/rounds")
    brazil.get_by_label("Date").fill("2027-01-12")
    brazil.get_by_label("Participants, one a line (optional)").fill("Priya Nair\nJoao Silva")
    submit(brazil.get_by_role("button", name="Arrange the round"))
    brazil.get_by_label("Article", exact=True).fill("1")
    brazil.get_by_label("What is contentious").fill("The definition of a posted worker")
    brazil.get_by_label("Position of IN").fill("Postings up to 60 months")
    brazil.get_by_label("Position of BR").fill("Postings up to 24 months")
    submit(brazil.get_by_role("button", name="Raise the point"))
    brazil.goto(f"{base}/drafts")
    brazil.get_by_label("Revision").check()
    first_text = brazil.locator("#article-1-text")
    first_text.fill(first_text.input_value() + " Postings are limited to 36 months.")
    brazil.get_by_role("button", name="Save the draft").click()
    brazil.wait_for_url(f"**{base}/drafts/2")
    brazil.goto(f"{base}/rounds")
    brazil.get_by_label("Minutes", exact=True).fill("Article 1 revised: postings limited to 36 months.")
    brazil.get_by_label("Revised draft annexed").select_option("2")
    submit(brazil.get_by_role("button", name="Record the minutes"))

    india.goto(f"{base}/rounds")
    settle = india.locator("fieldset", has=india.locator("legend", has_text="Settle the point on article 1"))
    settle.get_by_label("Resolved in a round").check()
    settle.get_by_label("How it was resolved, or the correspondence that settled it").fill("36 months, as revised.")
    submit(settle.get_by_role("button", name="Record the outcome"))
    assert "Resolved in a round" in india.locator("main").inner_text()
    check_page(india, "texts-rounds")

    india.goto(f"{base}/compare?a=1&b=2")
    assert india.locator("ins").filter(has_text="36 months").count() >= 1
    check_page(india, "texts-compare")

    for head, party in ((india, "IN"), (brazil, "BR")):
        head.goto(f"{base}/drafts/2")
        submit(head.get_by_role("button", name=f"Initial the text for {party}"))
    take_step(india, base, "Conclude the negotiations")

    # Step 4: each party's authorities review the text; the official languages are agreed.
    for head, authority in ((india, "Ministry of Law and Justice"), (brazil, "Ministério das Relações Exteriores")):
        form = closing_form(head, base, "Record the review")
        form.get_by_label("Authority (e.g. Ministry of Justice)").fill(authority)
        form.get_by_label("Approved").check()
        submit(form.get_by_role("button", name="Record the review"))
    form = closing_form(india, base, "Official languages")
    form.get_by_label("Language code").first.fill("en")
    form.get_by_label("Translated by (optional)").nth(1).fill("Ministry of External Affairs")
    form.get_by_label("Language code").nth(1).fill("pt")
    submit(form.get_by_role("button", name="Save the languages"))
    take_step(india, base, "Approve the reviewed text")

    # Step 5: signatures, one of them with full powers.
    for head, capacity, powers in ((india, "minister_of_foreign_affairs", ""),
                                   (brazil, "minister_of_labour", "Full powers of 5 January 2027")):  # fmt: skip
        form = closing_form(head, base, "Sign for")
        form.get_by_label("Signatory (name or office)").fill("Minister")
        form.get_by_label("Capacity").select_option(capacity)
        form.get_by_label("Instrument of full powers", exact=False).fill(powers)
        form.get_by_label("Signed on").fill("2027-01-20")
        form.get_by_label("Place", exact=True).fill("Brasília")
        submit(form.get_by_role("button", name="Record the signature"))
        assert head.get_by_role("alert").count() == 0, head.locator("main").inner_text()[:600]
    take_step(india, base, "Complete the signing")

    # Step 6: approval or ratification, and notification.
    for head, notified in ((india, "2027-03-10"), (brazil, "2027-04-16")):
        form = closing_form(head, base, "Approval or ratification by")
        form.get_by_label("Procedure").select_option("council_of_ministers")
        form.get_by_label("Approved on").fill("2027-03-01")
        form.get_by_label("Notified to the other parties on").fill(notified)
        submit(form.get_by_role("button", name="Record the approval"))
    india.goto(f"{base}/closing")
    computed = india.locator("section[aria-labelledby=entry-into-force]").inner_text()
    assert "Jun 1, 2027, computed from the last notification" in computed, computed
    take_step(india, base, "Complete the approval")

    # Step 7: the administrative arrangement and its forms; the text encoded for the engine.
    form = closing_form(india, base, "Conclude the administrative arrangement")
    form.get_by_label("Title", exact=True).fill("Administrative Arrangement IN–BR")
    form.get_by_label("Data-protection provisions").fill("Used only to apply the Agreement.")
    form.get_by_label("Name", exact=True).fill("IN/BR 1 – certificate of coverage")
    form.get_by_label("Branch").select_option("old_age")
    form.get_by_label("Personal data collected, separated by commas").fill("name, date of birth, employer")
    submit(form.get_by_role("button", name="Save the arrangement"))
    form = closing_form(brazil, base, "Sign the administrative arrangement")
    form.get_by_label("Signed on").fill("2027-04-20")
    submit(form.get_by_role("button", name="Sign the arrangement"))
    form = closing_form(india, base, "Start the encoding")
    form.get_by_label("Agreement id").fill("in-br-browser")
    for label, number in (("the scope", "3"), ("equality of treatment", "4"), ("export of benefits", "5"),
                          ("the applicable legislation", "6"), ("totalization", "9")):  # fmt: skip
        form.get_by_label(f"Article on {label}").select_option(number)
    submit(form.get_by_role("button", name="Save the encoding"))
    assert "in-br-browser" in india.locator("#encoding ~ p").first.inner_text()
    check_page(india, "closing-before-entry-into-force")

    # Step 8: entry into force on the date the rule gives (first day of the second month).
    take_step(india, base, "Enter into force")
    brazil.goto(f"{base}/closing")
    assert "In force since Jun 1, 2027" in brazil.locator("main").inner_text()
    assert brazil.get_by_role("button", name="Record the signature").count() == 0  # read-only now
    check_page(brazil, "closing-in-force")

    # Delegation notes stay with their delegation.
    india.goto(f"{base}/notes")
    india.get_by_label("New note").fill("IN only: we could accept 48 months.")
    submit(india.get_by_role("button", name="Add the note"))
    assert "we could accept 48 months" in india.locator("main").inner_text()
    brazil.goto(f"{base}/notes")
    assert "48 months" not in brazil.content()
    india_context.close()
    brazil_context.close()
