# Sourced by scripts/run and scripts/test: install uv if missing, then the locked environment.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if command -v uv >/dev/null 2>&1; then
  uv=(uv)
else
  if ! python3 -m uv --version >/dev/null 2>&1; then
    echo "== installing uv (the project's package manager) from PyPI"
    python3 -m pip install --quiet --disable-pip-version-check uv
  fi
  uv=(python3 -m uv)
fi
echo "== installing coordina and its locked dependencies into .venv"
# Bytecode compiled once at install: every process the tests start (servers, workers, Dask, the
# CLI) would otherwise compile polars, numpy and coordina again on import.
"${uv[@]}" sync --locked --quiet --compile-bytecode
unset PYTHONDONTWRITEBYTECODE
