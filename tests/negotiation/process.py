"""Drive a KR–PH negotiation to a given step through the API, for the rule tests."""

from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

from tests.negotiation.conftest import Delegate

TEXT = [{"number": "1", "heading": "Scope", "text": "Old-age pensions."},
        {"number": "2", "heading": "Totalization", "text": "Periods add up."}]  # fmt: skip


@dataclass
class Process:
    kr: Delegate  # head of Korea's delegation
    ph: Delegate  # head of the Philippines' delegation
    kr_member: Delegate
    ph_observer: Delegate
    facilitator: Delegate
    base: str

    def version(self) -> int:
        version: int = self.kr.call("GET", self.base)["version"]
        return version

    def step(self, event: str, who: Delegate | None = None) -> dict[str, Any]:
        result: dict[str, Any] = (who or self.kr).call(
            "POST", f"{self.base}/steps", json={"event": event, "expected_version": self.version()}
        )
        return result

    def to_negotiations(self) -> None:
        self.step("complete_preliminary_discussions")
        self.kr.call("POST", f"{self.base}/drafts", 201, json={"kind": "initial", "articles": TEXT})
        self.kr.call("POST", f"{self.base}/drafts/1/share")
        self.step("start_negotiations")

    def to_review(self) -> None:
        self.to_negotiations()
        self.kr.call("POST", f"{self.base}/drafts/1/initial")
        self.ph.call("POST", f"{self.base}/drafts/1/initial")
        self.step("conclude_negotiations")

    def to_signing(self) -> None:
        self.to_review()
        for head in (self.kr, self.ph):
            head.call("POST", f"{self.base}/reviews", 204, json={"authority": "Justice", "outcome": "approved"})
        self.step("approve_reviewed_text")
        self.kr.call("PUT", f"{self.base}/languages", json={"languages": ["en"], "expected_version": self.version()})

    def sign_all(self) -> None:
        for head in (self.kr, self.ph):
            head.call("POST", f"{self.base}/signatures", 204, json={
                "signatory": "Minister", "capacity": "minister_of_foreign_affairs", "signed_on": "2027-01-20",
                "place": "Manila"})  # fmt: skip
        self.step("complete_signing")

    def ratify(self, head: Delegate, notified_on: str) -> None:
        head.call("POST", f"{self.base}/ratifications", 204, json={
            "procedure": "council_of_ministers", "approved_on": "2027-03-01", "notified_on": notified_on})  # fmt: skip


def open_process(client: TestClient, with_ph_head: bool = True) -> Process:
    kr, ph = Delegate(client, "kim"), Delegate(client, "santos")
    member, observer, facilitator = Delegate(client, "lee"), Delegate(client, "cruz"), Delegate(client, "adviser")
    negotiation = kr.call("POST", "/negotiations", 201, json={
        "title": "KR–PH", "parties": ["KR", "PH"], "branches": ["old_age"], "drafting_party": "KR",
        "own_party": "KR",
        "entry_into_force_rule": {"kind": "first_day_of_nth_month_after_last_notification", "months": 2}})  # fmt: skip
    base = f"/negotiations/{negotiation['id']}"
    if with_ph_head:
        kr.call("POST", f"{base}/members", 204, json={"username": "santos", "role": "head", "party": "PH"})
        ph.call("POST", f"{base}/members", 204, json={"username": "cruz", "role": "observer", "party": "PH"})
    kr.call("POST", f"{base}/members", 204, json={"username": "lee", "role": "member", "party": "KR"})
    kr.call("POST", f"{base}/members", 204, json={"username": "adviser", "role": "facilitator"})
    return Process(kr, ph, member, observer, facilitator, base)


ARRANGEMENT = {
    "title": "Administrative Arrangement KR–PH",
    "data_protection": "Used only to apply the agreement.",
    "forms": [{"name": "KR/PH 1", "branch": "old_age", "personal_data": ["name", "date of birth"]}],
}


def to_entry_into_force(process: Process, agreement_id: str = "kr-ph") -> dict[str, Any]:
    """From step 1 to 8: the agreement ``agreement_id`` enters into force on 2027-06-01."""
    from tests.negotiation.encoding import encoding

    process.to_signing()
    process.sign_all()
    process.ratify(process.kr, "2027-03-10")
    process.ratify(process.ph, "2027-04-16")
    process.step("complete_approval")
    process.kr.call("PUT", f"{process.base}/arrangement", 204, json=ARRANGEMENT)
    process.ph.call("POST", f"{process.base}/arrangement/sign", 204, json={"signed_on": "2027-04-20"})
    process.kr_member.call("PUT", f"{process.base}/encoding", 204, json=encoding(agreement_id, ["KR", "PH"]))
    return process.step("enter_into_force")
