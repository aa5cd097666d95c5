"""The documents from the web application: a draft as AKN, DOCX and PDF, two drafts as tracked
changes, for a signed-in party only (``web/drafting_documents_pages``)."""

import io
import zipfile
from collections.abc import Iterator

import docx
import pytest
from fastapi.testclient import TestClient

from coordina.app import create_app
from coordina.services.drafting.akn import akn_problems
from tests.negotiation.conftest import api_client
from tests.negotiation.process import TEXT, Process, open_process
from tests.web.test_closing_agree import sign_in


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Process]]:
    app = create_app(f"sqlite:///{tmp_path_factory.mktemp('downloads') / 'coordina.db'}")
    with api_client(app) as api, TestClient(app) as pages:
        process = open_process(api)
        process.to_negotiations()
        changed = [{**TEXT[0], "text": "Old-age and invalidity pensions."}, TEXT[1]]
        process.ph.call("POST", f"{process.base}/drafts", 201, json={"kind": "counterproposal", "articles": changed})
        sign_in(pages, "kim")
        yield pages, process
    app.state.db.engine.dispose()


def test_a_draft_downloads_as_akn_docx_and_pdf(site: tuple[TestClient, Process]) -> None:
    pages, process = site
    xml = pages.get(f"{process.base}/drafts/1/document.xml")
    assert xml.status_code == 200 and xml.headers["content-type"] == "application/akn+xml"
    assert akn_problems(xml.content) == []
    word = pages.get(f"{process.base}/drafts/2/document.docx")
    assert 'filename="negotiation-' in word.headers["content-disposition"]
    assert "Old-age and invalidity pensions." in [p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs]
    assert pages.get(f"{process.base}/drafts/1/document.pdf").content.startswith(b"%PDF")
    assert pages.get(f"{process.base}/drafts/1/document.exe").status_code == 404
    assert pages.get(f"{process.base}/drafts/1/document.docx?language=fr").status_code == 422  # not translated
    assert pages.get(f"{process.base}/drafts/9/document.xml").status_code == 404


def test_two_drafts_download_as_tracked_changes(site: tuple[TestClient, Process]) -> None:
    pages, process = site
    page = pages.get(f"{process.base}/compare/1/2/changes.html")
    assert page.status_code == 200 and "<ins>and invalidity </ins>" in page.text
    tracked = pages.get(f"{process.base}/compare/1/2/changes.docx")
    with zipfile.ZipFile(io.BytesIO(tracked.content)) as package:
        assert b"<w:ins " in package.read("word/document.xml")


def test_downloads_need_a_signed_in_party(site: tuple[TestClient, Process]) -> None:
    pages, process = site
    stranger = TestClient(pages.app)  # the same site, another browser: signed in as no one
    answer = stranger.get(f"{process.base}/drafts/1/document.xml", follow_redirects=False)
    assert answer.status_code in (303, 401) and b"akomaNtoso" not in answer.content
