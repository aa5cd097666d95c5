"""The verification page of a certificate of coverage: its QR image and the trust list with its
anchors uploaded, the verdict and its reasons in words; a changed text is not valid."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from coordina.exchange.certificate import issue_cc1
from coordina.services.certificate_render import qr_png
from tests.browser.conftest import check_page
from tests.exchange.federation import DE, Federation, federation
from tests.forms.samples import SAMPLES


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> tuple[Federation, str, Path]:
    found = federation(tmp_path_factory.mktemp("verify"))
    now = datetime.now(UTC)
    text = issue_cc1(SAMPLES["coverage_certificate"], found.keys[DE], issued_at=now, expires=now + timedelta(days=365))
    image = found.folder / "certificate.png"
    image.write_bytes(qr_png(text))
    return found, text, image


def test_a_certificate_s_qr_image_is_verified_against_the_trust_list_given(page: Any, issued: Any) -> None:
    found, _, image = issued
    page.goto("/verify")
    check_page(page, "verify-form")
    page.get_by_label("Image or PDF with the QR code (at most 1 MiB)").set_input_files(str(image))
    page.get_by_label("Signed trust list").set_input_files(str(found.trust_list))
    page.get_by_label("Anchors (JSON)").set_input_files(str(found.anchors))
    page.get_by_role("button", name="Verify", exact=True).click()
    page.wait_for_load_state()
    verdict = page.get_by_role("region", name="Valid: the certificate is genuine and in force")
    assert verdict.count() == 1
    assert "Schmidt, Anna Maria" in verdict.inner_text() and DE in verdict.inner_text()
    check_page(page, "verify-valid")


def test_a_changed_text_is_not_valid_with_the_reason_in_words(page: Any, issued: Any) -> None:
    found, text, _ = issued
    page.goto("/verify")
    changed = text[:-6] + ("A" if text[-6] != "A" else "B") + text[-5:]
    page.get_by_label("Its text (beginning with CC1:)").fill(changed)
    page.get_by_label("Signed trust list").set_input_files(str(found.trust_list))
    page.get_by_label("Anchors (JSON)").set_input_files(str(found.anchors))
    page.get_by_role("button", name="Verify", exact=True).click()
    page.wait_for_load_state()
    verdict = page.get_by_role("region", name="Not valid")
    assert verdict.count() == 1 and verdict.locator("li").count() >= 1
    check_page(page, "verify-not-valid")


def test_without_a_trust_list_the_page_says_what_is_missing(page: Any) -> None:
    page.goto("/verify")
    page.get_by_label("Its text (beginning with CC1:)").fill("CC1:NOTHING")
    page.get_by_role("button", name="Verify", exact=True).click()
    summary = page.get_by_role("alert")
    summary.wait_for()
    assert "trust list" in summary.inner_text()
    assert page.get_by_label("Its text (beginning with CC1:)").input_value() == "CC1:NOTHING"  # nothing lost
