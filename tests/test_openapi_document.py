"""The OpenAPI document names every error status an operation can return, each an RFC 9457
problem with an example, and what the API really answers matches what it documents."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

from coordina.api import create_app
from coordina.api.openapi import statuses
from tests.negotiation.conftest import API, api_client

PROBLEM = "application/problem+json"
Document = dict[str, Any]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    database = tmp_path_factory.mktemp("openapi") / "coordina.db"
    app = create_app(f"sqlite:///{database}", max_body_bytes=4096)
    with api_client(app) as test_client:
        yield test_client
    app.state.db.engine.dispose()


@pytest.fixture(scope="module")
def document(client: TestClient) -> Document:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    found: Document = response.json()
    return found


def operations(document: Document) -> Iterator[tuple[str, str, Document]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def validator(document: Document, schema: Document) -> Draft202012Validator:
    """A validator of ``schema`` whose ``#/components/...`` references resolve in ``document``."""
    return Draft202012Validator({**schema, "components": document["components"]})


def test_every_operation_documents_its_error_statuses_as_problems(document: Document) -> None:
    count = 0
    for path, method, operation in operations(document):
        expected = statuses(path.removeprefix(API), method, operation, document["components"]["schemas"])
        errors = {int(s) for s in operation["responses"] if int(s) >= 400}
        assert errors == set(expected), (method, path, errors)
        assert 422 in errors, (method, path)
        assert any(200 <= int(s) < 300 for s in operation["responses"]), (method, path)
        for status in errors:
            response = operation["responses"][str(status)]
            assert list(response["content"]) == [PROBLEM], (method, path, status)
            assert response["content"][PROBLEM]["schema"] == {"$ref": "#/components/schemas/Problem"}
        count += 1
    assert count >= 35


def test_the_statuses_follow_what_each_operation_does(document: Document) -> None:
    responses = {(p.removeprefix(API), m): set(o["responses"]) for p, m, o in operations(document)}

    assert {"401", "422", "429"} <= responses[("/auth/token", "post")]
    assert {"401", "403", "404", "409", "413", "422"} <= responses[("/negotiations/{negotiation_id}/steps", "post")]
    assert {"400", "413"}.isdisjoint(responses[("/negotiations/{negotiation_id}/drafts/{number}/share", "post")])
    assert {"401", "403", "404", "422"} <= responses[("/negotiations/{negotiation_id}/audit", "get")]
    assert "409" not in responses[("/negotiations/{negotiation_id}/audit", "get")]  # a read
    assert {"404", "422"} <= responses[("/library/agreements/{agreement_id}", "get")]
    assert "401" not in responses[("/registry/stats", "get")]  # open to all


def test_the_problem_schema_replaces_fastapis_validation_error(document: Document) -> None:
    schemas = document["components"]["schemas"]

    assert {"type", "title", "status", "detail"} <= set(schemas["Problem"]["required"])
    assert {"rule", "errors"} <= set(schemas["Problem"]["properties"])
    assert set(schemas["FieldError"]["required"]) == {"field", "message"}
    assert "HTTPValidationError" not in schemas and "HTTPValidationError" not in str(document["paths"])


def test_every_error_status_has_an_example_that_is_a_valid_problem(document: Document) -> None:
    problem = validator(document, {"$ref": "#/components/schemas/Problem"})
    for path, method, operation in operations(document):
        for status, response in operation["responses"].items():
            if int(status) < 400:
                continue
            examples = response["content"][PROBLEM]["examples"]
            assert examples, (method, path, status)
            for name, example in examples.items():
                problem.validate(example["value"])
                assert example["value"]["status"] == int(status), (method, path, name)


def test_refusal_examples_name_the_rules_of_the_operation(document: Document) -> None:
    def rules(path: str, method: str, status: str) -> set[str]:
        content = document["paths"][API + path][method]["responses"][status]["content"][PROBLEM]
        return {e["value"].get("rule") for e in content["examples"].values()}

    assert "only_heads_sign" in rules("/negotiations/{negotiation_id}/signatures", "post", "403")
    assert "read_only_after_entry_into_force" in rules("/negotiations/{negotiation_id}/encoding", "put", "422")
    assert "step_order" in rules("/negotiations/{negotiation_id}/drafts/{number}/initial", "post", "422")
    assert "request" in rules("/negotiations/{negotiation_id}/steps", "post", "422")  # errors[] example
    assert rules("/negotiations/{negotiation_id}/rounds/{number}/minutes", "put", "404") == {"round"}


def check_against_document(document: Document, path: str, method: str, response: Any) -> dict[str, Any]:
    """The response's status is documented for the operation and its body is what is documented."""
    operation = document["paths"][API + path][method]
    documented = operation["responses"].get(str(response.status_code))
    assert documented is not None, (method, path, response.status_code, list(operation["responses"]))
    media = response.headers["content-type"].split(";")[0]
    assert media in documented["content"], (media, list(documented["content"]))
    body: dict[str, Any] = response.json()
    validator(document, documented["content"][media]["schema"]).validate(body)
    return body


def test_a_live_404_is_the_documented_problem(client: TestClient, document: Document) -> None:
    response = client.get("/library/agreements/no-such-agreement")

    body = check_against_document(document, "/library/agreements/{agreement_id}", "get", response)
    assert response.status_code == 404 and body["rule"] == "agreement"


def test_a_live_422_is_the_documented_problem_with_field_errors(client: TestClient, document: Document) -> None:
    response = client.post("/auth/token", data={"username": "someone"})

    body = check_against_document(document, "/auth/token", "post", response)
    assert response.status_code == 422 and body["type"].endswith("/invalid-request")
    assert {"field": "body.password", "message": "Field required"} in body["errors"]


def test_a_live_401_is_the_documented_problem(client: TestClient, document: Document) -> None:
    for headers in ({}, {"Authorization": "Bearer not-a-token"}):
        response = client.get("/negotiations/1", headers=headers)

        check_against_document(document, "/negotiations/{negotiation_id}", "get", response)
        assert response.status_code == 401 and response.headers["WWW-Authenticate"] == "Bearer"


def test_a_live_413_is_the_documented_problem(client: TestClient, document: Document) -> None:
    response = client.post("/library/agreements/au-kr/compute", content=b"{" + b" " * 8192 + b"}",
                           headers={"Content-Type": "application/json"})  # fmt: skip

    body = check_against_document(document, "/library/agreements/{agreement_id}/compute", "post", response)
    assert response.status_code == 413 and body["rule"] == "body_size"


def test_a_live_400_for_a_body_that_is_not_utf8_is_the_documented_problem(
    client: TestClient, document: Document
) -> None:
    response = client.post("/library/agreements/au-kr/compute", content=b"\xff\xfe{",
                           headers={"Content-Type": "application/json"})  # fmt: skip

    check_against_document(document, "/library/agreements/{agreement_id}/compute", "post", response)
    assert response.status_code == 400


def test_the_document_is_the_same_on_every_request(client: TestClient, document: Document) -> None:
    again = client.get("/openapi.json").json()

    assert again == document


def test_the_static_assets_and_docs_pages_are_not_operations(document: Document) -> None:
    assert not [p for p in document["paths"] if "/static" in p or p.endswith(("/docs", "/redoc"))]
