"""The bundled article templates (``data/drafting/{en,fr,es}.yaml``) and the parties' names by language.

The wording is the project's own, arranged in the outline of the model provisions of ILO
Recommendation No. 167 (Annex I) and its model agreement (Annex II). Names of countries come from
the Unicode CLDR territory names shipped with Babel (the form without article, e.g. "Philippines").
"""

from functools import cache
from importlib import resources

import yaml
from babel import Locale

from coordina.domain.countries import COUNTRY_NAMES
from coordina.domain.drafting.options import DraftLanguage
from coordina.domain.drafting.template import ArticleTemplate, Template

LANGUAGES: tuple[DraftLanguage, ...] = ("en", "fr", "es")

__all__ = ["LANGUAGES", "ArticleTemplate", "Template", "party_name", "party_names", "template", "templates"]


@cache
def template(language: DraftLanguage) -> Template:
    """The bundled templates of ``language`` (package data, read once)."""
    text = (resources.files("coordina") / "data" / "drafting" / f"{language}.yaml").read_text(encoding="utf-8")
    return Template.model_validate(yaml.safe_load(text))


def templates(languages: list[DraftLanguage]) -> dict[DraftLanguage, Template]:
    return {language: template(language) for language in languages}


def party_name(party: str, language: DraftLanguage) -> str:
    """The party's short name in ``language`` (CLDR via Babel), else the English ISO name, else its code."""
    country = party.split("-")[0]
    name = Locale.parse(language).territories.get(country)
    return str(name) if name else COUNTRY_NAMES.get(country, party)


def party_names(parties: list[str], languages: list[DraftLanguage]) -> dict[DraftLanguage, dict[str, str]]:
    return {language: {party: party_name(party, language) for party in parties} for language in languages}
