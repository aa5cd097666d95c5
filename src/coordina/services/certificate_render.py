"""A certificate of coverage on screen and on paper: its ``CC1:`` text as a QR code (PNG, SVG) and
a one-page PDF with the certificate's sections in words and the QR code to verify it offline.

The QR code is written in alphanumeric mode, the Base45 alphabet of RFC 9285 being the QR
alphanumeric set (ISO/IEC 18004), at error correction level Q (about 25 % of the code may be
lost), as the EU Digital COVID Certificate does (Electronic Health Certificate Specification, "QR 2D
Barcode": level Q recommended, the alphanumeric mode required with Base45).
The PDF's text is set in DejaVu Sans (shipped with matplotlib) so names outside Latin-1 print.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import segno
from fpdf import FPDF
from pydantic import BaseModel

from coordina.domain import party_name
from coordina.services.pdf_fonts import add_text_font

ERROR_CORRECTION = "q"
SECTIONS = [  # the PD A1's sections (Regulation (EC) No 987/2009, Art. 19(2)), by the form's fields
    ("person", "1. The person"),
    ("legislation", "2. The legislation that applies"),
    ("status", "3. Status"),
    ("employer", "4. Employer or self-employed activity"),
    ("places_of_work", "5. Place(s) of work"),
    ("institution", "6. The issuing institution"),
]
LABELS = {
    "identifier": "Identification number",
    "birth_date": "Date of birth",
    "nationalities": "Nationality",
    "residence": "Address of residence",
    "party": "Legislation of",
    "start": "From",
    "end": "Until",
    "rule": "Rule applied",
    "body": "Institution id",
    "issued": "Date of issue",
    "certificate_number": "Certificate number",
    "self_employed": "Self-employed",
    "flag": "Flag of the ship",
}


def qr(text: str) -> segno.QRCode:
    return segno.make(text, error=ERROR_CORRECTION, mode="alphanumeric", micro=False, boost_error=False)


def qr_png(text: str, *, scale: int = 6) -> bytes:
    """The ``CC1:`` text as a QR code in PNG (with the 4-module quiet zone)."""
    buffer = io.BytesIO()
    qr(text).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_svg(text: str, *, scale: int = 4) -> str:
    buffer = io.BytesIO()
    qr(text).save(buffer, kind="svg", scale=scale, border=4, xmldecl=False)
    return buffer.getvalue().decode("utf-8")


def _label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize())


def _value(name: str, value: Any) -> str:
    if value is None:
        return "not recorded"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name in {"party", "country", "flag"} and isinstance(value, str):
        return f"{party_name(value)} ({value})"
    if name == "nationalities" and isinstance(value, list):
        return ", ".join(_value("country", v) for v in value) or "not recorded"
    if isinstance(value, Mapping) and "lines" in value:  # an address
        place = " ".join(str(v) for v in (value.get("postcode"), value.get("place")) if v)
        return ", ".join([*value["lines"], place, _value("country", value.get("country"))])
    if isinstance(value, Mapping) and "article" in value and "instrument" in value:
        return f"{value['article']} of {value['instrument']}"
    if isinstance(value, Mapping):
        return "; ".join(f"{_label(k)}: {_value(k, v)}" for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return "; ".join(_value(name, v) for v in value) or "none"
    return str(value).replace("_", " ") if name == "status" else str(value)


def lines_of(certificate: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """The certificate's sections in words: (heading, lines)."""
    sections = []
    for field, heading in SECTIONS:
        value = certificate.get(field)
        if isinstance(value, Mapping):
            lines = [f"{_label(k)}: {_value(k, v)}" for k, v in value.items() if v is not None]
        elif isinstance(value, list):
            lines = [_value(field, item) for item in value] or ["not recorded"]
        else:
            lines = [_value(field, value)]
        sections.append((heading, lines))
    return sections


_QR_X, _QR_SIZE = 140.0, 60.0
_LEFT = _QR_X - 10 - 4  # mm: the text column beside the QR code (left margin 10, a gap of 4)


def _width(pdf: FPDF) -> float:
    """Beside the QR code, the left column; below it, the page's width."""
    return _LEFT if pdf.get_y() < 10 + _QR_SIZE + 2 else 0


def certificate_pdf(
    text: str,
    certificate: BaseModel | Mapping[str, Any],
    *,
    issued_at: datetime | None = None,
    expires: datetime | None = None,
) -> bytes:
    """One A4 page: the certificate's sections in words and its QR code."""
    data = certificate.model_dump(mode="json") if isinstance(certificate, BaseModel) else dict(certificate)
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_title("Certificate of coverage")
    pdf.set_creator("coordina")
    pdf.add_page()
    font = add_text_font(pdf)
    if font == "Helvetica":  # the core fonts hold Latin-1 only
        data = {k: _latin1(v) for k, v in data.items()}
    pdf.set_font(font, "B", 15)
    title = "Certificate of coverage: the social security legislation that applies"
    pdf.multi_cell(_LEFT, 7, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font, "", 8.5)
    validity = " ".join(
        part
        for part in (
            f"Signed {issued_at:%Y-%m-%d}." if issued_at else "",
            f"Valid until {expires:%Y-%m-%d}." if expires else "",
            "Verify offline by scanning the code or with: coordina verify FILE.",
        )
        if part
    )
    pdf.multi_cell(_LEFT, 4.5, validity, new_x="LMARGIN", new_y="NEXT")
    pdf.image(io.BytesIO(qr_png(text, scale=4)), x=_QR_X, y=10, w=_QR_SIZE, h=_QR_SIZE)
    pdf.ln(3)
    for heading, lines in lines_of(data):
        pdf.set_font(font, "B", 10.5)
        pdf.multi_cell(_width(pdf), 6, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "", 9)
        for line in lines:
            pdf.multi_cell(_width(pdf), 4.6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
    return bytes(pdf.output())


def _latin1(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("latin-1", "replace").decode("latin-1")
    if isinstance(value, Mapping):
        return {k: _latin1(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_latin1(v) for v in value]
    return value


def write_certificate(
    text: str,
    certificate: BaseModel | Mapping[str, Any],
    stem: Path,
    *,
    issued_at: datetime | None = None,
    expires: datetime | None = None,
) -> dict[str, Path]:
    """``stem``.txt (the CC1 text), .png, .svg and .pdf; the paths by kind."""
    paths = {kind: stem.with_name(f"{stem.name}.{kind}") for kind in ("txt", "png", "svg", "pdf")}
    paths["txt"].write_text(text + "\n", encoding="ascii")
    paths["png"].write_bytes(qr_png(text))
    paths["svg"].write_text(qr_svg(text), encoding="utf-8")
    paths["pdf"].write_bytes(certificate_pdf(text, certificate, issued_at=issued_at, expires=expires))
    return paths
