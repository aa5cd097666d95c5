"""No lost update: of two writes naming the same version, exactly one wins and the other is
refused as stale (409), on SQLite and PostgreSQL; numbers the service assigns never collide,
and a name taken by a concurrent write is a 409, never a 500."""

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from coordina.api import create_app
from coordina.errors import CoordinaError, StaleVersion
from coordina.services import auth
from coordina.services.negotiation import closing, drafts, profiles
from coordina.services.negotiation.access import Acting
from coordina.store.db import Database
from tests.negotiation.conftest import admin_headers, make_administrator
from tests.negotiation.process import TEXT, Process, open_process
from tests.serving import serving

PAIRS = 20


def race(*actions: Callable[[], Any]) -> list[Any]:
    """Run the actions in threads released together; each gives its result or the exception it raised."""
    barrier = threading.Barrier(len(actions))

    def run(action: Callable[[], Any]) -> Any:
        barrier.wait()
        try:
            return action()
        except Exception as error:  # the outcome under test
            return error

    with ThreadPoolExecutor(len(actions)) as pool:
        return list(pool.map(run, actions))


def negotiation_id(process: Process) -> int:
    return int(process.base.rsplit("/", 1)[1])


@pytest.fixture
def slow_bump(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let both writers read the version before either writes: the window a lost update needs."""
    bump = Acting.bump

    def after_a_pause(self: Acting, expected_version: int | None) -> None:
        time.sleep(0.05)
        bump(self, expected_version)

    monkeypatch.setattr(Acting, "bump", after_a_pause)


def test_of_two_writes_on_one_negotiation_version_exactly_one_wins(client: TestClient, slow_bump: None) -> None:
    process = open_process(client)
    process.to_review()
    db: Database = client.app.state.db  # type: ignore[attr-defined]
    kim, santos = auth.user_id_by_name(db, "kim"), auth.user_id_by_name(db, "santos")
    for _ in range(PAIRS):
        version = process.version()
        outcomes = race(*[
            lambda who=who, language=language, version=version: closing.set_languages(
                db, who, negotiation_id(process), [language], version)
            for who, language in ((kim, "en"), (santos, "es"))
        ])  # fmt: skip
        stale = [o for o in outcomes if isinstance(o, StaleVersion)]
        assert len(stale) == 1 and len(outcomes) == 2, outcomes
        assert process.version() == version + 1


def test_of_two_writes_on_one_profile_version_exactly_one_wins(client: TestClient) -> None:
    process = open_process(client)
    db: Database = client.app.state.db  # type: ignore[attr-defined]
    kim, lee = auth.user_id_by_name(db, "kim"), auth.user_id_by_name(db, "lee")
    for round_ in range(PAIRS // 2):
        version = round_  # 0: the profile does not exist yet
        outcomes = race(*[
            lambda who=who, version=version: profiles.update_profile(
                db, who, negotiation_id(process), "KR", {"personal_scope": str(who)}, version)
            for who in (kim, lee)
        ])  # fmt: skip
        assert sum(isinstance(o, StaleVersion) for o in outcomes) == 1, outcomes
        assert profiles.get_profile(db, kim, negotiation_id(process), "KR").version == version + 1


def test_concurrent_drafts_get_distinct_numbers(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    process = open_process(client)
    process.to_negotiations()
    db: Database = client.app.state.db  # type: ignore[attr-defined]
    kim = auth.user_id_by_name(db, "kim")

    def eight_drafts() -> list[int]:
        made = race(*[lambda: drafts.create_draft(db, kim, negotiation_id(process), kind="counterproposal",
                                                  articles=TEXT)] * 8)  # fmt: skip
        return sorted(d.number for d in made)

    assert eight_drafts() == list(range(2, 10))  # the hold serializes the numbering
    monkeypatch.setattr(Acting, "hold", lambda self: None)  # without it, SQLite's writers collide: retried
    assert eight_drafts() == list(range(10, 18))


def test_a_username_taken_by_a_concurrent_signup_is_refused_not_a_crash(client: TestClient) -> None:
    db: Database = client.app.state.db  # type: ignore[attr-defined]
    for attempt in range(3):
        name = f"twin{attempt}"
        outcomes = race(*[lambda name=name: auth.create_user(db, name, "Twin", "correct horse battery")] * 2)
        created = [o for o in outcomes if isinstance(o, int)]
        refused = [o for o in outcomes if isinstance(o, CoordinaError)]
        assert len(created) == 1 and len(refused) == 1, outcomes
        assert refused[0].rule == "unique_username", refused


# Over real HTTP: uvicorn on a free port, an SQLite file, concurrent clients.


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database: Path = tmp_path_factory.mktemp("http") / "coordina.db"
    app = create_app(f"sqlite:///{database}")
    make_administrator(app.state.db)
    with serving(app) as root:
        yield f"{root}/api/v1"
    app.state.db.engine.dispose()


@pytest.fixture(scope="module")
def http(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def reviewing(http: httpx.Client) -> Process:
    """A negotiation in review over HTTP: its languages can be set again and again, and its
    initialled text changed by 'change' drafts."""
    process = open_process(http)  # type: ignore[arg-type]  # an httpx client, as TestClient is
    process.to_review()
    return process


def test_over_http_two_writes_on_one_version_give_one_200_and_one_409(http: httpx.Client, reviewing: Process) -> None:
    process = reviewing
    statuses: Counter[int] = Counter()
    for _ in range(PAIRS):
        version = process.version()
        responses = race(*[
            lambda who=who, language=language, version=version: http.put(
                f"{process.base}/languages", headers=who.headers,
                json={"languages": [language], "expected_version": version})
            for who, language in ((process.kr, "en"), (process.ph, "es"))
        ])  # fmt: skip
        pair = sorted(r.status_code for r in responses)
        statuses.update(pair)
        assert pair == [200, 409], [r.text for r in responses]
        assert process.version() == version + 1
    assert statuses == {200: PAIRS, 409: PAIRS}


CREATORS = 50  # concurrent clients creating drafts at once


def test_over_http_concurrent_drafts_and_users_never_fail(http: httpx.Client, reviewing: Process) -> None:
    process = reviewing
    responses = race(*[
        lambda: http.post(f"{process.base}/drafts", headers=process.kr.headers,
                          json={"kind": "change", "articles": TEXT})
    ] * CREATORS)  # fmt: skip
    assert [r.status_code for r in responses] == [201] * CREATORS, [r.text for r in responses if r.status_code != 201]
    assert sorted(r.json()["number"] for r in responses) == list(range(2, CREATORS + 2))
    for attempt in range(5):
        username = f"twin{attempt}"
        body = {"username": username, "full_name": "Twin", "password": "correct horse battery"}
        admin = admin_headers(http)  # type: ignore[arg-type]  # an httpx client, as TestClient is
        created = race(*[lambda body=body, admin=admin: http.post("/auth/users", json=body, headers=admin)] * 2)
        codes = sorted(r.status_code for r in created)
        assert codes[0] == 201 and codes[1] in (409, 422), [r.text for r in created]
        refusal = created[[r.status_code for r in created].index(codes[1])].json()
        assert refusal["rule"] == "unique_username", refusal
