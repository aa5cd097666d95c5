"""Verify a certificate of coverage offline: from its ``CC1:`` text, a text file holding it, an
image with its QR code (PNG, JPEG...) or the PDF it was printed as, against a trust list file
and the anchors that sign it (``coordina verify``). No network is used.

The QR code is read by zxing-cpp from the image (for a PDF, from each image embedded in its
first pages, extracted by pypdf). A trust list older than its maximum age is still read: the
verdict then lists it among its reasons. A trust list whose authorities' signatures do not verify
is refused (``ExchangeRefused``): nothing could be checked against it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coordina.errors import DataError, Problem
from coordina.exchange.certificate import MAX_TEXT, PREFIX, Verdict, verify_cc1
from coordina.services.exchange_trust import read_trust_list_file

MAX_FILE = 20 << 20
MAX_PIXELS = 40_000_000
MAX_PDF_PAGES = 5
MAX_PDF_IMAGES = 20


@dataclass(frozen=True)
class Checked:
    """The verdict and where the text came from (``"QR code in x.png"``, ``"text"`` ...)."""

    verdict: Verdict
    source: str
    text: str


def _bad(path: Path | str, message: str) -> DataError:
    return DataError([Problem(Path(path), 0, message)])


def _decoder() -> Any:
    try:
        import zxingcpp  # a decoder only when an image is given
    except ImportError:
        raise _bad("zxing-cpp", "reading a QR code from an image needs the package zxing-cpp installed") from None
    return zxingcpp


def _decode_image(image: Any, where: str) -> list[str]:
    zxingcpp = _decoder()

    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _bad(where, f"the image is {width}x{height} pixels, more than {MAX_PIXELS} accepted")
    return [
        barcode.text
        for barcode in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    ]


def _images_of_pdf(data: bytes, path: Path) -> Iterator[Any]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise _bad(path, "reading the images of a PDF needs the package pypdf installed") from None

    try:
        reader = PdfReader(io.BytesIO(data))
        count = 0
        for page in reader.pages[:MAX_PDF_PAGES]:
            for image in page.images:
                count += 1
                if count > MAX_PDF_IMAGES:
                    return
                yield image.image
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, NotImplementedError) as error:
        raise _bad(path, f"not a readable PDF: {error}") from None


def _open_image(data: bytes, path: Path) -> Any:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise _bad(path, f"the image is {width}x{height} pixels, more than {MAX_PIXELS} accepted")
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise _bad(path, "neither a CC1 text, a PDF nor an image this verifier reads (PNG, JPEG, GIF...)") from None
    return image


def _pick(texts: list[str], path: Path, where: str) -> str:
    certificates = [text for text in texts if text.startswith(PREFIX)]
    if certificates:
        return certificates[0]
    if texts:
        return texts[0]  # a QR code of something else: the verdict says it is not a certificate
    raise _bad(path, f"no QR code was found in {where}")


def read_file(path: Path) -> tuple[str, str]:
    """The CC1 text in the file ``path`` and where it was found."""
    try:
        if path.stat().st_size > MAX_FILE:
            raise _bad(path, f"the file is more than {MAX_FILE} bytes")
        data = path.read_bytes()
    except OSError as error:
        raise _bad(path, f"cannot be read: {error.strerror}") from None
    return text_of_bytes(data, path)


def text_of_bytes(data: bytes, path: Path) -> tuple[str, str]:
    """The CC1 text in a file's bytes (a PDF, a text, an image; ``path`` names it in messages)."""
    if len(data) > MAX_FILE:
        raise _bad(path, f"the file is more than {MAX_FILE} bytes")
    if data.startswith(b"%PDF-"):
        texts = [text for image in _images_of_pdf(data, path) for text in _decode_image(image, str(path))]
        return _pick(texts, path, f"the images of {path.name}"), f"QR code in the PDF {path.name}"
    head = data.lstrip()[:4]
    if head.upper().startswith(b"CC") or (len(data) <= MAX_TEXT * 2 and _is_text(data)):
        return data.decode("utf-8", "replace").strip(), f"text file {path.name}"
    image = _open_image(data, path)
    return _pick(_decode_image(image, str(path)), path, path.name), f"QR code in the image {path.name}"


def _is_text(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in data


def certificate_text(source: str) -> tuple[str, str]:
    """The CC1 text ``source`` is (a file's path, or the text itself) and where it came from."""
    path = Path(source)
    if source.strip().upper().startswith("CC") and not path.is_file():
        return source.strip(), "text"
    if path.is_file():
        return read_file(path)
    raise _bad(source[:80], "neither a file nor a certificate text beginning with CC1:")


def verify(source: str, *, trust_list: Path, anchors: Path, now: datetime | None = None) -> Checked:
    """Verify the certificate in ``source`` against the signed ``trust_list`` file and ``anchors``."""
    moment = now or datetime.now(UTC)
    trusted = read_trust_list_file(trust_list, anchors, now=moment, accept_outdated=True)
    text, where = certificate_text(source)
    return Checked(verify_cc1(text, trusted, now=moment), where, text)


def verify_bytes(data: bytes, name: str, *, trust_list: Path, anchors: Path, now: datetime | None = None) -> Checked:
    """Verify the certificate in an uploaded file's bytes (``name``: the file's name, for messages)."""
    moment = now or datetime.now(UTC)
    trusted = read_trust_list_file(trust_list, anchors, now=moment, accept_outdated=True)
    text, where = text_of_bytes(data, Path(name))
    return Checked(verify_cc1(text, trusted, now=moment), where, text)


def verdict_document(checked: Checked) -> dict[str, Any]:
    """The verdict as a JSON-like record (``coordina verify --json``)."""
    verdict = checked.verdict
    return {
        "valid": verdict.valid,
        "source": checked.source,
        "reasons": [{"code": code, "words": words} for code, words in zip(verdict.reasons, verdict.words, strict=True)],
        "issuer": verdict.issuer,
        "issuing_body": verdict.issuing_body,
        "kid": verdict.kid.hex() if verdict.kid else None,
        "issued_at": verdict.issued_at.isoformat() if verdict.issued_at else None,
        "expires": verdict.expires.isoformat() if verdict.expires else None,
        "certificate": verdict.certificate,
    }
