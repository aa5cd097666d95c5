"""English, French and Spanish (the ILO's working languages) through gettext catalogues.

Each area of the web application has its own catalogue per language
(``locale/<lang>/LC_MESSAGES/<area>.po``: ``base``, ``agreements``, ``calculator``, …), so that
one area's strings are translated beside its pages; a language's catalogues are merged into one
set of translations when first used. English is the source language: its strings are the
message ids. The language of a request is the one the user chose (the ``coordina_lang`` cookie,
set by the switch in every page's header), else the best match of the browser's
``Accept-Language``, else English.

Code outside the templates marks a string with ``_("…")`` (extracted by Babel like the
templates' ``{{ _("…") }}``); it is translated into the language of the request being served.
"""

from contextvars import ContextVar
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale, negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = {"en": "English", "fr": "Français", "es": "Español"}  # each language named in itself
SOURCE_LANGUAGE = "en"
COOKIE = "coordina_lang"

_language: ContextVar[str] = ContextVar("language", default=SOURCE_LANGUAGE)


@cache
def translations(language: str) -> NullTranslations:
    """Every catalogue of ``language`` merged (English: the message ids themselves)."""
    if language == SOURCE_LANGUAGE or language not in LANGUAGES:
        return NullTranslations()
    merged: Translations | None = None
    for po in sorted((LOCALE_DIR / language / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as source:
            catalog = read_po(source, locale=language)
        compiled = BytesIO()
        write_mo(compiled, catalog)  # fuzzy entries are left out, as msgfmt does
        compiled.seek(0)
        part = Translations(compiled)
        merged = part if merged is None else merged.merge(part)
    return merged or NullTranslations()


def choose(cookie: str | None, accept_language: str | None) -> str:
    """The language of a request: the user's choice, else the browser's best match, else English."""
    if cookie in LANGUAGES:
        return cookie
    wanted = []
    for part in (accept_language or "")[:500].split(","):  # "fr-CH, fr;q=0.9, en;q=0.8"
        tag, _, quality = part.strip().partition(";q=")
        try:
            weight = float(quality) if quality else 1.0
        except ValueError:
            continue
        if tag and weight > 0:
            wanted.append((weight, tag.replace("-", "_")))
    ordered = [tag for _, tag in sorted(wanted, key=lambda item: -item[0])]
    found = negotiate_locale(ordered, list(LANGUAGES), sep="_")
    if found is None:  # "fr_CH" matches "fr" by its language part
        found = next((t.split("_")[0] for t in ordered if t.split("_")[0].lower() in LANGUAGES), None)
    return found.lower() if found else SOURCE_LANGUAGE


def use(language: str) -> None:
    """Translate into ``language`` for the rest of this request (its context)."""
    _language.set(language if language in LANGUAGES else SOURCE_LANGUAGE)


def current() -> str:
    return _language.get()


def gettext(message: str) -> str:
    return translations(current()).ugettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ungettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is defined; ``_()`` translates it where shown."""
    return message


def locale() -> Locale:
    """The Babel locale of the request (for dates and numbers)."""
    return Locale.parse(current())
