"""Every rule of the workspace refused when broken, with the rule named; on SQLite and PostgreSQL."""

import pytest
from fastapi.testclient import TestClient

from tests.negotiation.conftest import Delegate
from tests.negotiation.process import TEXT, open_process


def test_an_unauthenticated_request_is_refused(client: TestClient) -> None:
    assert client.get("/negotiations").status_code == 401
    assert client.get("/negotiations", headers={"Authorization": "Bearer forged"}).status_code == 401


def test_a_wrong_password_gets_no_token(client: TestClient) -> None:
    Delegate(client, "kim")
    response = client.post("/auth/token", data={"username": "kim", "password": "not the password"})
    assert response.status_code == 401


def test_an_outsider_sees_nothing(client: TestClient) -> None:
    process = open_process(client)
    outsider = Delegate(client, "mallory")
    outsider.refused("GET", process.base, 403, "participant")
    assert outsider.call("GET", "/negotiations") == []


def test_steps_happen_in_order(client: TestClient) -> None:
    process = open_process(client)
    detail = process.kr.refused("POST", f"{process.base}/steps", 422, "step_order",
                                json={"event": "conclude_negotiations", "expected_version": 1})  # fmt: skip
    assert "not possible in step 1" in detail["detail"]


def test_a_guard_that_does_not_hold_is_named(client: TestClient) -> None:
    process = open_process(client, with_ph_head=False)
    detail = process.kr.refused("POST", f"{process.base}/steps", 422, "every_party_has_a_head_of_delegation",
                                json={"event": "complete_preliminary_discussions", "expected_version": 1})  # fmt: skip
    assert "PH" in detail["detail"]


def test_observers_read_but_never_write(client: TestClient) -> None:
    process = open_process(client)
    process.ph_observer.call("GET", f"{process.base}/profiles/PH")
    process.ph_observer.refused("PUT", f"{process.base}/profiles/PH", 403, "role",
                                json={"content": {"other_policies": "x"}, "expected_version": 0})  # fmt: skip


def test_a_delegation_edits_only_its_own_profile(client: TestClient) -> None:
    process = open_process(client)
    process.kr.refused("PUT", f"{process.base}/profiles/PH", 403, "own_delegation",
                       json={"content": {"other_policies": "x"}, "expected_version": 0})  # fmt: skip


def test_a_stale_write_gets_409_never_a_silent_overwrite(client: TestClient) -> None:
    process = open_process(client)
    path = f"{process.base}/profiles/KR"
    process.kr.call("PUT", path, json={"content": {"other_policies": "first"}, "expected_version": 0})
    process.kr_member.refused("PUT", path, 409, "optimistic_lock",
                              json={"content": {"other_policies": "second"}, "expected_version": 0})  # fmt: skip
    assert process.kr.call("GET", path)["content"] == {"other_policies": "first"}
    process.kr.refused("POST", f"{process.base}/steps", 409, "optimistic_lock",
                       json={"event": "complete_preliminary_discussions", "expected_version": 0})  # fmt: skip


def test_only_the_designated_party_prepares_the_initial_draft(client: TestClient) -> None:
    process = open_process(client)
    process.step("complete_preliminary_discussions")
    process.ph.refused(
        "POST", f"{process.base}/drafts", 403, "drafting_party", json={"kind": "initial", "articles": TEXT}
    )


def test_only_heads_initial_and_only_the_host_drafts_minutes(client: TestClient) -> None:
    process = open_process(client)
    process.to_negotiations()
    process.kr_member.refused("POST", f"{process.base}/drafts/1/initial", 403, "only_heads_initial")
    process.ph.call("POST", f"{process.base}/rounds", 201, json={"held_on": "2026-05-04", "host_party": "PH"})
    minutes = {"text": "x", "annexed_draft": 1, "participants": ["a"], "expected_version": 1}
    process.kr.refused("PUT", f"{process.base}/rounds/1/minutes", 403, "host_drafts_minutes", json=minutes)


def test_the_initialled_text_is_frozen_and_changes_need_every_consent(client: TestClient) -> None:
    process = open_process(client)
    process.to_negotiations()
    process.kr.call("POST", f"{process.base}/drafts/1/initial")
    process.ph.call("POST", f"{process.base}/drafts/1/initial")
    process.kr.refused("POST", f"{process.base}/drafts", 422, "initialled_text_frozen",
                       json={"kind": "revision", "articles": TEXT[:1]})  # fmt: skip
    process.kr.call("POST", f"{process.base}/drafts", 201, json={"kind": "change", "articles": TEXT[:1]})
    process.kr.call("POST", f"{process.base}/drafts/2/consent")
    assert process.step("conclude_negotiations")["step"] == 4  # the initialled draft 1 still stands
    audit = [e["action"] for e in process.kr.call("GET", f"{process.base}/audit")]
    assert audit.count("initial") == 2 and "consent_to_change" in audit


def test_open_contentious_points_block_the_end_of_negotiations(client: TestClient) -> None:
    process = open_process(client)
    process.to_negotiations()
    process.ph.call("POST", f"{process.base}/points", 201, json={"article": "2", "subject": "x",
                                                                  "positions": {"PH": "no"}})  # fmt: skip
    process.kr.call("POST", f"{process.base}/drafts/1/initial")
    process.ph.call("POST", f"{process.base}/drafts/1/initial")
    process.kr.refused("POST", f"{process.base}/steps", 422, "no_open_contentious_points",
                       json={"event": "conclude_negotiations", "expected_version": process.version()})  # fmt: skip


def test_internal_notes_are_visible_to_their_delegation_alone(client: TestClient) -> None:
    process = open_process(client)
    process.kr_member.call("POST", f"{process.base}/notes", 201, json={"text": "fallback: 48 months"})
    assert [n["text"] for n in process.kr.call("GET", f"{process.base}/notes")] == ["fallback: 48 months"]
    assert process.ph.call("GET", f"{process.base}/notes") == []
    assert process.facilitator.call("GET", f"{process.base}/notes") == []
    assert "add_note" not in [e["action"] for e in process.ph.call("GET", f"{process.base}/audit")]


def test_only_heads_sign_and_other_signatories_need_full_powers(client: TestClient) -> None:
    process = open_process(client)
    process.to_signing()
    signature = {"signatory": "Ambassador", "capacity": "ambassador", "signed_on": "2027-01-20", "place": "Seoul"}
    process.kr_member.refused("POST", f"{process.base}/signatures", 403, "only_heads_sign", json=signature)
    process.kr.refused("POST", f"{process.base}/signatures", 422, "full_powers", json=signature)
    process.kr.call("POST", f"{process.base}/signatures", 204, json={**signature, "full_powers": "Instrument of 5 Jan"})
    process.kr.refused("POST", f"{process.base}/steps", 422, "every_party_signed",
                       json={"event": "complete_signing", "expected_version": process.version()})  # fmt: skip


@pytest.mark.parametrize("outcome", ["suspend", "abandon", "cancel"])
def test_review_without_agreement_ends_in_one_of_the_briefs_outcomes(client: TestClient, outcome: str) -> None:
    process = open_process(client)
    process.to_review()
    choice = {"outcome": outcome, "expected_version": process.version()}
    result = process.kr.call("POST", f"{process.base}/outcome", json=choice)
    assert result["status"] == {"suspend": "suspended", "abandon": "abandoned", "cancel": "cancelled"}[outcome]
    process.kr.refused("POST", f"{process.base}/reviews", 422, "status",
                       json={"authority": "Justice", "outcome": "approved"})  # fmt: skip
    if outcome == "suspend":
        resumed = process.kr.call("POST", f"{process.base}/resume", json={"expected_version": process.version()})
        assert (resumed["status"], resumed["step"]) == ("active", 4)
    else:
        process.kr.refused("POST", f"{process.base}/resume", 422, "resume_suspended",
                           json={"expected_version": process.version()})  # fmt: skip


def test_review_can_send_the_text_back_to_negotiations(client: TestClient) -> None:
    process = open_process(client)
    process.to_review()
    choice = {"outcome": "repeat_negotiations", "expected_version": process.version()}
    result = process.kr.call("POST", f"{process.base}/outcome", json=choice)
    assert (result["step"], result["status"]) == (3, "active")


def test_entry_into_force_needs_every_ratification_and_the_arrangement(client: TestClient) -> None:
    process = open_process(client)
    process.to_signing()
    process.sign_all()
    process.ratify(process.kr, "2027-03-05")
    process.kr.refused("POST", f"{process.base}/steps", 422, "every_party_approved_or_ratified",
                       json={"event": "complete_approval", "expected_version": process.version()})  # fmt: skip
    process.ratify(process.ph, "2027-04-20")
    process.step("complete_approval")
    process.kr.refused("POST", f"{process.base}/steps", 422, "administrative_arrangement_signed",
                       json={"event": "enter_into_force", "expected_version": process.version()})  # fmt: skip


def test_a_refused_entry_into_force_leaves_nothing_half_written(client: TestClient) -> None:
    """The transition writes the step and the log, then finds no encoding: all of it is rolled back."""
    process = open_process(client)
    process.to_signing()
    process.sign_all()
    process.ratify(process.kr, "2027-03-05")
    process.ratify(process.ph, "2027-04-20")
    process.step("complete_approval")
    process.kr.call("PUT", f"{process.base}/arrangement", 204, json={
        "title": "AA", "forms": [{"name": "F1", "branch": "old_age", "personal_data": ["name"]}],
        "data_protection": "purpose limitation"})  # fmt: skip
    process.kr.call("POST", f"{process.base}/arrangement/sign", 204, json={"signed_on": "2027-05-01"})
    version = process.version()

    process.kr.refused("POST", f"{process.base}/steps", 422, "encoded_for_the_engine",
                       json={"event": "enter_into_force", "expected_version": version})  # fmt: skip

    after = process.kr.call("GET", process.base)
    assert (after["step"], after["status"], after["version"]) == (7, "active", version)
    assert "enter_into_force" not in [e["action"] for e in process.kr.call("GET", f"{process.base}/audit")]


def test_translations_are_into_official_languages(client: TestClient) -> None:
    process = open_process(client)
    process.to_signing()
    process.kr.refused(
        "PUT",
        f"{process.base}/languages",
        422,
        "translations",
        json={"languages": ["en"], "translations": {"ko": "MOFA"}, "expected_version": process.version()},
    )
