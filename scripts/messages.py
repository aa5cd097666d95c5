"""The web application's translations: count what is missing, or add an area's new strings.

    .venv/bin/python scripts/messages.py check
    .venv/bin/python scripts/messages.py add AREA FILE...   (FILE: a path under src/coordina/web/)
    .venv/bin/python scripts/messages.py fill AREA FILE.json  ({"message id": ["French", "Spanish"]})

``add`` puts the strings of FILE that no catalogue has yet into
``src/coordina/web/locale/{fr,es}/LC_MESSAGES/AREA.po`` with empty translations, for a
translator to fill; ``check`` fails while any string is missing, untranslated or fuzzy.
"""

import json
import sys
from pathlib import Path

from coordina.web.catalogues import TRANSLATED, add_missing, coverage, fill


def main(argv: list[str]) -> int:
    if argv[:1] == ["add"] and len(argv) >= 3:
        files = [a.split("src/coordina/web/", 1)[-1] for a in argv[2:]]
        print(add_missing(argv[1], files))
        return 0
    if argv[:1] == ["fill"] and len(argv) == 3:
        left = fill(argv[1], json.loads(Path(argv[2]).read_text(encoding="utf-8")))
        print(f"untranslated in {argv[1]}: {left}")
        return 0
    if argv[:1] == ["check"]:
        failed = False
        for language in TRANSLATED:
            c = coverage(language)
            print(f"{language}: {c.messages} strings; missing {len(c.missing)}, untranslated {len(c.untranslated)}, "
                  f"fuzzy {len(c.fuzzy)}, in two catalogues {len(c.duplicated)}")  # fmt: skip
            for name, items in (("missing", c.missing), ("untranslated", c.untranslated), ("fuzzy", c.fuzzy),
                                ("duplicated", c.duplicated)):  # fmt: skip
                for item in items[:50]:
                    print(f"  {name}: {item!r}")
            failed = failed or bool(c.missing or c.untranslated or c.fuzzy or c.duplicated)
        return 1 if failed else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
