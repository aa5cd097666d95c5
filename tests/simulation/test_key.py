"""The run key (``services.simulation_key``, issue 13 item 4): the population file's SHA-256 with
the other inputs, computed without reading the population as a table. The same file or a copy of
it gives the same key, one changed row another, and a large file is hashed in blocks, never loaded
(polars is not called and the memory used stays far below the file's size)."""

import shutil
import tracemalloc
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from coordina.domain.simulation import SimulationRequest
from coordina.errors import DataError
from coordina.services import populations, simulation, simulation_key


@pytest.fixture(scope="module")
def people(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("key") / "people.parquet"
    populations.write_population(populations.population("au-kr", 20, 3, None, date(2040, 12, 31)), path)
    return path


def request_for(population: Path) -> SimulationRequest:
    return SimulationRequest(agreement="au-kr", population=population, years=(2030, 2040))


def test_the_same_file_or_a_copy_has_the_same_key_and_a_changed_row_another(people: Path, tmp_path: Path) -> None:
    first = simulation_key.key(request_for(people))
    assert simulation_key.key(request_for(people)) == first and len(first) == 64
    copy = shutil.copy(people, tmp_path / "copy.parquet")
    assert simulation_key.key(request_for(Path(copy))) == first, "a copy elsewhere: the same key"
    assert simulation.prepare(request_for(people)).key == first, "the worker keys the run as it was submitted"

    table = pl.read_parquet(people)
    changed = table.with_columns(
        pl.when(pl.int_range(pl.len()) == 0).then(pl.col("end") - pl.duration(days=1)).otherwise(pl.col("end"))
    )
    other = tmp_path / "changed.parquet"
    populations.write_population(changed, other)
    assert simulation_key.key(request_for(other)) != first, "one row changed: another key"
    assert simulation_key.key(request_for(people).model_copy(update={"years": (2030, 2041)})) != first


def test_a_big_file_is_keyed_without_loading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.parquet"  # not even a Parquet file: it is hashed, never parsed
    block = bytes(range(256)) * 4096  # 1 MiB
    with big.open("wb") as handle:
        for n in range(48):
            handle.write(block[n:] + block[:n])
    for name in ("scan_parquet", "read_parquet", "read_parquet_schema", "scan_csv", "read_csv"):
        monkeypatch.setattr(pl, name, lambda *_, _name=name, **__: pytest.fail(f"polars.{_name} was called"))

    tracemalloc.start()
    try:
        simulation_key.key(request_for(big))  # warm: the library and assumptions are cached after the first
        tracemalloc.reset_peak()
        keyed = simulation_key.key(request_for(big))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(keyed) == 64
    assert peak < 8 * 2**20, f"{peak / 2**20:.1f} MiB traced while hashing a 48 MiB file"


def test_a_missing_population_is_refused_when_keyed(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such population file"):
        simulation_key.key(request_for(tmp_path / "nowhere.parquet"))
