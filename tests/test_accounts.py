"""Accounts over the API, on SQLite and PostgreSQL: no self-registration, administrators,
invitations into a delegation, user names and passwords."""

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select, text, update

from coordina.services import auth
from coordina.store.db import make_engine
from coordina.store.migrate import upgrade
from coordina.store.tables import Invitation, Membership
from tests.negotiation import conftest as negotiation
from tests.negotiation.conftest import PASSWORD, Delegate, admin_headers

database_url, client = negotiation.database_url, negotiation.client  # SQLite, and PostgreSQL when it is set
NEGOTIATION = {"title": "KR–PH", "parties": ["KR", "PH"], "branches": ["old_age"], "drafting_party": "KR",
               "own_party": "KR"}  # fmt: skip


def _user(username: str, password: str = PASSWORD, **extra: Any) -> dict[str, Any]:
    return {"username": username, "full_name": username.title(), "password": password, **extra}


def _problem(response: Any, status: int, rule: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    problem: dict[str, Any] = response.json()
    assert problem["rule"] == rule, problem
    return problem


def test_nobody_registers_themselves(client: TestClient) -> None:
    kim = Delegate(client, "kim")

    anonymous = client.post("/auth/users", json=_user("mallory"))
    by_a_user = client.post("/auth/users", json=_user("mallory"), headers=kim.headers)

    assert anonymous.status_code == 401
    _problem(by_a_user, 403, "administrator")
    login = client.post("/auth/token", data={"username": "mallory", "password": PASSWORD})
    assert login.status_code == 401


def test_an_administrator_creates_users_and_other_administrators(client: TestClient) -> None:
    admin = admin_headers(client)

    second = client.post("/auth/users", json=_user("second_admin", administrator=True), headers=admin)
    assert second.status_code == 201, second.text
    token = client.post("/auth/token", data={"username": "second_admin", "password": PASSWORD}).json()
    made = client.post("/auth/users", json=_user("kim"), headers={"Authorization": f"Bearer {token['access_token']}"})

    assert made.status_code == 201 and isinstance(made.json()["id"], int)
    assert auth.is_administrator(client.app.state.db, second.json()["id"])  # type: ignore[attr-defined]
    assert not auth.is_administrator(client.app.state.db, made.json()["id"])  # type: ignore[attr-defined]


def test_user_names_are_one_per_person_whatever_the_case_width_or_look_alike_letters(client: TestClient) -> None:
    admin = admin_headers(client)
    assert client.post("/auth/users", json=_user("priya_nair"), headers=admin).status_code == 201
    assert client.post("/auth/users", json=_user("popa"), headers=admin).status_code == 201

    for name, status, rule in [
        ("Priya_Nair", 422, "unique_username"),  # case folded
        ("ｐｒｉｙａ＿ｎａｉｒ", 422, "unique_username"),  # fullwidth forms: NFKC
        ("priya_nair ", 422, "username_spaces"),  # refused, not stripped
        (" priya", 422, "username_spaces"),
        ("priya nair", 422, "username_spaces"),
        ("priyа_nair", 422, "username_script"),  # Cyrillic а among Latin letters
        ("рора", 422, "confusable_username"),  # all Cyrillic, the skeleton of "popa" (Unicode TR39)
        ("priya\u200bnair", 422, "username_characters"),  # zero-width space: a format character
        ("priya/nair", 422, "username_characters"),
    ]:
        response = client.post("/auth/users", json=_user(name), headers=admin)
        problem = _problem(response, status, rule)
        assert problem["detail"], problem
    control = client.post("/auth/users", json=_user("pri\x07ya"), headers=admin)
    assert control.status_code == 422 and "U+0007" in control.text

    for written in ("PRIYA_NAIR", "Priya_Nair", "ｐｒｉｙａ_ｎａｉｒ"):
        login = client.post("/auth/token", data={"username": written, "password": PASSWORD})
        assert login.status_code == 200, (written, login.text)


def test_names_of_one_script_or_of_an_allowed_combination_are_accepted(client: TestClient) -> None:
    admin = admin_headers(client)
    for name in ("Мария_Иванова", "김민준", "山田太郎", "José.García", "anna-lena@ilo", "محمد_علي"):
        response = client.post("/auth/users", json=_user(name, password="a long and unusual passphrase"),
                               headers=admin)  # fmt: skip
        assert response.status_code == 201, (name, response.text)


def test_a_password_is_long_uncommon_and_not_the_user_name(client: TestClient) -> None:
    admin = admin_headers(client)
    for password, rule in [
        (" " * 10, "password_blank"),
        ("aaaaaaaaaaaa", "password_repeated"),
        ("short pw", "password_length"),
        ("ｓｈｏｒｔ", "password_length"),  # counted after NFKC
        ("1234567890", "password_common"),
        ("Password2024!", "password_common"),  # a listed one with digits and punctuation around it
        ("iloveyou12", "password_common"),
        ("my lee_kim secret", "password_username"),
    ]:
        _problem(client.post("/auth/users", json=_user("lee_kim", password), headers=admin), 422, rule)

    accepted = client.post("/auth/users", json=_user("lee_kim", "correct horse battery"), headers=admin)
    assert accepted.status_code == 201


def _accept(client: TestClient, token: str, username: str) -> Any:
    return client.post("/auth/invitations/accept", json={"token": token, **_user(username)})


def test_a_head_invites_members_of_their_delegation_once_and_before_expiry(client: TestClient) -> None:
    kim = Delegate(client, "kim")
    nid = kim.call("POST", "/negotiations", 201, json=NEGOTIATION)["id"]
    invitation = kim.call("POST", "/auth/invitations", 201, json={"negotiation_id": nid, "party": "KR",
                                                                  "role": "observer"})  # fmt: skip
    assert set(invitation) == {"id", "token", "negotiation_id", "party", "role", "expires_at"}
    expires = datetime.fromisoformat(invitation["expires_at"])
    assert timedelta(days=6, hours=23) < expires - datetime.now(UTC) <= timedelta(days=7)

    accepted = _accept(client, invitation["token"], "yoon")
    assert accepted.status_code == 201, accepted.text
    again = _accept(client, invitation["token"], "yoon2")

    _problem(again, 401, "invitation_used")
    yoon = Delegate(client, "yoon")  # logs in with the password chosen on accepting
    assert yoon.call("GET", f"/negotiations/{nid}")["id"] == nid
    db = client.app.state.db  # type: ignore[attr-defined]
    with db.transaction() as session:
        role = session.scalar(select(Membership.role).where(Membership.user_id == accepted.json()["id"]))
        stored = session.scalar(select(Invitation.token_hash).where(Invitation.id == invitation["id"]))
    assert role == "observer" and stored != invitation["token"] and len(stored) == 64
    yoon.refused("POST", f"/negotiations/{nid}/notes", 403, "role", json={"text": "x"})

    late = kim.call("POST", "/auth/invitations", 201, json={"negotiation_id": nid, "party": "KR", "role": "member"})
    with db.transaction() as session:  # the clock moved on: the stored expiry is in the past
        session.execute(update(Invitation).where(Invitation.id == late["id"])
                        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))  # fmt: skip
    _problem(_accept(client, late["token"], "park"), 401, "invitation_expired")
    _problem(_accept(client, "forged", "park"), 401, "invitation")
    assert client.post("/auth/token", data={"username": "park", "password": PASSWORD}).status_code == 401


def test_only_heads_invite_to_their_own_delegation_and_only_administrators_invite_heads(client: TestClient) -> None:
    kim, lee, mallory = Delegate(client, "kim"), Delegate(client, "lee"), Delegate(client, "mallory")
    nid = kim.call("POST", "/negotiations", 201, json=NEGOTIATION)["id"]
    kim.call("POST", f"/negotiations/{nid}/members", 204, json={"username": "lee", "role": "member", "party": "KR"})
    path = "/auth/invitations"

    kim.refused("POST", path, 403, "heads_invite", json={"negotiation_id": nid, "party": "PH", "role": "member"})
    kim.refused("POST", path, 403, "administrator", json={"negotiation_id": nid, "party": "PH", "role": "head"})
    lee.refused("POST", path, 403, "heads_invite", json={"negotiation_id": nid, "party": "KR", "role": "observer"})
    mallory.refused("POST", path, 403, "heads_invite", json={"negotiation_id": nid, "party": "KR", "role": "member"})
    kim.refused("POST", path, 404, "delegation", json={"negotiation_id": nid, "party": "FR", "role": "member"})

    admin = admin_headers(client)
    invited = client.post(path, headers=admin, json={"negotiation_id": nid, "party": "PH", "role": "head"})
    assert invited.status_code == 201, invited.text
    assert _accept(client, invited.json()["token"], "santos").status_code == 201
    santos = Delegate(client, "santos")
    santos.call("POST", f"/negotiations/{nid}/members", 204, json={"username": "mallory", "role": "observer",
                                                                   "party": "PH"})  # fmt: skip


def test_existing_names_get_their_keys_on_upgrade(database_url: str) -> None:
    upgrade(database_url, "0005")
    engine = make_engine(database_url)
    with engine.begin() as connection:
        insert = text("INSERT INTO users (id, username, full_name, password_hash, created_at) "
                      "VALUES (:id, :name, :name, 'x', CURRENT_TIMESTAMP)")  # fmt: skip
        for user_id, name in ((1, "Kim"), (2, "kim"), (3, "Santos")):
            connection.execute(insert, {"id": user_id, "name": name})

    upgrade(database_url)

    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, username, username_key, username_skeleton, administrator "
                                       "FROM users ORDER BY id")).all()  # fmt: skip
    engine.dispose()
    assert [tuple(r) for r in rows] == [(1, "Kim", "kim", "kirn", False), (2, "kim", "kim#2", "kirn#2", False),
                                        (3, "Santos", "santos", "santos", False)]  # fmt: skip
