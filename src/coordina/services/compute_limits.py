"""Bounds on the engine over the network: periods per case, and computations at once.

A decision's time grows with the case's periods (``benchmarks/engine.py``: about 0.6 s for
10,000 periods on the reference machine), so a cap on periods bounds each request's time; a
small number of slots bounds the work at once, and a request that finds none free within a
few seconds is told to retry (429 with Retry-After) rather than queue without end.
"""

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache

from coordina.domain.case import Case
from coordina.errors import CaseError, CoordinaError, Throttled


def _setting(name: str, default: int) -> int:
    given = os.environ.get(name, "").strip()
    if not given:
        return default
    if not given.isdigit() or int(given) < 1:
        raise CoordinaError(name, f"is {given!r}; give a positive whole number (default {default})")
    return int(given)


@dataclass(frozen=True)
class ComputeLimits:
    max_periods: int  # COORDINA_MAX_PERIODS_PER_CASE
    slots: int  # COORDINA_COMPUTE_SLOTS: computations at once
    wait_seconds: int  # COORDINA_COMPUTE_WAIT_SECONDS: for a free slot, then 429
    _free: threading.BoundedSemaphore = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_free", threading.BoundedSemaphore(self.slots))

    def check(self, case: Case) -> None:
        if len(case.periods) > self.max_periods:
            raise CaseError("periods", f"{len(case.periods)} periods: a case sent to the API has at most "
                            f"{self.max_periods} (COORDINA_MAX_PERIODS_PER_CASE)")  # fmt: skip

    @contextmanager
    def slot(self) -> Iterator[None]:
        if not self._free.acquire(timeout=self.wait_seconds):
            raise Throttled("compute_busy", f"all {self.slots} computation slots stayed busy for "
                            f"{self.wait_seconds} s; try again shortly", retry_after=self.wait_seconds)  # fmt: skip
        try:
            yield
        finally:
            self._free.release()


@cache
def limits() -> ComputeLimits:
    """The limits from the environment, read once per process."""
    return ComputeLimits(
        max_periods=_setting("COORDINA_MAX_PERIODS_PER_CASE", 1000),
        slots=_setting("COORDINA_COMPUTE_SLOTS", 4),
        wait_seconds=_setting("COORDINA_COMPUTE_WAIT_SECONDS", 10),
    )
