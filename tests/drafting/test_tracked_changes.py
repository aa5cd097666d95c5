"""Two versions as a DOCX with real Word revision marks (read in the XML part) and as HTML."""

import io
import zipfile
from datetime import UTC, datetime

import docx
from lxml import etree  # type: ignore[import-untyped]

from coordina.services.comparison import ArticleChange, compare_versions
from coordina.services.drafting.docx_import import read_counterproposal
from coordina.services.drafting.tracked_changes import compared, tracked_docx, tracked_html
from tests.drafting.documents import first, second

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
N = {"w": W}
WHEN = datetime(2026, 2, 1, 10, 30, tzinfo=UTC)


def body() -> etree._Element:
    data = tracked_docx(first(), second(), author="Delegation of Korea", date=WHEN)
    docx.Document(io.BytesIO(data))  # python-docx opens it
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml")).find("w:body", N)


def test_revision_marks_have_author_date_and_unique_ids() -> None:
    root = body()
    marks = root.findall(".//w:ins", N) + root.findall(".//w:del", N)
    assert len(marks) > 10
    assert {m.get(f"{{{W}}}author") for m in marks} == {"Delegation of Korea"}
    assert {m.get(f"{{{W}}}date") for m in marks} == {"2026-02-01T10:30:00Z"}
    ids = [m.get(f"{{{W}}}id") for m in marks]
    assert len(ids) == len(set(ids))
    for deletion in root.iterfind(".//w:del/w:r", N):  # deleted text is w:delText, never w:t
        assert deletion.find("w:t", N) is None and deletion.find("w:delText", N) is not None
    inserted = "".join(t.text for t in root.iterfind(".//w:ins/w:r/w:t", N))
    deleted = "".join(t.text for t in root.iterfind(".//w:del/w:r/w:delText", N))
    assert "word " in inserted and "Contracting Party." in inserted and "old-age " in inserted
    assert "term " in deleted and "party." in deleted


def test_accepting_gives_the_second_version_and_rejecting_the_first() -> None:
    root = body()
    accepted = " ".join("".join(t.text for t in p.iterfind(".//w:t", N)) for p in root.iterfind("w:p", N))

    def kept(t: etree._Element) -> bool:
        return bool(t.getparent().getparent().tag != f"{{{W}}}ins")

    rejected = " ".join("".join(t.text for t in p.iter(f"{{{W}}}t", f"{{{W}}}delText") if kept(t))
                        for p in root.iterfind("w:p", N))  # fmt: skip
    assert "the word State means a Contracting Party." in accepted and "term" not in accepted
    assert "the term State means a party." in rejected and "Contracting" not in rejected


def test_whole_articles_added_and_removed_mark_their_paragraphs() -> None:
    root = body()
    paragraph_marks = root.findall("w:p/w:pPr/w:rPr/w:ins", N) + root.findall("w:p/w:pPr/w:rPr/w:del", N)
    assert len(paragraph_marks) == 6  # article 4 "Export" inserted, "Equality of treatment" deleted: 3 paragraphs each


def test_a_renumbered_article_is_followed_by_its_wid() -> None:
    comparison, tracked = compared(first(), second())
    final = next(a for a in tracked if a.key == "w-final")
    assert final.change is ArticleChange.changed  # only its number changed: Article 4 -> Article 3
    assert [(s.kind.value, s.text) for s in final.number] == [("same", "Article "), ("removed", "4 "), ("added", "3")]
    assert [a.key for a in tracked] == ["w-def", "w-scope", "w-equal", "w-final", "w-export"]  # removed where it stood
    by_number = compare_versions(first().articles, second().articles)  # what the web page compares
    assert by_number.differs and comparison.differs


def test_the_tracked_docx_reads_back_as_the_second_version() -> None:
    data = tracked_docx(first(), second(), author="Delegation of Korea", date=WHEN)
    proposal = read_counterproposal(data, first().articles, delegation="KR")
    assert [(a["number"], a["heading"], a["text"]) for a in proposal.articles] == [
        (a.number, a.heading, a.text) for a in second().articles]  # fmt: skip
    assert proposal.tracked and all(c.tracked and c.authors == ("Delegation of Korea",) for c in proposal.changes)


def test_html_marks_insertions_and_deletions() -> None:
    page = tracked_html(first(), second())
    assert page.startswith("<!DOCTYPE html>")
    assert "the <del>term </del><ins>word </ins>State" in page
    assert '<section id="art_3" data-change="removed">' in page and "<h2><ins>Article 4</ins></h2>" in page
    assert "<script" not in tracked_html(first().model_copy(update={"title": "<script>x</script>"}), second())
