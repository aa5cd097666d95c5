"""The worker of simulation runs (issue 13 item 4): claims a run, lists its partitions (the
manifest), computes each pending one with ``simulation.run_partition``, and combines them.

A claim is one conditional UPDATE (``WHERE state = :seen AND worker_claim IS NOT DISTINCT FROM
:seen``, plus ``heartbeat_at < :stale`` to take over a run whose worker stopped beating): of two
workers that race for a run, exactly one updates a row; the other finds it taken. Every later
write of the worker requires its claim, so a worker whose run was taken over stops at its next
write. A partition's result is written beside ``part-<index>.parquet`` and moved into place
(``PartitionResult.write``; rename(2) is atomic on POSIX), then marked done with the heartbeat in
one transaction: after a crash, a partition is either done with its result in place or pending,
never half-written. The report is written the same way (a folder beside, then renamed).
"""

import contextlib
import os
import shutil
import socket
import threading
import traceback
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from coordina.domain.simulation import SimulationRequest
from coordina.errors import CoordinaError, Refused
from coordina.services import partition_pool, simulation
from coordina.services.simulation_liveness import HEARTBEAT_EVERY, STALE_AFTER, dead, worker_gone
from coordina.store.db import Database
from coordina.store.tables import SimulationPartition, SimulationRun

ERROR_LENGTH = 2000


class LostClaim(Exception):
    """Another worker took the run over (this one's heartbeat went stale): stop, change nothing."""


@dataclass(frozen=True)
class Claim:
    run_id: int
    token: str


def _now() -> datetime:
    return datetime.now(UTC)


def claim(db: Database, run_id: int | None = None, stale_after: timedelta = STALE_AFTER) -> Claim | None:
    """Take a run to work: ``run_id``, or the oldest queued run or running run whose worker is
    gone. None when there is none (or another worker took it first)."""
    stale_before = _now() - stale_after
    with db.transaction() as session:
        query = select(SimulationRun.id, SimulationRun.state, SimulationRun.worker_claim, SimulationRun.worker_host,
                       SimulationRun.worker_pid, SimulationRun.heartbeat_at).order_by(SimulationRun.id)  # fmt: skip
        if run_id is not None:
            query = query.where(SimulationRun.id == run_id)
        else:
            query = query.where(SimulationRun.state.in_(("queued", "running")))
        seen = session.execute(query.limit(200)).all()
    for found, state, token, host, pid, heartbeat in seen:
        if state == "queued":
            taken = _take(db, found, state, token, None)
        elif state == "running" and worker_gone(host, pid, heartbeat, stale_before):
            taken = _take(db, found, state, token, None if dead(host, pid) else stale_before)
        else:
            continue
        if taken is not None:
            return taken
    return None


def _take(db: Database, run_id: int, state: str, token: str | None, stale_before: datetime | None) -> Claim | None:
    """The one conditional UPDATE that claims a run; None if another worker changed it first."""
    mine = Claim(run_id, uuid.uuid4().hex)
    now = _now()
    condition = [SimulationRun.id == run_id, SimulationRun.state == state,
                 SimulationRun.worker_claim.is_not_distinct_from(token)]  # fmt: skip
    if stale_before is not None:  # a worker elsewhere: its heartbeat must still be stale
        condition.append(or_(SimulationRun.heartbeat_at.is_(None), SimulationRun.heartbeat_at < stale_before))
    with db.writing(), db.transaction() as session:
        won = session.execute(
            update(SimulationRun)
            .where(*condition)
            .values(state="running", stage="starting", error=None, worker_claim=mine.token, worker_pid=os.getpid(),
                    worker_host=socket.gethostname(), heartbeat_at=now, updated_at=now)
            .returning(SimulationRun.id)
        ).scalar_one_or_none()  # fmt: skip
    return mine if won is not None else None


def _own(session: Session, mine: Claim, **values: Any) -> None:
    """Beat the heart (and set ``values``) if the run is still this worker's, else ``LostClaim``."""
    now = _now()
    owned = session.execute(
        update(SimulationRun)
        .where(SimulationRun.id == mine.run_id, SimulationRun.worker_claim == mine.token,
               SimulationRun.state == "running")
        .values(heartbeat_at=now, updated_at=now, **values)
        .returning(SimulationRun.id)
    ).scalar_one_or_none()  # fmt: skip
    if owned is None:
        raise LostClaim(f"run {mine.run_id} was taken over by another worker")


def _stage(db: Database, mine: Claim, stage: str) -> None:
    with db.writing(), db.transaction() as session:
        _own(session, mine, stage=stage)


class Heartbeat:
    """A thread that beats every ``every`` while a partition computes; ``check`` raises
    ``LostClaim`` once a beat found the run taken over."""

    def __init__(self, db: Database, mine: Claim, every: timedelta) -> None:
        self._db, self._mine, self._every = db, mine, every.total_seconds()
        self._stop = threading.Event()
        self._lost = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{mine.run_id}", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self._every):
            try:
                with self._db.writing(), self._db.transaction() as session:
                    _own(session, self._mine)
            except LostClaim:
                self._lost.set()
                return
            except Exception:  # a database busy for a moment: the next beat, or the next partition, tries again
                continue

    def check(self) -> None:
        if self._lost.is_set():
            raise LostClaim(f"run {self._mine.run_id} was taken over by another worker")

    def __enter__(self) -> "Heartbeat":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def work(db: Database, run_id: int | None = None, *, stale_after: timedelta = STALE_AFTER,
         heartbeat_every: timedelta = HEARTBEAT_EVERY) -> int | None:  # fmt: skip
    """Claim a run (``run_id``, else the next one waiting) and work it to done or failed; the
    run's id, or None when there was nothing to claim. Any error fails the run with its message
    (the traceback goes to ``worker.log`` in the run's directory, not to the user)."""
    mine = claim(db, run_id, stale_after)
    if mine is None:
        return None
    try:
        with Heartbeat(db, mine, heartbeat_every) as heart:
            _work(db, mine, heart)
    except LostClaim:
        pass  # the worker that took it over finishes it
    except (KeyboardInterrupt, SystemExit):
        _release(db, mine)
        raise
    except Exception as error:
        _fail(db, mine, error)
    return mine.run_id


@dataclass(frozen=True)
class _Job:
    request: SimulationRequest
    key: str
    run_dir: Path
    out_dir: Path


def _job(db: Database, mine: Claim) -> _Job:
    with db.transaction() as session:
        row = session.get(SimulationRun, mine.run_id)
        assert row is not None  # claimed a moment ago; runs are not deleted
        return _Job(SimulationRequest.model_validate(row.request), row.key, Path(row.run_dir), Path(row.out_dir))


def _work(db: Database, mine: Claim, heart: Heartbeat) -> None:
    job = _job(db, mine)
    _stage(db, mine, "preparing")
    prepared = simulation.prepare(job.request)  # the inputs read and checked, the partitions listed
    if prepared.key != job.key:
        raise Refused("simulation_inputs_changed", "the agreement, population or assumptions changed since the "
                      "run was submitted; submit the simulation again for a run of the new inputs")  # fmt: skip
    parts = prepared.partitions
    done = _list(db, mine, [(p.index, p.first_person, p.last_person) for p in parts])
    job.run_dir.mkdir(parents=True, exist_ok=True)
    _stage(db, mine, "computing partitions")
    pending = [part for part in parts if part.index not in done]

    def started() -> bool:
        heart.check()  # before each partition: a run taken over starts no more
        return True

    compute = partial(simulation.run_partition, prepared)
    for part, result in partition_pool.as_done(compute, pending, before_each=started):
        path = job.run_dir / f"part-{part.index}.parquet"
        result.write(path)  # a folder of Parquet files, written beside and moved into place
        _mark_done(db, mine, part.index, path)
        done[part.index] = path
    _stage(db, mine, "combining")
    results = [simulation.PartitionResult.read(done[part.index]) for part in parts]
    report = simulation.combine(prepared, results)
    _stage(db, mine, "writing the report")
    _replace(job.out_dir, mine, lambda out: simulation.write_report(report, out))
    with db.writing(), db.transaction() as session:
        _own(session, mine, state="done", stage="done")


def _list(db: Database, mine: Claim, parts: list[tuple[int, int, int]]) -> dict[int, Path]:
    """Write the manifest on the first claim (or check it on a later one); the partitions done,
    whose result files are in place, by index."""
    with db.writing(), db.transaction() as session:
        _own(session, mine, stage="listing partitions")
        rows = list(session.scalars(select(SimulationPartition).where(SimulationPartition.run_id == mine.run_id)))
        if not rows:
            session.add_all(
                SimulationPartition(run_id=mine.run_id, index=i, first_person=first, last_person=last, state="pending")
                for i, first, last in parts
            )
        elif sorted((r.index, r.first_person, r.last_person) for r in rows) != sorted(parts):
            raise Refused("simulation_manifest", "the population's partitions are not those the run listed")
        done = {r.index: Path(r.result_path) for r in rows if r.state == "done" and r.result_path}
        done = {index: path for index, path in done.items() if path.exists()}
        session.execute(
            update(SimulationPartition)
            .where(SimulationPartition.run_id == mine.run_id, SimulationPartition.index.not_in(list(done)))
            .values(state="pending", result_path=None, finished_at=None)
        )  # a partition marked done whose file is missing is computed again
        _own(session, mine, partitions_total=len(parts), partitions_done=len(done))
        return done


def _mark_done(db: Database, mine: Claim, index: int, path: Path) -> None:
    """The partition done and the heartbeat, in one transaction (rolled back if the run was taken over)."""
    with db.writing(), db.transaction() as session:
        _own(session, mine)
        session.execute(
            update(SimulationPartition)
            .where(SimulationPartition.run_id == mine.run_id, SimulationPartition.index == index)
            .values(state="done", result_path=str(path), finished_at=_now())
        )
        count = (
            select(func.count())
            .select_from(SimulationPartition)
            .where(SimulationPartition.run_id == mine.run_id, SimulationPartition.state == "done")
            .scalar_subquery()
        )
        _own(session, mine, partitions_done=count)


def _replace(target: Path, mine: Claim, write: Any) -> None:
    """``write(temporary)`` beside ``target``, then renamed over it (a file or a folder)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{mine.token}.tmp")
    _remove(temporary)
    write(temporary)
    _remove(target)
    os.replace(temporary, target)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def message(error: BaseException) -> str:
    """What failed, for the user: the error's own message, no traceback."""
    if isinstance(error, CoordinaError):
        text = str(error)
    elif isinstance(error, OSError) and error.strerror:
        text = f"{error.strerror}: {error.filename}" if error.filename else error.strerror
    else:
        text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return text[:ERROR_LENGTH]


def _fail(db: Database, mine: Claim, error: Exception) -> None:
    with contextlib.suppress(Exception):  # the log is for maintainers: never the reason a run is not marked
        job = _job(db, mine)
        job.run_dir.mkdir(parents=True, exist_ok=True)
        with (job.run_dir / "worker.log").open("a", encoding="utf-8") as log:
            log.write(f"{_now().isoformat()} run {mine.run_id} failed:\n{traceback.format_exc()}\n")
    with contextlib.suppress(LostClaim), db.writing(), db.transaction() as session:
        _own(session, mine, state="failed", error=message(error))


def _release(db: Database, mine: Claim) -> None:
    """An interrupted worker (Ctrl-C) puts its run back in the queue for the next one."""
    with contextlib.suppress(Exception), db.writing(), db.transaction() as session:
        _own(session, mine, state="queued", stage="interrupted", worker_claim=None)
