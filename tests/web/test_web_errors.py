"""Errors outside /api/v1 are pages; inside, problem+json: a body too large, a form without
its CSRF token, an unknown page, a page that needs a signed-in user."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from coordina.app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(f"sqlite:///{tmp_path_factory.mktemp('errors') / 'coordina.db'}", max_body_bytes=2048)
    with TestClient(app) as test_client:
        yield test_client
    app.state.db.engine.dispose()


def test_a_body_too_large_is_a_page_outside_the_api_and_a_problem_inside(client: TestClient) -> None:
    page = client.post("/signin", content=b"x" * 4096, headers={"Accept-Language": "fr"})
    problem = client.post("/api/v1/auth/token", content=b"x" * 4096)

    assert page.status_code == 413 and page.headers["content-type"].startswith("text/html")
    assert '<html lang="fr">' in page.text and "2048" in page.text
    assert problem.status_code == 413 and problem.headers["content-type"] == "application/problem+json"


def test_a_form_without_its_csrf_token_changes_nothing(client: TestClient) -> None:
    answer = client.post("/signin", data={"username": "admin", "password": "x"})

    assert answer.status_code == 403 and "This form has expired" in answer.text
    assert "coordina_session" not in answer.cookies


def test_an_unknown_page_is_a_page_and_an_unknown_api_path_a_problem(client: TestClient) -> None:
    assert client.get("/nowhere").headers["content-type"].startswith("text/html")
    assert client.get("/api/v1/nowhere").headers["content-type"] == "application/problem+json"


def test_a_page_for_signed_in_users_sends_others_to_sign_in(client: TestClient) -> None:
    answer = client.get("/calculator?x=1", follow_redirects=False)

    assert answer.status_code == 303 and answer.headers["location"] == "/signin?next=%2Fcalculator%3Fx%3D1"


def test_pages_carry_their_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers

    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
