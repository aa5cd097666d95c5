"""Partitions computed side by side in threads of this process (issue 13 item 5: the local engine).

The batch kernel spends most of its time in Polars, which releases Python's global lock while a
query runs; one partition's queries keep about one and a half of this machine's cores busy, and
the Python between them the rest of the time one. Two partitions in flight fill the gaps of each
other (``benchmarks/batch.py`` measures the gain). At most ``workers`` partitions are in flight,
so memory stays bounded by the partition size times ``workers``; results come back as they are
done, each with its partition, for the caller to keep or persist in its own thread.
"""

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TypeVar

Part = TypeVar("Part")
Result = TypeVar("Result")


def workers() -> int:
    """One partition in flight per core (``COORDINA_PARTITION_THREADS`` overrides, 1 for none)."""
    configured = os.environ.get("COORDINA_PARTITION_THREADS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, os.cpu_count() or 1)


def as_done(
    compute: Callable[[Part], Result],
    parts: Iterable[Part],
    threads: int | None = None,
    before_each: Callable[[], bool] | None = None,
) -> Iterator[tuple[Part, Result]]:
    """``compute`` of each part in up to ``threads`` threads (``workers()`` by default), yielding
    (part, result) as each finishes. ``before_each`` runs in the caller's thread before a part is
    started; a false answer starts no more (those in flight still finish and are yielded). The
    first error of a part is raised here once the parts in flight have finished; no part is
    started after it."""
    count = threads or workers()
    pending = iter(parts)
    with ThreadPoolExecutor(max_workers=count, thread_name_prefix="partition") as pool:
        flying: dict[Future[Result], Part] = {}
        starting = True

        def start() -> None:
            nonlocal starting
            while starting and len(flying) < count:
                if before_each is not None and not before_each():
                    starting = False
                    return
                try:
                    part = next(pending)
                except StopIteration:
                    starting = False
                    return
                flying[pool.submit(compute, part)] = part

        start()
        while flying:
            finished, _ = wait(flying, return_when=FIRST_COMPLETED)
            for future in finished:
                part = flying.pop(future)
                error = future.exception()
                if error is not None:
                    starting = False
                    wait(flying)
                    raise error
                yield part, future.result()
            start()
