import shutil
from pathlib import Path

import pytest

from coordina.catalog.loading import bundled_data_dir

DATA = bundled_data_dir()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
