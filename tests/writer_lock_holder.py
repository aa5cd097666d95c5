"""A writer in another process (tests/test_writer_lock.py): takes the lock file, says so, and
holds it until told to let go. Imports nothing but the lock, so that the process starts fast."""

from multiprocessing.synchronize import Event
from pathlib import Path

from coordina.store.writer_lock import WriterLock


def hold(path: str, log: str, inside: Event, release: Event) -> None:
    with WriterLock(Path(path), timeout_s=30).held():
        Path(log).write_text("other process in\n")
        inside.set()
        release.wait(30)
        with Path(log).open("a") as file:
            file.write("other process out\n")
