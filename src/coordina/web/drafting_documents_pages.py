"""Downloads of a negotiation's text (issue 15, items 4 and 5): a version as Akoma Ntoso XML, DOCX
or PDF (``?language=`` one of its languages, ``?beside=`` a second one side by side), and two
versions as tracked changes (DOCX with Word revision marks, or HTML with ``<ins>``/``<del>``).

Files, not pages: the services check who may read the negotiation; a refusal becomes the error
page of ``web.errors`` like any other.
"""

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from coordina.errors import NotFound, Refused
from coordina.services.drafting import akn, docx_render, pdf_render, tracked_changes
from coordina.services.drafting.counterproposal import draft_document
from coordina.services.drafting.document import DraftDocument
from coordina.web.params import NegotiationId, database, user_id
from coordina.web.visitor import SignedIn

router = APIRouter(include_in_schema=False)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEDIA = {"xml": "application/akn+xml", "docx": DOCX, "pdf": "application/pdf", "html": "text/html; charset=utf-8"}
Language = Query(default=None, pattern=r"^[a-z]{2,3}$")


def _file(data: bytes, name: str, extension: str) -> Response:
    return Response(data, media_type=MEDIA[extension],
                    headers={"Content-Disposition": f'attachment; filename="{name}.{extension}"',
                             "X-Content-Type-Options": "nosniff"})  # fmt: skip


def _render(document: DraftDocument, extension: str, language: str, beside: str | None) -> bytes:
    if extension == "xml":
        if beside:
            raise Refused("document_language", "an Akoma Ntoso document holds one language")
        return akn.akn_expression(document, language)
    if extension == "docx":
        return docx_render.render_docx_bilingual(document, language, beside) if beside else \
            docx_render.render_docx(document, language)  # fmt: skip
    if extension == "pdf":
        return pdf_render.render_pdf_bilingual(document, language, beside) if beside else \
            pdf_render.render_pdf(document, language)  # fmt: skip
    raise NotFound("document_format", f"no document as .{extension}: .xml, .docx or .pdf")


@router.get("/negotiations/{negotiation_id}/drafts/{number}/document.{extension}", response_model=None)
def draft_file(request: Request, visitor: SignedIn, negotiation_id: NegotiationId, number: int, extension: str,
               language: str | None = Language, beside: str | None = Language) -> Response:  # fmt: skip
    """Draft ``number`` as ``document.xml`` (Akoma Ntoso), ``document.docx`` or ``document.pdf``."""
    document = draft_document(database(request), user_id(visitor), negotiation_id, number)
    chosen = language or document.language
    try:
        data = _render(document, extension, chosen, beside)
    except ValueError as error:
        raise Refused("document_language", str(error)) from None
    return _file(data, f"negotiation-{negotiation_id}-draft-{number}", extension)


@router.get("/negotiations/{negotiation_id}/compare/{first}/{second}/changes.{extension}", response_model=None)
def changes_file(request: Request, visitor: SignedIn, negotiation_id: NegotiationId, first: int, second: int,
                 extension: str) -> Response:  # fmt: skip
    """Draft ``first`` to draft ``second`` as tracked changes: ``changes.docx`` or ``changes.html``."""
    if extension not in ("docx", "html"):
        raise NotFound("document_format", f"no tracked changes as .{extension}: .docx or .html")
    db, user = database(request), user_id(visitor)
    before = draft_document(db, user, negotiation_id, first)
    after = draft_document(db, user, negotiation_id, second)
    data = tracked_changes.tracked_docx(before, after) if extension == "docx" else \
        tracked_changes.tracked_html(before, after).encode("utf-8")  # fmt: skip
    return _file(data, f"negotiation-{negotiation_id}-drafts-{first}-{second}", extension)
