"""A delegation uploads the DOCX it edited: a counterproposal; a file that is not one is refused in
words; the comparison page links the tracked changes."""

from typing import Any

from tests.browser.conftest import check_page, sign_in

INDIA_BRAZIL = 2


def test_an_edited_docx_becomes_the_delegations_counterproposal(page: Any) -> None:
    sign_in(page, "joao_silva")  # BR's delegation
    page.goto(f"/negotiations/{INDIA_BRAZIL}/drafts/1")
    documents = page.get_by_role("region", name="Documents")
    docx = page.request.get(documents.get_by_role("link", name="Word document (DOCX)").get_attribute("href"))
    assert docx.status == 200

    page.get_by_label("Upload the DOCX your delegation edited").set_input_files(
        files=[{"name": "notes.docx", "mimeType": "application/octet-stream", "buffer": b"not a word file"}]
    )
    page.get_by_role("button", name="Upload as a counterproposal").click()
    assert page.get_by_role("alert").filter(has_text="could not be read as a draft").count() == 1
    check_page(page, "drafting-upload-refused")

    page.get_by_label("Upload the DOCX your delegation edited").set_input_files(
        files=[{"name": "draft-1.docx", "mimeType": "application/octet-stream", "buffer": docx.body()}]
    )
    page.get_by_role("button", name="Upload as a counterproposal").click()
    page.wait_for_url("**/drafts/*")
    number = int(page.url.rsplit("/", 1)[1])
    assert number > 1
    assert page.get_by_text("Counterproposal").count() >= 1

    page.goto(f"/negotiations/{INDIA_BRAZIL}/compare?a=1&b={number}")
    tracked = page.get_by_role("link", name="Word document with tracked changes (DOCX)")
    assert page.request.get(tracked.get_attribute("href")).status == 200
    assert page.request.get(page.get_by_role("link", name="HTML page").get_attribute("href")).status == 200
    check_page(page, "drafting-compare-downloads")
