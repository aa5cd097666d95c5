"""Agreeing a review's requested modifications from the closing page (ILO brief, step 4): refused
with its rule until the changed text has every party's consent, then recorded."""

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from coordina.app import create_app
from tests.negotiation.conftest import PASSWORD, api_client
from tests.negotiation.process import TEXT, Process, open_process


@pytest.fixture
def in_review(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Process]]:
    app = create_app(f"sqlite:///{tmp_path_factory.mktemp('agree') / 'coordina.db'}")
    with api_client(app) as api, TestClient(app) as pages:
        process = open_process(api)
        process.to_review()
        process.ph.call("POST", f"{process.base}/reviews", 204, json={
            "authority": "Department of Justice", "outcome": "modifications_requested",
            "modifications": "Article 1: name the competent institution"})  # fmt: skip
        yield pages, process
    app.state.db.engine.dispose()


def sign_in(pages: TestClient, username: str) -> str:
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', pages.get("/signin").text)
    assert csrf
    answer = pages.post("/signin", data={"username": username, "password": PASSWORD, "csrf_token": csrf[1]},
                        follow_redirects=False)  # fmt: skip
    assert answer.status_code == 303, answer.text
    return csrf[1]


def test_the_modifications_are_agreed_once_every_party_consented_to_the_changed_text(
    in_review: tuple[TestClient, Process],
) -> None:
    pages, process = in_review
    csrf = sign_in(pages, "kim")
    closing = pages.get(f"{process.base}/closing").text
    action = re.search(r'action="(/negotiations/\d+/closing/reviews/(\d+)/agree)"', closing)
    assert action, "the head of delegation is offered to agree the modifications"

    refused = pages.post(action[1], data={"csrf_token": csrf})
    assert refused.status_code == 422
    assert "have every party consent to it before agreeing the modifications" in refused.text

    changed = [{**TEXT[0], "text": "Old-age pensions, paid by the competent institution."}, *TEXT[1:]]
    draft = process.kr.call("POST", f"{process.base}/drafts", 201, json={"kind": "change", "articles": changed})
    for head in (process.kr, process.ph):
        head.call("POST", f"{process.base}/drafts/{draft['number']}/consent")
    agreed = pages.post(action[1], data={"csrf_token": csrf}, follow_redirects=False)
    assert agreed.status_code == 303
    after = pages.get(f"{process.base}/closing").text
    assert "(agreed by all)" in after and action[1] not in after  # nothing left to agree
