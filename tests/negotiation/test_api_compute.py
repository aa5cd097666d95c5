"""The engine over the API: for signed-in users, bounded in periods per case."""

import json
from pathlib import Path

import yaml
from fastapi.testclient import TestClient

from tests.negotiation.conftest import Delegate

EXAMPLE = Path(__file__).parents[2] / "examples" / "au-kr-old-age.yaml"
COMPUTE = "/library/agreements/au-kr/compute"


def _case() -> dict[str, object]:
    case: dict[str, object] = json.loads(json.dumps(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")), default=str))
    return case


def test_the_engine_needs_a_signed_in_user(client: TestClient) -> None:
    response = client.post(COMPUTE, json=_case())
    assert response.status_code == 401 and response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"
    forged = client.post(COMPUTE, json=_case(), headers={"Authorization": "Bearer forged"})
    assert forged.status_code == 401


def test_a_case_with_too_many_periods_is_refused_before_the_engine_runs(client: TestClient) -> None:
    kim = Delegate(client, "kim")
    case = _case()
    first = case["periods"][0]  # type: ignore[index]
    case["periods"] = [first] * 1001
    problem = kim.refused("POST", COMPUTE, 422, "periods", json=case)
    assert "at most 1000" in problem["detail"] and problem["type"].endswith("/invalid-case")


def test_a_signed_in_user_gets_the_decision(client: TestClient) -> None:
    kim = Delegate(client, "kim")
    decision = kim.call("POST", COMPUTE, json=_case())
    assert {d["scheme"] for d in decision["decisions"]} == {"au-age-pension", "kr-nps"}
