"""A delegation's translation of a draft, entered by article or uploaded (DOCX, JSON), stored as a
new version whose articles keep their eId and wId; the Akoma Ntoso expressions and the bilingual
renderings then hold it; refusals name the article."""

import io
import json
from pathlib import Path

import docx
import pytest

from coordina.errors import Refused
from coordina.services.drafting import translations
from coordina.services.drafting.akn import akn_expressions, akn_problems
from coordina.services.drafting.counterproposal import draft_document
from coordina.services.drafting.docx_render import render_docx, render_docx_bilingual
from coordina.services.negotiation import drafts
from coordina.store.db import Database
from tests.drafting.translation_workspace import india_brazil

Workspace = tuple[Database, int, int, int]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return india_brazil(tmp_path_factory.mktemp("translations"))


def french(db: Database, user: int, nid: int, number: int) -> dict[str, str]:
    articles = drafts.get_draft(db, user, nid, number).articles
    return {f"art_{a.number}": f"Texte français de l'article {a.number}." for a in articles}


def test_a_french_translation_is_a_new_version_the_documents_hold(workspace: Workspace) -> None:
    db, nid, nair, silva = workspace
    base = drafts.get_draft(db, silva, nid, 1)
    texts = french(db, silva, nid, 1)
    view = translations.store_translation(db, silva, nid, 1, "fr", texts, headings={"art_1": "Définitions"})
    assert view.kind == "revision" and view.party == "BR" and view.number > 1
    assert [a.text for a in view.articles] == [a.text for a in base.articles]  # the English text is kept
    assert [(a.texts or {}).get("fr") for a in view.articles] == list(texts.values())
    assert view.articles[0].headings == {"fr": "Définitions"}
    document = draft_document(db, nair, nid, view.number)
    assert document.complete_languages() == ["en", "fr"]
    expressions = akn_expressions(document)
    assert set(expressions) == {"en", "fr"} and akn_problems(expressions["fr"]) == []
    assert "Texte français de l'article 1." in expressions["fr"].decode()
    assert 'eId="art_1"' in expressions["fr"].decode()
    side_by_side = docx.Document(io.BytesIO(render_docx_bilingual(document, "en", "fr")))
    cells = " ".join(c.text for t in side_by_side.tables for row in t.rows for c in row.cells)
    assert "Texte français de l'article 2." in cells and base.articles[1].text.split("\n")[0] in cells


def test_one_article_entered_keeps_its_eid_and_wid(workspace: Workspace) -> None:
    db, nid, nair, _ = workspace
    articles = [{"number": "1", "heading": "Scope", "text": "This applies.", "eid": "art_1", "wid": "w-scope"},
                {"number": "2", "heading": "Export", "text": "Paid abroad.", "eid": "art_2",
                 "wid": "w-export"}]  # fmt: skip
    made = drafts.create_draft(db, nair, nid, kind="revision", articles=articles)
    view = translations.store_translation(db, nair, nid, made.number, "fr", {"w-export": "Payé à l'étranger."})
    assert [(a.eid, a.wid, a.texts) for a in view.articles] == [
        ("art_1", "w-scope", None), ("art_2", "w-export", {"fr": "Payé à l'étranger."})
    ]  # fmt: skip
    assert view.content_hash != made.content_hash
    assert draft_document(db, nair, nid, view.number).complete_languages() == ["en"]  # article 1 not translated


@pytest.mark.parametrize(
    ("language", "texts", "rule", "says"),
    [
        ("fr", {"art_99": "Texte."}, "translation_article", "article 'art_99'"),
        ("de", {"art_1": "Text."}, "translation_language", "'de' is not a language of the negotiation: en, fr"),
        ("fr", {"art_1": "  "}, "translation_text", "article 'art_1': the translation into fr is empty"),
        ("fr", {"art_1": "x" * 100_001}, "translation_text", "article 'art_1': the translation is longer"),
        ("en", {"art_1": "Text."}, "translation_language", "the draft is written in 'en'"),
        ("fr", {}, "translation_texts", "at least one article"),
    ],
)
def test_a_bad_translation_is_refused_naming_the_article(
    workspace: Workspace, language: str, texts: dict[str, str], rule: str, says: str
) -> None:
    db, nid, _, silva = workspace
    before = len(drafts.list_drafts(db, silva, nid))
    with pytest.raises(Refused) as refused:
        translations.store_translation(db, silva, nid, 1, language, texts)
    assert refused.value.rule == rule and says in refused.value.message
    assert len(drafts.list_drafts(db, silva, nid)) == before


def test_a_docx_of_the_draft_in_french_is_matched_by_article_number(workspace: Workspace) -> None:
    db, nid, nair, silva = workspace
    translated = translations.store_translation(db, silva, nid, 1, "fr", french(db, silva, nid, 1))
    data = render_docx(draft_document(db, silva, nid, translated.number), "fr")  # as a translator returns it
    base = translations.stored_articles(drafts.get_draft(db, silva, nid, 1))
    texts, _ = translations.texts_from_docx(data, base)
    assert texts == french(db, silva, nid, 1)
    view = translations.store_translation(db, nair, nid, 1, "fr", texts)
    assert [a.texts for a in view.articles] == [a.texts for a in translated.articles]


def test_a_docx_with_an_article_the_draft_lacks_is_refused(workspace: Workspace) -> None:
    db, nid, _, silva = workspace
    word = docx.Document()
    word.add_paragraph("Article 77", style="Heading 2")
    word.add_paragraph("Texte.")
    out = io.BytesIO()
    word.save(out)
    base = translations.stored_articles(drafts.get_draft(db, silva, nid, 1))
    with pytest.raises(Refused, match="article 77 of the file: the draft has no article with this number"):
        translations.texts_from_docx(out.getvalue(), base)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"[1, 2]", "one object"),
        (b'{"art_1": 3}', "article 'art_1': the translation is text"),
        (b"\xff\xfe", "not JSON in UTF-8"),
        (json.dumps({f"art_{i}": "x" for i in range(2001)}).encode(), "at most 2000 articles"),
        (b'{"art_1": "a", "art_1": "b"}', "article 'art_1' is given twice"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply|not JSON"),
    ],
)
def test_a_bad_json_file_is_refused_saying_why(data: bytes, says: str) -> None:
    with pytest.raises(Refused, match=says):
        translations.texts_from_json(data)


def test_json_texts_are_read(tmp_path: Path) -> None:
    assert translations.texts_from_json(json.dumps({"art_1": "Texte."}).encode()) == {"art_1": "Texte."}


def test_a_stored_article_the_documents_cannot_hold_is_named() -> None:
    articles = [{"number": "1" * 30, "heading": None, "text": "Text."}]
    with pytest.raises(Refused, match=r"article '1{30}' of the draft cannot be translated: number"):
        translations.translated(articles, "fr", {"art_1": "Texte."}, languages=["en", "fr"])


def test_once_initialled_a_translation_is_a_change_every_party_consents_to(workspace: Workspace) -> None:
    """Last in this module: the text is then frozen (the authentic texts are initialled alike)."""
    db, nid, nair, silva = workspace
    current = drafts.list_drafts(db, nair, nid)[-1]
    for head in (nair, silva):
        drafts.initial(db, head, nid, current.number)
    view = translations.store_translation(db, silva, nid, current.number, "fr", {"art_1": "Texte paraphé."})
    assert view.kind == "change" and view.articles[0].texts == {"fr": "Texte paraphé."}
