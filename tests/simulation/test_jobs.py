"""Simulation runs as jobs (issue 13 item 4), on SQLite and PostgreSQL: the state machine, one
run per key, exactly one of two racing workers claims a run, a run left by a stopped worker is
claimed again, a failed run says why and may be submitted again, and a run is shown to the users
who submitted it (and administrators; the command line sees every run)."""

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import typer
from sqlalchemy import update
from typer.testing import CliRunner

from coordina.cli import app, simulate_jobs
from coordina.domain.simulation import SimulationRequest
from coordina.errors import NotFound, Refused
from coordina.services import auth, populations, simulation_charts, simulation_jobs, simulation_worker
from coordina.services.database import Database, open_database
from coordina.store.tables import SimulationRun
from tests.negotiation import conftest as negotiation

database_url = negotiation.database_url  # SQLite, and PostgreSQL when it is set

AGREEMENT = "mercosur"
PEOPLE = 30
PARTITION = 10  # three partitions (for a worker killed after two)


def write_population(path: Path, size: int = PEOPLE, seed: int = 13) -> Path:
    populations.write_population(populations.population(AGREEMENT, size, seed), path)
    return path


@pytest.fixture(scope="module")
def population(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_population(tmp_path_factory.mktemp("population") / "people.parquet")


def request_for(population: Path, partition_size: int = PARTITION) -> SimulationRequest:
    return SimulationRequest(agreement=AGREEMENT, population=population, years=(2026, 2030),
                             partition_size=partition_size)  # fmt: skip


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = open_database(database_url)
    yield database
    database.engine.dispose()


def stamps(path: Path) -> dict[str, int]:
    """The modification times of the files of a partition's result (a folder of Parquet files)."""
    return {str(p.relative_to(path)): p.stat().st_mtime_ns for p in sorted(path.rglob("*")) if p.is_file()}


def test_a_run_goes_from_queued_through_running_to_done_and_is_not_redone(
    db: Database, population: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    request = request_for(population, partition_size=15)  # two partitions
    run = simulation_jobs.submit(db, request, tmp_path / "runs")
    assert (run.state, run.partitions_total, run.share_done) == ("queued", None, None)
    assert run.run_dir == (tmp_path / "runs" / str(run.id)).resolve()
    again = simulation_jobs.submit(db, request, tmp_path / "runs")
    assert (again.id, again.state) == (run.id, "queued"), "the same request, the same run"
    seen: list[tuple[str, str | None]] = []
    original = simulation_worker._stage

    def stage(db: Database, mine: simulation_worker.Claim, name: str) -> None:
        original(db, mine, name)
        now = simulation_jobs.status(db, mine.run_id)
        seen.append((now.state, now.stage))

    monkeypatch.setattr(simulation_worker, "_stage", stage)  # what a watcher reads at each stage
    monkeypatch.setattr(simulation_charts, "report_charts", lambda report, out: [])  # charts: test_simulation_report
    worked = simulation_jobs.work(db, run.id)

    assert worked is not None and worked.state == "done", worked
    assert (worked.partitions_done, worked.partitions_total, worked.share_done) == (2, 2, 1.0)
    assert seen == [("running", s) for s in ("preparing", "computing partitions", "combining", "writing the report")]
    entries = simulation_jobs.manifest(db, run.id)
    assert [(e.index, e.state, e.first_person, e.last_person) for e in entries] == [(0, "done", 0, 14),
                                                                                    (1, "done", 15, 29)]  # fmt: skip
    assert [e.result_path for e in entries] == [run.run_dir / f"part-{i}.parquet" for i in range(2)]
    assert all(e.result_path and stamps(e.result_path) for e in entries)
    assert (worked.out_dir / "report.json").is_file()
    left = sorted(p.name for p in run.run_dir.iterdir())
    assert left == ["part-0.parquet", "part-1.parquet", "report"], "nothing half-written is left"
    assert simulation_jobs.work(db) is None, "nothing is left to work"

    before = {e.index: stamps(e.result_path) for e in entries if e.result_path}
    done = simulation_jobs.submit(db, request, tmp_path / "runs")
    assert (done.id, done.state) == (run.id, "done")
    assert simulation_jobs.work(db, run.id) is None, "a done run is not claimed"
    assert {e.index: stamps(e.result_path) for e in simulation_jobs.manifest(db, run.id) if e.result_path} == before
    other = simulation_jobs.submit(db, request.model_copy(update={"years": (2026, 2031)}), tmp_path)
    assert (other.id != run.id, other.state) == (True, "queued"), "another horizon is another run"
    assert [r.id for r in simulation_jobs.runs(db)] == [other.id, run.id]


def test_two_workers_racing_for_a_run_exactly_one_claims(database_url: str, population: Path, tmp_path: Path) -> None:
    databases = [open_database(database_url), open_database(database_url, migrate=False)]
    run = simulation_jobs.submit(databases[0], request_for(population), tmp_path)
    start = threading.Barrier(2)
    claims: list[simulation_worker.Claim | None] = [None, None]

    def race(n: int) -> None:
        start.wait()
        claims[n] = simulation_worker.claim(databases[n], run.id)

    threads = [threading.Thread(target=race, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for database in databases:
        database.engine.dispose()
    won = [c for c in claims if c is not None]
    assert len(won) == 1, claims
    with databases[0].transaction() as session:
        row = session.get(SimulationRun, run.id)
        assert row is not None and (row.state, row.worker_claim) == ("running", won[0].token)


def _left_by(db: Database, run_id: int, host: str, pid: int, beat: datetime) -> None:
    """The run as a worker on ``host`` left it, its last heartbeat at ``beat``."""
    with db.transaction() as session:
        session.execute(update(SimulationRun).where(SimulationRun.id == run_id).values(
            state="running", worker_host=host, worker_pid=pid, worker_claim="0" * 32, heartbeat_at=beat))  # fmt: skip


def test_a_run_whose_worker_stopped_beating_is_claimed_again(db: Database, population: Path, tmp_path: Path) -> None:
    run = simulation_jobs.submit(db, request_for(population), tmp_path)
    now = datetime.now(UTC)
    _left_by(db, run.id, "elsewhere", 4242, now)
    assert simulation_worker.claim(db) is None, "a worker beating a moment ago still holds it"
    with pytest.raises(Refused, match="being worked by process 4242 on elsewhere"):
        simulation_jobs.resume(db, run.id)

    _left_by(db, run.id, "elsewhere", 4242, now - simulation_jobs.STALE_AFTER - timedelta(seconds=1))
    taken = simulation_worker.claim(db)
    assert taken is not None and taken.run_id == run.id
    assert simulation_worker.claim(db) is None, "taken: no second worker gets it"


def test_a_failed_run_says_why_and_is_queued_again_when_submitted(db: Database, tmp_path: Path) -> None:
    people = write_population(tmp_path / "people.parquet", size=20)
    run = simulation_jobs.submit(db, request_for(people), tmp_path / "runs")
    write_population(people, size=20, seed=14)  # the population changes under the queued run

    failed = simulation_jobs.work(db, run.id)

    assert failed is not None and failed.state == "failed"
    assert failed.error is not None and failed.error.startswith("simulation_inputs_changed: ")
    assert "Traceback" not in failed.error
    assert "Traceback" in (failed.run_dir / "worker.log").read_text(encoding="utf-8"), "kept for maintainers"
    write_population(people, size=20)  # the population as submitted
    again = simulation_jobs.submit(db, request_for(people), tmp_path / "runs")
    assert (again.id, again.state, again.error) == (run.id, "queued", None)


def test_an_unknown_run_is_not_found(db: Database) -> None:
    with pytest.raises(NotFound, match="no simulation run 999"):
        simulation_jobs.status(db, 999)


def test_the_commands_show_a_run_and_the_runs(
    database_url: str, db: Database, population: Path, tmp_path: Path
) -> None:
    run = simulation_jobs.submit(db, request_for(population), tmp_path)
    runner, env = CliRunner(), {"COORDINA_DATABASE_URL": database_url}

    shown = runner.invoke(app, ["simulate", "status", str(run.id), "--json"], env=env)
    listed = runner.invoke(app, ["simulate", "runs", "--json"], env=env)
    table = runner.invoke(app, ["simulate", "runs"], env=env)
    unknown = runner.invoke(app, ["simulate", "status", "999"], env=env)

    assert shown.exit_code == 0 and json.loads(shown.stdout) == {**run.as_json(), "updated_at": json.loads(
        shown.stdout)["updated_at"]}  # fmt: skip
    assert [r["id"] for r in json.loads(listed.stdout)] == [run.id] and "1 simulation runs" in table.stdout
    assert unknown.exit_code == 1 and "no simulation run 999" in unknown.stderr


def test_a_worker_that_stops_before_its_run_ends_is_said_with_how_to_resume(
    db: Database, population: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = simulation_jobs.submit(db, request_for(population), tmp_path)
    stopped = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])  # a worker that dies at start
    stopped.wait()

    with pytest.raises(typer.Exit) as exited:
        simulate_jobs.watch(db, run.id, stopped)

    assert exited.value.exit_code == 1
    said = capsys.readouterr().err
    assert f"the worker of run {run.id} stopped (exit status 3)" in said
    assert f"coordina simulate resume {run.id}" in said


def test_a_run_belongs_to_the_users_who_submitted_it(
    database_url: str, db: Database, population: Path, tmp_path: Path
) -> None:
    kim = auth.create_user(db, "kim", "Kim", negotiation.PASSWORD)
    lee = auth.create_user(db, "lee", "Lee", negotiation.PASSWORD)
    boss = auth.create_user(db, "boss", "Boss", negotiation.PASSWORD, administrator=True)
    kims = simulation_jobs.submit(db, request_for(population), tmp_path, owner=kim)
    other_years = [request_for(population).model_copy(update={"years": (2026, last)}) for last in (2031, 2032)]
    lees = simulation_jobs.submit(db, other_years[0], tmp_path, owner=lee)
    local = simulation_jobs.submit(db, other_years[1], tmp_path)  # the command line's

    assert [r.id for r in simulation_jobs.runs(db, visible_to=kim)] == [kims.id]
    assert [r.id for r in simulation_jobs.runs(db, visible_to=boss)] == [local.id, lees.id, kims.id]
    assert [r.id for r in simulation_jobs.runs(db)] == [local.id, lees.id, kims.id], "the local owner sees all"
    assert simulation_jobs.status(db, kims.id, visible_to=kim).id == kims.id
    for run in (lees, local):
        with pytest.raises(NotFound, match=f"no simulation run {run.id}$"):
            simulation_jobs.status(db, run.id, visible_to=kim)
    assert simulation_jobs.status(db, local.id, visible_to=boss).id == local.id
    assert (simulation_jobs.sees_every_run(db, boss), simulation_jobs.sees_every_run(db, kim)) == (True, False)

    shared = simulation_jobs.submit(db, request_for(population), tmp_path, owner=lee)  # the same inputs as kim's
    assert shared.id == kims.id and simulation_jobs.status(db, kims.id, visible_to=lee).id == kims.id
    assert simulation_jobs.submit(db, request_for(population), tmp_path, owner=lee).id == kims.id  # once only
    assert [r.id for r in simulation_jobs.runs(db, visible_to=lee)] == [lees.id, kims.id]

    env = {"COORDINA_DATABASE_URL": database_url}  # the command line: the workspace's local owner
    listed = CliRunner().invoke(app, ["simulate", "runs", "--json"], env=env)
    shown = CliRunner().invoke(app, ["simulate", "status", str(lees.id), "--json"], env=env)
    assert [r["id"] for r in json.loads(listed.stdout)] == [local.id, lees.id, kims.id]
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == lees.id
