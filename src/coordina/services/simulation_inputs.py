"""The inputs of an impact simulation checked before anything runs: the population (a Parquet
population as ``coordina population`` writes it, or a user's register checked row by row), its
content hash (``simulation_key.file_hash``), and the exchange rates the agreement's parties need
(``simulation_key.check_rates``)."""

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from coordina.errors import DataError, Problem
from coordina.services import populations
from coordina.services.simulation_key import check_rates, file_hash

__all__ = ["CheckedPopulation", "check_rates", "checked_population", "file_hash", "is_population"]

MAX_LISTED = 50
"""Bad register rows listed in an error (all of them are written with ``skip_invalid``)."""


@dataclass(frozen=True)
class CheckedPopulation:
    """The population a run reads: a Parquet file of ``populations.SCHEMA`` sorted by person."""

    path: Path
    source: Path
    content_hash: str
    invalid_rows: int = 0
    rows_read: int | None = None
    deaths_drawn_until: date | None = None
    """Where the population's deaths are drawn up to a day (a drawn population): the life table
    applies only after it (``batch.projection``)."""


def is_population(path: Path) -> bool:
    """A Parquet file with exactly the population's columns and types (read from its metadata)."""
    if path.suffix != ".parquet":
        return False
    try:
        schema = pl.read_parquet_schema(path)
    except (pl.exceptions.PolarsError, OSError, ValueError):
        return False
    return dict(schema) == dict(populations.SCHEMA)


def checked_population(path: Path, skip_invalid: Path | None = None, work_dir: Path | None = None) -> CheckedPopulation:
    """The population at ``path``: used as it is when it is a population file; else read as a register
    (``populations.read_register``), every bad row refusing the run (``DataError``, by row number and
    field) unless ``skip_invalid`` is given, where they are written and counted; the valid rows are
    then written, sorted by person, to a file named by the register's hash (in ``work_dir``)."""
    if not path.is_file():
        raise DataError([Problem(path, 1, "no such population file")])
    content_hash = file_hash(path)
    if is_population(path):
        return CheckedPopulation(path, path, content_hash, deaths_drawn_until=populations.deaths_drawn_until(path))
    register = populations.read_register(path)
    if register.problems and skip_invalid is None:
        problems = [
            Problem(path, p.row + 1 if path.suffix == ".csv" else p.row, f"row {p.row}: {p.field}: {p.message}")
            for p in register.problems[:MAX_LISTED]
        ]
        if len(register.problems) > MAX_LISTED:
            problems.append(Problem(path, 1, f"… and {len(register.problems) - MAX_LISTED} more"))
        raise DataError(problems)
    if skip_invalid is not None:
        populations.write_invalid(path, register, skip_invalid)
    if register.table.height == 0:
        raise DataError([Problem(path, 1, "no valid row: nothing to simulate")])
    folder = work_dir or Path(tempfile.gettempdir()) / "coordina-registers"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{content_hash}.parquet"
    if not target.exists():
        populations.write_population(register.table.sort("person", "start", maintain_order=True), target)
    invalid = len({p.row for p in register.problems})
    return CheckedPopulation(target, path, content_hash, invalid, register.rows_read)
