"""Scheme files uploaded beside a case on the calculator (issue 15, item 1): a party's own schemes,
not in the library (a profile compiled by ``coordina drafting schemes``), and optionally the
agreement file that applies them, read by ``services.drafting.scheme_uploads.with_sent_files`` —
the door of ``POST /api/v1/library/compute`` and of ``coordina compute --scheme``.

Each file is read no further than ``scheme_uploads.MAX_BYTES`` plus one byte (the service then
refuses it as too large) and must be UTF-8; problems name the file as sent and its line.
"""

from pathlib import Path

from starlette.datastructures import FormData, UploadFile

from coordina.domain import Agreement
from coordina.errors import DataError, Problem
from coordina.services.catalog import Library
from coordina.services.drafting.scheme_uploads import MAX_BYTES, MAX_FILES, with_sent_files

OwnSchemes = tuple[Library, Agreement | None] | None
"""The library with a party's own scheme files beside its schemes, and the agreement file sent (or None)."""


def _text(upload: UploadFile) -> tuple[str, str]:
    name = upload.filename or "scheme.yaml"
    data = upload.file.read(MAX_BYTES + 1)
    try:
        return name, data.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError([Problem(Path(name), 1, "the file is not UTF-8 text")]) from None


def sent_schemes(form: FormData) -> OwnSchemes:
    """The library with the uploaded ``scheme_files`` beside its schemes and the uploaded
    ``agreement_file`` checked against them; None when no scheme file was sent."""
    uploads = [u for u in form.getlist("scheme_files") if isinstance(u, UploadFile) and u.filename]
    if not uploads:
        return None
    agreement = form.get("agreement_file")
    sent_agreement = _text(agreement) if isinstance(agreement, UploadFile) and agreement.filename else None
    return with_sent_files([_text(u) for u in uploads[: MAX_FILES + 1]], sent_agreement)
