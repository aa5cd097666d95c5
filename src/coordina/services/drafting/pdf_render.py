"""A version of a draft on paper (PDF, fpdf2): in one language, or in two side by side, paragraph
by paragraph (ILO brief, step 5: the texts in each official language).

The text is set in DejaVu Sans (shipped with matplotlib, as ``services.certificate_render`` does)
so that Latin, Greek and Cyrillic scripts print; a text in a script the font lacks (Korean,
Chinese, Japanese...) is refused with a ``ValueError`` naming the characters, never printed
with its words missing: the project bundles no font for those scripts yet (the DOCX has no limit).
Pure: a ``DraftDocument`` in, bytes out.
"""

from itertools import zip_longest

from fpdf import FPDF

from coordina.domain import party_name
from coordina.services.drafting.document import DraftDocument, article_word, paragraphs, printable
from coordina.services.pdf_fonts import add_text_font


class _Printer:
    def __init__(self, document: DraftDocument) -> None:
        self.pdf = FPDF(format="A4")
        self.pdf.set_auto_page_break(auto=True, margin=15)
        self.pdf.set_title(printable(document.title)[:200])
        self.pdf.set_creator("coordina")
        self.font = add_text_font(self.pdf)
        self.pdf.add_page()

    def text(self, value: str) -> str:
        """``value`` as the font can print it; ``ValueError`` naming the characters it has no glyph for
        (a PDF with the text silently missing would misstate the draft: use the DOCX instead)."""
        value = printable(value)
        if self.font == "Helvetica":
            return value.encode("latin-1", "replace").decode("latin-1")
        glyphs = getattr(self.pdf.fonts["dejavu"], "cmap", {})  # a TrueType font's code points
        missing = sorted({c for c in value if not c.isspace() and ord(c) not in glyphs})
        if missing:
            raise ValueError(f"the PDF font (DejaVu Sans) has no glyph for {''.join(missing[:10])!r}: "
                             "render this language as DOCX")  # fmt: skip
        return value

    def line(self, value: str, *, size: float = 10, bold: bool = False, height: float = 5.2) -> None:
        self.pdf.set_font(self.font, "B" if bold else "", size)
        self.pdf.multi_cell(0, height, self.text(value), new_x="LMARGIN", new_y="NEXT")

    def header(self, document: DraftDocument) -> None:
        self.line(document.title, size=15, bold=True, height=7)
        self.line(" and ".join(party_name(p) for p in document.parties), size=11)
        party = f", {party_name(document.version_party)}" if document.version_party else ""
        self.line(f"Version {document.version}{party}, {document.version_date.isoformat()}", size=9)
        self.pdf.ln(4)

    def signatures(self, document: DraftDocument) -> None:
        if document.signatures:
            self.pdf.ln(4)
            self.line("Signatures", size=12, bold=True)
            for s in document.signatures:
                self.line(f"{party_name(s.party)}: {s.signatory}, {s.capacity}, {s.place}, {s.signed_on.isoformat()}")

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _check(document: DraftDocument, *languages: str) -> None:
    for language in languages:
        if language not in document.complete_languages():
            raise ValueError(f"language {language!r}: not every article is translated into it")


def render_pdf(document: DraftDocument, language: str | None = None) -> bytes:
    """The version in ``language`` (the document's own by default) as a PDF."""
    language = language or document.language
    _check(document, language)
    printer = _Printer(document)
    printer.header(document)
    for article in document.articles:
        printer.pdf.ln(2)
        printer.line(f"{article_word(language)} {article.number}", size=11, bold=True)
        heading = document.heading(article, language)
        if heading:
            printer.line(heading, bold=True)
        for paragraph in paragraphs(document.text(article, language) or ""):
            printer.line(paragraph)
            printer.pdf.ln(1)
    printer.signatures(document)
    return printer.output()


def render_pdf_bilingual(document: DraftDocument, left: str, right: str) -> bytes:
    """The version in two languages side by side: a two-column table, paragraph by paragraph."""
    _check(document, left, right)
    printer = _Printer(document)
    printer.header(document)
    pdf = printer.pdf
    pdf.set_font(printer.font, "", 9)
    with pdf.table(col_widths=(1, 1), text_align="LEFT", line_height=4.6, first_row_as_headings=True) as table:
        table.row([left.upper(), right.upper()])
        for article in document.articles:
            pdf.set_font(printer.font, "B", 9)
            table.row([printer.text(f"{article_word(lang)} {article.number}. {document.heading(article, lang) or ''}")
                       .rstrip(". ") for lang in (left, right)])  # fmt: skip
            pdf.set_font(printer.font, "", 9)
            one = paragraphs(document.text(article, left) or "")
            two = paragraphs(document.text(article, right) or "")
            for first, second in zip_longest(one, two, fillvalue=""):
                table.row([printer.text(first), printer.text(second)])
    printer.signatures(document)
    return printer.output()
