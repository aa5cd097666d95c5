"""The simulation pages without a browser: signed-in users only, a form refused with its errors by
field (422) and every value kept, a queued run whose progress part polls and a failed run that says
why (no worker is started: runs are put in the database as a worker would leave them)."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from coordina.app import create_app
from coordina.domain.simulation import SimulationRequest
from coordina.services import auth, populations, simulation_jobs
from coordina.store.tables import SimulationRun

PASSWORD = "a-long-enough-password"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("simulation-pages")
    app = create_app(f"sqlite:///{folder / 'coordina.db'}")
    auth.create_user(app.state.db, "analyst", "An Analyst", PASSWORD)
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
    run = simulation_jobs.submit(db, SimulationRequest(agreement="au-kr", population=people, years=(2030, 2040)))
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
