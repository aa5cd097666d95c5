"""The verification page of a certificate of coverage (issue 14 item 5): anyone (an employer, a
labour inspector, the other party's institution) gives the certificate's text, or its image or
PDF, and reads whether it is valid and why not, checked offline against a trust list (the
server's, or one the visitor brings with its anchors). No sign-in: verifying reads no personal
data beyond what the visitor holds."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile

from coordina.errors import DataError
from coordina.services import certificate_check
from coordina.services.certificate_check import Upload
from coordina.services.exchange_verify import verdict_document
from coordina.web.forms import FormErrors
from coordina.web.i18n import N_, _
from coordina.web.params import Posted
from coordina.web.templating import render
from coordina.web.visitor import Current

router = APIRouter(include_in_schema=False)

REASONS = {  # the verifier's reason codes, in words a verifier reads (the detail follows in English)
    "bad_encoding": N_("The text is not a certificate of coverage (it must begin with CC1: and decode)."),
    "signature_invalid": N_("The certificate was changed after it was signed, or its key did not sign it."),
    "key_unknown": N_("The key that signed it is not on the trust list."),
    "key_not_on_trust_list": N_("The key that signed it was removed from the trust list."),
    "key_revoked": N_("The key that signed it was revoked before it signed."),
    "key_expired": N_("The key that signed it had expired when it signed."),
    "key_not_yet_valid": N_("The key that signed it was not yet valid when it signed."),
    "trust_list_outdated": N_("The trust list is older than its maximum age: get the current one."),
    "certificate_expired": N_("The certificate has expired."),
    "certificate_not_yet_valid": N_("The certificate is not valid yet."),
    "claims_invalid": N_("The certificate's signed content is not complete."),
    "payload_invalid": N_("The certificate's data are not those of a certificate of coverage."),
    "wrong_agreement": N_("The certificate is for another agreement than the trust list."),
}


def _upload(value: Any) -> Upload | None:
    if isinstance(value, UploadFile) and value.filename:
        return Upload(value.filename, value.file.read(certificate_check.MAX_BYTES + 1))
    return None


@router.get("/verify", response_class=HTMLResponse)
def verify_form(request: Request, visitor: Current) -> HTMLResponse:
    return _page(request, visitor)


@router.post("/verify", response_class=HTMLResponse)
def verify(request: Request, visitor: Current, form: Posted) -> HTMLResponse:
    text = str(form.get("certificate_text") or "")[:20_000]
    upload = _upload(form.get("certificate_file"))
    trust, anchors = _upload(form.get("trust_list")), _upload(form.get("anchors"))
    errors = FormErrors()
    if not text.strip() and upload is None:
        errors.add("certificate_text", _("Paste the certificate's text or choose its image or PDF."))
    if (trust is None) != (anchors is None):
        errors.add("trust_list", _("Give both the trust list and its anchors, or neither."))
    if not errors and trust is None and certificate_check.server_trust() is None:
        errors.add("trust_list", _("This server has no trust list: give the trust list and its anchors."))
    if errors:
        return _page(request, visitor, errors=errors, text=text, status=422)
    try:
        checked = certificate_check.check(text=text, upload=upload, trust_list=trust, anchors=anchors)
    except DataError as error:
        errors.add("certificate_file" if upload else "certificate_text",
                   _("The certificate or a file cannot be read: %(detail)s")
                   % {"detail": "; ".join(p.message for p in error.problems)})  # fmt: skip
        return _page(request, visitor, errors=errors, text=text, status=422)
    verdict = verdict_document(checked)
    reasons = [(_(REASONS[r["code"]]) if r["code"] in REASONS else r["words"], r["words"]) for r in verdict["reasons"]]
    own_trust = trust is not None
    return _page(request, visitor, text=text, verdict=verdict, reasons=reasons, own_trust=own_trust)


def _page(request: Request, visitor: Any, *, errors: FormErrors | None = None, text: str = "",
          status: int = 200, **result: Any) -> HTMLResponse:  # fmt: skip
    context = {"verdict": None, "reasons": [], "own_trust": False, **result}
    return render(request, visitor, "verify/verify.html", status=status, title=_("Verify a certificate of coverage"),
                  errors=errors or FormErrors(), text=text, server_trust=certificate_check.server_trust() is not None,
                  **context)  # fmt: skip
