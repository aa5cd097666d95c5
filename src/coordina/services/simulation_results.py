"""What a finished simulation run shows its readers: its report (``report.json``, as
``simulation_output.write_report`` wrote it) and the files of its report folder, each served only
by its own name from that folder (no other path can be reached through a name)."""

import json
import re
from pathlib import Path
from typing import Any

from coordina.errors import NotFound
from coordina.services.simulation_jobs import Run

__all__ = ["FILE", "file", "files", "report"]

FILE = re.compile(r"^[a-z0-9_]{1,64}\.(json|parquet|png|svg|txt)$")
"""The names of the files a report folder holds (``write_report``)."""


def report(run: Run) -> dict[str, Any] | None:
    """The run's report as JSON values, or None while it has none (not done, or not written)."""
    if run.state != "done":
        return None
    try:
        found: dict[str, Any] = json.loads((run.out_dir / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found


def files(run: Run) -> list[str]:
    """The names of the files in the run's report folder, sorted (none until it is done)."""
    if run.state != "done" or not run.out_dir.is_dir():
        return []
    return sorted(p.name for p in run.out_dir.iterdir() if FILE.match(p.name) and p.is_file() and not p.is_symlink())


def file(run: Run, name: str) -> Path:
    """The file ``name`` of the run's report folder; ``NotFound`` for any other name."""
    if not FILE.match(name) or name not in files(run):
        raise NotFound("simulation_file", f"run {run.id} has no file {name!r}")
    path = (run.out_dir / name).resolve()
    if path.parent != run.out_dir.resolve():
        raise NotFound("simulation_file", f"run {run.id} has no file {name!r}")
    return path
