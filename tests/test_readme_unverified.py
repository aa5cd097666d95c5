"""The README lists every figure of the scheme data that no source confirms (issue 12: "a
`source: unverified` value is allowed only where no source could be found, and is listed in the
README"): the list between its markers is what ``coordina schemes unverified --markdown`` prints."""

import re
from pathlib import Path

from coordina.services.coverage import unverified_figures, unverified_markdown

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_lists_every_unverified_figure() -> None:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- unverified:start -->\n(.*?)<!-- unverified:end -->", text, re.S)
    assert found, "README lacks the unverified list's markers"
    expected = unverified_markdown(unverified_figures())
    assert found.group(1) == expected, "run `coordina schemes unverified --markdown` and paste it into README.md"
