"""The simulation on Dask distributed (issue 13 item 5): ``coordina simulate --engine dask``.

``map_partitions`` maps a function of (prepared run, partition), ``services.simulation.run_partition``
for ``simulate(engine="dask")``, over the partitions of a population, one task per partition, on a
cluster: without a scheduler address, a ``LocalCluster`` of this machine with
one single-threaded worker process per core (on the loopback interface, closed at the end, also
on an error or Ctrl-C); with one (``tcp://host:8786``), the workers of that cluster. The prepared
run (agreement, schemes, assumptions) is sent once to every worker; each task reads only its
partition's persons from the Parquet file, so every worker must read the population at the same
path. The answers are those of the local run, partition by partition (the kernel is pure and
``combine`` does not depend on the order in which partitions finish), returned in partition order.

What goes wrong with the cluster itself, an address that does not answer, a worker that died
running a partition, a population the workers cannot read, is a ``coordina.errors.ClusterError``
with a message and no traceback (``coordina simulate`` says it in one line); an error of the
simulation (``CoordinaError``) is raised as it was raised on the worker. See the Dask distributed
documentation: https://distributed.dask.org/en/stable/ (``LocalCluster``, ``Client.scatter``,
``as_completed``, ``KilledWorker``).
"""

import copyreg
import logging
import operator
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin, as_completed
from distributed.comm.core import CommClosedError
from pydantic import BaseModel

from coordina.errors import ClusterError
from coordina.services.simulation_parts import Progress

CONNECT_TIMEOUT_S = 10.0
"""How long to wait for a scheduler given by address before saying it does not answer, in seconds
(``COORDINA_DASK_CONNECT_TIMEOUT_S`` sets another: a cluster on a slow network)."""


def connect_timeout() -> float:
    """``COORDINA_DASK_CONNECT_TIMEOUT_S`` when it is a positive number of seconds, else ``CONNECT_TIMEOUT_S``."""
    try:
        seconds = float(os.environ.get("COORDINA_DASK_CONNECT_TIMEOUT_S", ""))
    except ValueError:
        return CONNECT_TIMEOUT_S
    return seconds if 0 < seconds < 3600 else CONNECT_TIMEOUT_S


def _model_class_by_reference(cls: type[BaseModel]) -> str | tuple[Any, ...]:
    """Pickle a Pydantic model class by reference, a parametrized generic one (``DatedParameter[
    QualifyingPeriod]``, which plain pickle cannot look up by its name) as its origin subscripted
    by its arguments, so that the prepared run reaches the workers as the very same classes."""
    meta = cls.__pydantic_generic_metadata__
    if meta["origin"] is not None:
        args = meta["args"]
        return operator.getitem, (meta["origin"], args[0] if len(args) == 1 else args)
    return cls.__qualname__


copyreg.pickle(type(BaseModel), _model_class_by_reference)


class ModelsByReference(WorkerPlugin):
    """Registers ``_model_class_by_reference`` on every worker, also those that join later: a worker
    sends the prepared run on to another (``scatter(broadcast=True)`` replicates it), and without it
    would fall back to pickling the generic classes by value, which the other cannot load."""

    name = "coordina-models-by-reference"

    def setup(self, worker: Any) -> None:
        copyreg.pickle(type(BaseModel), _model_class_by_reference)


class _Indexed(Protocol):
    @property
    def index(self) -> int: ...


P = TypeVar("P", bound=_Indexed)
R = TypeVar("R")


def workers() -> int:
    """One worker per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def map_partitions(
    function: Callable[[Any, P], R],
    prepared: Any,
    partitions: Sequence[P],
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> list[R]:
    """``function(prepared, partition)`` for every partition on a cluster, in partition order.

    ``function`` must be importable by the workers (a module-level function)."""
    total = len(partitions)
    if not partitions:
        return []
    with _client(scheduler) as client:
        client.register_plugin(ModelsByReference())
        shared = client.scatter(prepared, broadcast=True, hash=False)  # type: ignore[no-untyped-call]
        futures = client.map(function, [shared] * total, list(partitions), pure=False)
        index_of = {future.key: partition.index for future, partition in zip(futures, partitions, strict=True)}
        answers: dict[int, R] = {}
        try:
            for future in as_completed(futures, loop=client.loop):  # type: ignore[no-untyped-call]
                answers[index_of[future.key]] = _answer(future, index_of[future.key], scheduler)
                if progress is not None:
                    progress(len(answers), total)
        except (OSError, CommClosedError) as error:
            raise ClusterError(f"the cluster stopped answering during the run ({_said(error)})") from None
        finally:
            # nothing is left running on a shared cluster after an error or Ctrl-C
            client.cancel(futures)  # type: ignore[no-untyped-call]
        return [answers[partition.index] for partition in partitions]


def _answer(future: "Future[R]", index: int, scheduler: str | None) -> R:
    """A finished task's answer; what went wrong with the cluster as a ``ClusterError``."""
    if future.status == "error":
        error = future.exception()  # type: ignore[no-untyped-call]
        if isinstance(error, KilledWorker):
            raise ClusterError(
                f"partition {index}: the workers running it died (out of memory? a partition size that fits "
                f"each worker's memory helps): {_said(error)}"
            ) from None
        if isinstance(error, FileNotFoundError | PermissionError) and scheduler is not None:
            raise ClusterError(
                f"partition {index}: a worker could not read a file ({_said(error)}): every worker of the cluster "
                "must read the population (and a draft's file) at the same path"
            ) from None
    if future.status == "cancelled":
        raise ClusterError(f"partition {index} was cancelled by the cluster (did the scheduler stop?)")
    return future.result()  # an error of the simulation itself is raised as the worker raised it


@contextmanager
def _client(scheduler: str | None) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a LocalCluster of this machine's cores."""
    if scheduler is not None:
        timeout = connect_timeout()
        try:
            client = Client(scheduler, timeout=timeout, set_as_default=False)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError, ValueError) as error:
            raise ClusterError(
                f"no Dask scheduler answered at {scheduler} within {timeout:g} s ({_said(error)})"
            ) from None
        with client:
            yield client
        return
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers(), threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR,
    )  # fmt: skip
    try:
        with Client(cluster, set_as_default=False) as client:  # type: ignore[no-untyped-call]
            yield client
    finally:
        cluster.close()


def _said(error: BaseException) -> str:
    """An exception's own words on one line."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__
