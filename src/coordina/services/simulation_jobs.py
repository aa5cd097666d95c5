"""Impact simulation runs as jobs (issue 13 item 4): submitted once per key, worked partition by
partition in a worker process, watched by their state, resumed after a crash.

A run moves ``queued -> running -> done | failed``. While running it has a stage and a share of
its partitions done; its manifest (one row per partition) is in the database and each
partition's result in ``<run dir>/part-<index>.parquet``, so a crashed run is resumed partition
by partition. A run is keyed by ``simulation.key`` (agreement content, population content,
engine version, assumptions, years): a request whose run is queued, running or done is not run
again; a failed run is queued again, keeping the partitions it finished. The key hashes the
population file, never parses it (``services.simulation_key``): submitting costs a file hash.
The work itself is ``services.simulation_worker``, run by ``coordina simulate work`` in its own
process (``spawn_worker``): the CLI and the web application only submit and watch.

A run has owners: the signed-in users who submitted it (``simulation_run_owners``, migration
0009; the same inputs are the same run, so each user who submits them owns it). ``status`` and
``runs`` given ``visible_to`` (a user's id, as the web pages give it) show only that user's runs,
every run to an administrator; another user's run is not found, as an unknown one. Without it
(the command line, the workspace's local owner) every run is shown.
"""

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from coordina.domain.simulation import SimulationRequest
from coordina.errors import NotFound, Refused
from coordina.services import catalog, simulation_key
from coordina.services.simulation_liveness import HEARTBEAT_EVERY, STALE_AFTER, remember, worker_gone
from coordina.store.db import Database, is_collision
from coordina.store.tables import SimulationPartition, SimulationRun, SimulationRunOwner, User

__all__ = ["HEARTBEAT_EVERY", "STALE_AFTER", "Run", "default_runs_dir", "export_report", "manifest", "resume",
           "runs", "sees_every_run", "spawn_worker", "start", "status", "submit", "work"]  # fmt: skip

RUNS_DIR = "coordina-runs"  # beside the SQLite file, else in the working directory
STATES = ("queued", "running", "done", "failed")


@dataclass(frozen=True)
class Run:
    """A run as its watchers see it."""

    id: int
    key: str
    request: dict[str, Any]  # the SimulationRequest, as JSON
    state: str
    stage: str | None
    partitions_total: int | None
    partitions_done: int
    error: str | None
    run_dir: Path
    out_dir: Path
    created_at: datetime
    updated_at: datetime
    heartbeat_at: datetime | None
    worker_pid: int | None
    worker_host: str | None

    @property
    def share_done(self) -> float | None:
        """The share of partitions done (0 to 1), or None while they are not yet listed."""
        if self.partitions_total is None:
            return None
        return 1.0 if self.partitions_total == 0 else self.partitions_done / self.partitions_total

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")

    def as_json(self) -> dict[str, Any]:
        stamps = {"created_at": self.created_at, "updated_at": self.updated_at, "heartbeat_at": self.heartbeat_at}
        return {
            "id": self.id, "key": self.key, "request": self.request, "state": self.state, "stage": self.stage,
            "partitions_total": self.partitions_total, "partitions_done": self.partitions_done,
            "share_done": self.share_done, "error": self.error, "run_dir": str(self.run_dir),
            "out_dir": str(self.out_dir), "worker_pid": self.worker_pid, "worker_host": self.worker_host,
            **{name: at.isoformat() if at else None for name, at in stamps.items()},
        }  # fmt: skip


def _run(row: SimulationRun) -> Run:
    return Run(
        id=row.id, key=row.key, request=row.request, state=row.state, stage=row.stage,
        partitions_total=row.partitions_total, partitions_done=row.partitions_done, error=row.error,
        run_dir=Path(row.run_dir), out_dir=Path(row.out_dir), created_at=row.created_at,
        updated_at=row.updated_at, heartbeat_at=row.heartbeat_at, worker_pid=row.worker_pid,
        worker_host=row.worker_host,
    )  # fmt: skip


def default_runs_dir(db: Database) -> Path:
    """Where runs keep their partitions and reports: ``COORDINA_RUNS_DIR``, else ``coordina-runs``
    beside the workspace's SQLite file (``store.db.database_url``), else (PostgreSQL, in memory)
    in the working directory."""
    if os.environ.get("COORDINA_RUNS_DIR"):
        return Path(os.environ["COORDINA_RUNS_DIR"]).resolve()
    url = db.engine.url
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(str(url.database)).resolve().parent / RUNS_DIR
    return Path.cwd() / RUNS_DIR


def _load(session: Session, run_id: int, visible_to: int | None = None) -> SimulationRun:
    """The run ``run_id``; ``NotFound`` if there is none, or if ``visible_to`` (a user, not an
    administrator) does not own it: another user's run is not said to exist."""
    row = session.get(SimulationRun, run_id)
    if row is None or (visible_to is not None and not _sees(session, visible_to, run_id)):
        raise NotFound("simulation_run", f"no simulation run {run_id}")
    return row


def _administrator(session: Session, user_id: int) -> bool:
    return bool(session.scalar(select(User.administrator).where(User.id == user_id)))


def _sees(session: Session, user_id: int, run_id: int) -> bool:
    return _administrator(session, user_id) or session.get(SimulationRunOwner, (run_id, user_id)) is not None


def sees_every_run(db: Database, user_id: int) -> bool:
    """Whether the user sees every run and launch, not only their own (an administrator)."""
    with db.transaction() as session:
        return _administrator(session, user_id)


def submit(db: Database, request: SimulationRequest, runs_dir: Path | None = None, owner: int | None = None) -> Run:
    """The run of ``request``: the one with its key if it is queued, running or done (never
    redone), a failed one queued again (its finished partitions kept), else a new queued run.
    The key (``simulation_key.key``) loads the agreement and the assumptions and hashes the
    population file without reading it as a table: an agreement or assumption file that does not
    load, or a population file that is not there, is refused here, before any run is made; a
    population whose rows are bad fails the run when its worker reads it. ``owner``, the
    signed-in user who submits it, is recorded as one of the run's owners."""
    request = _absolute(request)
    key = simulation_key.key(request)
    root = (runs_dir or default_runs_dir(db)).resolve()
    try:
        return _submit(db, key, request, root, owner)
    except Exception as error:
        if not is_collision(error):
            raise
        return _submit(db, key, request, root, owner)  # the same request submitted a moment ago: that run


def _absolute(request: SimulationRequest) -> SimulationRequest:
    """The request with its files as absolute paths: a worker may start in another folder."""
    files: dict[str, Any] = {name: Path(value).resolve() for name in ("population", "assumptions", "skip_invalid")
                             if (value := getattr(request, name)) is not None}  # fmt: skip
    if catalog.is_path(request.agreement):  # a draft's file, not a bundled id
        files["agreement"] = str(Path(request.agreement).resolve())
    return request.model_copy(update=files)


def _submit(db: Database, key: str, request: SimulationRequest, root: Path, owner: int | None) -> Run:
    now = datetime.now(UTC)
    with db.writing(), db.transaction() as session:
        run = _submitted(session, key, request, root, now)
        if owner is not None and session.get(SimulationRunOwner, (run.id, owner)) is None:
            session.add(SimulationRunOwner(run_id=run.id, user_id=owner, submitted_at=now))
        return run


def _submitted(session: Session, key: str, request: SimulationRequest, root: Path, now: datetime) -> Run:
    row = session.scalar(select(SimulationRun).where(SimulationRun.key == key))
    if row is not None and row.state == "failed":
        queued = session.execute(
            update(SimulationRun)
            .where(SimulationRun.id == row.id, SimulationRun.state == "failed")
            .values(state="queued", stage=None, error=None, updated_at=now, worker_claim=None)
            .returning(SimulationRun.id)
        ).scalar_one_or_none()
        if queued is not None:
            session.refresh(row)
    if row is not None:
        return _run(row)
    row = SimulationRun(key=key, request=request.model_dump(mode="json"), state="queued", partitions_done=0,
                        run_dir="", out_dir="", created_at=now, updated_at=now)  # fmt: skip
    session.add(row)
    session.flush()
    row.run_dir = str(root / str(row.id))
    row.out_dir = str(root / str(row.id) / "report")
    return _run(row)


def status(db: Database, run_id: int, visible_to: int | None = None) -> Run:
    """The run's state, stage and partitions done of total; ``NotFound`` for a run that
    ``visible_to`` (a user's id) may not see."""
    with db.transaction() as session:
        return _run(_load(session, run_id, visible_to))


def runs(db: Database, limit: int = 100, visible_to: int | None = None) -> list[Run]:
    """The latest runs, newest first: all of them, or those ``visible_to`` (a user's id) owns
    (every run for an administrator)."""
    with db.transaction() as session:
        query = select(SimulationRun).order_by(SimulationRun.id.desc()).limit(limit)
        if visible_to is not None and not _administrator(session, visible_to):
            owned = select(SimulationRunOwner.run_id).where(SimulationRunOwner.user_id == visible_to)
            query = query.where(SimulationRun.id.in_(owned))
        return [_run(row) for row in session.scalars(query)]


@dataclass(frozen=True)
class ManifestEntry:
    index: int
    first_person: int
    last_person: int
    state: str
    result_path: Path | None
    finished_at: datetime | None


def manifest(db: Database, run_id: int) -> list[ManifestEntry]:
    """The run's partitions (empty until its worker lists them), by index."""
    with db.transaction() as session:
        _load(session, run_id)
        rows = session.scalars(
            select(SimulationPartition).where(SimulationPartition.run_id == run_id).order_by(SimulationPartition.index)
        )
        return [ManifestEntry(p.index, p.first_person, p.last_person, p.state,
                              Path(p.result_path) if p.result_path else None, p.finished_at) for p in rows]  # fmt: skip


def resume(db: Database, run_id: int, stale_after: timedelta = STALE_AFTER) -> Run:
    """Queue again a run whose worker is gone (its process ended on this host, or its heartbeat
    is older than ``stale_after``) or that failed: a worker then computes only the partitions not
    done. A done or queued run is left as it is; a run a live worker holds is refused."""
    now = datetime.now(UTC)
    with db.writing(), db.transaction() as session:
        row = _load(session, run_id)
        gone = worker_gone(row.worker_host, row.worker_pid, row.heartbeat_at, now - stale_after)
        if row.state == "running" and not gone:
            raise Refused("simulation_running", f"run {run_id} is being worked by process {row.worker_pid} on "
                          f"{row.worker_host} (heartbeat {row.heartbeat_at:%H:%M:%S} UTC); it resumes itself "
                          "if that worker stops")  # fmt: skip
        if row.state in ("running", "failed"):
            session.execute(
                update(SimulationRun)
                .where(SimulationRun.id == run_id, SimulationRun.state == row.state,
                       SimulationRun.worker_claim.is_not_distinct_from(row.worker_claim))
                .values(state="queued", error=None, stage="resumable", updated_at=now, worker_claim=None)
            )  # fmt: skip
            session.refresh(row)
        return _run(row)


def spawn_worker(db: Database, run_id: int | None = None) -> "subprocess.Popen[bytes]":
    """A worker process (``coordina simulate work``) for the run, on this database, in its own
    session (a Ctrl-C of the terminal that started it does not stop it); its output goes to
    ``worker.log`` in the run's directory. The web server never computes in a request: it calls this."""
    command = [sys.executable, "-m", "coordina", "simulate", "work"]
    log_dir = default_runs_dir(db)
    if run_id is not None:
        command += ["--run", str(run_id)]
        log_dir = status(db, run_id).run_dir
    log_dir.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "COORDINA_DATABASE_URL": db.engine.url.render_as_string(hide_password=False)}
    with (log_dir / "worker.log").open("ab") as log:
        worker = subprocess.Popen(command, env=environment, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                  start_new_session=True)  # fmt: skip
    remember(worker)  # kept until it ends, then reaped: no zombie in a long-lived web server
    return worker


def start(db: Database, request: SimulationRequest, runs_dir: Path | None = None, owner: int | None = None) -> Run:
    """Submit the request (for ``owner``) and, when its run waits for a worker, start one (CLI and
    web alike)."""
    run = submit(db, request, runs_dir, owner)
    if run.state == "queued":
        spawn_worker(db, run.id)
    return run


def export_report(run: Run, out: Path) -> list[Path]:
    """Copy a done run's report (``write_report``'s files) into ``out``; the paths written."""
    if run.state != "done":
        raise Refused("simulation_not_done", f"run {run.id} is {run.state}: it has no report yet")
    out.mkdir(parents=True, exist_ok=True)
    if out.resolve() != run.out_dir.resolve():
        shutil.copytree(run.out_dir, out, dirs_exist_ok=True)
    return sorted(path for path in out.rglob("*") if path.is_file())


def work(db: Database, run_id: int | None = None, *, stale_after: timedelta = STALE_AFTER,
         heartbeat_every: timedelta = HEARTBEAT_EVERY) -> Run | None:  # fmt: skip
    """Work one run to its end in this process (``services.simulation_worker``): ``run_id``, or
    the next queued run or run left by a stopped worker. The run as it ended, or None when there
    was none to claim."""
    from coordina.services import simulation_worker  # the simulation itself, for the worker

    worked = simulation_worker.work(db, run_id, stale_after=stale_after, heartbeat_every=heartbeat_every)
    return None if worked is None else status(db, worked)
