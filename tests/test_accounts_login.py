"""Logging in, on SQLite and PostgreSQL: one answer for an unknown user and a wrong password,
throttled failures, bounded hashing, tokens that expire, rotate and are revoked, and the
command line's ``coordina login``."""

import json
import stat
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from typer.testing import CliRunner

from coordina.cli import app
from coordina.errors import Unauthorized
from coordina.services import auth
from coordina.services.accounts import hashing
from coordina.services.database import open_database
from coordina.store.tables import ApiToken, LoginFailure
from tests.negotiation import conftest as negotiation
from tests.negotiation.conftest import PASSWORD, Delegate

database_url, client = negotiation.database_url, negotiation.client  # SQLite, and PostgreSQL when it is set
runner = CliRunner()


def _login(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    return client.post("/auth/token", data={"username": username, "password": password})


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _shift(client: TestClient, table: Any, column: Any, by: timedelta) -> None:
    """Move stored times into the past: the clock moved on, without sleeping."""
    with client.app.state.db.transaction() as session:  # type: ignore[attr-defined]
        for row in session.scalars(select(table)):
            setattr(row, column, getattr(row, column) - by)


def test_an_unknown_user_and_a_wrong_password_get_the_same_answer(client: TestClient) -> None:
    Delegate(client, "kim")

    unknown, wrong = _login(client, "nobody_here"), _login(client, "kim", "not the password")

    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json() == wrong.json()
    assert unknown.json()["rule"] == "credentials"
    assert unknown.headers["www-authenticate"] == wrong.headers["www-authenticate"]


def test_failed_logins_are_throttled_per_account_until_the_window_passes(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COORDINA_LOGIN_MAX_FAILURES", "3")
    monkeypatch.setenv("COORDINA_LOGIN_WINDOW_SECONDS", "600")
    Delegate(client, "kim")
    for _ in range(3):
        assert _login(client, "kim", "not the password").status_code == 401

    held = _login(client, "KIM")  # the right password, any case of the name: the account is held

    assert held.status_code == 429 and held.json()["rule"] == "login_throttled"
    assert 0 < int(held.headers["retry-after"]) <= 600
    assert _login(client, "nobody_here", "x").status_code == 401  # another account is not held
    _shift(client, LoginFailure, "at", timedelta(seconds=601))
    assert _login(client, "kim").status_code == 200


def test_failed_logins_are_throttled_per_address(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COORDINA_LOGIN_MAX_FAILURES_PER_ADDRESS", "4")
    Delegate(client, "kim")
    for name in ("ana", "ben", "cho", "dev"):
        assert _login(client, name, "guess guess").status_code == 401

    held = _login(client, "kim")

    assert held.status_code == 429 and "address" in held.json()["detail"]
    assert int(held.headers["retry-after"]) > 0


def test_successful_logins_do_not_count(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COORDINA_LOGIN_MAX_FAILURES", "2")
    Delegate(client, "kim")
    assert _login(client, "kim", "not the password").status_code == 401
    assert [_login(client, "kim").status_code for _ in range(6)] == [200] * 6
    assert _login(client, "kim", "not the password").status_code == 401  # a success cleared the failure
    assert _login(client, "kim").status_code == 200


def test_forty_parallel_logins_hash_at_most_k_at_once(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COORDINA_HASH_CONCURRENCY", "3")
    Delegate(client, "kim")
    pool = hashing.pool()
    pool.peak = 0

    with ThreadPoolExecutor(40) as threads:
        statuses = list(threads.map(lambda _: _login(client, "kim").status_code, range(40)))

    assert statuses == [200] * 40
    assert pool.size == 3 and 1 <= pool.peak <= 3 and pool.busy == 0


def test_a_token_pair_expires_and_is_refreshed_with_rotation(client: TestClient) -> None:
    Delegate(client, "kim")
    pair = _login(client, "kim").json()
    assert set(pair) == {"access_token", "token_type", "expires_in", "refresh_token"}
    assert pair["token_type"] == "bearer" and pair["expires_in"] == 3600
    assert client.get("/negotiations", headers=_bearer(pair["access_token"])).status_code == 200

    _shift(client, ApiToken, "expires_at", timedelta(hours=2))  # the access token's hour is over
    expired = client.get("/negotiations", headers=_bearer(pair["access_token"]))
    assert expired.status_code == 401 and expired.json()["rule"] == "token_expired"
    _shift(client, ApiToken, "expires_at", timedelta(hours=-2))

    renewed = client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert renewed.status_code == 200, renewed.text
    new = renewed.json()
    assert client.get("/negotiations", headers=_bearer(new["access_token"])).status_code == 200
    assert client.get("/negotiations", headers=_bearer(pair["access_token"])).status_code == 401

    replayed = client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert replayed.status_code == 401 and replayed.json()["rule"] == "token_revoked"
    assert client.get("/negotiations", headers=_bearer(new["access_token"])).status_code == 401  # family revoked
    assert client.post("/auth/refresh", json={"refresh_token": new["refresh_token"]}).status_code == 401


def test_logout_revokes_the_login(client: TestClient) -> None:
    Delegate(client, "kim")
    pair, other = _login(client, "kim").json(), _login(client, "kim").json()

    assert client.post("/auth/logout", headers=_bearer(pair["access_token"])).status_code == 204

    revoked = client.get("/negotiations", headers=_bearer(pair["access_token"]))
    assert revoked.status_code == 401 and revoked.json()["rule"] == "token_revoked"
    assert client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]}).status_code == 401
    assert client.get("/negotiations", headers=_bearer(other["access_token"])).status_code == 200


def test_a_password_change_revokes_every_token(client: TestClient) -> None:
    Delegate(client, "kim")
    first, second = _login(client, "kim").json(), _login(client, "kim").json()
    change = {"old_password": PASSWORD, "new_password": "a much better passphrase"}

    wrong = client.post("/auth/password", headers=_bearer(first["access_token"]),
                        json={**change, "old_password": "not the password"})  # fmt: skip
    changed = client.post("/auth/password", headers=_bearer(first["access_token"]), json=change)

    assert wrong.status_code == 401 and changed.status_code == 204, changed.text
    for pair in (first, second):
        assert client.get("/negotiations", headers=_bearer(pair["access_token"])).status_code == 401
        assert client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]}).status_code == 401
    assert _login(client, "kim").status_code == 401
    assert _login(client, "kim", "a much better passphrase").status_code == 200


def test_coordina_login_keeps_a_private_token_and_the_workspace_acts_as_that_user(
    database_url: str, tmp_path: Path
) -> None:
    token_file = tmp_path / "config" / "token"
    env = {"COORDINA_DATABASE_URL": database_url, "COORDINA_PASSWORD": PASSWORD, "COORDINA_TOKEN_FILE": str(token_file)}
    assert runner.invoke(app, ["users", "add", "kim", "--name", "Kim Min-jun"], env=env).exit_code == 0
    opening = ["negotiation", "open", "--title", "KR-PH", "--parties", "KR,PH", "--branches", "old_age",
               "--drafting-party", "KR", "--own-party", "KR"]  # fmt: skip
    nobody = runner.invoke(app, opening, env=env)
    assert nobody.exit_code == 1 and "coordina login" in nobody.stderr

    logged_in = runner.invoke(app, ["login", "KIM"], env=env)

    assert logged_in.exit_code == 0, logged_in.output
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(token_file.parent.stat().st_mode) == 0o700
    saved = json.loads(token_file.read_text())
    assert saved["username"] == "kim" and database_url not in token_file.read_text()
    opened = runner.invoke(app, opening, env=env)
    assert opened.exit_code == 0, opened.output
    shown = runner.invoke(app, ["negotiation", "show", "1", "--json"], env=env)
    assert json.loads(shown.stdout)["title"] == "KR-PH"
    with_as = runner.invoke(app, ["negotiation", "show", "1", "--as", "kim"], env=env)
    if database_url.startswith("postgresql"):
        assert with_as.exit_code == 1 and "login_required" in with_as.stderr and "coordina login" in with_as.stderr
    else:
        assert with_as.exit_code == 0  # the owner of the SQLite file

    assert runner.invoke(app, ["logout"], env=env).exit_code == 0

    assert not token_file.exists()
    db = open_database(database_url)
    with pytest.raises(Unauthorized):
        auth.user_for_token(db, saved["access_token"])
    db.engine.dispose()
    assert runner.invoke(app, ["negotiation", "show", "1"], env=env).exit_code == 1


def test_an_expired_cli_login_is_refreshed(database_url: str, tmp_path: Path) -> None:
    env = {"COORDINA_DATABASE_URL": database_url, "COORDINA_PASSWORD": PASSWORD,
           "COORDINA_TOKEN_FILE": str(tmp_path / "token")}  # fmt: skip
    runner.invoke(app, ["users", "add", "kim"], env=env)
    assert runner.invoke(app, ["login", "kim"], env=env).exit_code == 0
    runner.invoke(app, ["negotiation", "open", "--title", "KR-PH", "--parties", "KR,PH", "--branches", "old_age",
                        "--drafting-party", "KR", "--own-party", "KR"], env=env)  # fmt: skip
    before = json.loads((tmp_path / "token").read_text())
    db = open_database(database_url)
    with db.transaction() as session:
        session.execute(update(ApiToken).where(ApiToken.kind == "access")
                        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))  # fmt: skip
    db.engine.dispose()

    shown = runner.invoke(app, ["negotiation", "show", "1", "--json"], env=env)

    assert shown.exit_code == 0 and json.loads(shown.stdout)["title"] == "KR-PH", shown.output
    after = json.loads((tmp_path / "token").read_text())
    assert after["access_token"] != before["access_token"] and after["refresh_token"] != before["refresh_token"]


def test_a_password_is_never_an_option_value(database_url: str, tmp_path: Path) -> None:
    env = {"COORDINA_DATABASE_URL": database_url, "COORDINA_TOKEN_FILE": str(tmp_path / "token")}
    as_option = runner.invoke(app, ["users", "add", "root", "--admin", "--password", PASSWORD], env=env)
    assert as_option.exit_code == 2  # no such option

    typed_twice = runner.invoke(app, ["users", "add", "root", "--admin"], env=env, input=f"{PASSWORD}\n{PASSWORD}\n")

    assert typed_twice.exit_code == 0, typed_twice.output
    assert "administrator root created" in typed_twice.stdout
    db = open_database(database_url)
    assert auth.is_administrator(db, auth.user_id_by_name(db, "root"))
    db.engine.dispose()
