import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from coordina.catalog.loading import bundled_data_dir

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
