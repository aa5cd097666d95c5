"""The calculator, for caseworkers: a case entered in a form or uploaded as a file, applied to
an agreement, and each party's decision with its trace; the decision as JSON, and printed.

The same door and bounds as ``POST /api/v1/library/agreements/{id}/compute``: a signed-in
user, at most ``COORDINA_MAX_PERIODS_PER_CASE`` periods, a free computation slot
(``coordina.services.compute_limits``), the text of the agreement in force on the claim date
(``coordina.services.library.agreement``) and ``coordina.services.compute.compute``.
"""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from coordina.domain import Agreement
from coordina.domain.case import Case
from coordina.domain.decision import Decision
from coordina.domain.vocabulary import Activity, Branch, PeriodKind
from coordina.errors import CaseError, DataError, NotFound, Throttled
from coordina.services import library
from coordina.services.case_files import MAX_BYTES, read_case_bytes
from coordina.services.compute import compute as compute_decision
from coordina.services.compute_limits import limits
from coordina.services.database import Database
from coordina.web import calculator_form as case_forms
from coordina.web import calculator_result as results
from coordina.web.calculator_form import CaseForm
from coordina.web.calculator_labels import ACTIVITIES, KINDS, SEXES, STATUSES
from coordina.web.calculator_schemes import OwnSchemes, sent_schemes
from coordina.web.forms import FormErrors
from coordina.web.i18n import N_, _
from coordina.web.params import Posted
from coordina.web.refusals import explain, register
from coordina.web.templating import render
from coordina.web.visitor import SignedIn, Visitor
from coordina.web.vocabulary import BRANCHES

router = APIRouter(include_in_schema=False)
register({"periods": N_("The case has more periods than one computation may take; split the career or ask an "
                        "administrator about COORDINA_MAX_PERIODS_PER_CASE.")})  # fmt: skip


@router.get("/calculator", response_class=HTMLResponse)
def calculator(request: Request, visitor: SignedIn) -> HTMLResponse:
    return _page(request, visitor, case_forms.blank())


@router.post("/calculator", response_class=HTMLResponse)
def calculate(request: Request, visitor: SignedIn, form: Posted) -> HTMLResponse:
    """Add or remove a period row (the form again, as typed), or compute the case."""
    case_form = case_forms.from_form(form)
    if case_forms.apply(case_form, str(form.get("action") or "")):
        return _page(request, visitor, case_form)
    case, errors = case_forms.to_case(case_form)
    if case is None:
        return _page(request, visitor, case_form, errors=errors, status=422)
    return _computed(request, visitor, case_form, case, case_form.value("agreement"))


@router.post("/calculator/upload", response_class=HTMLResponse)
def upload(request: Request, visitor: SignedIn, form: Posted) -> HTMLResponse:
    """A case file (YAML or JSON, at most 1 MiB), applied to the agreement chosen or the one it names."""
    sent, chosen = form.get("case_file"), form.get("upload_agreement")
    chosen = chosen if isinstance(chosen, str) else ""
    errors, problems = FormErrors(), []
    case = None
    if not isinstance(sent, UploadFile) or not sent.filename:
        errors.add("case_file", _("Choose a case file to upload."))
    else:
        try:
            case = read_case_bytes(sent.file.read(MAX_BYTES + 1), sent.filename)
        except DataError as error:
            problems = [(p.line, p.message) for p in error.problems]
            message = _("The case file cannot be used: %(count)s problems, each listed with its line.")
            errors.add("case_file", message % {"count": len(problems)})
    own, scheme_problems = None, []  # scheme files of a party's own (calculator_schemes), and their problems
    try:
        own = sent_schemes(form)
    except DataError as error:
        scheme_problems = [(f"{p.file}:{p.line}", p.message) for p in error.problems]
        errors.add("scheme_files", _("The scheme files cannot be used: %(count)s problems, each listed with its "
                                     "file and line.") % {"count": len(scheme_problems)})  # fmt: skip
    if case is not None and not (chosen or case.agreement or (own and own[1])):
        errors.add("upload_agreement", _("The file names no agreement: choose one."))
    if case is None or errors:
        return _page(request, visitor, case_forms.blank(), errors=errors, status=422, problems=problems,
                     upload_agreement=chosen, scheme_problems=scheme_problems)  # fmt: skip
    agreement_id = own[1].id if own and own[1] else chosen or str(case.agreement)
    case = case.model_copy(update={"agreement": agreement_id})
    return _computed(request, visitor, case_forms.from_case(case), case, agreement_id, own)


@router.post("/calculator/decision.json", response_model=None)
def download(request: Request, visitor: SignedIn, form: Posted) -> Response:
    """The decision on the case sent (as JSON, in a hidden field of the result) as a JSON file."""
    sent = form.get("case")
    try:
        case = Case.model_validate_json(sent if isinstance(sent, str) else "")
    except ValidationError:
        errors = FormErrors({"case-form": _("The case to download was changed or is incomplete: compute it again.")})
        return _page(request, visitor, case_forms.blank(), errors=errors, status=422)
    agreement_id = str(case.agreement or "")
    outcome = _decide(request.app.state.db, case, agreement_id)
    if isinstance(outcome, FormErrors):
        return _refused(request, visitor, case_forms.from_case(case), outcome)
    name = f"decision-{outcome[0].agreement}-{outcome[0].claim_date.isoformat()}.json"
    return Response(outcome[0].model_dump_json(indent=2), media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip


def _computed(request: Request, visitor: Visitor, case_form: CaseForm, case: Case, agreement_id: str,
              own: OwnSchemes = None) -> HTMLResponse:  # fmt: skip
    outcome = _decide(request.app.state.db, case, agreement_id, own)
    if isinstance(outcome, FormErrors):
        return _refused(request, visitor, case_form, outcome)
    decision, agreement = outcome
    title = _("Decision under %(agreement)s — Calculator") % {"agreement": agreement.short_title}
    case_json = case.model_dump_json(exclude_defaults=True)
    return _page(request, visitor, case_form, decision=decision, applied=agreement, title=title, case_json=case_json,
                 case=case, timelines=results.timelines(decision))  # fmt: skip


def _refused(request: Request, visitor: Visitor, case_form: CaseForm, errors: FormErrors) -> HTMLResponse:
    """The form with the refusal at its field: 422, or 429 with Retry-After when no slot was free."""
    busy = "calculate" in errors.messages
    page = _page(request, visitor, case_form, errors=errors, status=429 if busy else 422)
    if busy:
        page.headers["Retry-After"] = str(limits().wait_seconds)
    return page


def _decide(db: Database, case: Case, agreement_id: str,
            own: OwnSchemes = None) -> tuple[Decision, Agreement] | FormErrors:  # fmt: skip
    """The decision, as the API computes it; or the refusal shown at the field it concerns. ``own``:
    the library with uploaded scheme files, and the uploaded agreement file (``calculator_schemes``)."""
    errors = FormErrors()
    bounds = limits()
    try:
        bounds.check(case)
        sent = own[1] if own else None
        chosen = sent if sent is not None else library.agreement(db, agreement_id, on=case.claim.date)
        with bounds.slot():
            return compute_decision(case, chosen, library=own[0] if own else library.catalogue(db)), chosen
    except NotFound as error:
        unknown = _("This agreement is not in the library: choose another.")
        errors.add("agreement", unknown if error.rule == "agreement" else explain(error))
    except CaseError as error:
        errors.add(case_forms.field_of(error.field), explain(error))
    except Throttled as error:  # "calculate": the button to press again (429, see ``_refused``)
        errors.add("calculate", explain(error))
    return errors


def _page(request: Request, visitor: Visitor, case_form: CaseForm, *, errors: FormErrors | None = None,
          status: int = 200, **context: Any) -> HTMLResponse:  # fmt: skip
    db: Database = request.app.state.db
    agreements = sorted(((a["id"], f"{a['title']} ({a['id']})") for a in library.summaries(db)
                         if a.get("parties")), key=lambda a: a[1])  # fmt: skip
    context.setdefault("title", _("Calculator"))
    context.setdefault("decision", None)
    context.setdefault("problems", [])
    context.setdefault("upload_agreement", "")
    context.setdefault("scheme_problems", [])
    errors = errors or FormErrors()
    return render(request, visitor, "calculator/page.html", status=status, form=case_form, errors=errors,
                  agreements=agreements, branches=_options(BRANCHES, Branch), kinds=_options(KINDS, PeriodKind),
                  activities=_options(ACTIVITIES, Activity), statuses=_options(STATUSES), sexes=_options(SEXES),
                  max_rows=case_forms.MAX_ROWS, branch_names=BRANCHES, kind_names=KINDS, activity_names=ACTIVITIES,
                  status_names=STATUSES, sex_names=SEXES, **results.helpers(), **context)  # fmt: skip


def _options(labels: dict[str, str], values: Any = None) -> list[tuple[str, str]]:
    """(value, label in the visitor's language) for each value of an enumeration, else of ``labels``."""
    keys = [v.value for v in values] if values is not None else list(labels)
    return [(k, _(labels.get(k, k))) for k in keys]
