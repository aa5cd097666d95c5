"""Synthetic populations of careers (issue 13 item 2): drawn by ``coordina.batch.population``
under the assumption file (``coordina.catalog.simulation``), each country's earnings along the
wage index it names (``coordina.services.wage_series``), written as Parquet (one row per
period, the columns of ``coordina.batch.population.COLUMNS``), and turned back into cases."""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
from pydantic import ValidationError

from coordina.batch.cases import case_of, group_rows
from coordina.batch.population import COLUMNS, PeriodRow, draw_population
from coordina.catalog.loading import bundled_data_dir
from coordina.catalog.simulation import POPULATION_ASSUMPTIONS, population_assumptions
from coordina.domain.case import Case
from coordina.domain.simulation import MAX_POPULATION, PopulationAssumptions, RegisterRow
from coordina.errors import DataError, Problem
from coordina.services import catalog
from coordina.services.wage_series import wage_indices

MAX_SIZE = MAX_POPULATION
SCHEMA: dict[str, Any] = {
    "person": pl.Int64, "birth_date": pl.Date, "sex": pl.Utf8, "nationality": pl.Utf8, "residence": pl.Utf8,
    "death_date": pl.Date, "country": pl.Utf8, "kind": pl.Utf8, "activity": pl.Utf8, "employer_country": pl.Utf8,
    "start": pl.Date, "end": pl.Date, "earnings": pl.Decimal(20, 0), "currency": pl.Utf8,
}  # fmt: skip


def assumptions(path: Path | None = None) -> PopulationAssumptions:
    """The population assumptions of ``path``, or the bundled ones."""
    return population_assumptions(path)


def population(
    agreement_id: str, size: int, seed: int, assumptions_path: Path | None = None, until: date = date(2025, 12, 31)
) -> pl.DataFrame:
    """A reproducible population of ``size`` people between the agreement's parties."""
    if not 1 <= size <= MAX_SIZE:
        raise ValueError(f"size: {size} is not between 1 and {MAX_SIZE}")
    parties = tuple(catalog.agreement(agreement_id).parties)
    used = assumptions(assumptions_path)
    indices = wage_indices(used, assumptions_path or bundled_data_dir() / POPULATION_ASSUMPTIONS, parties)
    rows = draw_population(parties, size, seed, used, until, indices)
    return frame(rows)


def fingerprint(parties: Iterable[str], assumptions_path: Path | None = None) -> str:
    """SHA-256 over what a draw between ``parties`` reads besides its size, seed and horizon: the
    assumptions and the wage index levels they name in the scheme data (a changed table, a new
    fingerprint)."""
    used = assumptions(assumptions_path)
    wanted = tuple(sorted(parties))
    indices = wage_indices(used, assumptions_path or bundled_data_dir() / POPULATION_ASSUMPTIONS, wanted)
    levels = {country: {str(y): str(v) for y, v in sorted(by_year.items())} for country, by_year in indices.items()}
    content = json.dumps({"assumptions": used.model_dump(mode="json"), "levels": levels}, sort_keys=True)
    return hashlib.sha256(content.encode()).hexdigest()


def wage_indices_named(agreement_id: str, assumptions_path: Path | None = None) -> dict[str, str]:
    """Each party's wage index as the assumptions name it (``wage_growth`` where none), for the
    population's report."""
    used = assumptions(assumptions_path)
    named = {c: " + ".join(s.named() for s in w.index) for c, w in used.wages.items() if w.index}
    return {c: named.get(c, "wage_growth") for c in sorted(catalog.agreement(agreement_id).parties)}


def frame(rows: list[PeriodRow]) -> pl.DataFrame:
    return pl.DataFrame([tuple(getattr(r, c) for c in COLUMNS) for r in rows], schema=SCHEMA, orient="row")


DEATHS_DRAWN_UNTIL = "coordina.deaths_drawn_until"
"""The file's key-value metadata naming the last day up to which a drawn population's deaths are
drawn (``batch.population``): the people it leaves alive are alive on that day."""


def write_population(table: pl.DataFrame, path: Path, deaths_drawn_until: date | None = None) -> None:
    """The population as Parquet (written beside, then moved: no half-written file); for a drawn
    population, the day up to which its deaths are drawn in the file's metadata."""
    partial = path.with_name(path.name + ".partial")
    metadata = {DEATHS_DRAWN_UNTIL: deaths_drawn_until.isoformat()} if deaths_drawn_until is not None else None
    table.write_parquet(partial, metadata=metadata)
    partial.replace(path)


def deaths_drawn_until(path: Path) -> date | None:
    """The day up to which the population file's deaths are drawn (None: a register, or a file
    that does not say, whose living people are alive at their claim and no later as far as known)."""
    found = pl.read_parquet_metadata(path).get(DEATHS_DRAWN_UNTIL)
    try:
        return date.fromisoformat(found) if found is not None else None
    except ValueError:
        return None


def cases(table: pl.DataFrame, agreement_id: str, claim: dict[str, Any]) -> Iterator[tuple[int, Case]]:
    """Each person's case for ``claim`` (``{"branch": ..., "date": ...}``), in person order."""
    rows = table.sort("person", maintain_order=True).iter_rows(named=True)
    for person, person_rows in group_rows(rows):
        yield person, case_of(person_rows, agreement_id, str(claim["branch"]), claim["date"])


@dataclass(frozen=True)
class RowProblem:
    """One bad row of a register: its number (1 for the first data row), the field, the message."""

    row: int
    field: str
    message: str


@dataclass(frozen=True)
class Register:
    """A register read: its valid rows, and every bad row with what is wrong (never dropped silently)."""

    table: pl.DataFrame
    problems: list[RowProblem]
    rows_read: int


MAX_REGISTER_BYTES = 4 * 1024**3
REQUIRED_COLUMNS = ("person", "birth_date", "residence", "country", "kind", "start", "end")


def read_register(path: Path) -> Register:
    """A user's register as Parquet or CSV in the documented columns; each row checked
    (``domain.simulation.RegisterRow``), the bad ones reported by row number and field."""
    if path.stat().st_size > MAX_REGISTER_BYTES:
        raise DataError([Problem(path, 1, f"the register is over {MAX_REGISTER_BYTES} bytes")])
    try:
        raw = pl.read_parquet(path) if path.suffix == ".parquet" else pl.read_csv(path, infer_schema=False)
    except (pl.exceptions.PolarsError, OSError, ValueError) as error:
        raise DataError([Problem(path, 1, f"not a readable Parquet or CSV file: {error}")]) from None
    missing = [
        c for c in ("person", "birth_date", "residence", "country", "kind", "start", "end") if c not in raw.columns
    ]
    if missing:
        raise DataError([Problem(path, 1, f"missing columns: {', '.join(missing)}")])
    unknown = [c for c in raw.columns if c not in COLUMNS]
    if unknown:
        raise DataError(
            [Problem(path, 1, f"unknown columns: {', '.join(unknown)} (the columns: {', '.join(COLUMNS)})")]
        )
    good: list[tuple[Any, ...]] = []
    problems: list[RowProblem] = []
    for number, values in enumerate(raw.iter_rows(named=True), start=1):
        data = {k: (None if v == "" else v) for k, v in values.items()}
        try:
            row = RegisterRow.model_validate(data)
        except ValidationError as error:
            for err in error.errors():
                at = (*err["loc"], *((err.get("ctx") or {}).get("at", ())))
                problems.append(RowProblem(number, ".".join(str(p) for p in at) or "row", err["msg"]))
            continue
        good.append(tuple(getattr(row, c) for c in COLUMNS))
    return Register(pl.DataFrame(good, schema=SCHEMA, orient="row"), problems, raw.height)


def write_invalid(register_path: Path, register: Register, out: Path) -> None:
    """The bad rows of a register, with their number, field and message, as CSV."""
    table = pl.DataFrame(
        [(p.row, p.field, p.message) for p in register.problems], schema={"row": pl.Int64, "field": pl.Utf8,
        "message": pl.Utf8}, orient="row",
    )  # fmt: skip
    partial = out.with_name(out.name + ".partial")
    table.write_csv(partial)
    partial.replace(out)
