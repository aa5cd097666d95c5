"""The calculator in a browser: a case from the form and from an uploaded file, the result and
its trace, the decision downloaded and printed, an invalid form corrected, and the whole
calculator (adding and removing rows too) without JavaScript."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from coordina.services import catalog
from coordina.services.compute import compute
from tests.browser.conftest import check_page, new_context, sign_in

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "au-kr-old-age.yaml"
PERIODS = [  # examples/au-kr-old-age.yaml
    {"country": "KR", "kind": "insurance", "activity": "employed", "start": "1985-01-01", "end": "1991-12-31"},
    {"country": "AU", "kind": "residence", "start": "1992-01-01", "end": "2025-05-31"},
    {"country": "AU", "kind": "employment", "activity": "employed", "start": "1992-03-01", "end": "2009-12-31"},
]


@pytest.fixture(scope="module")
def expected() -> Any:
    case, _ = catalog.read_case(EXAMPLE)
    return compute(case)


@pytest.fixture(scope="module")
def signed_in(browser: Any, site: str) -> Iterator[Any]:
    context = new_context(browser, site)
    page = context.new_page()
    sign_in(page, "priya_nair")
    yield page
    context.close()


def fill_person_and_claim(page: Any) -> None:
    page.locator("#agreement").select_option("au-kr")
    page.locator("#birth_date").fill("1958-03-10")
    page.locator("#nationality").fill("KR")
    page.locator("#residence").fill("AU")
    page.locator("#branch").select_option("old_age")
    page.locator("#claim_date").fill("2025-06-01")


def fill_period(page: Any, index: int, period: dict[str, str]) -> None:
    for name, value in period.items():
        target = page.locator(f"#periods-{index}-{name}")
        if name in ("kind", "activity"):
            target.select_option(value)
        else:
            target.fill(value)


def add_period(page: Any, rows: int, focused: bool = True) -> None:
    page.get_by_role("button", name="Add a period").click()
    page.locator("fieldset.period").nth(rows).wait_for()
    if focused:  # with JavaScript, the new row's first field has the focus
        # expect() polls in Playwright's own script: a string predicate would need eval, which the CSP forbids
        expect(page.locator(f"#periods-{rows}-country")).to_be_focused()


def test_a_case_from_the_form_gives_each_party_its_decision_and_trace(signed_in: Any, expected: Any) -> None:
    page = signed_in
    page.goto("/calculator")
    assert page.title() == "Calculator — coordina"
    check_page(page, "calculator-form")
    fill_person_and_claim(page)
    for index, period in enumerate(PERIODS):
        if index:
            add_period(page, index)
        fill_period(page, index, period)
    page.locator(f"#periods-{len(PERIODS) - 1}-end").press("Enter")  # Enter calculates, never removes a row
    page.locator("#decision").wait_for()

    australia = expected.decision_for("au-age-pension")
    party = page.locator("section.party", has=page.get_by_role("heading", name="Australia (AU): au-age-pension"))
    facts = party.locator("dl.facts").inner_text()
    assert "2,277.82" in facts and "AUD" in facts and "per month" in facts
    assert f"{int(australia.own_months)} months" in facts
    steps = party.locator("ol.trace > li")
    assert steps.count() == len(australia.trace)
    assert party.get_by_role("link", name="Art. 16").get_attribute("href") == "/agreements/au-kr#art-16"
    assert page.get_by_role("table", name="Legislation of Australia (AU)").locator("tbody tr").count() >= 1
    assert page.locator("#periods-2-start").input_value() == "1992-03-01"  # the form is kept to change
    check_page(page, "calculator-result")

    page.emulate_media(media="print")  # the printout is the decision alone
    assert page.locator("#decision").is_visible() and not page.locator("#case-form").is_visible()
    assert not page.get_by_role("heading", name="Change the case").is_visible()
    page.emulate_media(media="screen")
    party.get_by_role("link", name="Art. 16").click()  # the step's basis, on the agreement's page
    page.wait_for_url("**/agreements/au-kr#art-16")
    assert page.locator("#art-16").count() == 1


def test_an_uploaded_file_is_computed_and_the_decision_downloads_as_json(signed_in: Any, expected: Any) -> None:
    page = signed_in
    page.goto("/calculator")
    page.locator("#case_file").set_input_files(str(EXAMPLE))
    page.get_by_role("button", name="Upload and calculate").click()
    page.locator("#decision").wait_for()
    assert page.locator("section.party h3").all_inner_texts() == [
        f"{'Australia' if d.country == 'AU' else 'South Korea'} ({d.country}): {d.scheme}" for d in expected.decisions
    ]
    assert page.locator("#periods-3-country").input_value() == "DE"  # the file's case, in the form
    assert page.locator("#periods-3-certificate").is_checked()

    with page.expect_download() as info:
        page.get_by_role("button", name="Download the decision (JSON)").click()
    download = info.value
    assert download.suggested_filename == "decision-au-kr-2025-06-01.json"
    assert json.loads(Path(download.path()).read_text()) == expected.model_dump(mode="json")


def test_an_invalid_form_shows_each_error_beside_its_field_and_keeps_what_was_typed(signed_in: Any) -> None:
    page = signed_in
    page.goto("/calculator")
    fill_person_and_claim(page)
    page.locator("#birth_date").fill("")
    fill_period(page, 0, {**PERIODS[0], "end": "1984-12-31"})
    page.locator("#calculate").click()

    summary = page.get_by_role("alert")
    summary.wait_for()
    assert "There is a problem" in summary.inner_text()
    expect(page.locator("#error-summary")).to_be_focused()
    assert page.locator("#birth_date-error").inner_text().endswith("Enter the date of birth.")
    assert "on or after the first day" in page.locator("#periods-0-end-error").inner_text()
    assert page.locator("#periods-0-end").input_value() == "1984-12-31"  # nothing typed is lost
    assert page.locator("#nationality").input_value() == "KR"
    check_page(page, "calculator-error")
    summary.get_by_role("link", name="Enter the date of birth.").click()
    assert page.evaluate("document.activeElement.id") == "birth_date"

    page.locator("#birth_date").fill("1958-03-10")
    page.locator("#periods-0-end").fill("1991-12-31")
    page.locator("#calculate").click()
    page.locator("#decision").wait_for()
    assert page.get_by_role("alert").count() == 0


def test_an_invalid_file_lists_its_problems_by_line(signed_in: Any) -> None:
    page = signed_in
    page.goto("/calculator")
    page.locator("#case_file").set_input_files(
        {"name": "case.yaml", "mimeType": "application/yaml", "buffer": b"agreement: au-kr\nperson: {birth_date: x}\n"}
    )
    page.get_by_role("button", name="Upload and calculate").click()
    page.get_by_role("alert").wait_for()
    assert "Line 2:" in page.locator("#case_file-problems").inner_text()
    check_page(page, "calculator-upload-error")


def test_without_javascript_the_calculator_adds_and_removes_rows_and_computes(browser: Any, site: str) -> None:
    context = new_context(browser, site, java_script_enabled=False)
    page = context.new_page()
    page.goto("/calculator")
    assert page.url.endswith("/signin?next=%2Fcalculator")  # the calculator is for signed-in users
    sign_in(page, "priya_nair")
    page.goto("/calculator")
    fill_person_and_claim(page)
    fill_period(page, 0, PERIODS[0])
    add_period(page, 1, focused=False)
    assert page.locator("#periods-0-start").input_value() == "1985-01-01"  # kept through the round trip
    fill_period(page, 1, {**PERIODS[1], "country": "FR"})
    add_period(page, 2, focused=False)
    page.get_by_role("button", name="Remove period 2").click()
    page.wait_for_load_state()
    assert page.locator("fieldset.period").count() == 2  # the row typed wrong is gone, the empty one moved up
    assert page.locator("#periods-1-country").input_value() == ""
    assert page.locator("#periods-0-country").input_value() == "KR"
    fill_period(page, 1, PERIODS[1])
    page.locator("#calculate").click()
    page.locator("#decision").wait_for()
    assert page.get_by_role("heading", name="Australia (AU): au-age-pension").count() == 1
    context.close()


def test_a_formula_step_shows_its_working_and_the_figures_it_used(signed_in: Any) -> None:
    """examples/in-de-earnings.yaml: the EPS theoretical amount 3,619.05 and pro rata 844.44
    (derived by hand in tests/cases/ca-nl_in-de.yaml), with the working and each figure's provision."""
    page = signed_in
    page.goto("/calculator")
    page.locator("#case_file").set_input_files(str(EXAMPLE.parent / "in-de-earnings.yaml"))
    page.get_by_role("button", name="Upload and calculate").click()
    page.locator("#decision").wait_for()
    indian = page.locator("section.party").filter(has_text="in-eps")
    assert "844.44" in indian.inner_text()
    working = indian.locator("details.working").first
    working.locator("summary").click()
    text = working.inner_text()
    assert "pensionable salary" in text and "values.wage_ceiling" in text and "G.S.R. 609(E)" in text
    check_page(page, "calculator-formula-working")
