import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from coordina.catalog.loading import bundled_data_dir

AXE_REPORT = Path(__file__).resolve().parent.parent / "test-artifacts" / "axe"

# No per-example deadline for any property test: timing on a busy machine is not a property.
settings.register_profile("coordina", deadline=None)
settings.load_profile("coordina")

DATA = bundled_data_dir()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


# The browser tests' axe-core findings (tests/browser/conftest.py writes them, one file per test process)
def pytest_sessionstart(session: Any) -> None:
    if not os.environ.get("PYTEST_XDIST_WORKER"):  # the controller, before any test process writes
        shutil.rmtree(AXE_REPORT, ignore_errors=True)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    pages: dict[str, list[str]] = {}
    for report in sorted(AXE_REPORT.glob("*.json")):
        pages.update(json.loads(report.read_text(encoding="utf-8")))
    if pages:
        clean = sum(not found for found in pages.values())
        terminalreporter.write_sep("-", f"axe-core on {len(pages)} pages: {clean} with no violation of any impact "
                                   "(serious and critical fail their test)")  # fmt: skip
        for name, found in sorted(pages.items()):
            if found:
                terminalreporter.write_line(f"{name}: {', '.join(found)}")
