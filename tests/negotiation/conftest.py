"""Each negotiation test runs on SQLite and on a real PostgreSQL server.

The PostgreSQL server is the one ``COORDINA_TEST_POSTGRES_URL`` names (``scripts/test``
installs and starts one); every test gets a database of its own, dropped afterwards.
"""

import contextlib
import os
import uuid
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from coordina.api import create_app
from coordina.errors import Refused
from coordina.services import auth
from coordina.store.db import Database

POSTGRES = os.environ.get("COORDINA_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'coordina.db'}"
        return
    if not POSTGRES:
        if os.environ.get("CI"):
            pytest.fail("CI must test PostgreSQL: COORDINA_TEST_POSTGRES_URL is not set")
        pytest.skip("no PostgreSQL server (set COORDINA_TEST_POSTGRES_URL, as scripts/test does)")
    name = f"coordina_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    base = POSTGRES.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


PASSWORD = "correct horse battery"
ADMINISTRATOR = "test_admin"  # creates the tests' users: there is no self-registration
_admin_headers: "weakref.WeakKeyDictionary[Any, dict[str, str]]" = weakref.WeakKeyDictionary()


def make_administrator(db: Database) -> None:
    """The tests' administrator, created on the server side as `coordina users add --admin` does."""
    with contextlib.suppress(Refused):  # made already, by another client of the same database
        auth.create_user(db, ADMINISTRATOR, "Test Administrator", PASSWORD, administrator=True)


def admin_headers(client: TestClient) -> dict[str, str]:
    """An administrator's bearer token for ``client`` (made once per client). A client without an
    ``app`` (httpx over a real server) needs ``make_administrator`` called on the server's database."""
    if client not in _admin_headers:
        app = getattr(client, "app", None)
        if app is not None:
            make_administrator(app.state.db)
        token = client.post("/auth/token", data={"username": ADMINISTRATOR, "password": PASSWORD})
        assert token.status_code == 200, token.text
        _admin_headers[client] = {"Authorization": f"Bearer {token.json()['access_token']}"}
    return _admin_headers[client]


class Delegate:
    """A user of the API, created by the administrator and logged in with a bearer token."""

    def __init__(self, client: TestClient, username: str) -> None:
        self.client = client
        self.username = username
        client.post("/auth/users", headers=admin_headers(client),
                    json={"username": username, "full_name": username.title(), "password": PASSWORD})  # fmt: skip
        token = client.post("/auth/token", data={"username": username, "password": PASSWORD})
        self.headers = {"Authorization": f"Bearer {token.json()['access_token']}"}

    def call(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        response = self.client.request(method, path, headers=self.headers, **kwargs)
        assert response.status_code == expect, (method, path, response.status_code, response.text)
        return response.json() if response.content else None

    def refused(self, method: str, path: str, status: int, rule: str, **kwargs: Any) -> dict[str, str]:
        response = self.client.request(method, path, headers=self.headers, **kwargs)
        assert response.status_code == status, (method, path, response.status_code, response.text)
        problem: dict[str, str] = response.json()
        assert problem["rule"] == rule, problem
        return problem


API = "/api/v1"  # the REST API's root: tests name paths below it ("/negotiations/1")


def api_client(app: FastAPI, **options: Any) -> TestClient:
    """A test client whose relative paths are the API's (httpx appends them to the base path)."""
    return TestClient(app, base_url=f"http://testserver{API}", **options)


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    app = create_app(database_url)
    with api_client(app) as test_client:
        yield test_client
    app.state.db.engine.dispose()
