#!/bin/sh
# Rewrite README.md's list of unverified figures from the scheme data (tests/test_readme_unverified.py).
set -eu
cd "$(dirname "$0")/.."
.venv/bin/python - <<'PY'
import re
from pathlib import Path
from coordina.services.coverage import unverified_figures, unverified_markdown
readme = Path("README.md")
text = readme.read_text(encoding="utf-8")
body = unverified_markdown(unverified_figures())
text = re.sub(r"(<!-- unverified:start -->\n).*?(<!-- unverified:end -->)", lambda m: m.group(1) + body + m.group(2), text, flags=re.S)
readme.write_text(text, encoding="utf-8")
PY
