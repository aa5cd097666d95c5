"""The certificate's QR code rendered to PNG and into the PDF, read back by a real decoder
(zxing-cpp; the PDF's image extracted by pypdf) and verified offline."""

import io
from datetime import timedelta

import zxingcpp
from PIL import Image
from pypdf import PdfReader

from coordina.exchange.certificate import issue_cc1, verify_cc1
from coordina.services.certificate_render import certificate_pdf, qr, qr_png, qr_svg
from tests.exchange.signing_parties import NOW, Parties, certificate, trust_list

PARTIES = Parties()
TRUST = trust_list(signing=PARTIES)
TEXT = issue_cc1(certificate(), PARTIES.nps, issuer="KR", issued_at=NOW, expires=NOW + timedelta(days=365))


def decoded(image: Image.Image) -> list[str]:
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


def test_the_qr_code_is_alphanumeric_at_level_q() -> None:
    code = qr(TEXT)

    assert (code.error, code.mode, code.is_micro) == ("Q", "alphanumeric", False)


def test_the_png_decodes_to_the_certificate_and_verifies() -> None:
    [text] = decoded(Image.open(io.BytesIO(qr_png(TEXT))))

    assert text == TEXT
    assert verify_cc1(text, TRUST, now=NOW).valid


def test_the_svg_is_a_qr_code() -> None:
    svg = qr_svg(TEXT)

    assert svg.startswith("<svg") and "path" in svg


def test_the_pdf_holds_the_sections_in_words_and_a_qr_code_that_verifies() -> None:
    pdf = PdfReader(io.BytesIO(certificate_pdf(TEXT, certificate(), issued_at=NOW, expires=NOW + timedelta(days=365))))
    [page] = pdf.pages
    words = page.extract_text()
    [image] = page.images
    [text] = decoded(image.image)

    for heading in ("1. The person", "2. The legislation that applies", "6. The issuing institution"):
        assert heading in words
    assert "Kim" in words and "Korea" in words and "Art. 7 of de-kr" in words
    assert text == TEXT and verify_cc1(text, TRUST, now=NOW).valid


def test_names_outside_latin_1_are_printed() -> None:
    content = certificate()
    content["person"]["surname"] = "Łukasiewicz-Dvořák"

    words = PdfReader(io.BytesIO(certificate_pdf(TEXT, content))).pages[0].extract_text()

    assert "Łukasiewicz-Dvořák" in words
