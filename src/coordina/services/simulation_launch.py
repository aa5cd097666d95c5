"""A simulation whose population is drawn first, as the web application starts one (issue 13
item 4): drawing careers is computing, so it happens in a process of its own, never in a web
request; that process draws the population (``populations.population``), then submits the run
and, when it waits for a worker, works it (``simulation_jobs.work``, as ``coordina simulate
work`` would: the same claim, heartbeat and manifest) until it is done or failed.

A launch is keyed like a run (the request and the draw): the same launch while one is drawing or
has started is that one. Its state is a small JSON file, ``<runs dir>/launches/<token>.json``
(``drawing``; ``started`` with the run's id; ``failed`` with the message), written beside and
moved into place; only the launching process writes it once it runs. A launch whose process is
gone while it was still drawing is failed (and may be launched again). A launch is its owner's
(the signed-in user who started it, part of its key): the run it submits is theirs
(``simulation_jobs.submit``), and its pages are for them (and administrators) only.
"""

import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import traceback
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from coordina.domain.simulation import SimulationRequest
from coordina.services.database import Database
from coordina.services.simulation_liveness import dead
from coordina.services.simulation_uploads import Generated

__all__ = ["Launch", "launch", "launched", "main"]

TOKEN = re.compile(r"^[0-9a-f]{32}$")
STARTING = timedelta(minutes=2)
"""How long a launch may wait for its process to say it runs before it counts as failed."""
MODULE = "coordina.services.simulation_launch"


@dataclass(frozen=True)
class Launch:
    """A launch as its watchers see it."""

    token: str
    state: str  # drawing, started, failed
    size: int
    run_id: int | None = None
    error: str | None = None
    owner: int | None = None


def _folder(root: Path) -> Path:
    return root / "launches"


def _write(path: Path, data: dict[str, Any]) -> None:
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    partial.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    partial.replace(path)


def _token(request: SimulationRequest, generated: Generated, owner: int | None) -> str:
    document = json.dumps([request.model_dump(mode="json"), str(generated.path), generated.agreement, generated.size,
                           generated.seed, generated.until.isoformat()] + ([owner] if owner is not None else []),
                          sort_keys=True)  # fmt: skip
    return hashlib.sha256(document.encode()).hexdigest()[:32]


def launched(root: Path, token: str) -> Launch | None:
    """The launch ``token``, or None if there is none. A launch left drawing by a process that has
    ended (or that never said it runs) is failed."""
    if not TOKEN.match(token):
        return None
    path = _folder(root) / f"{token}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    state, error = str(data.get("state")), data.get("error")
    if state == "drawing":
        pid, host = data.get("pid"), data.get("host")
        age = datetime.now(UTC) - datetime.fromtimestamp(path.stat().st_mtime, UTC)
        if (pid is not None and dead(host, int(pid))) or (pid is None and age > STARTING):
            state, error = "failed", "the process drawing the population stopped before it finished"
    owner = None if data.get("owner") is None else int(data["owner"])
    return Launch(token, state, int(data.get("size", 0)), data.get("run_id"), error, owner)


def launch(
    db: Database, request: SimulationRequest, generated: Generated, root: Path, owner: int | None = None
) -> Launch:
    """Draw ``generated`` and then start the run of ``request`` (whose population is
    ``generated.path``) for ``owner``, in a process of its own; the launch, at once."""
    token = _token(request, generated, owner)
    found = launched(root, token)
    if found is not None and found.state != "failed":
        return found
    folder = _folder(root)
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / f"{token}.json"
    _write(marker, {"state": "drawing", "size": generated.size, "pid": None, "host": None, "owner": owner,
                    "request": request.model_dump(mode="json"),
                    "generated": {"path": str(generated.path), "agreement": generated.agreement,
                                  "size": generated.size, "seed": generated.seed,
                                  "until": generated.until.isoformat()}})  # fmt: skip
    environment = {**os.environ, "COORDINA_DATABASE_URL": db.engine.url.render_as_string(hide_password=False)}
    with (folder / f"{token}.log").open("ab") as log:
        subprocess.Popen([sys.executable, "-m", MODULE, str(marker)], env=environment, stdin=subprocess.DEVNULL,
                         stdout=log, stderr=log, start_new_session=True)  # fmt: skip
    return Launch(token, "drawing", generated.size, owner=owner)


def _draw(generated: dict[str, Any]) -> None:
    from datetime import date

    from coordina.services import populations

    path = Path(generated["path"])
    if path.exists():  # drawn for an earlier run: the same seed gives the same people
        return
    table = populations.population(str(generated["agreement"]), int(generated["size"]), int(generated["seed"]),
                                   None, date.fromisoformat(generated["until"]))  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    mine = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")  # two launches may draw the same file
    populations.write_population(table, mine, deaths_drawn_until=date.fromisoformat(generated["until"]))
    mine.replace(path)


def main(argv: list[str]) -> int:
    """The launching process: ``python -m coordina.services.simulation_launch MARKER``."""
    from coordina.services import simulation_jobs
    from coordina.services.database import open_database
    from coordina.services.simulation_worker import message

    marker = Path(argv[0])
    data = json.loads(marker.read_text(encoding="utf-8"))
    data.update(pid=os.getpid(), host=socket.gethostname())
    _write(marker, data)
    try:
        _draw(data["generated"])
        db = open_database(migrate=False)
        run = simulation_jobs.submit(db, SimulationRequest.model_validate(data["request"]), owner=data.get("owner"))
        data.update(state="started", run_id=run.id)
    except Exception as error:
        traceback.print_exc()
        data.update(state="failed", error=message(error))
    _write(marker, data)
    if data["state"] != "started":
        return 1
    if run.state == "queued":  # this process, already loaded, is the run's worker (``simulation_jobs.work``)
        simulation_jobs.work(db, run.id)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
