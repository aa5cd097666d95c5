"""Populations larger than memory are streamed (issue 13 item 5): a run reads its population
partition by partition (``pl.scan_parquet`` filtered on the partition's person range), so its
peak resident memory depends on the partition size, not on the population's.

Measured as the issue says: the peak resident memory (``ru_maxrss``) of a process that runs one
whole local simulation, for N and for 5N people at the same partition size; the ratio stays under
1.3. Seen here: 182 MB for 2,000 people in one partition and 189 MB for 10,000 in five partitions
of 2,000 (1.04); the same 10,000 people in one partition of 10,000 took 277 MB (1.52: what an
unstreamed run would do, so the bound tells the two apart). 4,000 and 20,000 people gave the same
streamed ratio (1.02; 2.2 unstreamed) for 22 s of processor time against 14 s: each partition
costs a fixed time, so the test runs as few as show the point. The populations are one drawn
block of people repeated with shifted person numbers (drawing 10,000 people takes longer than
simulating them).
"""

import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from coordina.services import populations

N, BLOCK, PARTITION = 4_000, 1_000, 2_000  # N: two partitions, both in flight at once (partition_pool)
RATIO = 1.3

RUN = """
import json, resource, sys
from pathlib import Path
from coordina.domain.simulation import SimulationRequest
from coordina.services import simulation

request = SimulationRequest(agreement="in-de", population=Path(sys.argv[1]), partition_size=int(sys.argv[2]))
report = simulation.simulate(request)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
partitions = len(simulation.prepare(request).partitions)
print(json.dumps({"people": report.counts["people"], "peak_mb": peak, "partitions": partitions}))
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("streaming")


def tiled(folder: Path, people: int, block: pl.DataFrame | None = None) -> Path:
    """``people`` people: one drawn block of ``BLOCK`` repeated, the person numbers shifted."""
    block = populations.population("in-de", BLOCK, seed=11) if block is None else block
    table = pl.concat([block.with_columns(pl.col("person") + i * BLOCK) for i in range(people // BLOCK)])
    path = folder / f"population-{people}.parquet"
    populations.write_population(table, path)
    return path


def peak(path: Path, partition_size: int) -> dict[str, float]:
    """One local simulation of the population in a fresh process: its people and peak memory."""
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(path), str(partition_size)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def test_peak_memory_does_not_grow_with_the_population(folder: Path) -> None:
    block = populations.population("in-de", BLOCK, seed=11)
    small, large = peak(tiled(folder, N, block), PARTITION), peak(tiled(folder, 5 * N, block), PARTITION)
    assert (small["people"], large["people"]) == (N, 5 * N)
    assert (small["partitions"], large["partitions"]) == (N // PARTITION, 5 * N // PARTITION)
    ratio = large["peak_mb"] / small["peak_mb"]
    assert ratio < RATIO, f"{5 * N} people: {large['peak_mb']:.0f} MB, {N}: {small['peak_mb']:.0f} MB ({ratio:.2f})"
