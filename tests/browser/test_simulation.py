"""The simulation pages in a browser: a small run started from the form (a drawn population of
30 people under a bundled agreement) followed while its worker process computes it, to its tables,
charts and report.json; bad files shown beside their fields; the pages in French and Spanish."""

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_page, new_context, sign_in

DONE_WITHIN = 240_000  # ms: drawing, a worker process's start and the charts, on a busy 2-core machine
RUN = re.compile(r"/simulation/runs/\d+$")


@pytest.fixture(scope="module")
def signed_in(browser: Any, site: str) -> Iterator[Any]:
    context = new_context(browser, site)
    page = context.new_page()
    sign_in(page, "ilo_adviser")
    yield page
    context.close()


@pytest.fixture(scope="module")
def done_run(signed_in: Any) -> str:
    """A run started from the form and followed to its end: the run page's path."""
    page = signed_in
    page.goto("/simulation")
    assert page.title() == "Simulation — coordina"
    check_page(page, "simulation-form")
    page.locator("#agreement").select_option("au-kr")
    page.locator("#population_source-generate").check()
    page.locator("#size").fill("30")
    page.locator("#seed").fill("7")
    page.get_by_role("button", name="Start the simulation").click()
    page.wait_for_url(re.compile(r"/simulation/(launches/[0-9a-f]{32}|runs/\d+)$"))
    if "/launches/" in page.url:
        expect(page.get_by_role("heading", level=1)).to_have_text("Drawing the population")
        check_page(page, "simulation-launch")
        page.wait_for_url(RUN, timeout=DONE_WITHIN)  # HTMX follows the launch to its run
    if page.locator("#run-progress progress").count():  # still queued or running: the progress part polls
        assert page.locator("#run-progress").get_attribute("hx-trigger") == "every 2s"
        check_page(page, "simulation-run-progress")
    page.locator("#table-totals").wait_for(timeout=DONE_WITHIN)  # the page reloads itself once the run is done
    return str(page.url).split("://", 1)[1].split("/", 1)[1]


def test_a_small_run_reaches_done_with_tables_charts_and_its_report(signed_in: Any, done_run: str) -> None:
    page = signed_in
    page.goto("/" + done_run)
    check_page(page, "simulation-run-done")
    expect(page.locator(".state")).to_have_text("done")
    caption = page.locator("#table-totals caption")
    expect(caption).to_have_text("Totals per party over 2026-2050")
    for table in page.locator("table.numbers").all():  # the time frame in every table's caption
        assert "2026-2050" in (table.locator("caption").text_content() or "")
    assert page.locator("#table-totals tbody th").all_inner_texts() == ["Australia (AU)", "South Korea (KR)"]
    assert page.locator("#table-years-au-aud").count() == 1 and page.locator("#table-years-kr-krw").count() == 1
    chart = page.locator("#chart-benefits_added img")
    expect(chart).to_have_attribute("alt", re.compile("Benefits added by the agreement.*2026-2050"))
    assert chart.evaluate("image => image.complete && image.naturalWidth > 0")
    assert page.locator("#fallback").inner_text().startswith("0")
    assert page.locator("#table-assumptions").get_by_text("Discount rate (a year)").count() == 1
    with page.expect_download() as info:
        page.get_by_role("link", name="report.json").click()
    download = info.value
    report = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert report["time_frame"] == "2026-2050" and report["counts"]["people"] == 30
    assert report["agreement"]["id"] == "au-kr" and "by_party_year" in report["tables"]
    assert report["fallback"] == report["counts"]["fallback"]
    outside = page.request.get(f"/{done_run}/files/..%2Fworker.log")
    assert outside.status == 404
    page.goto("/simulation/runs")
    check_page(page, "simulation-runs")
    row = page.locator("tbody tr").filter(has=page.locator(f'a[href="/{done_run}"]'))
    expect(row.locator(".state")).to_have_text("done")
    # the same request again is the same run: nothing is computed twice
    page.goto("/simulation")
    page.locator("#size").fill("30")
    page.locator("#seed").fill("7")
    page.get_by_role("button", name="Start the simulation").click()
    page.wait_for_url(RUN)
    assert page.url.endswith(done_run)


def test_bad_files_are_shown_beside_their_fields_and_nothing_typed_is_lost(signed_in: Any) -> None:
    page = signed_in
    page.goto("/simulation")
    page.locator("#agreement_source-draft").check()
    page.locator("#agreement_file").set_input_files(
        {"name": "draft.yaml", "mimeType": "application/yaml", "buffer": b"id: draft\nparties: [AU, KR]\nkind: x\n"}
    )
    page.locator("#population_source-register").check()
    register = (
        "person,birth_date,residence,country,kind,start,end\n"
        "1,1960-01-01,AU,AU,employment,1990-01-01,1999-12-31\n"
        "2,1960-13-01,AU,KR,employment,1990-01-01,1999-12-31\n"
        "3,1961-01-01,AU,KR,employment,2000-01-01,1990-12-31\n"
    )
    page.locator("#register_file").set_input_files(
        {"name": "register.csv", "mimeType": "text/csv", "buffer": register.encode()}
    )
    page.locator("#last_year").fill("2040")
    page.get_by_role("button", name="Start the simulation").click()
    page.locator(".error-summary").wait_for()
    assert page.title() == "Simulation — coordina"
    check_page(page, "simulation-form-errors")
    problems = page.locator("#agreement_file-problems li")
    assert problems.count() >= 1 and "Line" in problems.first.inner_text()
    expect(page.locator("#agreement_file-error")).to_contain_text("draft.yaml cannot be used")
    expect(page.locator("#agreement_file")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#register_file-error")).to_contain_text("Bad rows in the register: 2")
    rows = page.locator("#register-rows tbody tr")
    assert [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())] == ["2", "3"]
    assert "birth_date" in rows.nth(0).inner_text() and "end" in rows.nth(1).inner_text()
    expect(page.locator("#register_file-kept")).to_contain_text("register.csv")  # kept: no need to send it again
    expect(page.locator("#last_year")).to_have_value("2040")
    expect(page.locator("#population_source-register")).to_be_checked()
    summary = page.locator(".error-summary a")
    assert {link.get_attribute("href") for link in summary.all()} >= {"#agreement_file", "#register_file"}


@pytest.mark.parametrize(("language", "heading", "words"), [
    ("fr", "Simulation", "Lancer la simulation"),
    ("es", "Simulación", "Iniciar la simulación"),
])  # fmt: skip
def test_the_pages_in_french_and_spanish(
    signed_in: Any, done_run: str, language: str, heading: str, words: str
) -> None:
    page = signed_in
    page.goto(f"/simulation?lang={language}")
    assert page.locator("html").get_attribute("lang") == language
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("#start")).to_have_text(words)
    check_page(page, f"simulation-form-{language}")
    page.goto(f"/{done_run}?lang={language}")
    expect(page.locator("#table-totals caption")).to_contain_text("2026-2050")
    assert "Totals" not in page.locator("#table-totals caption").inner_text()
    check_page(page, f"simulation-run-{language}")
    page.goto(f"/simulation/runs?lang={language}")
    check_page(page, f"simulation-runs-{language}")
