"""SQLite's writers queue on a lock across the server's processes (store/writer_lock.py): a
writer in one process waits for another process's writer to finish, a wait past the timeout is
refused as busy (409 ``database_busy``), never made, and the lock is re-entrant in a thread."""

import multiprocessing
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest

from coordina.errors import StaleVersion
from coordina.store.db import Database
from coordina.store.writer_lock import WriterBusy, WriterLock
from tests.writer_lock_holder import hold


def _other_process(tmp_path: Path) -> tuple[multiprocessing.process.BaseProcess, Event, Event, Path, Path]:
    context = multiprocessing.get_context("spawn")
    inside, release = context.Event(), context.Event()
    lock_path, log = tmp_path / "db.writer.lock", tmp_path / "log"
    process = context.Process(target=hold, args=(str(lock_path), str(log), inside, release))
    process.start()
    assert inside.wait(60), "the other process never took the lock"
    return process, inside, release, lock_path, log


def test_a_writer_waits_for_another_process_writer(tmp_path: Path) -> None:
    process, _inside, release, lock_path, log = _other_process(tmp_path)
    lock = WriterLock(lock_path, timeout_s=30)
    release.set()  # the other writer finishes while this one waits (or before it asks)
    with lock.held(), log.open("a") as file:
        file.write("this process in\n")
    process.join(30)
    assert log.read_text().splitlines() == ["other process in", "other process out", "this process in"]


def test_a_wait_past_the_timeout_is_refused_as_busy(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'db'}")  # its lock file: db.writer.lock
    assert database._writer is not None
    database._writer._timeout_s = 0.2
    process, _inside, release, lock_path, _log = _other_process(tmp_path)
    try:
        with pytest.raises(WriterBusy), WriterLock(lock_path, timeout_s=0.2).held():
            pytest.fail("the lock was had while another process held it")
        with pytest.raises(StaleVersion) as refused, database.writing():
            pytest.fail("written while another process held the lock")
        assert refused.value.rule == "database_busy"
    finally:
        release.set()
        process.join(30)


def test_re_entrant_within_a_thread(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path / "lock", timeout_s=1)
    with lock.held(), lock.held():
        pass
    with lock.held():  # released whole: had again at once
        pass


def test_an_in_memory_database_has_no_lock_file() -> None:
    database = Database("sqlite://")
    assert database._writer is not None and database._writer._path is None
    with database.writing():
        pass
