"""The OpenAPI document is complete, and the engine is reachable over the API."""

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


def test_a_refused_case_names_the_field(client: TestClient) -> None:
    kim = Delegate(client, "kim")
    bad = {"person": {"birth_date": "1960-01-01", "residence": "KR"}, "claim": {"branch": "old_age",
           "date": "2025-01-01"}, "periods": [{"country": "KR", "kind": "insurance", "start": "1990-01-01",
           "end": "1999-12-31"}]}  # fmt: skip

    kim.refused("POST", "/library/agreements/ilo-r167-model/compute", 422, "agreement", json=bad)
