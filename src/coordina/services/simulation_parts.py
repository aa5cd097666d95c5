"""What the steps of a simulation hand each other (``services.simulation``, its report, its Dask
executor and its jobs): the engine version, the partitions, the prepared run and a partition's
result, in a module of their own so that none of those modules imports another in a circle."""

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from coordina.domain.agreement import Agreement
from coordina.domain.scheme import Scheme
from coordina.domain.simulation import SimulationRequest
from coordina.domain.simulation_assumptions import SimulationAssumptions
from coordina.services.simulation_inputs import CheckedPopulation
from coordina.services.simulation_key import ENGINE_VERSION

__all__ = ["ENGINE_VERSION", "TABLES", "Partition", "PartitionResult", "Prepared", "Progress"]

Progress = Callable[[int, int], None]
"""Called with (partitions done, partitions in all)."""

TABLES = ("yearly", "claims", "party_claims", "contributions", "posted", "fractions", "gains")
"""The tables of a partition's result."""


@dataclass(frozen=True)
class Partition:
    """The persons ``first_person`` to ``last_person`` (inclusive) of the population."""

    index: int
    first_person: int
    last_person: int


@dataclass(frozen=True)
class Prepared:
    """Everything a partition needs, picklable (for Dask workers)."""

    request: SimulationRequest
    agreement: Agreement
    schemes: dict[str, Scheme]
    earlier: list[Agreement]
    assumptions: SimulationAssumptions
    population: CheckedPopulation
    partitions: list[Partition]
    key: str
    in_force_assumed: date | None = None
    """Set where the draft has no date of entry into force: assumed in force from the first year."""


@dataclass(frozen=True)
class PartitionResult:
    """One partition's exact sums (``TABLES``) and counts (``meta``)."""

    index: int
    tables: dict[str, pl.DataFrame]
    meta: dict[str, Any] = field(default_factory=dict)

    def write(self, path: Path) -> None:
        """The result as a folder of Parquet files and ``meta.json``, written beside and then moved
        into place (a reader never sees half a result)."""
        partial = path.with_name(path.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        for name, table in self.tables.items():
            table.write_parquet(partial / f"{name}.parquet")
        (partial / "meta.json").write_text(json.dumps({"index": self.index, **self.meta}, sort_keys=True))
        if path.exists():
            old = path.with_name(path.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            path.rename(old)
            partial.rename(path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            partial.rename(path)

    @classmethod
    def read(cls, path: Path) -> "PartitionResult":
        meta = json.loads((path / "meta.json").read_text())
        tables = {name: pl.read_parquet(path / f"{name}.parquet") for name in TABLES}
        return cls(int(meta.pop("index")), tables, meta)
