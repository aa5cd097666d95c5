#!/bin/sh
# Rewrite README.md's lists of unverified figures and of gaps in the formulas' figures from the
# scheme data (tests/test_readme_unverified.py, tests/test_coverage.py).
set -eu
cd "$(dirname "$0")/.."
.venv/bin/python - <<'PY'
import re
from pathlib import Path
from coordina.services.coverage import bundled_coverage, formula_gaps_markdown, unverified_figures, unverified_markdown
readme = Path("README.md")
text = readme.read_text(encoding="utf-8")
for marker, body in (("unverified", unverified_markdown(unverified_figures())),
                     ("gaps", formula_gaps_markdown(bundled_coverage()))):
    text = re.sub(rf"(<!-- {marker}:start -->\n).*?(<!-- {marker}:end -->)",
                  lambda m: m.group(1) + body + m.group(2), text, flags=re.S)
readme.write_text(text, encoding="utf-8")
PY
