"""Step 7 through the API and the command line: the administrative arrangement names coordina's
forms (purpose, the fields of the form it collects, retention) and the liaison agencies and
competent institutions; every refusal names the field (422 problem+json)."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from tests.negotiation.process import Process, open_process
from tests.negotiation.test_cli import env, run  # noqa: F401  (env is a fixture)

CERTIFICATE: dict[str, Any] = {
    "name": "KR/PH 1 – certificate of coverage",
    "branch": "old_age",
    "form": "coverage_certificate",
    "purpose": "Show that a posted worker stays insured in the sending State.",
    "fields": ["person.surname", "person.birth_date", "legislation.start", "legislation.end"],
    "retention": "P10Y",
}
BODIES: list[dict[str, Any]] = [
    {"id": "KR:nps", "party": "KR", "name": "National Pension Service", "role": "liaison_agency"},
    {"id": "KR:nps", "party": "KR", "name": "National Pension Service", "role": "competent_institution",
     "branches": ["old_age"]},
    {"id": "PH:sss", "party": "PH", "name": "Social Security System", "role": "liaison_agency"},
]  # fmt: skip
ARRANGEMENT: dict[str, Any] = {"title": "Administrative Arrangement KR–PH", "forms": [CERTIFICATE], "bodies": BODIES,
                               "data_protection": "Used only to apply the agreement."}  # fmt: skip


def at_step_seven(client: TestClient) -> Process:
    process = open_process(client)
    process.to_signing()
    process.sign_all()
    process.ratify(process.kr, "2027-03-10")
    process.ratify(process.ph, "2027-04-16")
    process.step("complete_approval")
    return process


@pytest.fixture
def process(client: TestClient) -> Process:
    return at_step_seven(client)


def test_the_arrangement_names_its_forms_and_bodies(process: Process) -> None:
    process.kr.call("PUT", f"{process.base}/arrangement", 204, json=ARRANGEMENT)

    found = process.ph.call("GET", f"{process.base}/arrangement")

    (form,) = found["forms"]
    assert form == {**CERTIFICATE, "version": 1, "personal_data": []}  # the current version, written down
    assert found["bodies"] == [{"branches": [], **BODIES[0]}, BODIES[1], {"branches": [], **BODIES[2]}]
    assert found["data_protection"] == "Used only to apply the agreement." and found["version"] == 1


def test_an_arrangement_without_coordina_forms_or_bodies_still_concludes(process: Process) -> None:
    old = {"title": "AA", "data_protection": "purpose limitation",
           "forms": [{"name": "F1", "branch": "old_age", "personal_data": ["name"]}]}  # fmt: skip
    process.kr.call("PUT", f"{process.base}/arrangement", 204, json=old)
    assert process.kr.call("GET", f"{process.base}/arrangement")["bodies"] is None  # not recorded

    process.kr.call("PUT", f"{process.base}/arrangement", 204, json={**old, "bodies": BODIES, "expected_version": 1})
    process.kr.call("PUT", f"{process.base}/arrangement", 204, json={**old, "expected_version": 2})

    assert len(process.kr.call("GET", f"{process.base}/arrangement")["bodies"]) == 3  # left out: kept


@pytest.mark.parametrize(("change", "rule", "words"), [
    ({"form": "coverage_certificat"}, "arrangement_form", "forms[1].form: there is no form 'coverage_certificat'"),
    ({"fields": ["person.surname", "person.shoe_size", "salary"]}, "arrangement_form",
     "forms[1].fields: form coverage_certificate v1 has no field person.shoe_size, salary"),
    ({"retention": "10 years"}, "arrangement_form", "forms[1].retention: '10 years' is not a duration like P10Y"),
    ({"retention": None}, "arrangement_form", "forms[1].retention: say how long it is kept"),
    ({"version": 7}, "arrangement_form", "forms[1].version: form coverage_certificate has no version 7"),
    ({"form": None}, "arrangement_form", "forms[1].fields: fields are those of a coordina form"),
    ({"personal_data": [], "fields": []}, "form", "form 1 needs a name, a branch and the personal data"),
])  # fmt: skip
def test_a_wrong_form_is_refused_naming_the_field(process: Process, change: dict[str, Any], rule: str,
                                                  words: str) -> None:  # fmt: skip
    form = {key: value for key, value in {**CERTIFICATE, **change}.items() if value is not None}
    problem = process.kr.refused("PUT", f"{process.base}/arrangement", 422, rule,
                                 json={**ARRANGEMENT, "forms": [form]})  # fmt: skip
    assert words in problem["detail"], problem


@pytest.mark.parametrize(("bodies", "words"), [
    ([{**BODIES[0], "id": "JP:nenkin", "party": "JP"}], "bodies[1].party: JP is not a party to the negotiation"),
    ([{**BODIES[0], "id": "PH:nps"}], "bodies[1].id: the id PH:nps does not start with its party KR"),
    ([{**BODIES[0], "id": "KR NPS"}], "bodies[1].id: 'KR NPS' is not an id like KR:nps"),
    ([BODIES[0], BODIES[0]], "bodies[2].id: the id KR:nps is given twice"),
    ([BODIES[0], {**BODIES[1], "name": "Ministry of Health"}], "bodies[2].id: the id KR:nps is given twice"),
])  # fmt: skip
def test_a_wrong_body_is_refused_naming_the_field(process: Process, bodies: list[dict[str, Any]], words: str) -> None:
    problem = process.kr.refused("PUT", f"{process.base}/arrangement", 422, "arrangement_body",
                                 json={**ARRANGEMENT, "bodies": bodies})  # fmt: skip
    assert words in problem["detail"], problem
    assert process.kr.client.get(f"{process.base}/arrangement", headers=process.kr.headers).status_code == 404


@pytest.mark.parametrize(("change", "field"), [
    ({"forms": [{**CERTIFICATE, "retension": "P10Y"}]}, "body.forms.0.retension"),
    ({"forms": [{**CERTIFICATE, "purpose": "p" * 501}]}, "body.forms.0.purpose"),
    ({"bodies": [{**BODIES[0], "role": "competent_authority"}]}, "body.bodies.0.role"),
    ({"bodies": [{**BODIES[0], "branches": ["pensions"]}]}, "body.bodies.0.branches.0"),
    ({"bodies": [{**BODIES[0], "id": "K" * 71}]}, "body.bodies.0.id"),
])  # fmt: skip
def test_a_malformed_request_names_the_field(process: Process, change: dict[str, Any], field: str) -> None:
    problem: Any = process.kr.refused("PUT", f"{process.base}/arrangement", 422, "request",
                                      json={**ARRANGEMENT, **change})  # fmt: skip
    assert field in [error["field"] for error in problem["errors"]], problem


def test_the_cli_concludes_the_arrangement_from_a_file(client: TestClient, env: dict[str, str],  # noqa: F811
                                                      tmp_path: Path) -> None:  # fmt: skip
    process = at_step_seven(client)
    negotiation_id = process.base.rsplit("/", 1)[1]
    file = tmp_path / "arrangement.yaml"
    file.write_text(yaml.safe_dump({**ARRANGEMENT, "bodies": [{**BODIES[0], "id": "KR:NPS"}]}), encoding="utf-8")

    refused = run(env, "kim", "negotiation", "arrangement", negotiation_id, "--file", str(file))
    assert refused.exit_code != 0 and "bodies[1].id" in refused.output, refused.output

    file.write_text(yaml.safe_dump(ARRANGEMENT, allow_unicode=True), encoding="utf-8")
    done = run(env, "kim", "negotiation", "arrangement", negotiation_id, "--file", str(file))
    assert done.exit_code == 0, done.output
    assert "KR:nps (liaison_agency)" in done.output
    assert len(process.kr.call("GET", f"{process.base}/arrangement")["bodies"]) == 3
