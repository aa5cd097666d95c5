"""The simulation pages without a browser: signed-in users only, a form refused with its errors by
field (422) and every value kept, a queued run whose progress part polls and a failed run that says
why (no worker is started: runs are put in the database as a worker would leave them), and a
user's runs shown to that user and administrators only (another's run is 404)."""

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update

from coordina.app import create_app
from coordina.domain.simulation import SimulationRequest
from coordina.services import auth, populations, simulation_jobs, simulation_uploads
from coordina.store.tables import SimulationRun

PASSWORD = "a-long-enough-password"
USERS: dict[str, int] = {}  # username -> id, of the module's application


def signed_in(app: FastAPI, username: str) -> TestClient:
    test_client = TestClient(app)
    test_client.get("/signin")
    csrf = test_client.cookies["coordina_csrf"]
    test_client.post("/signin", data={"username": username, "password": PASSWORD, "csrf_token": csrf})
    return test_client


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("simulation-pages")
    app = create_app(f"sqlite:///{folder / 'coordina.db'}")
    for username, administrator in (("analyst", False), ("other", False), ("chief", True)):
        USERS[username] = auth.create_user(app.state.db, username, username.title(), PASSWORD,
                                           administrator=administrator)  # fmt: skip
    with TestClient(app) as test_client:
        test_client.get("/signin")
        csrf = test_client.cookies["coordina_csrf"]
        test_client.post("/signin", data={"username": "analyst", "password": PASSWORD, "csrf_token": csrf})
        yield test_client
    app.state.db.engine.dispose()


def test_the_pages_are_for_signed_in_users(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'coordina.db'}")
    with TestClient(app) as nobody:
        for path in ("/simulation", "/simulation/runs", "/simulation/runs/1", "/simulation/runs/1/files/report.json"):
            answer = nobody.get(path, follow_redirects=False)
            assert answer.status_code == 303 and answer.headers["location"].startswith("/signin?next=")
    app.state.db.engine.dispose()


def test_an_invalid_form_is_refused_by_field_and_keeps_what_was_typed(client: TestClient) -> None:
    form = {"csrf_token": client.cookies["coordina_csrf"], "agreement_source": "library", "agreement": "nowhere",
            "population_source": "generate", "size": "300000", "seed": "-1", "first_year": "2050",
            "last_year": "2030"}  # fmt: skip
    answer = client.post("/simulation", data=form, follow_redirects=False)
    assert answer.status_code == 422
    for field in ("agreement", "size", "seed", "last_year"):
        assert f'href="#{field}"' in answer.text and f'id="{field}-error"' in answer.text
    assert 'value="300000"' in answer.text and 'value="2050"' in answer.text
    bad_kind = client.post("/simulation", data={**form, "agreement": "au-kr", "size": "10", "seed": "1",
                                                "last_year": "2060", "population_source": "register"},
                           files={"register_file": ("people.xlsx", b"x", "application/octet-stream")})  # fmt: skip
    assert bad_kind.status_code == 422 and "people.xlsx is not a Parquet (.parquet) or CSV (.csv) file" in bad_kind.text


def test_a_queued_run_polls_its_progress_and_a_failed_one_says_why(client: TestClient, tmp_path: Path) -> None:
    db = client.app.state.db  # type: ignore[attr-defined]
    people = tmp_path / "people.parquet"
    populations.write_population(populations.population("au-kr", 5, 1, None, date(2040, 12, 31)), people)
    run = simulation_jobs.submit(db, SimulationRequest(agreement="au-kr", population=people, years=(2030, 2040)),
                                 owner=USERS["analyst"])  # fmt: skip
    page = client.get(f"/simulation/runs/{run.id}")
    assert page.status_code == 200 and "queued" in page.text
    assert f'hx-get="/simulation/runs/{run.id}/progress"' in page.text and 'hx-trigger="every 2s"' in page.text
    assert '<meta http-equiv="refresh"' in page.text  # without JavaScript
    part = client.get(f"/simulation/runs/{run.id}/progress")
    assert part.status_code == 200 and part.text.lstrip().startswith('<div id="run-progress"')
    assert client.get(f"/simulation/runs/{run.id}/files/report.json").status_code == 404  # not done: no files
    with db.writing(), db.transaction() as session:
        session.execute(update(SimulationRun).where(SimulationRun.id == run.id)
                        .values(state="failed", error="the population file changed"))  # fmt: skip
    page = client.get(f"/simulation/runs/{run.id}?lang=fr")
    assert "the population file changed" in page.text and "échoué" in page.text and "hx-get" not in page.text
    assert client.get(f"/simulation/runs/{run.id}/progress").headers["hx-refresh"] == "true"
    listing = client.get("/simulation/runs")
    assert f'href="/simulation/runs/{run.id}"' in listing.text and "failed" in listing.text
    assert client.get("/simulation/runs/999999").status_code == 404


def test_a_run_is_shown_to_its_owners_and_administrators_and_is_404_to_others(
    client: TestClient, tmp_path: Path
) -> None:
    app: FastAPI = client.app  # type: ignore[assignment]
    db = app.state.db
    people = tmp_path / "people.parquet"
    populations.write_population(populations.population("au-kr", 5, 2, None, date(2040, 12, 31)), people)
    request = SimulationRequest(agreement="au-kr", population=people, years=(2031, 2040))
    mine = simulation_jobs.submit(db, request, owner=USERS["analyst"])
    theirs = simulation_jobs.submit(db, request.model_copy(update={"years": (2032, 2040)}), owner=USERS["other"])
    local = simulation_jobs.submit(db, request.model_copy(update={"years": (2033, 2040)}))  # the command line's
    with db.writing(), db.transaction() as session:
        session.execute(update(SimulationRun).where(SimulationRun.id == theirs.id)
                        .values(state="failed", error="their secret figures"))  # fmt: skip

    listing = client.get("/simulation/runs").text
    assert f'href="/simulation/runs/{mine.id}"' in listing
    assert all(f'href="/simulation/runs/{run.id}"' not in listing for run in (theirs, local))
    assert f'href="/simulation/runs/{theirs.id}"' not in client.get("/simulation").text
    for path in ("", "/progress", "/files/report.json"):
        answer = client.get(f"/simulation/runs/{theirs.id}{path}")
        assert answer.status_code == 404 and "their secret figures" not in answer.text, path
        assert client.get(f"/simulation/runs/{local.id}{path}").status_code == 404, path
    assert client.get(f"/simulation/runs/{mine.id}").status_code == 200

    with signed_in(app, "other") as other:
        assert "their secret figures" in other.get(f"/simulation/runs/{theirs.id}").text
        assert other.get(f"/simulation/runs/{mine.id}").status_code == 404
        again = simulation_jobs.submit(db, request, owner=USERS["other"])  # the very same inputs: the same run,
        assert again.id == mine.id  # now theirs too
        assert other.get(f"/simulation/runs/{mine.id}").status_code == 200
    with signed_in(app, "chief") as chief:
        listed = chief.get("/simulation/runs").text
        assert all(f'href="/simulation/runs/{run.id}"' in listed for run in (mine, theirs, local))
        assert "their secret figures" in chief.get(f"/simulation/runs/{theirs.id}").text
        assert chief.get(f"/simulation/runs/{local.id}").status_code == 200


def test_a_launch_is_404_to_another_user(client: TestClient) -> None:
    app: FastAPI = client.app  # type: ignore[assignment]
    folder = simulation_uploads.runs_root(app.state.db) / "launches"
    folder.mkdir(parents=True, exist_ok=True)
    token = "ab" * 16
    (folder / f"{token}.json").write_text(json.dumps({"state": "started", "size": 5, "run_id": 7,
                                                      "owner": USERS["other"]}))  # fmt: skip
    for path in (f"/simulation/launches/{token}", f"/simulation/launches/{token}/progress"):
        assert client.get(path, follow_redirects=False).status_code == 404, path
    with signed_in(app, "other") as other:
        answer = other.get(f"/simulation/launches/{token}", follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == "/simulation/runs/7"
