"""The careers of the batch benchmark (``batch.py``): populations of 10^5 to 10^7 people drawn in
blocks, their partitions by person range, one old-age claim per person, and one partition's pass
(the kernel, or the floor with no rules), as the benchmark's stages and Dask workers run them.

A population is drawn with ``coordina.services.populations.population`` (the generator of
``coordina population``) in blocks of ``BLOCK`` people, block ``i`` with seed ``seed * 100_003 + i``
and its people numbered from ``i * BLOCK``, on every core, and written block by block into one
Parquet file (one row group per block, so a partition of whole blocks reads only its own row
groups); the whole population is never in memory. ``tile=True`` instead draws the first
``TILE_BASE`` people once and repeats them with shifted person numbers (for 10^7 people in
minutes rather than an hour: the careers repeat, the work per career does not change).
"""

import math
import multiprocessing
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow.parquet as pq

BLOCK = 10_000
TILE_BASE = 100_000
CLAIM_AGES = (65, 70)
"""Each person claims an old-age pension between these ages (65 + person mod 6), never before
the agreement's entry into force (30 days after it at the earliest), on the first of a month:
as in benchmarks/careers.py, every claim is one the agreement covers."""


def population_file(directory: Path, agreement: str, size: int, seed: int, tile: bool) -> Path:
    return directory / f"{agreement}-{size}-seed{seed}{'-tiled' if tile else ''}.parquet"


def _block(job: tuple[str, int, int, int]) -> pl.DataFrame:
    from coordina.services import populations

    agreement, index, people, seed = job
    table = populations.population(agreement, people, seed * 100_003 + index)
    return table.with_columns(pl.col("person") + index * BLOCK)


def draw(agreement: str, size: int, seed: int, out: Path, tile: bool = False, processes: int = 2) -> dict[str, Any]:
    """Write a population of ``size`` people to ``out`` (once: an existing file is reused)."""
    if out.exists():
        return {"people": size, "rows": pq.ParquetFile(out).metadata.num_rows, "seconds": 0.0, "reused": True}
    started = time.perf_counter()
    drawn = min(size, TILE_BASE) if tile else size
    blocks = math.ceil(drawn / BLOCK)
    jobs = [(agreement, i, min(BLOCK, drawn - i * BLOCK), seed) for i in range(blocks)]
    partial = out.with_name(out.name + ".partial")
    rows = 0
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        tables = list(pool.imap(_block, jobs)) if tile else pool.imap(_block, jobs)
        writer: pq.ParquetWriter | None = None
        try:
            for copy in range(math.ceil(size / drawn)) if tile else (0,):
                for table in tables:
                    shifted = table.with_columns(pl.col("person") + copy * drawn).filter(pl.col("person") < size)
                    if shifted.is_empty():
                        continue
                    arrow = shifted.to_arrow()
                    writer = writer or pq.ParquetWriter(partial, arrow.schema)
                    writer.write_table(arrow, row_group_size=arrow.num_rows)
                    rows += arrow.num_rows
        finally:
            if writer is not None:
                writer.close()
    partial.replace(out)
    return {"people": size, "rows": rows, "seconds": time.perf_counter() - started, "reused": False}


@dataclass(frozen=True)
class Part:
    """A partition: the persons ``first`` to ``last`` (its ``index`` orders the answers)."""

    index: int
    first: int
    last: int


def partitions(path: Path, size: int) -> list[Part]:
    """The partitions of ``size`` people (the person numbers run from 0)."""
    last = pl.scan_parquet(path).select(pl.col("person").max()).collect().item()
    return [Part(i, first, min(first + size - 1, last)) for i, first in enumerate(range(0, last + 1, size))]


def read(path: Path, first: int, last: int) -> pl.DataFrame:
    """The periods of the persons ``first`` to ``last`` only (the row groups of other persons are
    skipped on their statistics)."""
    return pl.scan_parquet(path).filter(pl.col("person").is_between(first, last)).collect()


def claims(periods: pl.DataFrame, in_force: date | None) -> pl.DataFrame:
    """One old-age claim per person (``CLAIM_AGES``)."""
    earliest = pl.lit(date(1900, 1, 1) if in_force is None else in_force).dt.offset_by("30d")
    years = pl.format("{}y", pl.lit(CLAIM_AGES[0]) + pl.col("person") % (CLAIM_AGES[1] - CLAIM_AGES[0] + 1))
    return (
        periods.group_by("person", maintain_order=True)
        .agg(pl.col("birth_date").first())
        .select(
            "person",
            pl.lit("old_age").alias("branch"),
            pl.max_horizontal(pl.col("birth_date").dt.offset_by(years), earliest).dt.month_start().alias("claim_date"),
        )
    )


def kernel_pass(prepared: tuple[str, Any, Any], part: Part) -> dict[str, int]:
    """One partition through the batch kernel: careers decided, and how many fell back."""
    from coordina.batch.kernel import decide

    path, agreement, schemes = prepared
    periods = read(Path(path), part.first, part.last)
    result = decide(periods, claims(periods, agreement.in_force), agreement, schemes)
    return {"careers": result.persons.height, "fallback": result.fallback, "rows": periods.height}


def floor_pass(path: Path, part: Part) -> dict[str, int]:
    """One partition read and its periods grouped by person, no rules: the least any pass does."""
    periods = read(path, part.first, part.last)
    grouped = periods.group_by("person", maintain_order=True).agg(pl.all())
    return {"careers": grouped.height, "fallback": 0, "rows": periods.height}
