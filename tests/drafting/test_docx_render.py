"""A draft version as DOCX and PDF, in one language and in two side by side."""

import io

import docx
import pytest
from pypdf import PdfReader

from coordina.services.drafting.docx_render import render_docx, render_docx_bilingual
from coordina.services.drafting.pdf_render import render_pdf, render_pdf_bilingual
from tests.drafting.documents import FIRST, document, first, signed, translated


def paragraphs(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name if p.style is not None else "", p.text) for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_docx_opens_with_the_articles_in_order() -> None:
    shown = paragraphs(render_docx(first()))
    assert shown[0] == ("Title", first().title)
    assert ("Heading 2", "Article 1") in shown and ("Heading 3", "Definitions") in shown
    numbers = [text for style, text in shown if style == "Heading 2"]
    assert numbers == ["Article 1", "Article 2", "Article 3", "Article 4"]
    body = [text for style, text in shown if style == "Normal"]
    assert "Competent authority means the minister." in body  # one paragraph per line of the text


def test_docx_in_a_translation_and_with_the_signatures() -> None:
    french = paragraphs(render_docx(translated(), "fr"))
    assert ("Heading 3", "Définitions") in french and ("Normal", "Le présent Accord s'applique aux pensions.") in french
    with pytest.raises(ValueError, match="not every article"):
        render_docx(first(), "fr")
    table = docx.Document(io.BytesIO(render_docx(signed()))).tables[0]
    assert [c.text for c in table.rows[1].cells][:2] == ["Philippines", "A. Cruz"]


def test_bilingual_docx_has_the_two_languages_side_by_side() -> None:
    table = docx.Document(io.BytesIO(render_docx_bilingual(translated(), "en", "fr"))).tables[0]
    assert len(table.columns) == 2 and len(table.rows) == 1 + 4
    left, right = table.rows[1].cells
    assert "Article 1" in left.text and "Definitions" in left.text and "State means a party" in left.text
    assert "Définitions" in right.text and "le terme État" in right.text


def test_pdf_holds_the_text() -> None:
    reader = PdfReader(io.BytesIO(render_pdf(signed())))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Article 4" in text and "Equality of treatment" in text and "A. Cruz" in text


def test_bilingual_pdf_has_both_languages() -> None:
    reader = PdfReader(io.BytesIO(render_pdf_bilingual(translated(), "en", "fr")))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Definitions" in text and "Définitions" in text and "EN" in text and "FR" in text


def test_pdf_refuses_a_script_its_font_cannot_print() -> None:
    korean = document([{**a, "texts": {"ko": "이 협정은 연금에 적용된다"}} for a in FIRST], languages=["en", "ko"])
    with pytest.raises(ValueError, match="no glyph"):
        render_pdf(korean, "ko")
    assert "이 협정은" in docx.Document(io.BytesIO(render_docx(korean, "ko"))).paragraphs[-1].text
