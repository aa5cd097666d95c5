"""The French and Spanish catalogues translate every string of the web application: none is
missing, untranslated, fuzzy, or in two areas' catalogues at once."""

import re

import pytest

from coordina.web import i18n
from coordina.web.catalogues import TRANSLATED, coverage, extracted


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated(language: str) -> None:
    found = coverage(language)

    print(f"{language}: {found.messages} strings; missing {len(found.missing)}, untranslated "
          f"{len(found.untranslated)}, fuzzy {len(found.fuzzy)}")  # fmt: skip
    assert found.messages > 40
    assert found.missing == [], "run scripts/messages.py add AREA FILE..., then translate"
    assert found.untranslated == []
    assert found.fuzzy == []
    assert found.duplicated == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_translation_keeps_the_placeholders_of_its_message(language: str) -> None:
    translations = i18n.translations(language)
    for message in extracted():
        translated = translations.ugettext(message)
        assert sorted(_placeholders(translated)) == sorted(_placeholders(message)), (message, translated)


def _placeholders(text: str) -> list[str]:
    return re.findall(r"%\([a-z_]+\)s|\{[a-z_]+\}", text)


@pytest.mark.parametrize(
    ("header", "cookie", "chosen"),
    [
        ("fr-CH, fr;q=0.9, en;q=0.8", None, "fr"),
        ("es-419,es;q=0.9", None, "es"),
        ("de-DE,de;q=0.9", None, "en"),
        ("de, fr;q=0.5", None, "fr"),
        ("fr", "es", "es"),
        ("garbage;q=x,,;", None, "en"),
        (None, None, "en"),
    ],
)
def test_the_language_of_a_request(header: str | None, cookie: str | None, chosen: str) -> None:
    assert i18n.choose(cookie, header) == chosen
