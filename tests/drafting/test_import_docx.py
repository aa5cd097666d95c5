"""A DOCX sent back by the other delegation becomes a counterproposal: from revision marks the
project did not write (the hand-written fixture), from an untracked edit, and bounded input."""

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree  # type: ignore[import-untyped]

from coordina.errors import Refused
from coordina.services.comparison import WORD, WordChange
from coordina.services.drafting.document import DraftArticle
from coordina.services.drafting.docx_import import read_counterproposal
from coordina.services.drafting.docx_render import render_docx
from tests.drafting.documents import FIRST, first

FIXTURES = Path(__file__).parent / "fixtures"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def fixture() -> tuple[bytes, list[DraftArticle], list[dict[str, str]]]:
    sent = json.loads((FIXTURES / "counterproposal-base.json").read_text(encoding="utf-8"))
    data = (FIXTURES / "counterproposal.docx").read_bytes()
    return data, [DraftArticle.model_validate(a) for a in sent["articles"]], sent["expected"]


def marked_words(data: bytes, tag: str) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    texts = root.iterfind(f".//{{{W}}}{tag}//{{{W}}}{'t' if tag == 'ins' else 'delText'}")
    return WORD.findall(" ".join(t.text for t in texts))


def test_the_fixture_becomes_the_counterproposal() -> None:
    data, base, expected = fixture()
    proposal = read_counterproposal(data, base, delegation="PH")
    assert [{k: a[k] for k in ("number", "heading", "text")} for a in proposal.articles] == expected
    assert proposal.tracked and proposal.delegation == "PH"
    assert [a.get("wid") for a in proposal.articles] == ["w-definitions", "w-scope", None]  # wIds carried


def test_every_changed_word_of_the_fixture_is_kept_and_attributed() -> None:
    data, base, _ = fixture()
    proposal = read_counterproposal(data, base, delegation="PH")
    added, removed = " ".join(proposal.words_added), " ".join(proposal.words_removed)
    for word in marked_words(data, "ins"):
        assert word in added
        assert any(word in a["text"] or word in (a["heading"] or "") or word == a["number"] or word == "Article"
                   for a in proposal.articles)  # fmt: skip
    for word in marked_words(data, "del"):
        assert word in removed
    assert all(c.delegation == "PH" and c.tracked for c in proposal.changes)
    authors = {c.authors for c in proposal.changes}
    assert authors == {("M. Santos",), ("J. Reyes",)}
    responsible = next(c for c in proposal.changes if "responsible" in c.after)
    assert (responsible.before, responsible.authors, responsible.date) == ("competent", ("M. Santos",),
                                                                             "2026-03-02T09:15:00Z")  # fmt: skip
    gone = [c for c in proposal.changes if c.article == "3"]
    assert gone and all(c.change is WordChange.removed and c.authors == ("J. Reyes",) for c in gone)


def edited(replace: dict[str, str], drop: str | None = None, add: str | None = None) -> bytes:
    """The clean DOCX of the first version, edited without tracking (as python-docx writes it)."""
    word = docx.Document(io.BytesIO(render_docx(first())))
    for paragraph in word.paragraphs:
        if paragraph.text in replace:
            for run in paragraph.runs[1:]:
                run._r.getparent().remove(run._r)
            paragraph.runs[0].text = replace[paragraph.text]
        if drop and paragraph.text == drop:
            paragraph._p.getparent().remove(paragraph._p)
    if add:
        word.add_paragraph("Article 5", style="Heading 2")
        word.add_paragraph(add)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def test_an_untracked_edit_is_diffed_against_the_base() -> None:
    data = edited({"In this Agreement the term State means a party.":
                   "In this Agreement the expression State means a Contracting Party.",
                   "Scope": "Personal scope"}, drop="Persons are treated alike.",
                  add="Benefits are paid abroad.")  # fmt: skip
    proposal = read_counterproposal(data, first().articles, delegation="KR")
    assert not proposal.tracked
    texts = {a["number"]: a["text"] for a in proposal.articles}
    assert texts["1"] == "In this Agreement the expression State means a Contracting Party.\nCompetent authority " \
                         "means the minister."  # fmt: skip
    assert texts["3"] == "" and texts["5"] == "Benefits are paid abroad."
    changes = {(c.article, c.part, c.change.value, c.before, c.after) for c in proposal.changes}
    assert changes == {
        ("1", "text", "changed", "term", "expression"),
        ("1", "text", "changed", "party.", "Contracting Party."),
        ("2", "heading", "changed", "Scope", "Personal scope"),
        ("3", "text", "removed", "Persons are treated alike.", ""),
        ("5", "text", "added", "", "Benefits are paid abroad."),
    }
    assert all(c.delegation == "KR" and not c.tracked and c.authors == () for c in proposal.changes)


def test_an_unchanged_document_has_no_changes_and_keeps_the_translations() -> None:
    base = [DraftArticle.model_validate({**a, "texts": {"fr": "texte"}}) for a in FIRST]
    proposal = read_counterproposal(render_docx(first()), base, delegation="KR")
    assert proposal.changes == []
    assert all(a["texts"] == {"fr": "texte"} for a in proposal.articles)


def package(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"not a zip at all", "not a ZIP"),
        (b"PK" + b"\0" * (11 * 1024 * 1024), "larger than"),
        (package({"word/document.xml": b"<" + b" " * (40 * 1024 * 1024)}), "ZIP bomb"),
        (package({"word/document.xml": b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
                                       b"<w>&b;</w>"}), "DOCTYPE"),
        (package({"word/document.xml": b"<w:document xmlns:w='" + W.encode() + b"'><w:body><w:p/></w:body>"
                                       b"</w:document>"}), "no article"),
        (package({"other.xml": b"<a/>"}), "no main document"),
        (package({"word/document.xml": b"<unclosed>"}), "not well-formed"),
        (package({f"p{i}": b"" for i in range(2001)}), "more than 2000 parts"),
    ],
)  # fmt: skip
def test_bad_uploads_are_refused_saying_why(data: bytes, says: str) -> None:
    with pytest.raises(Refused, match=says) as refused:
        read_counterproposal(data, first().articles, delegation="KR")
    assert refused.value.rule == "docx_upload"


def test_paragraphs_inside_a_content_control_are_read() -> None:
    data, base, expected = fixture()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts["word/document.xml"].decode()
    start, end = xml.index("<w:body>") + len("<w:body>"), xml.index("<w:sectPr/>")
    parts["word/document.xml"] = (xml[:start] + "<w:sdt><w:sdtPr/><w:sdtContent>" + xml[start:end]
                                  + "</w:sdtContent></w:sdt>" + xml[end:]).encode()  # fmt: skip
    proposal = read_counterproposal(package(parts), base, delegation="PH")
    assert [{k: a[k] for k in ("number", "heading", "text")} for a in proposal.articles] == expected
