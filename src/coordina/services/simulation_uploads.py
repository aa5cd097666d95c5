"""The inputs of a simulation sent through the web application (issue 13 item 4): a draft
agreement, a register of careers and an assumption file, each checked as the command line checks
it and kept under the runs directory by its content, and the file of a generated population.

A file is kept as ``<runs dir>/uploads/<sha256 of its bytes><suffix>``: the same file sent twice
is the same path, so the same request is the same run (``simulation.key``). Problems name the file
as it was sent (``draft.yaml:12: parties: …``), never the path on the server.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from coordina.catalog.simulation import simulation_assumptions
from coordina.domain.agreement import Agreement
from coordina.errors import DataError, Problem
from coordina.services import catalog
from coordina.services.database import Database
from coordina.services.simulation_jobs import default_runs_dir

if TYPE_CHECKING:  # polars: loaded when a register is read, not when the pages start
    from coordina.services.populations import RowProblem

__all__ = ["SAVED", "Generated", "check_agreement", "check_assumptions", "check_register", "keep",
           "population_file", "runs_root", "saved", "shown_name"]  # fmt: skip

SAVED = re.compile(r"^[0-9a-f]{64}\.(yaml|parquet|csv)$")
"""The name of a kept upload: its content's hash and its kind."""
SUFFIXES = {".yaml": ".yaml", ".yml": ".yaml", ".json": ".yaml", ".parquet": ".parquet", ".csv": ".csv"}
MAX_LISTED = 50
"""Bad rows of a register listed on the page (the run counts them all with ``skip_invalid``)."""


def runs_root(db: Database) -> Path:
    """Where runs, uploads and generated populations are kept (``simulation_jobs.default_runs_dir``)."""
    return default_runs_dir(db).resolve()


def shown_name(name: str, default: str) -> str:
    """The file's own name as sent (no folders), at most 100 characters."""
    return PurePath(name.replace("\\", "/")).name[:100] or default


def suffix_of(name: str) -> str | None:
    """The kind a sent file is kept as (``.yaml``, ``.parquet``, ``.csv``), or None for another kind."""
    return SUFFIXES.get(PurePath(name.lower()).suffix)


def keep(root: Path, data: bytes, suffix: str) -> Path:
    """``data`` kept under ``root/uploads`` by its hash (written beside, then moved into place)."""
    folder = root / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{hashlib.sha256(data).hexdigest()}{suffix}"
    if not path.exists():
        partial = path.with_name(path.name + ".partial")
        partial.write_bytes(data)
        partial.replace(path)
    return path


def saved(root: Path, name: str) -> Path | None:
    """The kept upload ``name`` (as ``keep`` named it), or None if there is no such file."""
    if not SAVED.match(name):
        return None
    path = root / "uploads" / name
    return path if path.is_file() else None


def _renamed(error: DataError, path: Path, shown: str) -> DataError:
    return DataError([Problem(Path(shown) if p.file == path else p.file, p.line, p.message) for p in error.problems])


def check_agreement(path: Path, shown: str) -> Agreement:
    """The draft agreement in ``path`` (validated as ``catalog.agreement`` validates a file), with
    two parties at least (a model agreement cannot be costed); ``DataError`` by line otherwise."""
    try:
        agreement = catalog.agreement(path)
    except DataError as error:
        raise _renamed(error, path, shown) from None
    if len(agreement.parties) < 2:
        raise DataError([Problem(Path(shown), 1, "parties: the agreement has no two parties to simulate")])
    return agreement


def check_assumptions(path: Path, shown: str) -> None:
    """The assumption file at ``path`` merged over the bundled one and validated; ``DataError`` by line."""
    try:
        simulation_assumptions(path)
    except DataError as error:
        raise _renamed(error, path, shown) from None


def check_register(path: Path) -> tuple[list["RowProblem"], int, int]:
    """A register's bad rows (row number, field, message; at most ``MAX_LISTED``), how many rows
    are bad and how many were read. ``DataError`` where the file cannot be read as a register."""
    from coordina.services import populations
    from coordina.services.simulation_inputs import is_population

    if is_population(path):  # a population as ``coordina population`` writes it: nothing to check row by row
        return [], 0, 0
    register = populations.read_register(path)
    bad = len({p.row for p in register.problems})
    return register.problems[:MAX_LISTED], bad, register.rows_read


@dataclass(frozen=True)
class Generated:
    """A synthetic population drawn for a run: where it is (or will be) and how it is drawn."""

    path: Path
    agreement: str
    size: int
    seed: int
    until: date


def population_file(root: Path, agreement: str, parties: list[str], size: int, seed: int, last_year: int) -> Generated:
    """The population of ``size`` people drawn with ``seed`` between ``parties`` with careers
    until the end of ``last_year`` under the bundled population assumptions
    (``populations.population``): one file per draw, kept under ``root/populations`` and named by
    all of these, so the same draw is drawn once."""
    from coordina.services import populations

    drawn = populations.fingerprint(parties)[:16]  # the assumptions and the wage index levels they read
    name = f"{'-'.join(parties)}-n{size}-s{seed}-u{last_year}-{drawn}.parquet"
    return Generated(root / "populations" / name, agreement, size, seed, date(last_year, 12, 31))
