"""Hostile requests to the API: a clear 4xx naming the field, never a 500, and nothing written.

Each case runs on SQLite and on PostgreSQL (the negotiation tests' ``database_url``), where
NUL bytes, over-long strings and ids past the INTEGER range would otherwise fail in the
database.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter
from sqlalchemy import select

from coordina.api import create_app, types
from coordina.store import tables
from coordina.store.tables import Base
from tests.negotiation import conftest as negotiation
from tests.negotiation.conftest import api_client

database_url = negotiation.database_url  # SQLite, and PostgreSQL when COORDINA_TEST_POSTGRES_URL is set

BIG = 2**63  # past a signed 64-bit integer
PAST_INTEGER = 2**31  # past PostgreSQL's INTEGER, the columns' type
N = "/negotiations/1"
SIGNATURE = {"signatory": "Minister", "capacity": "minister_of_foreign_affairs", "signed_on": "2027-01-20",
             "place": "Manila"}  # fmt: skip
NEGOTIATION = {"title": "KR–PH", "parties": ["KR", "PH"], "branches": ["old_age"], "drafting_party": "KR",
               "own_party": "KR"}  # fmt: skip

Case = tuple[str, str, dict[str, Any] | list[Any] | None, int, list[str]]  # method, path, body, status, named


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    app = create_app(database_url)
    with api_client(app, raise_server_exceptions=False) as test_client:
        yield test_client
    app.state.db.engine.dispose()


@pytest.fixture
def kim(client: TestClient) -> negotiation.Delegate:
    """Head of Korea's delegation in negotiation 1, in step 1."""
    head = negotiation.Delegate(client, "kim")
    head.call("POST", "/negotiations", 201, json=NEGOTIATION)
    return head


def _rows(client: TestClient) -> dict[str, list[str]]:
    """Every row of every table, to show that a refused request wrote nothing."""
    with client.app.state.db.engine.connect() as connection:  # type: ignore[attr-defined]
        return {t.name: sorted(map(repr, connection.execute(select(t)).all())) for t in Base.metadata.sorted_tables}


def _refused_all(kim: negotiation.Delegate, cases: list[Case]) -> None:
    admin = negotiation.admin_headers(kim.client)  # /auth/users: an administrator's request
    before = _rows(kim.client)
    for method, path, body, status, named in cases:
        headers = admin if path == "/auth/users" else kim.headers
        response = kim.client.request(method, path, headers=headers, json=body)
        assert response.status_code == status, (method, path, response.status_code, response.text[:500])
        assert "detail" in response.json(), response.text[:500]
        for word in named:
            assert word in response.text, (method, path, word, response.text[:500])
    assert _rows(kim.client) == before


def test_ids_past_the_integer_range_name_no_record(kim: negotiation.Delegate) -> None:
    _refused_all(kim, [
        ("GET", f"/negotiations/{BIG}", None, 404, ["negotiation_id", "no negotiation"]),
        ("GET", f"/negotiations/{-BIG - 1}", None, 404, ["negotiation_id"]),
        ("GET", f"/negotiations/{PAST_INTEGER}", None, 404, ["negotiation_id"]),
        ("GET", f"/negotiations/{BIG * BIG}/audit", None, 404, ["negotiation_id"]),
        ("POST", f"/negotiations/{BIG}/notes", {"text": "note"}, 404, ["negotiation_id"]),
        ("GET", f"{N}/drafts/{BIG}", None, 404, ["number", "no draft"]),
        ("POST", f"{N}/drafts/{PAST_INTEGER}/share", None, 404, ["number"]),
        ("GET", f"{N}/drafts/compare?first={BIG}&second=1", None, 404, ["first"]),
        ("GET", f"{N}/drafts/compare?first=1&second={-BIG}", None, 404, ["second"]),
        ("POST", f"{N}/points/{BIG}/settle", {"status": "postponed", "expected_version": 1}, 404, ["point_id"]),
        ("POST", f"{N}/reviews/{BIG}/agree", None, 404, ["review_id"]),
        ("PUT", f"{N}/rounds/{BIG}/minutes", {"text": "t", "annexed_draft": 1, "participants": [],
                                              "expected_version": 1}, 404, ["number"]),
    ])  # fmt: skip


def test_integers_in_a_body_past_the_column_are_refused_by_field(kim: negotiation.Delegate) -> None:
    _refused_all(kim, [
        ("POST", f"{N}/steps", {"event": "complete_preliminary_discussions", "expected_version": BIG}, 422,
         ["expected_version", "2147483647"]),
        ("POST", f"{N}/steps", {"event": "complete_preliminary_discussions", "expected_version": -BIG}, 422,
         ["expected_version"]),
        ("POST", f"{N}/points", {"article": "1", "subject": "s", "positions": {}, "round_number": PAST_INTEGER},
         422, ["round_number"]),
        ("PUT", f"{N}/rounds/1/minutes", {"text": "t", "annexed_draft": BIG * BIG, "participants": [],
                                          "expected_version": 1}, 422, ["annexed_draft"]),
        ("PUT", f"{N}/profiles/KR", {"content": {}, "expected_version": BIG}, 422, ["expected_version"]),
    ])  # fmt: skip


def test_values_outside_the_vocabulary_name_the_field_and_the_allowed_values(kim: negotiation.Delegate) -> None:
    _refused_all(kim, [
        ("POST", f"{N}/members", {"username": "kim", "role": "emperor", "party": "KR"}, 422,
         ["role", "head", "member", "observer", "facilitator"]),
        ("POST", f"{N}/outcome", {"outcome": "surrender", "expected_version": 1}, 422,
         ["outcome", "repeat_negotiations", "suspend", "abandon", "cancel"]),
        ("POST", f"{N}/points/1/settle", {"status": "forgotten", "expected_version": 1}, 422,
         ["status", "resolved_in_round", "postponed", "resolved_by_correspondence"]),
        ("POST", f"{N}/ratifications", {"procedure": "coup", "approved_on": "2027-03-01",
                                        "notified_on": "2027-03-02"}, 422,
         ["procedure", "parliamentary_vote", "council_of_ministers", "enacting_legislation"]),
        ("POST", "/negotiations", {**NEGOTIATION, "branches": ["lottery"]}, 422, ["lottery"]),
        ("POST", f"{N}/drafts", {"kind": "manifesto"}, 422, ["draft_kind", "initial", "counterproposal"]),
        ("POST", f"{N}/reviews", {"authority": "Justice", "outcome": "shrug"}, 422, ["review_outcome"]),
    ])  # fmt: skip


def test_control_characters_are_refused_by_field(kim: negotiation.Delegate) -> None:
    _refused_all(kim, [
        ("POST", f"{N}/notes", {"text": "a\x00b"}, 422, ["text", "U+0000"]),
        ("POST", "/negotiations", {**NEGOTIATION, "title": "KR\x00PH"}, 422, ["title", "U+0000"]),
        ("POST", "/negotiations", {**NEGOTIATION, "title": "KR\nPH"}, 422, ["title", "U+000A"]),
        ("POST", "/negotiations", {**NEGOTIATION, "parties": ["KR", "P\x00"]}, 422, ["parties", "U+0000"]),
        ("POST", f"{N}/members", {"username": "k\x00im", "role": "member", "party": "KR"}, 422, ["username"]),
        ("PUT", f"{N}/delegations/KR/representatives", [{"name": "\x1b[31mLee", "institution": "NPS"}], 422,
         ["name", "U+001B"]),
        ("PUT", f"{N}/profiles/KR", {"content": {"schemes": [{"name": "a\x00"}]}, "expected_version": 1}, 422,
         ["content", "schemes.0.name", "U+0000"]),
        ("PUT", f"{N}/profiles/KR", {"content": {"sche\x00mes": "x"}, "expected_version": 1}, 422, ["content"]),
        ("PUT", f"{N}/encoding", {"id": "kr-ph\x00"}, 422, ["U+0000"]),
        ("POST", f"{N}/drafts", {"kind": "initial", "articles": [{"number": "1", "text": "t\x00"}]}, 422,
         ["articles", "text", "U+0000"]),
        ("POST", f"{N}/signatures", {**SIGNATURE, "place": "Ma\x00nila"}, 422, ["place"]),
        ("GET", f"{N}/profiles/K%00R", None, 422, ["party", "U+0000"]),
        ("GET", "/registry/agreements?party=K%00R", None, 422, ["party", "U+0000"]),
        ("POST", "/auth/users", {"username": "lee\x00", "full_name": "Lee", "password": "correct horse battery"},
         422, ["username"]),
    ])  # fmt: skip


def test_a_text_keeps_its_line_breaks(kim: negotiation.Delegate) -> None:
    note = kim.call("POST", f"{N}/notes", 201, json={"text": "first line\n\tsecond line\r\n"})

    assert note["text"] == "first line\n\tsecond line\r\n"


def test_strings_longer_than_their_column_are_refused_by_field(kim: negotiation.Delegate) -> None:
    _refused_all(kim, [
        ("POST", "/negotiations", {**NEGOTIATION, "title": "T" * 301}, 422, ["title", "300"]),
        ("POST", "/negotiations", {**NEGOTIATION, "drafting_party": "KOREA!!"}, 422, ["drafting_party", "6"]),
        ("POST", f"{N}/members", {"username": "k" * 81, "role": "member"}, 422, ["username", "80"]),
        ("POST", f"{N}/drafts", {"kind": "initial", "based_on": "v" * 61}, 422, ["based_on", "60"]),
        ("POST", f"{N}/drafts", {"kind": "i" * 31}, 422, ["kind", "30"]),
        ("POST", f"{N}/rounds", {"held_on": "2027-01-10", "host_party": "PHILIPP"}, 422, ["host_party"]),
        ("POST", f"{N}/points", {"article": "1" * 21, "subject": "s", "positions": {}}, 422, ["article", "20"]),
        ("POST", f"{N}/reviews", {"authority": "J" * 201, "outcome": "approved"}, 422, ["authority", "200"]),
        ("POST", f"{N}/signatures", {**SIGNATURE, "signatory": "S" * 201}, 422, ["signatory", "200"]),
        ("POST", f"{N}/signatures", {**SIGNATURE, "capacity": "c" * 61}, 422, ["capacity", "60"]),
        ("POST", f"{N}/signatures", {**SIGNATURE, "place": "P" * 101}, 422, ["place", "100"]),
        ("POST", f"{N}/signatures", {**SIGNATURE, "full_powers": "F" * 201}, 422, ["full_powers"]),
        ("PUT", f"{N}/arrangement", {"title": "A" * 301, "forms": [], "data_protection": ""}, 422, ["title"]),
        ("POST", "/auth/users", {"username": "lee", "full_name": "L" * 201, "password": "correct horse battery"},
         422, ["full_name", "200"]),
    ])  # fmt: skip


def test_the_lengths_are_those_of_the_columns() -> None:
    columns = {
        types.PartyCode: [tables.Negotiation.drafting_party, tables.Round.host_party, tables.Signature.party],
        types.ArticleNumber: [tables.ContentiousPoint.article],
        types.Kind: [tables.Draft.kind, tables.Review.outcome],
        types.DraftReference: [tables.Draft.based_on],
        types.Capacity: [tables.Signature.capacity],
        types.UserName: [tables.User.username],
        types.Place: [tables.Signature.place],
        types.Name: [tables.User.full_name, tables.Review.authority, tables.Signature.signatory,
                     tables.Signature.full_powers, tables.Signature.deposited_in],
        types.Title: [tables.Negotiation.title, tables.Arrangement.title],
    }  # fmt: skip
    for kind, stored_in in columns.items():
        longest = TypeAdapter(kind).json_schema()["maxLength"]
        assert {column.type.length for column in stored_in} == {longest}, kind  # type: ignore[attr-defined]


@pytest.mark.parametrize("agreement_id", ["x.yaml", "..%2Fx.yaml", "%2Fetc%2Fpasswd", "a%00b", "kr-ph" * 400,
                                          "au-kr.yml", "~"])  # fmt: skip
def test_an_unknown_library_agreement_is_404(client: TestClient, agreement_id: str) -> None:
    response = client.get(f"/library/agreements/{agreement_id}")

    assert response.status_code == 404, response.text[:500]
    assert "detail" in response.json()


def test_a_library_path_is_not_an_agreement(client: TestClient) -> None:
    for path in ["/library/agreements/data/agreements/au-kr.yaml", "/library/agreements/../../pyproject.toml"]:
        assert client.get(path).status_code == 404, path


def test_a_body_over_the_limit_is_413_before_parsing(kim: negotiation.Delegate) -> None:
    before = _rows(kim.client)
    big = '{"text": "' + "a" * (1024 * 1024) + '"}'

    declared = kim.client.post(f"{N}/notes", headers={**kim.headers, "Content-Type": "application/json"}, content=big)
    streamed = kim.client.post(f"{N}/notes", headers={**kim.headers, "Content-Type": "application/json"},
                               content=(big[i:i + 65536].encode() for i in range(0, len(big), 65536)))  # fmt: skip

    for response in (declared, streamed):
        assert response.status_code == 413, response.text[:500]
        assert response.json()["rule"] == "body_size"
    assert _rows(kim.client) == before
    assert kim.call("POST", f"{N}/notes", 201, json={"text": "a" * 1000})["text"] == "a" * 1000


def test_the_body_limit_is_configurable(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    monkeypatch.setenv("COORDINA_MAX_BODY_BYTES", "100")
    app = create_app(f"sqlite:///{tmp_path / 'coordina.db'}")
    with api_client(app) as client:
        admin = negotiation.admin_headers(client)
        too_long = client.post("/auth/users", headers=admin,
                               json={"username": "lee", "full_name": "L" * 100, "password": "x" * 10})  # fmt: skip
        short = client.post("/auth/users", headers=admin,
                            json={"username": "lee", "full_name": "L", "password": "x" * 10})  # fmt: skip
    app.state.db.engine.dispose()

    assert too_long.status_code == 413 and "100 bytes" in too_long.text
    assert short.status_code != 413
