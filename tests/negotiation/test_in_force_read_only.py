"""After entry into force, what the negotiation concluded is read-only for every role, over the
API; a change is an amendment: a new negotiation whose agreement becomes a new version."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from coordina.store.db import Database
from coordina.store.tables import Base
from tests.negotiation.conftest import Delegate
from tests.negotiation.encoding import encoding
from tests.negotiation.process import ARRANGEMENT, TEXT, Process, open_process, to_entry_into_force

READ_ONLY = "read_only_after_entry_into_force"
SIGNATURE = {"signatory": "Minister", "capacity": "minister_of_foreign_affairs", "signed_on": "1900-01-01",
             "place": "Manila"}  # fmt: skip


def writes(version: int) -> list[tuple[str, str, Any]]:
    """Every write of the workspace on one negotiation, each with a body that would be valid."""
    return [
        ("POST", "/members", {"username": "late", "role": "member", "party": "KR"}),
        ("PUT", "/delegations/KR/representatives", [{"name": "A", "institution": "NPS"}]),
        ("PUT", "/profiles/KR", {"content": {}, "expected_version": 0}),
        ("POST", "/profiles/KR/prefill", {"expected_version": 0}),
        ("POST", "/steps", {"event": "enter_into_force", "expected_version": version}),
        ("POST", "/drafts", {"kind": "change", "articles": TEXT}),
        ("POST", "/drafts/1/share", None),
        ("POST", "/drafts/1/initial", None),
        ("POST", "/drafts/1/consent", None),
        ("POST", "/rounds", {"held_on": "2027-07-01", "host_party": "KR", "participants": ["kim"]}),
        ("PUT", "/rounds/1/minutes", {"text": "x", "annexed_draft": 1, "participants": ["kim"], "expected_version": 0}),
        ("POST", "/points", {"article": "1", "subject": "scope", "positions": {}}),
        ("POST", "/points/1/settle", {"status": "postponed", "round_number": 1, "expected_version": 0}),
        ("POST", "/reviews", {"authority": "Justice", "outcome": "approved"}),
        ("POST", "/reviews/1/agree", None),
        ("POST", "/outcome", {"outcome": "repeat_negotiations", "expected_version": version}),
        ("POST", "/resume", {"expected_version": version}),
        ("PUT", "/languages", {"languages": ["en", "ko"], "expected_version": version}),
        ("POST", "/signatures", SIGNATURE),
        (
            "POST",
            "/ratifications",
            {"procedure": "council_of_ministers", "approved_on": "1900-01-01", "notified_on": "1900-01-02"},
        ),
        ("PUT", "/arrangement", {**ARRANGEMENT, "expected_version": 1}),
        ("POST", "/arrangement/sign", {"signed_on": "1900-01-01"}),
        ("PUT", "/encoding", encoding("kr-ph", ["KR", "PH"]) | {"in_force": None}),
    ]


def snapshot(client: TestClient) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the workspace."""
    db: Database = client.app.state.db  # type: ignore[attr-defined]
    with db.transaction() as session:
        return {t.name: sorted(map(tuple, session.execute(select(t))), key=repr) for t in Base.metadata.sorted_tables}


@pytest.fixture
def in_force(client: TestClient) -> Process:
    process = open_process(client)
    negotiation = to_entry_into_force(process)
    assert (negotiation["step"], negotiation["status"], negotiation["in_force"]) == (8, "in_force", "2027-06-01")
    return process


def test_every_write_by_every_role_is_refused_and_changes_nothing(client: TestClient, in_force: Process) -> None:
    Delegate(client, "late")
    before = snapshot(client)
    version = in_force.version()
    roles = [in_force.kr, in_force.ph, in_force.kr_member, in_force.ph_observer, in_force.facilitator]
    for who in roles:
        for method, path, body in writes(version):
            problem = who.refused(method, in_force.base + path, 422, READ_ONLY, json=body)
            assert problem["type"].endswith("/refused") and "amending negotiation" in problem["detail"]
    assert snapshot(client) == before


def test_a_delegation_still_keeps_its_internal_notes(in_force: Process) -> None:
    note = in_force.kr_member.call("POST", f"{in_force.base}/notes", 201, json={"text": "Brief the minister."})
    assert note["text"] == "Brief the minister."
    in_force.ph_observer.refused("POST", f"{in_force.base}/notes", 403, "role", json={"text": "x"})


def test_an_amendment_is_a_new_version_from_its_own_entry_into_force(client: TestClient, in_force: Process) -> None:
    kr, ph = in_force.kr, in_force.ph
    unknown = {"title": "Amending KR–PH", "parties": ["KR", "PH"], "branches": ["old_age"], "drafting_party": "KR",
               "own_party": "KR", "amends": "kr-xx"}  # fmt: skip
    kr.refused("POST", "/negotiations", 404, "agreement", json=unknown)
    kr.refused("POST", "/negotiations", 422, "amendment_parties", json=unknown | {"amends": "au-kr"})
    amending = kr.call("POST", "/negotiations", 201, json=unknown | {"amends": "kr-ph", "entry_into_force_rule": {
        "kind": "first_day_of_nth_month_after_last_notification", "months": 2}})  # fmt: skip
    assert amending["amends"] == "kr-ph"
    base = f"/negotiations/{amending['id']}"
    kr.call("POST", f"{base}/members", 204, json={"username": "santos", "role": "head", "party": "PH"})
    kr.call("POST", f"{base}/members", 204, json={"username": "lee", "role": "member", "party": "KR"})
    amendment = Process(kr, ph, in_force.kr_member, in_force.ph_observer, in_force.facilitator, base)
    amendment.to_signing()
    amendment.sign_all()
    amendment.ratify(kr, "2029-03-10")
    amendment.ratify(ph, "2029-04-16")
    amendment.step("complete_approval")
    kr.call("PUT", f"{base}/arrangement", 204, json=ARRANGEMENT)
    ph.call("POST", f"{base}/arrangement/sign", 204, json={"signed_on": "2029-04-20"})
    kr.refused("PUT", f"{base}/encoding", 422, "agreement_id", json=encoding("kr-ph", ["KR", "PH"]))
    stray = encoding("kr-ph-2029", ["KR", "PH"]) | {"version_of": "au-kr"}
    kr.refused("PUT", f"{base}/encoding", 422, "amends", json=stray)
    kr.call("PUT", f"{base}/encoding", 204, json=encoding("kr-ph-2029", ["KR", "PH"]))
    assert amendment.step("enter_into_force")["in_force"] == "2029-06-01"

    original = kr.call("GET", "/library/agreements/kr-ph")
    assert original["in_force"] == "2027-06-01" and "version_of" not in original
    new = kr.call("GET", "/library/agreements/kr-ph-2029")
    assert (new["version_of"], new["in_force"]) == ("kr-ph", "2029-06-01")
    assert kr.call("GET", "/library/agreements/kr-ph?on=2028-01-01")["id"] == "kr-ph"
    assert kr.call("GET", "/library/agreements/kr-ph?on=2029-06-01")["id"] == "kr-ph-2029"
