"""The README's examples run as written, on a fresh database filled as ``./scripts/run`` fills it.

A shell block that follows the marker ``<!-- runnable after ./scripts/run -->`` is run line by
line with bash (``set -e``: the first failing line fails the test), with ``coordina`` on the
PATH, in a fresh directory whose ``coordina.db`` holds the demonstration workspace, and the
password of the demo users for the commands that ask for one.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).parents[1] / "README.md"
MARKER = "<!-- runnable after ./scripts/run -->"
BLOCK = re.compile(re.escape(MARKER) + r"\s*```sh\n(.*?)```", re.DOTALL)


def runnable_blocks() -> list[str]:
    return BLOCK.findall(README.read_text(encoding="utf-8"))


def test_the_readme_has_runnable_examples() -> None:
    assert len(runnable_blocks()) >= 2


@pytest.mark.parametrize("index", range(len(runnable_blocks())))
def test_a_readme_example_runs_as_written(index: int, tmp_path: Path) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "COORDINA_DATABASE_URL": f"sqlite:///{tmp_path / 'coordina.db'}",
           "COORDINA_PASSWORD": "demo-password-not-secret", "COORDINA_TOKEN_FILE": str(tmp_path / "token")}  # fmt: skip
    env.pop("COORDINA_USER", None)
    repository = README.parent
    subprocess.run(["coordina", "demo"], env=env, cwd=tmp_path, check=True, capture_output=True, timeout=300)
    script = "set -euo pipefail\n" + f"cd {repository}\n" + runnable_blocks()[index]
    done = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"README example {index + 1} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
