"""A DOCX edited by a delegation and uploaded back (issue 15, item 5; ILO brief, steps 2-3): stored
as that delegation's counterproposal to the draft it answers, through
``services.drafting.attribution.store_attributed_counterproposal`` (``counterproposal.store_counterproposal``
with each change's delegation kept; the path of ``coordina drafting counterproposal``), then the new
draft is shown.

The upload is bounded (``docx_package.MAX_UPLOAD`` bytes, read no further); a file that is not a
draft's DOCX, or a user who acts for no delegation, is refused in words on the upload page.
"""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from coordina.errors import CoordinaError, Refused
from coordina.services.drafting.attribution import store_attributed_counterproposal
from coordina.services.drafting.docx_package import MAX_UPLOAD
from coordina.services.negotiation import drafts, workspace
from coordina.web import refusals
from coordina.web.forms import FormErrors
from coordina.web.i18n import N_, _
from coordina.web.negotiation_views import refusal_of
from coordina.web.params import NegotiationId, Posted, database, user_id
from coordina.web.templating import redirect, render
from coordina.web.visitor import SignedIn

router = APIRouter(include_in_schema=False)

refusals.register(
    {
        "docx_upload": N_(
            "The file could not be read as a draft of this negotiation: upload the DOCX downloaded from the draft's "
            "page, edited in a word processor and saved as .docx (each article still starting with its "
            "'Article' heading). The message says what was wrong."
        ),
        "counterproposal_party": N_(
            "A counterproposal is made by a delegation: you do not act for a delegation in this negotiation."
        ),
    }
)


def _page(request: Request, visitor: SignedIn, negotiation_id: int, number: int, *,
          errors: FormErrors | None = None, refusal: object = None, status: int = 200) -> HTMLResponse:  # fmt: skip
    db, user = database(request), user_id(visitor)
    negotiation = workspace.get(db, user, negotiation_id)
    draft = drafts.get_draft(db, user, negotiation_id, number)
    return render(request, visitor, "drafting/upload.html", status=status, section="drafts",
                  title=_("Upload a counterproposal to draft %(number)s — %(title)s")
                  % {"number": number, "title": negotiation.title},
                  negotiation=negotiation, draft=draft, errors=errors or FormErrors(), refusal=refusal,
                  limit_mb=MAX_UPLOAD // (1024 * 1024))  # fmt: skip


@router.get("/negotiations/{negotiation_id}/drafts/{number}/counterproposal", response_class=HTMLResponse)
def upload_page(request: Request, visitor: SignedIn, negotiation_id: NegotiationId, number: int) -> HTMLResponse:
    """The upload form for a DOCX answering draft ``number``."""
    return _page(request, visitor, negotiation_id, number)


@router.post("/negotiations/{negotiation_id}/drafts/{number}/counterproposal", response_model=None)
def upload_counterproposal(request: Request, visitor: SignedIn, negotiation_id: NegotiationId, number: int,
                           form: Posted) -> HTMLResponse | Response:  # fmt: skip
    """The uploaded DOCX stored as the user's delegation's counterproposal to draft ``number``."""
    sent = form.get("docx")
    errors = FormErrors()
    if not isinstance(sent, UploadFile) or not sent.filename:
        errors.add("docx", _("Choose the DOCX file to upload."))
        return _page(request, visitor, negotiation_id, number, errors=errors, status=422)
    data = sent.file.read(MAX_UPLOAD + 1)
    try:
        if len(data) > MAX_UPLOAD:
            raise Refused("docx_upload", f"the file is larger than {MAX_UPLOAD // (1024 * 1024)} MB")
        view, _proposal = store_attributed_counterproposal(database(request), user_id(visitor), negotiation_id, data,
                                                answers=number)  # fmt: skip
    except CoordinaError as error:
        refusal = refusal_of(error)
        status = 422 if refusal.status == 400 else refusal.status
        return _page(request, visitor, negotiation_id, number, refusal=refusal, status=status)
    return redirect(visitor, f"/negotiations/{negotiation_id}/drafts/{view.number}")
