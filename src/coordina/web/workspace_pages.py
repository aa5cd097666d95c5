"""The workspace of one negotiation: delegations, their representatives and members, each party's
country profile (the ILO brief's checklist, step 1), the delegation's own notes and the audit trail.

Reads and writes go through ``coordina.services.negotiation`` (``workspace``, ``profiles``,
``participants``), as the API's ``negotiation_routes`` do: a delegation's notes are the
service's to filter (never shown to another delegation), a stale profile is refused (409) and
shown as a refusal.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from coordina.domain.negotiation import Role
from coordina.errors import CoordinaError
from coordina.services.negotiation import participants, profiles, workspace
from coordina.web.forms import FormErrors, text
from coordina.web.i18n import _
from coordina.web.negotiation_pages import negotiation_context
from coordina.web.negotiation_views import (
    NOTE_LIMIT,
    PARTY,
    PROFILE_ITEMS,
    Refusal,
    audit_detail,
    clean,
    page_status,
    profile_content,
    refusal_of,
    representative_lines,
    representatives,
    shown,
)
from coordina.web.params import NegotiationId, Posted, database, user_id
from coordina.web.templating import redirect, render
from coordina.web.visitor import SignedIn, Visitor

router = APIRouter(include_in_schema=False)
PartyCode = Annotated[str, Path(min_length=2, max_length=6, pattern=PARTY.pattern)]


def _context(request: Request, visitor: Visitor, negotiation_id: int, section: str) -> dict[str, Any]:
    context = negotiation_context(database(request), user_id(visitor), negotiation_id)
    context["section"] = section
    return context


# Delegations, representatives, members


def _delegations(
    request: Request,
    visitor: Visitor,
    negotiation_id: int,
    *,
    errors: FormErrors | None = None,
    refusal: Refusal | None = None,
    typed: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    context = _context(request, visitor, negotiation_id, "delegations")
    found = participants.participants(database(request), user_id(visitor), negotiation_id)
    typed = typed or {}
    if "representatives" not in typed and context["part"].party:
        own = next((d for d in found.delegations if d.party == context["part"].party), None)
        typed["representatives"] = representative_lines(own.representatives if own else [])
    status = page_status(visitor.htmx, refusal.status if refusal else status)
    return render(
        request,
        visitor,
        "negotiations/delegations.html",
        status=status,
        title=_("Delegations — %(title)s") % {"title": context["negotiation"].title},
        found=found,
        errors=errors or FormErrors(),
        refusal=refusal,
        typed=typed,
        roles=[r.value for r in Role],
        **context,
    )


@router.get("/negotiations/{negotiation_id}/delegations", response_class=HTMLResponse)
def delegations(request: Request, visitor: SignedIn, negotiation_id: NegotiationId) -> HTMLResponse:
    return _delegations(request, visitor, negotiation_id)


@router.post("/negotiations/{negotiation_id}/members", response_model=None)
def add_member(
    request: Request, visitor: SignedIn, negotiation_id: NegotiationId, form: Posted
) -> HTMLResponse | Response:
    """A head adds a user to a delegation (``workspace.add_member``)."""
    typed = {"username": text(form, "username", 80), "role": text(form, "role", 20), "party": text(form, "party", 6)}
    errors = FormErrors()
    if not typed["username"]:
        errors.add("username", _("Enter the user name of the person to add."))
    if typed["role"] not in {r.value for r in Role}:
        errors.add("role", _("Choose a role."))
    if not errors:
        try:
            workspace.add_member(
                database(request),
                user_id(visitor),
                negotiation_id,
                username=typed["username"],
                role=typed["role"],
                party=typed["party"] or None,
            )
            return redirect(visitor, f"/negotiations/{negotiation_id}/delegations")
        except CoordinaError as error:
            return _delegations(request, visitor, negotiation_id, refusal=refusal_of(error), typed=typed)
    return _delegations(request, visitor, negotiation_id, errors=errors, typed=typed, status=422)


@router.post("/negotiations/{negotiation_id}/delegations/{party}/representatives", response_model=None)
def set_representatives(
    request: Request, visitor: SignedIn, negotiation_id: NegotiationId, party: PartyCode, form: Posted
) -> HTMLResponse | Response:
    """The checklist's item 1: the delegation's representatives (``workspace.set_representatives``)."""
    typed = {"representatives": clean(text(form, "representatives", 20_000))}
    errors = FormErrors()
    people = representatives(typed["representatives"], errors)
    if not errors:
        try:
            workspace.set_representatives(database(request), user_id(visitor), negotiation_id, party, people)
            return redirect(visitor, f"/negotiations/{negotiation_id}/delegations")
        except CoordinaError as error:
            return _delegations(request, visitor, negotiation_id, refusal=refusal_of(error), typed=typed)
    return _delegations(request, visitor, negotiation_id, errors=errors, typed=typed, status=422)


# Country profiles (the checklist)


def _profile(
    request: Request,
    visitor: Visitor,
    negotiation_id: int,
    party: str,
    *,
    typed: dict[str, str] | None = None,
    version: int | None = None,
    errors: FormErrors | None = None,
    refusal: Refusal | None = None,
    status: int = 200,
) -> HTMLResponse:
    context = _context(request, visitor, negotiation_id, "delegations")
    profile = profiles.get_profile(database(request), user_id(visitor), negotiation_id, party)
    if typed is None:
        typed = {key: shown(profile.content.get(key)) for key in PROFILE_ITEMS}
    status = page_status(visitor.htmx, refusal.status if refusal else status)
    return render(
        request,
        visitor,
        "negotiations/profile.html",
        status=status,
        title=_("Country profile of %(party)s — %(title)s") % {"party": party, "title": context["negotiation"].title},
        profile=profile,
        party=party,
        typed=typed,
        items=PROFILE_ITEMS,
        shown=shown,
        version=profile.version if version is None else version,
        errors=errors or FormErrors(),
        refusal=refusal,
        **context,
    )


@router.get("/negotiations/{negotiation_id}/profiles/{party}", response_class=HTMLResponse)
def profile(request: Request, visitor: SignedIn, negotiation_id: NegotiationId, party: PartyCode) -> HTMLResponse:
    return _profile(request, visitor, negotiation_id, party)


def _version(form: FormData) -> int:
    try:
        return max(0, min(int(text(form, "expected_version", 12)), 2**31 - 1))
    except ValueError:
        return 0


@router.post("/negotiations/{negotiation_id}/profiles/{party}", response_model=None)
def update_profile(
    request: Request, visitor: SignedIn, negotiation_id: NegotiationId, party: PartyCode, form: Posted
) -> HTMLResponse | Response:
    """Replace the party's answers (``profiles.update_profile``); a stale version is refused (409)."""
    typed = {key: clean(text(form, f"item-{key}", 20_000)) for key in PROFILE_ITEMS}
    version, errors = _version(form), FormErrors()
    content = profile_content(typed, errors)
    if not errors:
        try:
            profiles.update_profile(database(request), user_id(visitor), negotiation_id, party, content, version)
            return redirect(visitor, f"/negotiations/{negotiation_id}/profiles/{party}")
        except CoordinaError as error:  # nothing typed is lost: the form keeps the answers and the version read
            return _profile(
                request, visitor, negotiation_id, party, typed=typed, version=version, refusal=refusal_of(error)
            )
    return _profile(request, visitor, negotiation_id, party, typed=typed, version=version, errors=errors, status=422)


@router.post("/negotiations/{negotiation_id}/profiles/{party}/prefill", response_model=None)
def prefill_profile(
    request: Request, visitor: SignedIn, negotiation_id: NegotiationId, party: PartyCode, form: Posted
) -> HTMLResponse | Response:
    """Fill the empty answers from the bundled national schemes (``profiles.prefill_profile``)."""
    try:
        profiles.prefill_profile(database(request), user_id(visitor), negotiation_id, party, _version(form))
    except CoordinaError as error:
        return _profile(request, visitor, negotiation_id, party, refusal=refusal_of(error))
    return redirect(visitor, f"/negotiations/{negotiation_id}/profiles/{party}")


# Delegation notes, the audit trail


def _notes(
    request: Request,
    visitor: Visitor,
    negotiation_id: int,
    *,
    typed: str = "",
    errors: FormErrors | None = None,
    refusal: Refusal | None = None,
    status: int = 200,
) -> HTMLResponse:
    context = _context(request, visitor, negotiation_id, "notes")
    found = workspace.notes(database(request), user_id(visitor), negotiation_id)  # the user's own delegation's alone
    status = page_status(visitor.htmx, refusal.status if refusal else status)
    return render(
        request,
        visitor,
        "negotiations/notes.html",
        status=status,
        title=_("Delegation notes — %(title)s") % {"title": context["negotiation"].title},
        notes=found,
        typed=typed,
        errors=errors or FormErrors(),
        refusal=refusal,
        **context,
    )


@router.get("/negotiations/{negotiation_id}/notes", response_class=HTMLResponse)
def notes(request: Request, visitor: SignedIn, negotiation_id: NegotiationId) -> HTMLResponse:
    return _notes(request, visitor, negotiation_id)


@router.post("/negotiations/{negotiation_id}/notes", response_model=None)
def add_note(
    request: Request, visitor: SignedIn, negotiation_id: NegotiationId, form: Posted
) -> HTMLResponse | Response:
    """An internal note of the user's delegation (``workspace.add_note``)."""
    typed = clean(text(form, "note", NOTE_LIMIT + 1))
    errors = FormErrors()
    if not typed:
        errors.add("note", _("Write the note."))
    elif len(typed) > NOTE_LIMIT:
        errors.add("note", _("A note has at most %(count)s characters.") % {"count": NOTE_LIMIT})
    if not errors:
        try:
            workspace.add_note(database(request), user_id(visitor), negotiation_id, typed)
            return redirect(visitor, f"/negotiations/{negotiation_id}/notes")
        except CoordinaError as error:
            return _notes(request, visitor, negotiation_id, typed=typed, refusal=refusal_of(error))
    return _notes(request, visitor, negotiation_id, typed=typed, errors=errors, status=422)


@router.get("/negotiations/{negotiation_id}/audit", response_class=HTMLResponse)
def audit(request: Request, visitor: SignedIn, negotiation_id: NegotiationId) -> HTMLResponse:
    """The append-only record of every change (``workspace.audit_log``), oldest first."""
    context = _context(request, visitor, negotiation_id, "audit")
    entries = workspace.audit_log(database(request), user_id(visitor), negotiation_id)
    return render(
        request,
        visitor,
        "negotiations/audit.html",
        title=_("Audit trail — %(title)s") % {"title": context["negotiation"].title},
        entries=entries,
        detail=audit_detail,
        **context,
    )
