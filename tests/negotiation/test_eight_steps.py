"""The whole eight-step path, end to end through the REST API, on SQLite and PostgreSQL."""

from datetime import date

from fastapi.testclient import TestClient

import coordina
from coordina.domain import Agreement
from tests.negotiation.conftest import Delegate
from tests.negotiation.encoding import encoding

ARTICLES = [
    {"number": "1", "heading": "Definitions", "text": "Terms used in the agreement."},
    {"number": "2", "heading": "Material scope", "text": "Old-age, invalidity and survivors' pensions."},
    {"number": "3", "heading": "Posting", "text": "A posted worker stays insured at home for 24 months."},
]


def test_from_first_contact_to_entry_into_force(client: TestClient) -> None:
    alice, bob, carol = Delegate(client, "alice"), Delegate(client, "bob"), Delegate(client, "carol")
    erin = Delegate(client, "erin")

    # Opening: Korea and the Philippines, Korea prepares the initial draft.
    negotiation = alice.call(
        "POST",
        "/negotiations",
        201,
        json={
            "title": "Korea–Philippines social security agreement",
            "parties": ["KR", "PH"],
            "branches": ["old_age", "invalidity", "survivors"],
            "drafting_party": "KR",
            "own_party": "KR",
            "time_frame_start": "2026-01-01",
            "time_frame_end": "2027-12-31",
            "entry_into_force_rule": {"kind": "first_day_of_nth_month_after_last_notification", "months": 3},
        },
    )
    base = f"/negotiations/{negotiation['id']}"
    assert (negotiation["step"], negotiation["status"], negotiation["kind"]) == (1, "active", "bilateral")
    alice.call("POST", f"{base}/members", 204, json={"username": "bob", "role": "head", "party": "PH"})
    alice.call("POST", f"{base}/members", 204, json={"username": "carol", "role": "member", "party": "KR"})
    alice.call("POST", f"{base}/members", 204, json={"username": "erin", "role": "facilitator"})

    # Step 1: representatives and country profiles (the brief's checklist), one prefilled from scheme data.
    alice.call(
        "PUT",
        f"{base}/delegations/KR/representatives",
        204,
        json=[
            {"name": "Kim", "institution": "Ministry of Health and Welfare"},
            {"name": "Lee", "institution": "National Pension Service"},
        ],
    )
    profile = alice.call("POST", f"{base}/profiles/KR/prefill", json={"expected_version": 0})
    assert profile["content"]["schemes"][0]["id"] == "kr-nps" and profile["completion"] > 0.3
    bob.call(
        "PUT",
        f"{base}/profiles/PH",
        json={
            "expected_version": 0,
            "content": {
                "personal_scope": "employees and self-employed, including overseas workers",
                "material_scope": ["old_age"],
                "principle_preferences": "totalization with pro-rata benefits",
            },
        },
    )
    negotiation = alice.call(
        "POST",
        f"{base}/steps",
        json={"event": "complete_preliminary_discussions", "expected_version": negotiation["version"]},
    )
    assert negotiation["step"] == 2

    # Step 2: the initial draft from the ILO R167 model, a counterproposal, shared in advance.
    initial = alice.call("POST", f"{base}/drafts", 201, json={"kind": "initial", "based_on": "ilo-r167-model"})
    assert initial["articles"] and initial["based_on"] == "ilo-r167-model"
    bob.call("POST", f"{base}/drafts", 201, json={"kind": "counterproposal", "articles": ARTICLES})
    shared = alice.call("POST", f"{base}/drafts/1/share")
    assert shared["shared_at"] is not None
    negotiation = alice.call(
        "POST", f"{base}/steps", json={"event": "start_negotiations", "expected_version": negotiation["version"]}
    )
    assert negotiation["step"] == 3

    # Step 3: two rounds, minutes by the host, contentious points, a revised draft, initials.
    bob.call("POST", f"{base}/rounds", 201, json={"held_on": "2026-05-04", "host_party": "PH"})
    point = carol.call(
        "POST",
        f"{base}/points",
        201,
        json={
            "article": "3",
            "subject": "posting limit",
            "positions": {"KR": "24 months", "PH": "60 months"},
            "round_number": 1,
        },
    )
    revised = [*ARTICLES[:2], {"number": "3", "heading": "Posting", "text": "Posting for up to 36 months."}]
    carol.call("POST", f"{base}/drafts", 201, json={"kind": "revision", "articles": revised})
    bob.call(
        "PUT",
        f"{base}/rounds/1/minutes",
        json={
            "text": "Scope agreed; the posting limit postponed.",
            "annexed_draft": 3,
            "participants": ["Kim", "Lee", "Santos"],
            "expected_version": 1,
        },
    )
    point = bob.call(
        "POST",
        f"{base}/points/{point['id']}/settle",
        json={"status": "postponed", "round_number": 1, "expected_version": point["version"]},
    )
    alice.call("POST", f"{base}/rounds", 201, json={"held_on": "2026-09-14", "host_party": "KR"})
    alice.call(
        "POST",
        f"{base}/points/{point['id']}/settle",
        json={
            "status": "resolved_in_round",
            "round_number": 2,
            "resolution": "36 months, as in draft 3",
            "expected_version": point["version"],
        },
    )
    other = bob.call(
        "POST",
        f"{base}/points",
        201,
        json={"article": "2", "subject": "survivors", "positions": {"PH": "include funeral grants"}},
    )
    bob.call(
        "POST",
        f"{base}/points/{other['id']}/settle",
        json={
            "status": "resolved_by_correspondence",
            "resolution": "letters of 2 and 20 October 2026: not included",
            "expected_version": other["version"],
        },
    )
    changes = alice.call("GET", f"{base}/drafts/compare", params={"first": 2, "second": 3})
    assert [(c["article"], c["change"]) for c in changes] == [("3", "changed")]
    alice.call("POST", f"{base}/drafts/3/initial")
    bob.call("POST", f"{base}/drafts/3/initial")
    negotiation = bob.call(
        "POST", f"{base}/steps", json={"event": "conclude_negotiations", "expected_version": negotiation["version"]}
    )
    assert negotiation["step"] == 4

    # Step 4: review; the Philippines asks for a change, which every party consents to.
    alice.call("POST", f"{base}/reviews", 204, json={"authority": "Ministry of Justice", "outcome": "approved"})
    bob.call(
        "POST",
        f"{base}/reviews",
        204,
        json={
            "authority": "Department of Foreign Affairs",
            "outcome": "modifications_requested",
            "modifications": "Article 1: add 'competent institution'",
        },
    )
    amended = [
        {"number": "1", "heading": "Definitions", "text": "Terms used, with competent institution."},
        *revised[1:],
    ]
    bob.call("POST", f"{base}/drafts", 201, json={"kind": "change", "articles": amended})
    alice.call("POST", f"{base}/drafts/4/consent")
    bob.call("POST", f"{base}/drafts/4/consent")
    review_id = 2  # the Philippines' review
    bob.call("POST", f"{base}/reviews/{review_id}/agree", 204)
    negotiation = alice.call(
        "POST", f"{base}/steps", json={"event": "approve_reviewed_text", "expected_version": negotiation["version"]}
    )
    assert negotiation["step"] == 5

    # Step 5: official languages and translations, signatures (full powers for an ambassador), originals deposited.
    negotiation = alice.call(
        "PUT",
        f"{base}/languages",
        json={
            "languages": ["ko", "en", "fil"],
            "expected_version": negotiation["version"],
            "translations": {"fil": "Department of Foreign Affairs, translation division"},
        },
    )
    alice.call(
        "POST",
        f"{base}/signatures",
        204,
        json={
            "signatory": "Minister Park",
            "capacity": "minister_of_foreign_affairs",
            "signed_on": "2027-01-20",
            "place": "Seoul",
            "deposited_in": "MOFA treaty registry",
        },
    )
    bob.call(
        "POST",
        f"{base}/signatures",
        204,
        json={
            "signatory": "Ambassador Reyes",
            "capacity": "ambassador",
            "full_powers": "Instrument of 5 January 2027",
            "signed_on": "2027-01-20",
            "place": "Seoul",
            "deposited_in": "DFA treaty division",
        },
    )
    assert negotiation["translations"] == {"fil": "Department of Foreign Affairs, translation division"}
    negotiation = alice.call(
        "POST", f"{base}/steps", json={"event": "complete_signing", "expected_version": negotiation["version"]}
    )

    # Step 6: approval or ratification by each national procedure.
    alice.call(
        "POST",
        f"{base}/ratifications",
        204,
        json={"procedure": "parliamentary_vote", "approved_on": "2027-06-10", "notified_on": "2027-06-20"},
    )
    bob.call(
        "POST",
        f"{base}/ratifications",
        204,
        json={"procedure": "enacting_legislation", "approved_on": "2027-08-01", "notified_on": "2027-08-16"},
    )
    negotiation = alice.call(
        "POST", f"{base}/steps", json={"event": "complete_approval", "expected_version": negotiation["version"]}
    )
    assert negotiation["step"] == 7

    # Step 7: the administrative arrangement and its forms.
    alice.call(
        "PUT",
        f"{base}/arrangement",
        204,
        json={
            "title": "Administrative Arrangement KR–PH",
            "forms": [
                {
                    "name": "KR/PH 1",
                    "branch": "old_age",
                    "personal_data": ["name", "date of birth", "insurance number", "nationality", "residence"],
                }
            ],
            "data_protection": "Data used only to apply the agreement; kept no longer than necessary.",
        },
    )
    bob.call("POST", f"{base}/arrangement/sign", 204, json={"signed_on": "2027-09-01"})
    carol.call("PUT", f"{base}/encoding", 204, json=encoding("kr-ph", ["KR", "PH"]))

    # Step 8: entry into force, on the first day of the third month after the last notification.
    negotiation = alice.call(
        "POST", f"{base}/steps", json={"event": "enter_into_force", "expected_version": negotiation["version"]}
    )
    assert (negotiation["step"], negotiation["status"], negotiation["in_force"]) == (8, "in_force", "2027-11-01")
    listed = erin.call("GET", "/negotiations")
    assert [(n["id"], n["status"]) for n in listed] == [(negotiation["id"], "in_force")]

    # The agreement is now a library agreement the engine applies.
    agreement = Agreement.model_validate(alice.call("GET", "/library/agreements/kr-ph"))
    assert agreement.in_force == date(2027, 11, 1)
    decision = coordina.compute(
        {
            "person": {"birth_date": "1960-01-01", "nationality": ["PH"], "residence": "PH"},
            "claim": {"branch": "old_age", "date": "2028-01-01"},
            "periods": [{"country": "KR", "kind": "insurance", "start": "1990-01-01", "end": "1999-12-31"}],
        },
        agreement,
    )
    assert decision.covered and decision.applicable_legislation == []

    # Every change is in the audit log, in order.
    actions = [entry["action"] for entry in alice.call("GET", f"{base}/audit")]
    assert actions[0] == "open_negotiation" and actions[-1] == "entry_into_force"
    assert {"initial", "sign", "ratify", "sign_arrangement", "consent_to_change"} <= set(actions)
