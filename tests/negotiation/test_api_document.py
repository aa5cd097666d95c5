"""The OpenAPI document is complete, and the engine is reachable over the API."""

import json
from pathlib import Path

from fastapi.testclient import TestClient

from tests.negotiation.conftest import Delegate

EXAMPLE = Path(__file__).parents[2] / "examples" / "au-kr-old-age.yaml"


def test_every_operation_is_documented(client: TestClient) -> None:
    document = client.get("/openapi.json").json()

    operations = [(path, method, op) for path, item in document["paths"].items() for method, op in item.items()]
    assert len(operations) >= 35
    for path, method, operation in operations:
        assert operation.get("summary"), (method, path)
        assert "responses" in operation and operation["tags"], (method, path)
    assert document["components"]["securitySchemes"]["OAuth2PasswordBearer"]["type"] == "oauth2"


def test_the_engine_answers_over_the_api(client: TestClient) -> None:
    import yaml

    case = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    body = json.dumps(case, default=str)
    response = client.post(
        "/library/agreements/au-kr/compute", content=body, headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 200, response.text
    assert {d["scheme"] for d in response.json()["decisions"]} == {"au-age-pension", "kr-nps"}


def test_a_refused_case_names_the_field(client: TestClient) -> None:
    Delegate(client, "kim")
    bad = {"person": {"birth_date": "1960-01-01", "residence": "KR"}, "claim": {"branch": "old_age",
           "date": "2025-01-01"}, "periods": [{"country": "KR", "kind": "insurance", "start": "1990-01-01",
           "end": "1999-12-31"}]}  # fmt: skip

    response = client.post("/library/agreements/ilo-r167-model/compute", json=bad)

    assert response.status_code == 422 and response.json()["rule"] == "agreement"
