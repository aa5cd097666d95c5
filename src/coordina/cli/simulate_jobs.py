"""``coordina simulate work | status | runs | resume``: simulation runs as jobs (issue 13 item 4).

``coordina simulate`` submits its run and watches a worker process compute it
(``run_as_job``); these commands are the rest of a run's life: the worker itself, a run's state,
the list of runs, and resuming a run whose worker stopped (a crash, a killed process).
"""

import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from typer._click import Context  # typer runs its own copy of click
from typer.core import TyperGroup

from coordina.cli.output import console, print_json, user_errors
from coordina.domain.simulation import SimulationRequest
from coordina.errors import CoordinaError

if TYPE_CHECKING:  # the services load the database stack: imported when a command runs, not at start-up
    from coordina.services.database import Database
    from coordina.services.simulation_jobs import Run

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
RunId = Annotated[int, typer.Argument(metavar="RUN", help="The run's id (coordina simulate runs).")]
POLL_SECONDS = 0.25
progress_console = Console(stderr=True)  # the bar and what a watcher is told: stdout stays the report (--json)
DEFAULT = "run"  # ``coordina simulate --agreement …`` is ``coordina simulate run --agreement …``


class _SimulateGroup(TyperGroup):
    """``coordina simulate``: the simulation itself (the command ``run``) unless the first word
    names one of the job commands (work, status, runs, resume)."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        if args and DEFAULT in self.commands and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = [DEFAULT, *args]
        return super().parse_args(ctx, args)


def _open() -> "Database":
    from coordina.services.database import open_database

    return open_database()


def _line(run: "Run") -> str:
    done = f"{run.partitions_done}/{run.partitions_total} partitions" if run.partitions_total is not None else ""
    parts = [f"run {run.id}: {run.state}", run.stage if run.state == "running" and run.stage else "", done]
    return ", ".join(p for p in parts if p)


def _print(run: "Run") -> None:
    console.print(_line(run), highlight=False)
    if run.state == "done":
        console.print(f"report in {run.out_dir}", highlight=False)
    if run.state == "failed":
        progress_console.print(f"error: run {run.id} failed: {run.error}", highlight=False, soft_wrap=True)


def watch(db: "Database", run_id: int, worker: "subprocess.Popen[bytes] | None" = None) -> "Run":
    """A progress bar of the run's partitions done until it is done or failed. Ctrl-C stops
    watching, not the worker: the run goes on in the background. If ``worker`` (the process
    started for the run) ends while no other worker holds the run, that is said, and how to resume."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from coordina.services import simulation_jobs

    run = simulation_jobs.status(db, run_id)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=progress_console, transient=True) as progress:
            task = progress.add_task(f"run {run_id}: {run.state}", total=None)
            while not run.finished:
                progress.update(task, description=f"run {run_id}: {run.stage or run.state}",
                                total=run.partitions_total, completed=run.partitions_done)  # fmt: skip
                time.sleep(POLL_SECONDS)
                run = simulation_jobs.status(db, run_id)
                if worker is not None and worker.poll() is not None:
                    run = simulation_jobs.status(db, run_id)  # it may have finished the run as it ended
                    if not run.finished and run.worker_pid in (None, worker.pid):
                        _stopped(run, worker.returncode)
                    worker = None  # another worker holds the run: watch that one
            progress.update(task, total=run.partitions_total, completed=run.partitions_done)
    except KeyboardInterrupt:
        progress_console.print(f"run {run_id} goes on in the background: coordina simulate status {run_id}",
                               highlight=False)  # fmt: skip
        raise typer.Exit(130) from None
    return run


def _stopped(run: "Run", status: int) -> NoReturn:
    with user_errors("the run stopped"):
        raise CoordinaError("simulation_worker_stopped", f"the worker of run {run.id} stopped (exit status {status}) "
                            f"before the run ended; its log is {run.run_dir / 'worker.log'}; resume the run with "
                            f"coordina simulate resume {run.id}")  # fmt: skip


def run_as_job(request: SimulationRequest, out: Path | None = None, runs_dir: Path | None = None) -> "Run":
    """For ``coordina simulate``: submit the run (the same request's run is not redone), start a
    worker process if it waits for one, watch its progress, and copy its report into ``out``.
    A failed run prints its error and exits 1."""
    from coordina.services import simulation_jobs

    db = _open()
    with user_errors("nothing was simulated"):
        run = simulation_jobs.submit(db, request, runs_dir)
        worker = simulation_jobs.spawn_worker(db, run.id) if run.state == "queued" else None
    if run.state == "done":
        progress_console.print(f"run {run.id}: done before (the same agreement, population, assumptions and "
                               "years): its report", highlight=False)  # fmt: skip
    else:
        progress_console.print(f"run {run.id}: {run.state}, computed by a worker process (coordina simulate "
                               f"status {run.id})", highlight=False)  # fmt: skip
        run = watch(db, run.id, worker)
    with user_errors("nothing was simulated"):  # a message on stderr, or with --json a problem document
        if run.state == "failed":
            raise CoordinaError("simulation_failed", f"run {run.id} failed: {run.error}")
    if out is not None:
        with user_errors("the report was not copied"):
            simulation_jobs.export_report(run, out)
    return run


def work(
    run: Annotated[int | None, typer.Option("--run", help="Work this run only (else every run waiting).")] = None,
) -> None:
    """Be a worker: compute runs partition by partition.

    The run given, or every queued run and run left by a stopped worker, until none is left."""
    from coordina.services import simulation_jobs

    db = _open()
    with user_errors("the run was not worked"):
        if run is not None:
            worked = simulation_jobs.work(db, run)
            if worked is None:
                _print(simulation_jobs.status(db, run))  # done, or held by a live worker
                return
            _print(worked)
            if worked.state == "failed":
                raise typer.Exit(1)
            return
        while (worked := simulation_jobs.work(db)) is not None:
            _print(worked)


def status(run_id: RunId, json: JsonFlag = False) -> None:
    """A run's state, stage and partitions done of total."""
    from coordina.services import simulation_jobs

    with user_errors():
        run = simulation_jobs.status(_open(), run_id)
    if json:
        print_json(run.as_json())
        return
    _print(run)


def list_runs(
    limit: Annotated[int, typer.Option("--limit", min=1, max=10_000, help="The latest runs shown.")] = 50,
    json: JsonFlag = False,
) -> None:
    """The simulation runs, newest first."""
    from rich.table import Table

    from coordina.services import simulation_jobs

    with user_errors():
        found = simulation_jobs.runs(_open(), limit)
    if json:
        print_json([run.as_json() for run in found])
        return
    table = Table(title=f"{len(found)} simulation runs")
    for heading in ("run", "state", "stage", "partitions", "agreement", "population", "updated (UTC)"):
        table.add_column(heading, overflow="fold")
    for run in found:
        done = f"{run.partitions_done}/{run.partitions_total}" if run.partitions_total is not None else "—"
        table.add_row(str(run.id), run.state, run.error or run.stage or "", done, str(run.request.get("agreement")),
                      str(run.request.get("population")), f"{run.updated_at:%Y-%m-%d %H:%M:%S}")  # fmt: skip
    console.print(table)


def resume(
    run_id: RunId,
    background: Annotated[bool, typer.Option("--background", help="Start the worker and return.")] = False,
) -> None:
    """Resume a run whose worker stopped (or that failed).

    A worker process computes only the partitions not yet done, then combines them all."""
    from coordina.services import simulation_jobs

    db = _open()
    with user_errors("the run was not resumed"):
        run = simulation_jobs.resume(db, run_id)
        worker = simulation_jobs.spawn_worker(db, run.id) if run.state == "queued" else None
    if background or run.state == "done":
        _print(run)
        return
    run = watch(db, run.id, worker)
    _print(run)
    if run.state == "failed":
        raise typer.Exit(1)


def commands(simulate: Callable[..., Any] | None = None, **more: Callable[..., Any]) -> typer.Typer:
    """The ``coordina simulate`` group: ``simulate`` (cli/simulate.py's command, which goes
    through ``run_as_job``) as its default command ``run``, the job commands, and ``more``
    commands by name (``compare=...``)."""
    what = "Impact simulation of an agreement over a population of careers, run as a job"
    group = typer.Typer(cls=_SimulateGroup, no_args_is_help=True, help=f"{what}: run (the default), work, status, "
                        "runs, resume.")  # fmt: skip
    if simulate is not None:
        group.command(DEFAULT, short_help="Simulate an agreement over a population (the default command).")(simulate)
    jobs: dict[str, Callable[..., Any]] = {"work": work, "status": status, "runs": list_runs, "resume": resume}
    for name, command in {**more, **jobs}.items():
        group.command(name)(command)
    return group
