"""The local engine's partitions in threads (``services.partition_pool``): every part once, at most
``threads`` in flight, a stop asked before a part honoured, and a part's error raised."""

import threading
import time

import pytest

from coordina.services import partition_pool


def test_every_part_once_with_at_most_the_threads_in_flight() -> None:
    lock, flying, most = threading.Lock(), [0], [0]

    def compute(part: int) -> int:
        with lock:
            flying[0] += 1
            most[0] = max(most[0], flying[0])
        time.sleep(0.01)
        with lock:
            flying[0] -= 1
        return part * part

    done = dict(partition_pool.as_done(compute, range(20), threads=3))
    assert done == {p: p * p for p in range(20)}
    assert most[0] == 3


def test_a_stop_before_a_part_starts_no_more_but_finishes_those_in_flight() -> None:
    started: list[int] = []

    def compute(part: int) -> int:
        started.append(part)
        return part

    allowed = iter([True, True, True, False])
    done = [
        part for part, _ in partition_pool.as_done(compute, range(10), threads=2, before_each=lambda: next(allowed))
    ]
    assert sorted(done) == sorted(started) == [0, 1, 2]


def test_an_error_in_a_part_is_raised_and_no_part_starts_after_it() -> None:
    started: list[int] = []

    def compute(part: int) -> int:
        started.append(part)
        if part == 1:
            raise ValueError("part 1 failed")
        return part

    with pytest.raises(ValueError, match="part 1 failed"):
        list(partition_pool.as_done(compute, range(50), threads=1))
    assert started == [0, 1]


def test_the_threads_are_one_per_core_unless_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COORDINA_PARTITION_THREADS", "1")
    assert partition_pool.workers() == 1
    monkeypatch.setenv("COORDINA_PARTITION_THREADS", "not a number")
    assert partition_pool.workers() >= 1
