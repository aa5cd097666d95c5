"""Negotiations: the dashboard, opening a negotiation, and one negotiation as the timeline of the
eight steps of the ILO brief with its next step and the outcomes of the review (step 4).

Every page is for a signed-in user and reads through ``coordina.services.negotiation`` (the
services the API's ``negotiation_routes`` and ``closing_routes`` call); an action is shown only
where ``coordina.domain.permissions`` allows it to the user's role, and a refusal by the
service is shown with its rule explained.
"""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from coordina.domain.negotiation import ReviewOutcome
from coordina.errors import CoordinaError
from coordina.services.database import Database
from coordina.services.negotiation import closing, participants, progress, workspace
from coordina.web import negotiation_words as words_
from coordina.web.forms import FormErrors, text
from coordina.web.i18n import _
from coordina.web.negotiation_views import (
    ENTRY_INTO_FORCE,
    FIELD_OF_RULE,
    NewNegotiationForm,
    Refusal,
    allowed,
    check_new,
    grouped,
    refusal_of,
    timeline,
    words,
)
from coordina.web.params import NegotiationId, Posted, database, user_id
from coordina.web.refusals import explain
from coordina.web.templating import redirect, render
from coordina.web.visitor import SignedIn, Visitor

router = APIRouter(include_in_schema=False)


@router.get("/negotiations", response_class=HTMLResponse)
def dashboard(request: Request, visitor: SignedIn) -> HTMLResponse:
    """The user's negotiations, grouped by status and step."""
    found = workspace.list_for(database(request), user_id(visitor))
    return render(
        request,
        visitor,
        "negotiations/dashboard.html",
        title=_("Negotiations"),
        groups=grouped(found),
        count=len(found),
        **words(),
    )


def _new_page(
    request: Request, visitor: Visitor, form: NewNegotiationForm, errors: FormErrors, status: int = 200
) -> HTMLResponse:
    return render(
        request,
        visitor,
        "negotiations/new.html",
        status=status,
        title=_("Open a negotiation — Negotiations"),
        form=form,
        errors=errors,
        entry_into_force_kinds=[(kind, _(text)) for kind, text in ENTRY_INTO_FORCE.items()],
        **words(),
    )


@router.get("/negotiations/new", response_class=HTMLResponse)
def new_form(request: Request, visitor: SignedIn) -> HTMLResponse:
    return _new_page(request, visitor, NewNegotiationForm(), FormErrors())


@router.post("/negotiations/new", response_model=None)
def open_negotiation(request: Request, visitor: SignedIn, form: Posted) -> HTMLResponse | Response:
    """Open a negotiation (``workspace.open_negotiation``): the user heads the own party's delegation."""
    typed = NewNegotiationForm(
        title=text(form, "title", 400),
        parties=text(form, "parties", 200),
        own_party=text(form, "own_party", 6),
        drafting_party=text(form, "drafting_party", 6),
        branches=[b for b in form.getlist("branches") if isinstance(b, str)][:20],
        time_frame_start=text(form, "time_frame_start", 20),
        time_frame_end=text(form, "time_frame_end", 20),
        entry_into_force_kind=text(form, "entry_into_force_kind", 80),
        entry_into_force_count=text(form, "entry_into_force_count", 10),
    )
    errors = check_new(typed)
    if not errors:
        start, end = typed.dates()
        try:
            opened = workspace.open_negotiation(
                database(request),
                user_id(visitor),
                title=typed.title,
                parties=typed.party_codes(),
                branches=typed.branches,
                drafting_party=typed.drafting_party.upper(),
                own_party=typed.own_party.upper(),
                time_frame_start=start,
                time_frame_end=end,
                entry_into_force_rule=typed.entry_into_force_rule(),
            )
            return redirect(visitor, f"/negotiations/{opened.id}")
        except CoordinaError as error:
            errors.add(FIELD_OF_RULE.get(error.rule, "title"), explain(error))
    return _new_page(request, visitor, typed, errors, status=422)


def negotiation_context(db: Database, user_id: int, negotiation_id: int) -> dict[str, Any]:
    """The negotiation, the user's part in it, the timeline and what the user may do."""
    view = workspace.get(db, user_id, negotiation_id)
    part = participants.participation(db, user_id, negotiation_id)
    transitions = progress.next_transitions(db, user_id, negotiation_id)
    return {
        "negotiation": view,
        "part": part,
        "steps": timeline(view, transitions),
        "can": allowed(part, view),
        "section": "overview",
        **words(),
    }


def _page(
    request: Request, visitor: Visitor, negotiation_id: int, refusal: Refusal | None = None, chosen_outcome: str = ""
) -> HTMLResponse:
    context = negotiation_context(database(request), user_id(visitor), negotiation_id)
    return render(
        request,
        visitor,
        "negotiations/negotiation.html",
        status=refusal.status if refusal else 200,
        title=_("%(title)s — Negotiations") % {"title": context["negotiation"].title},
        refusal=refusal,
        outcomes=[(o.value, words_.label(words_.OUTCOMES, o.value)) for o in ReviewOutcome],
        chosen_outcome=chosen_outcome,
        **context,
    )


@router.get("/negotiations/{negotiation_id}", response_class=HTMLResponse)
def negotiation(request: Request, visitor: SignedIn, negotiation_id: NegotiationId) -> HTMLResponse:
    return _page(request, visitor, negotiation_id)


def _version(form: FormData) -> int:
    try:
        return max(0, min(int(text(form, "expected_version", 12)), 2**31 - 1))
    except ValueError:
        return 0  # no version read: the service refuses it as stale


@router.post("/negotiations/{negotiation_id}/step", response_model=None)
def take_step(
    request: Request, visitor: SignedIn, negotiation_id: NegotiationId, form: Posted
) -> HTMLResponse | Response:
    """Take the next step (``workspace.take_step``): refused with the guard that does not hold."""
    try:
        workspace.take_step(
            database(request), user_id(visitor), negotiation_id, text(form, "event", 60), _version(form)
        )
    except CoordinaError as error:
        return _page(request, visitor, negotiation_id, refusal_of(error))
    return redirect(visitor, f"/negotiations/{negotiation_id}")


@router.post("/negotiations/{negotiation_id}/outcome", response_model=None)
def choose_outcome(
    request: Request, visitor: SignedIn, negotiation_id: NegotiationId, form: Posted
) -> HTMLResponse | Response:
    """The review found no agreement: repeat, suspend, abandon or cancel (``closing.choose_outcome``)."""
    outcome = text(form, "outcome", 40)
    if outcome not in {o.value for o in ReviewOutcome}:
        refusal = Refusal(_("Choose what the parties decided."), "review_outcome", "", 422)
        return _page(request, visitor, negotiation_id, refusal)
    try:
        closing.choose_outcome(database(request), user_id(visitor), negotiation_id, outcome, _version(form))
    except CoordinaError as error:
        return _page(request, visitor, negotiation_id, refusal_of(error), chosen_outcome=outcome)
    return redirect(visitor, f"/negotiations/{negotiation_id}")


@router.post("/negotiations/{negotiation_id}/resume", response_model=None)
def resume(request: Request, visitor: SignedIn, negotiation_id: NegotiationId, form: Posted) -> HTMLResponse | Response:
    """Resume a suspended negotiation where it stood (``closing.resume``)."""
    try:
        closing.resume(database(request), user_id(visitor), negotiation_id, _version(form))
    except CoordinaError as error:
        return _page(request, visitor, negotiation_id, refusal_of(error))
    return redirect(visitor, f"/negotiations/{negotiation_id}")
