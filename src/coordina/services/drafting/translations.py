"""Translations of a draft entered or uploaded by a delegation (ILO brief, step 5: the text is
translated into the official languages; issue 15, item 2: articles hold text per language).

A translation is kept in each article's ``texts``/``headings`` by language, the key the generated
drafts already use (``negotiation.views.ArticleText``), and stored as a **new version** of the
draft with ``negotiation.drafts.create_draft``: the content hash covers the translations, so an
authentic text in another language is initialled like the first. The kind follows the workspace's
rules: a ``revision`` before the text is initialled, a ``change`` (which needs every party's
consent) after; ``create_draft`` checks who may write it in the current step.

The languages a draft may be translated into are the negotiation's official languages (step 5,
``negotiation.closing.set_languages``; its ``translations`` say who translates into each), and,
while none are recorded, the languages the draft was generated in. Articles are named by their
Akoma Ntoso eId or their wId; every refusal names the article.
"""

import json
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from coordina.errors import Refused
from coordina.services.drafting.document import MAX_ARTICLES, MAX_TEXT, DraftArticle, written_in
from coordina.services.drafting.docx_import import read_counterproposal
from coordina.services.drafting.docx_package import MAX_UPLOAD
from coordina.services.negotiation import drafts, workspace
from coordina.services.negotiation.access import acting
from coordina.services.negotiation.views import DraftView
from coordina.store.db import Database

MAX_HEADING = 500  # characters, as ``document.DraftArticle.heading``


def stored_articles(draft: DraftView) -> list[dict[str, Any]]:
    """A draft's articles as stored (keys that are not set left out)."""
    return [{k: v for k, v in a.model_dump().items() if v is not None} for a in draft.articles]


def languages_of(official: Sequence[str], articles: Sequence[Mapping[str, Any]]) -> list[str]:
    """The languages a draft may be translated into: the official ones, and those it already holds."""
    held = [lang for a in articles for lang in (a.get("texts") or {})]
    return list(dict.fromkeys([*official, *held]))


def parsed_articles(articles: Sequence[Mapping[str, Any]]) -> list[DraftArticle]:
    """The stored articles as the documents read them; ``Refused`` naming one they cannot hold."""
    parsed = []
    for article in articles:
        try:
            parsed.append(DraftArticle.model_validate(article))
        except ValidationError as error:
            problem = error.errors()[0]
            field = ".".join(str(part) for part in problem["loc"])
            raise Refused("translation_draft", f"article {article.get('number')!r} of the draft cannot be "
                          f"translated: {field}: {problem['msg']}") from None  # fmt: skip
    return parsed


def _names(article: DraftArticle) -> tuple[str, ...]:
    return (article.akn_eid, article.akn_wid)


def translated(articles: Sequence[Mapping[str, Any]], language: str, texts: Mapping[str, str], *,
               headings: Mapping[str, str] | None = None,
               languages: Sequence[str]) -> list[dict[str, Any]]:  # fmt: skip
    """``articles`` with ``texts`` (by eId or wId) recorded in ``language``; pure.

    ``Refused`` naming the article for an unknown article, an empty or overlong text, a language
    not of the negotiation or the one the draft is written in."""
    headings = headings or {}
    parsed = parsed_articles(articles)
    if language not in languages:
        known = ", ".join(languages) or "none recorded (step 5: set the official languages)"
        raise Refused("translation_language", f"{language!r} is not a language of the negotiation: {known}")
    if language == written_in(parsed):
        raise Refused("translation_language", f"the draft is written in {language!r}: revise its text instead")
    if not texts:
        raise Refused("translation_texts", "give the translation of at least one article")
    if len(texts) > MAX_ARTICLES:
        raise Refused("translation_texts", f"more than {MAX_ARTICLES} articles")
    index = {name: i for i, a in enumerate(parsed) for name in _names(a)}
    for key in [*texts, *headings]:
        if key not in index:
            raise Refused("translation_article", f"article {key!r}: no article of the draft has this eId or wId")
    result = [dict(a) for a in articles]
    for key, text in texts.items():
        if not isinstance(text, str) or not text.strip():
            raise Refused("translation_text", f"article {key!r}: the translation into {language} is empty")
        if len(text) > MAX_TEXT:
            raise Refused("translation_text", f"article {key!r}: the translation is longer than {MAX_TEXT} characters")
        article = result[index[key]]
        article["texts"] = {**(article.get("texts") or {}), language: text.strip()}
    for key, heading in headings.items():
        if not isinstance(heading, str) or len(heading) > MAX_HEADING:
            raise Refused("translation_heading", f"article {key!r}: a heading is text of at most {MAX_HEADING} "
                          "characters")  # fmt: skip
        if heading.strip():
            article = result[index[key]]
            article["headings"] = {**(article.get("headings") or {}), language: heading.strip()}
    return result


def _distinct_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    twice = sorted({key for key in keys if keys.count(key) > 1}) if len(set(keys)) != len(keys) else []
    if twice:
        raise Refused("translation_file", f"article {twice[0]!r} is given twice")
    return dict(pairs)


def texts_from_json(data: bytes) -> dict[str, str]:
    """A JSON object ``{eId or wId: text}``; ``Refused("translation_file", ...)`` otherwise."""
    if len(data) > MAX_UPLOAD:
        raise Refused("translation_file", f"the file is larger than {MAX_UPLOAD // (1024 * 1024)} MiB")
    try:
        value = json.loads(data.decode("utf-8"), object_pairs_hook=_distinct_keys)
    except (UnicodeDecodeError, ValueError) as error:
        raise Refused("translation_file", f"not JSON in UTF-8: {error}") from None
    except RecursionError:
        raise Refused("translation_file", "the JSON is nested too deeply") from None
    if not isinstance(value, dict) or len(value) > MAX_ARTICLES:
        raise Refused("translation_file", f"the file holds one object {{eId or wId: text}} of at most "
                      f"{MAX_ARTICLES} articles")  # fmt: skip
    for key, text in value.items():
        if not isinstance(text, str):
            raise Refused("translation_file", f"article {key!r}: the translation is text")
    return value


def texts_from_docx(data: bytes, articles: Sequence[Mapping[str, Any]]) -> tuple[dict[str, str], dict[str, str]]:
    """The texts and headings, by eId, of a DOCX of the draft in another language (the layout of
    ``ooxml``, read by ``docx_import``'s bounded reader, revision marks accepted), matched to the
    draft's articles by number."""
    by_number = {a.number: a for a in parsed_articles(articles)}
    read = read_counterproposal(data, [], delegation="").articles
    texts: dict[str, str] = {}
    headings: dict[str, str] = {}
    for article in read:
        origin = by_number.get(article["number"])
        if origin is None:
            raise Refused("translation_article", f"article {article['number']} of the file: the draft has no "
                          "article with this number")  # fmt: skip
        texts[origin.akn_eid] = article["text"]
        if article.get("heading"):
            headings[origin.akn_eid] = article["heading"]
    return texts, headings


def store_translation(db: Database, user_id: int, negotiation_id: int, draft_number: int, language: str,
                      texts: Mapping[str, str], *, headings: Mapping[str, str] | None = None) -> DraftView:  # fmt: skip
    """Draft ``draft_number`` with ``texts`` (by eId or wId) in ``language``, stored as a new version
    (a ``revision``, or a ``change`` once the text is initialled); each article keeps its eId and wId."""
    negotiation = workspace.get(db, user_id, negotiation_id)
    base = stored_articles(drafts.get_draft(db, user_id, negotiation_id, draft_number))
    articles = translated(base, language, texts, headings=headings,
                          languages=languages_of(negotiation.official_languages, base))  # fmt: skip
    with acting(db, negotiation_id, user_id, write=False) as act:
        kind = "change" if drafts.text_is_initialled(act) else "revision"
    return drafts.create_draft(db, user_id, negotiation_id, kind=kind, articles=articles)
