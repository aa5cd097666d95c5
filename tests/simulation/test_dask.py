"""``--engine dask`` (issue 13 item 5): a LocalCluster of this machine's cores, or the cluster of a
scheduler's address, gives the very report of the local run, table by table and count by count;
its own cluster is closed at the end, also on Ctrl-C; what goes wrong with a cluster is a
``coordina.errors.ClusterError`` said in one line, never a traceback (also by the command)."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import dask
import psutil
import pytest
from distributed import Client, LocalCluster
from polars.testing import assert_frame_equal

from coordina import errors
from coordina.domain.simulation import SimulationRequest
from coordina.services import populations, simulation, simulation_dask


@pytest.fixture(scope="module")
def request_(tmp_path_factory: pytest.TempPathFactory) -> SimulationRequest:
    """90 drawn people between Australia and Korea, in 3 partitions of 30."""
    path = tmp_path_factory.mktemp("dask") / "population.parquet"
    populations.write_population(populations.population("au-kr", 90, seed=5), path)
    return SimulationRequest(agreement="au-kr", population=path, partition_size=30)


@pytest.fixture(scope="module")
def local(request_: SimulationRequest) -> simulation.Report:
    return simulation.simulate(request_)


def assert_same_report(dask_report: simulation.Report, local_report: simulation.Report) -> None:
    assert list(dask_report.tables) == list(local_report.tables)
    for name, table in local_report.tables.items():
        assert_frame_equal(dask_report.tables[name], table)  # exact: same rows, order, types and values
    assert dask_report.counts == local_report.counts
    assert dask_report.key == local_report.key


def children() -> set[int]:
    """This process's children, but multiprocessing's resource tracker (it lives as long as we do)."""
    found = set()
    for child in psutil.Process().children(recursive=True):
        try:
            if "resource_tracker" not in " ".join(child.cmdline()):
                found.add(child.pid)
        except psutil.NoSuchProcess:  # ended meanwhile
            continue
    return found


def test_a_local_cluster_gives_the_local_report_and_is_closed(
    request_: SimulationRequest, local: simulation.Report
) -> None:
    before = children()
    seen: list[tuple[int, int]] = []
    report = simulation.simulate(request_, engine="dask", progress=lambda done, total: seen.append((done, total)))
    assert_same_report(report, local)
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert local.counts["people"] == 90
    assert not children() - before  # the workers and their nannies are gone


def test_ctrl_c_closes_the_local_cluster(request_: SimulationRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(simulation_dask, "workers", lambda: 1)  # one worker process is enough to be left behind
    before = children()
    prepared = simulation.prepare(request_)

    def interrupt(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        simulation_dask.map_partitions(simulation.run_partition, prepared, prepared.partitions, None, interrupt)
    assert not children() - before


def _die(prepared: Any, partition: Any) -> None:
    os._exit(3)  # a worker that dies running a partition (as one killed for its memory would)


def test_a_scheduler_address_uses_that_cluster(
    request_: SimulationRequest, local: simulation.Report, tmp_path: Path
) -> None:
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0") as cluster,
    ):
        address = cluster.scheduler_address
        report = simulation.simulate(request_, engine="dask", scheduler=address)
        assert_same_report(report, local)
        with Client(address, set_as_default=False) as client:  # the cluster is still there, and idle
            assert client.submit(sum, [1, 2]).result() == 3
        deadline = time.monotonic() + 10
        while cluster.scheduler.tasks and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not cluster.scheduler.tasks  # nothing of the run is left on a shared cluster

        copy = tmp_path / "gone.parquet"
        shutil.copy(request_.population, copy)
        prepared = simulation.prepare(request_.model_copy(update={"population": copy}))
        copy.unlink()  # as on a worker that does not see the file
        unread = r"partition \d: a worker could not read a file .* at the same path"
        with pytest.raises(errors.ClusterError, match=unread):
            simulation_dask.map_partitions(simulation.run_partition, prepared, prepared.partitions, address)

        with pytest.raises(errors.ClusterError, match=r"partition \d: the workers running it died"):
            simulation_dask.map_partitions(_die, prepared, prepared.partitions, address)


def closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"tcp://127.0.0.1:{port}"


def test_an_address_that_does_not_answer_is_said_in_one_line(
    request_: SimulationRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COORDINA_DASK_CONNECT_TIMEOUT_S", "1")
    address = closed_port()
    with pytest.raises(errors.ClusterError) as raised:
        simulation.simulate(request_, engine="dask", scheduler=address)
    assert raised.value.rule == "dask_cluster" and isinstance(raised.value, errors.CoordinaError)
    assert f"no Dask scheduler answered at {address} within 1 s" in raised.value.message

    nothing = "tcp://127.0.0.1:1"  # a port where nothing listens, through the command itself
    said = subprocess.run(
        [sys.executable, "-m", "coordina", "simulate", "--agreement", "au-kr", "--population",
         str(request_.population), "--engine", "dask", "--scheduler", nothing, "--out", str(tmp_path / "report")],
        capture_output=True, text=True, timeout=120, env={**os.environ, "COORDINA_DASK_CONNECT_TIMEOUT_S": "1"},
    )  # fmt: skip
    assert said.returncode == 1
    assert said.stderr.strip().splitlines() == [said.stderr.strip()], said.stderr  # one line
    assert said.stderr.startswith(f"error: dask_cluster: no Dask scheduler answered at {nothing} within 1 s")
    assert said.stdout.strip() == "" and "Traceback" not in said.stderr
    assert not (tmp_path / "report").exists()
