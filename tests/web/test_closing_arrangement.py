"""The administrative arrangement on the closing page (ILO brief, step 7): coordina's forms with
their purpose, fields and retention, and the liaison agencies and competent institutions, each
wrong field named beside it (422) with nothing typed lost; the encoding carries them over."""

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from coordina.app import create_app
from tests.negotiation.conftest import api_client
from tests.negotiation.process import Process
from tests.negotiation.test_arrangement_step7 import at_step_seven
from tests.web.test_closing_agree import sign_in

GOOD = {
    "arrangement-title": "Administrative Arrangement KR–PH", "arrangement-protection": "Used only to apply it.",
    "arrangement-version": "0", "arrangement-bodies-recorded": "0",
    "form-1-name": "KR/PH 1", "form-1-branch": "old_age", "form-1-data": "", "form-1-form": "coverage_certificate",
    "form-1-purpose": "Show the posted worker's legislation.", "form-1-fields": "person.surname, legislation.start",
    "form-1-retention": "P10Y",
    "form-2-name": "", "form-2-branch": "", "form-2-data": "", "form-2-form": "", "form-2-purpose": "",
    "form-2-fields": "", "form-2-retention": "",
    "body-1-id": "KR:nps", "body-1-party": "KR", "body-1-name": "National Pension Service",
    "body-1-role": "liaison_agency", "body-1-branches": "old_age",
    "body-2-id": "", "body-2-party": "", "body-2-name": "", "body-2-role": "",
}  # fmt: skip


@pytest.fixture
def at_step_7(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Process, str]]:
    app = create_app(f"sqlite:///{tmp_path_factory.mktemp('arrangement') / 'coordina.db'}")
    with api_client(app) as api, TestClient(app) as pages:
        process = at_step_seven(api)
        yield pages, process, sign_in(pages, "kim")
    app.state.db.engine.dispose()


def test_the_arrangement_names_coordina_forms_and_bodies(at_step_7: tuple[TestClient, Process, str]) -> None:
    pages, process, csrf = at_step_7
    form = pages.get(f"{process.base}/closing").text
    assert 'id="form-1-retention"' in form and 'id="body-1-id"' in form and "person.surname" in form

    saved = pages.post(f"{process.base}/closing/arrangement", data={**GOOD, "csrf_token": csrf},
                       follow_redirects=False)  # fmt: skip
    assert saved.status_code == 303, saved.text[-3000:]

    shown = pages.get(f"{process.base}/closing").text
    assert "coverage_certificate v1" in shown and "P10Y" in shown and "person.surname, legislation.start" in shown
    assert re.search(r'<th scope="row">KR:nps</th><td>KR</td><td>National Pension Service</td><td>Liaison agency</td>',
                     shown)  # fmt: skip
    assert process.kr.call("GET", f"{process.base}/arrangement")["bodies"][0]["branches"] == ["old_age"]


def test_each_wrong_field_is_named_and_nothing_typed_is_lost(at_step_7: tuple[TestClient, Process, str]) -> None:
    pages, process, csrf = at_step_7
    wrong = {**GOOD, "form-1-fields": "person.surname, person.shoe_size", "form-1-retention": "ten years",
             "body-1-id": "JP:nenkin", "body-2-id": "KR:nps", "body-2-party": "KR", "body-2-name": "NPS",
             "body-2-role": "liaison_agency", "csrf_token": csrf}  # fmt: skip
    wrong.pop("body-1-branches")

    refused = pages.post(f"{process.base}/closing/arrangement", data=wrong)

    assert refused.status_code == 422
    page = refused.text
    for field_id, words in [
        ("form-1-fields", "The form coverage_certificate has no field person.shoe_size."),
        ("form-1-retention", "Give a duration such as P10Y"),
        ("body-1-id", "The id starts with the body&#39;s party and a colon."),
    ]:
        assert f'<a href="#{field_id}">{words}' in page, field_id
    assert 'value="ten years"' in page and "person.surname, person.shoe_size</textarea>" in page
    assert 'id="body-1-branches-4" name="body-1-branches" value="old_age"> ' in page  # unchecked stays unchecked
    assert process.kr.client.get(f"{process.base}/arrangement", headers=process.kr.headers).status_code == 404


def test_the_encoding_from_the_page_carries_the_arrangement_over(at_step_7: tuple[TestClient, Process, str]) -> None:
    pages, process, csrf = at_step_7
    pages.post(f"{process.base}/closing/arrangement", data={**GOOD, "csrf_token": csrf})
    chosen = ("scope", "equality", "export", "legislation", "totalization")
    data = {"encoding-id": "kr-ph-web", "csrf_token": csrf, **{f"encoding-{r}": str(n) for n, r in enumerate(chosen)}}

    saved = pages.post(f"{process.base}/closing/encoding", data=data, follow_redirects=False)

    assert saved.status_code == 303, re.findall(r"(?s)role=\"alert\".{0,600}", saved.text)
    process.ph.call("POST", f"{process.base}/arrangement/sign", 204, json={"signed_on": "2027-04-20"})
    process.step("enter_into_force")
    agreement = process.kr.call("GET", "/library/agreements/kr-ph-web")  # in the library the engine uses
    assert [f["form"] for f in agreement["administrative_arrangement"]["forms"]] == ["coverage_certificate"]
    assert [b["id"] for b in agreement["liaison_agencies"]] == ["KR:nps"]
    assert agreement["administrative_arrangement"]["signed"] == "2027-04-20"  # signed after it was encoded
