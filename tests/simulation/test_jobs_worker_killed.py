"""A worker process killed (SIGKILL) mid-run, then resumed (``coordina simulate resume``): the
partitions it finished are not computed again (their files and the database say so) and the
report is the one an uninterrupted run writes. On SQLite and PostgreSQL (there the resumed worker
runs in the test's process, to keep the suite's time)."""

import json
import time
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from typer.testing import CliRunner

from coordina.cli import app
from coordina.services import simulation_jobs
from coordina.services.database import Database, open_database
from tests.simulation.test_jobs import AGREEMENT, database_url, population, request_for, stamps

__all__ = ["database_url", "population"]  # fixtures: SQLite and PostgreSQL; 30 people in three partitions
PARTITIONS = 3
KILL_AFTER = 2  # partitions done


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = open_database(database_url)
    yield database
    database.engine.dispose()


def _wait_for(db: Database, run_id: int, done: int, worker: "object") -> simulation_jobs.Run:
    deadline = time.monotonic() + 120
    while (run := simulation_jobs.status(db, run_id)).partitions_done < done:
        assert worker.poll() is None, f"the worker ended early: {run}"  # type: ignore[attr-defined]
        assert time.monotonic() < deadline, run
        time.sleep(0.05)
    return run


def _report(out: Path) -> dict[str, object]:
    """The report's files by name: tables as frames, JSON as data, text as text; charts by name."""
    found: dict[str, object] = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        name = str(path.relative_to(out))
        if path.suffix == ".parquet":
            found[name] = pl.read_parquet(path)
        elif path.suffix == ".json":
            found[name] = json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix in (".txt", ".csv"):
            found[name] = path.read_text(encoding="utf-8")
        else:
            found[name] = path.suffix  # a chart: drawn from the same tables
    return found


@pytest.fixture(scope="module")
def uninterrupted(population: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The report of the same request worked start to end, in this process, on a database of its own."""
    folder = tmp_path_factory.mktemp("uninterrupted")
    db = open_database(f"sqlite:///{folder / 'coordina.db'}")
    run = simulation_jobs.submit(db, request_for(population), folder / "runs")
    worked = simulation_jobs.work(db, run.id)
    db.engine.dispose()
    assert worked is not None and worked.state == "done", worked
    return _report(worked.out_dir)


def _differences(a: object, b: object, at: str = "") -> Iterator[str]:
    """Where two JSON documents differ (for the failure message)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            yield from _differences(a.get(key), b.get(key), f"{at}/{key}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _differences(x, y, f"{at}[{index}]")
    elif a != b:
        yield f"{at}: {a!r:.200} != {b!r:.200}"


def test_a_killed_worker_s_run_resumes_where_it_stopped(
    database_url: str, db: Database, population: Path, tmp_path: Path, uninterrupted: dict[str, object]
) -> None:
    run = simulation_jobs.submit(db, request_for(population), tmp_path / "runs")

    worker = simulation_jobs.spawn_worker(db, run.id)
    _wait_for(db, run.id, KILL_AFTER, worker)
    worker.kill()  # SIGKILL: no handler runs, the run is left "running" with its heartbeat
    worker.wait()
    killed = simulation_jobs.status(db, run.id)
    assert killed.state == "running" and killed.partitions_total == PARTITIONS
    assert KILL_AFTER <= killed.partitions_done < PARTITIONS, killed
    finished = {e.index: (stamps(e.result_path), e.finished_at)
                for e in simulation_jobs.manifest(db, run.id) if e.state == "done" and e.result_path}  # fmt: skip
    assert len(finished) == killed.partitions_done

    if database_url.startswith("sqlite"):  # by the command, whose worker is a process of its own
        resumed = CliRunner().invoke(app, ["simulate", "resume", str(run.id)],
                                     env={"COORDINA_DATABASE_URL": database_url})  # fmt: skip
        assert resumed.exit_code == 0, resumed.output
        assert f"run {run.id}: done" in resumed.output
    else:  # the same service calls, the worker in this process (its processes are covered above and on SQLite)
        assert simulation_jobs.resume(db, run.id).state == "queued"
        simulation_jobs.work(db, run.id)
    done = simulation_jobs.status(db, run.id)
    assert (done.state, done.partitions_done, done.error) == ("done", PARTITIONS, None)
    entries = {e.index: e for e in simulation_jobs.manifest(db, run.id)}
    for index, (files, finished_at) in finished.items():
        path = entries[index].result_path
        assert path is not None and stamps(path) == files, f"partition {index} was computed again"
        assert entries[index].finished_at == finished_at
    assert all(e.state == "done" for e in entries.values())

    ours, theirs = _report(done.out_dir), uninterrupted
    _same_report(ours, theirs)

    again = CliRunner().invoke(app, ["simulate", "--agreement", AGREEMENT, "--population", str(population), "--years",
                                     "2026-2030", "--partition-size", "10", "--out", str(tmp_path / "out"), "--json"],
                               env={"COORDINA_DATABASE_URL": database_url})  # fmt: skip
    assert again.exit_code == 0, again.output
    assert f"run {run.id}: done before" in again.stderr, "the same request: the same run, not redone"
    assert json.loads(again.stdout)["key"] == run.key
    _same_report(_report(tmp_path / "out"), theirs)


def _same_report(ours: dict[str, object], theirs: dict[str, object]) -> None:
    assert ours.keys() == theirs.keys() and ours
    for name, value in ours.items():
        if isinstance(value, pl.DataFrame):
            assert isinstance(theirs[name], pl.DataFrame)
            assert_frame_equal(value, theirs[name])  # type: ignore[arg-type]
        else:
            assert value == theirs[name], (name, list(_differences(value, theirs[name])))
