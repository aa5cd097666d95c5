"""The web application's strings and their translations: what Babel extracts from the templates
and the web modules, against the catalogues of each language (``locale/<lang>/LC_MESSAGES``).

Used by the test that counts untranslated and fuzzy entries, and by ``scripts/messages.py``,
which adds the strings an area is missing to that area's catalogue for a translator to fill.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from coordina.web.i18n import LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE

WEB = Path(__file__).parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
METHODS = [("templates/**.html", "jinja2"), ("**.py", "python")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}
TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
RULES = WEB.parent / "rules"
RULES_KEYWORDS = {"say": None}  # the engine's sentences: ``coordina.domain.wording.say(template, **values)``
RULES_METHODS = [("**.py", "python")]  # rules/formulas/ too


def extracted() -> dict[str, list[str]]:
    """Every message id of the web application, with the files (relative to ``web/``) using it."""
    found: dict[str, list[str]] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
        WEB, method_map=METHODS, keywords=KEYWORDS, options_map=OPTIONS
    ):
        ids = message if isinstance(message, tuple) else (message,)
        found.setdefault(ids[0], []).append(filename)
    # The engine's trace wording and reasons (the web translates them: ``web/wording.py``),
    # named relative to ``web/`` too: ``../rules/ages.py``.
    for filename, _line, message, _comments, _context in extract_from_dir(
        RULES, method_map=RULES_METHODS, keywords=RULES_KEYWORDS
    ):
        if isinstance(message, str):
            found.setdefault(message, []).append(f"../rules/{filename}")
    return found


def catalogues(language: str) -> dict[str, Catalog]:
    """The catalogues of ``language``, by area (the file's stem)."""
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    out = {}
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as source:
            out[po.stem] = read_po(source, locale=language)
    return out


@dataclass
class Coverage:
    language: str
    messages: int = 0
    missing: list[str] = field(default_factory=list)  # extracted, in no catalogue
    untranslated: list[str] = field(default_factory=list)  # in a catalogue, with an empty msgstr
    fuzzy: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)  # in two catalogues of the language


def coverage(language: str) -> Coverage:
    result = Coverage(language)
    wanted = extracted()
    result.messages = len(wanted)
    seen: dict[str, str] = {}
    for area, catalog in catalogues(language).items():
        for message in catalog:
            if not message.id:
                continue  # the header
            key = message.id if isinstance(message.id, str) else message.id[0]
            if key in seen:
                result.duplicated.append(f"{key!r} in {seen[key]} and {area}")
            seen[key] = area
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if not all(strings):
                result.untranslated.append(key)
            if message.fuzzy:
                result.fuzzy.append(key)
    result.missing = sorted(set(wanted) - set(seen))
    return result


def add_missing(area: str, files: Iterable[str]) -> dict[str, int]:
    """Add the strings of ``files`` (paths under ``web/``) that no catalogue has to ``area``'s
    catalogue of each language, with empty translations; returns how many per language."""
    chosen = set(files)
    wanted = [m for m, used in extracted().items() if chosen.intersection(used)]
    added = {}
    for language in TRANSLATED:
        known = {m.id if isinstance(m.id, str) else m.id[0] for c in catalogues(language).values() for m in c}
        path = LOCALE_DIR / language / "LC_MESSAGES" / f"{area}.po"
        if path.exists():
            with path.open("rb") as source:
                catalog = read_po(source, locale=language)
        else:
            catalog = Catalog(locale=language, project="coordina", domain=area, fuzzy=False)
        new = [m for m in wanted if m not in known]
        for message in new:
            catalog.add(message, "")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as out:
            write_po(out, catalog, width=100, omit_header=False, sort_output=False)
        added[language] = len(new)
    return added


def fill(area: str, translations: dict[str, list[str]]) -> list[str]:
    """Write ``{message id: [French, Spanish]}`` into ``area``'s catalogues; returns the ids of
    that area still untranslated in French."""
    left: list[str] = []
    for index, language in enumerate(TRANSLATED):
        path = LOCALE_DIR / language / "LC_MESSAGES" / f"{area}.po"
        with path.open("rb") as source:
            catalog = read_po(source, locale=language)
        for message in catalog:
            if message.id and isinstance(message.id, str) and message.id in translations:
                message.string = translations[message.id][index]
        with path.open("wb") as out:
            write_po(out, catalog, width=100, sort_output=False)
        if index == 0:
            left = [str(m.id) for m in catalog if m.id and not m.string]
    return left
