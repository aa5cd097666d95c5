"""The administrative arrangement in the browser (ILO brief, step 7): a head of delegation names a
coordina form with its purpose, fields and retention, and a liaison agency; a wrong field is named
beside it; the page stays accessible (axe) and fits a phone."""

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import check_page, sign_in
from tests.browser.test_negotiation_flow import closing_form, submit
from tests.browser.test_texts import Api

TEXT = [{"number": "1", "heading": "Scope", "text": "Old-age pensions."}]
RULE = {"kind": "first_day_of_nth_month_after_last_notification", "months": 2}


@pytest.fixture(scope="module")
def at_step_seven(site: str) -> Iterator[str]:
    """A KR–PH negotiation of the demo's heads, driven through the API to step 7."""
    kr, ph = Api(site, "min_jun"), Api(site, "maria_santos")
    opened = kr.call("POST", "/negotiations", title="Korea–Philippines Arrangement", parties=["KR", "PH"],
                     branches=["old_age"], drafting_party="KR", own_party="KR",
                     entry_into_force_rule=RULE)  # fmt: skip
    base = f"/negotiations/{opened['id']}"
    kr.call("POST", f"{base}/members", username="maria_santos", role="head", party="PH")
    kr.step(base, "complete_preliminary_discussions")
    kr.call("POST", f"{base}/drafts", kind="initial", articles=TEXT)
    kr.call("POST", f"{base}/drafts/1/share")
    kr.step(base, "start_negotiations")
    for head in (kr, ph):
        head.call("POST", f"{base}/drafts/1/initial")
    kr.step(base, "conclude_negotiations")
    for head in (kr, ph):
        head.call("POST", f"{base}/reviews", authority="Justice", outcome="approved")
    kr.step(base, "approve_reviewed_text")
    kr.call("PUT", f"{base}/languages", languages=["en"], expected_version=kr.call("GET", base)["version"])
    for head in (kr, ph):
        head.call("POST", f"{base}/signatures", signatory="Minister", capacity="minister_of_foreign_affairs",
                  signed_on="2027-01-20", place="Seoul")  # fmt: skip
    kr.step(base, "complete_signing")
    for head in (kr, ph):
        head.call("POST", f"{base}/ratifications", procedure="council_of_ministers", approved_on="2027-03-01",
                  notified_on="2027-03-10")  # fmt: skip
    kr.step(base, "complete_approval")
    yield base


def fill_form(form: Any, **typed: str) -> None:
    for label, value in typed.items():
        form.get_by_label(label, exact=True).fill(value)


def test_the_arrangement_names_a_coordina_form_and_a_liaison_agency(page: Any, at_step_seven: str) -> None:
    sign_in(page, "min_jun")
    form = closing_form(page, at_step_seven, "Conclude the administrative arrangement")
    fill_form(form, **{"Title": "Administrative Arrangement KR–PH",
                       "Data-protection provisions": "Used only to apply the Agreement."})  # fmt: skip
    row = form.locator("fieldset", has=page.locator("legend", has_text="Form 1")).first
    fill_form(row, Name="KR/PH 1 – certificate of coverage")
    row.get_by_label("Branch").select_option("old_age")
    row.get_by_label("coordina form exchanged (optional)").select_option("coverage_certificate")
    row.get_by_label("Purpose: what the form is collected for").fill("Show a posted worker's legislation.")
    row.get_by_label("Fields of the coordina form collected, separated by commas").fill("person.surname, wages")
    row.get_by_label("Kept for").fill("ten years")
    body = form.locator("fieldset", has=page.locator("legend", has_text="Liaison agency or competent institution 1"))
    fill_form(body.first, Id="KR:nps", **{"Name of the body": "National Pension Service"})
    body.first.get_by_label("Party").select_option("KR")
    body.first.get_by_label("Role").select_option("liaison_agency")
    submit(form.get_by_role("button", name="Save the arrangement"))

    summary = page.get_by_role("alert")
    assert "The form coverage_certificate has no field wages." in summary.inner_text()
    assert "Give a duration such as P10Y" in summary.inner_text()
    assert page.get_by_label("Name of the body").first.input_value() == "National Pension Service"  # kept
    check_page(page, "closing-arrangement-errors")

    page.get_by_label("Fields of the coordina form collected, separated by commas").first.fill(
        "person.surname, legislation.start"
    )
    page.get_by_label("Kept for").first.fill("P10Y")
    submit(page.get_by_role("button", name="Save the arrangement"))

    forms = page.get_by_role("table", name="Forms of the arrangement and the personal data each collects")
    assert "coverage_certificate v1" in forms.inner_text() and "P10Y" in forms.inner_text()
    bodies = page.get_by_role("table", name="Liaison agencies and competent institutions the arrangement names")
    assert "National Pension Service" in bodies.inner_text() and "Liaison agency" in bodies.inner_text()
    check_page(page, "closing-arrangement")
