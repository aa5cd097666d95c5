"""A version of a draft as a Word document (Office Open XML, ECMA-376), and a bilingual rendering
with the two languages side by side, article by article (ILO brief, step 5: the texts in each
official language).

The layout is the one ``ooxml`` describes, which ``docx_import`` reads back when the other
delegation returns the document. Pure: a ``DraftDocument`` in, bytes out (python-docx).
"""

import io

import docx
from docx.document import Document
from docx.shared import Pt

from coordina.domain import party_name
from coordina.services.drafting.document import DraftDocument, article_word, paragraphs, printable
from coordina.services.drafting.ooxml import HEADING_STYLE, NUMBER_STYLE


def new_document(document: DraftDocument) -> Document:
    """A Word document with the draft's title, parties and version."""
    word = docx.Document()
    word.core_properties.title = printable(document.title)[:255]
    word.core_properties.author = "coordina"
    word.add_paragraph(printable(document.title), style="Title")
    word.add_paragraph(" and ".join(party_name(p) for p in document.parties), style="Subtitle")
    party = f", {party_name(document.version_party)}" if document.version_party else ""
    kind = f" ({document.kind})" if document.kind else ""
    word.add_paragraph(f"Version {document.version}{kind}{party}, {document.version_date.isoformat()}")
    return word


def _signatures(word: Document, document: DraftDocument) -> None:
    if not document.signatures:
        return
    word.add_paragraph("Signatures", style="Heading 1")
    table = word.add_table(rows=1, cols=5)
    for cell, label in zip(table.rows[0].cells, ("Party", "Signatory", "Capacity", "Place", "Date"), strict=True):
        cell.text = label
    for signing in document.signatures:
        values = (party_name(signing.party), signing.signatory, signing.capacity, signing.place,
                  signing.signed_on.isoformat())  # fmt: skip
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = printable(value)


def to_bytes(word: Document) -> bytes:
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def render_docx(document: DraftDocument, language: str | None = None) -> bytes:
    """The version in ``language`` (the document's own by default) as a DOCX."""
    language = language or document.language
    if language not in document.complete_languages():
        raise ValueError(f"language {language!r}: not every article is translated into it")
    word = new_document(document)
    for article in document.articles:
        word.add_paragraph(f"{article_word(language)} {article.number}", style=NUMBER_STYLE)
        heading = document.heading(article, language)
        if heading:
            word.add_paragraph(printable(heading), style=HEADING_STYLE)
        for paragraph in paragraphs(document.text(article, language) or ""):
            word.add_paragraph(paragraph)
    _signatures(word, document)
    return to_bytes(word)


def render_docx_bilingual(document: DraftDocument, left: str, right: str) -> bytes:
    """The version in two languages side by side: a two-column table, one row per article."""
    for language in (left, right):
        if language not in document.complete_languages():
            raise ValueError(f"language {language!r}: not every article is translated into it")
    word = new_document(document)
    table = word.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for cell, language in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].add_run(language.upper()).bold = True
    for article in document.articles:
        row = table.add_row().cells
        for cell, language in zip(row, (left, right), strict=True):
            title = cell.paragraphs[0].add_run(f"{article_word(language)} {article.number}")
            title.bold = True
            heading = document.heading(article, language)
            if heading:
                cell.add_paragraph().add_run(printable(heading)).italic = True
            for paragraph in paragraphs(document.text(article, language) or ""):
                cell.add_paragraph(paragraph).paragraph_format.space_after = Pt(4)
    _signatures(word, document)
    return to_bytes(word)
