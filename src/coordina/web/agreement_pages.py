"""The agreements: the library (filterable by party, branch and principle), one agreement with
its scope, principles, institutions, history and articles cross-linked with the rules that cite
them, and the side-by-side comparison of 2 to 7 agreements (the ILO brief's table of examples).

Read over the services the API and the command line use: ``services.library`` (what the library
holds: bundled agreements and those negotiated here and in force) and
``services.library_comparison`` (``coordina agreements compare``'s table, by id only).
"""

from datetime import date
from typing import Annotated

from babel.numbers import format_percent
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from coordina.domain import UNVERIFIED, Branch, Principle
from coordina.domain.citations import verified_share
from coordina.services import library
from coordina.services.database import Database
from coordina.services.library_comparison import MAX_COMPARED, MIN_COMPARED, compare_in_library
from coordina.web import agreement_views as views
from coordina.web import i18n
from coordina.web.forms import FormErrors
from coordina.web.i18n import _
from coordina.web.params import database
from coordina.web.templating import render
from coordina.web.visitor import Current

router = APIRouter(include_in_schema=False)


def _library_rows(db: Database) -> list[views.Row]:
    origins = {s["id"]: s["origin"] for s in library.summaries(db)}
    return views.rows(library.catalogue(db).agreements, origins)


def _party_options(found: list[views.Row]) -> list[tuple[str, str]]:
    codes = {p for r in found for p in r.parties}
    return sorted(((c, views.party(c)) for c in codes), key=lambda item: item[1])


@router.get("/agreements", response_class=HTMLResponse)
def agreements(
    request: Request,
    visitor: Current,
    party: Annotated[str, Query(max_length=10)] = "",
    branch: Annotated[str, Query(max_length=40)] = "",
    principle: Annotated[list[str] | None, Query(max_length=len(Principle))] = None,
) -> HTMLResponse:
    """The library; the filter is a GET form, so that a filtered list is an address to share."""
    found = _library_rows(database(request))
    wanted = tuple(p for p in principle or [] if p in Principle.__members__)
    shown = views.matching(found, party.strip().upper(), branch, wanted)
    return render(
        request,
        visitor,
        "agreements/list.html",
        title=_("Agreements"),
        rows=shown,
        total=len(found),
        party=party.strip().upper(),
        branch=branch,
        principles=wanted,
        views=views,
        party_options=_party_options(found),
        branch_options=[(b.value, views.label(b)) for b in Branch],
        principle_options=[(p.value, views.label(p)) for p in Principle],
    )


@router.get("/agreements/compare", response_class=HTMLResponse)
def compare(
    request: Request, visitor: Current, ids: Annotated[list[str] | None, Query(max_length=50)] = None
) -> HTMLResponse:
    """2 to 7 agreements side by side; another count is answered with the form and its error (422)."""
    db = database(request)
    found = _library_rows(db)
    known = {r.id for r in found}
    chosen = list(dict.fromkeys(i for i in ids or [] if i))
    errors = FormErrors()
    if ids is not None and not MIN_COMPARED <= len(chosen) <= MAX_COMPARED:
        errors.add("ids", _("Choose from %(low)s to %(high)s agreements to compare; you chose %(count)s.")
                   % {"low": MIN_COMPARED, "high": MAX_COMPARED, "count": len(chosen)})  # fmt: skip
    elif unknown := [i for i in chosen if i not in known]:
        errors.add("ids", _("There is no agreement %(id)s in the library.") % {"id": unknown[0][:40]})
    comparison = compare_in_library(db, chosen) if chosen and not errors else None
    return render(
        request,
        visitor,
        "agreements/compare.html",
        status=422 if errors else 200,
        title=_("Comparison — Agreements"),
        rows=found,
        chosen=chosen,
        errors=errors,
        comparison=comparison,
        branches=list(Branch),
        principles=list(Principle),
        options=[(r.id, f"{r.title} ({r.id})") for r in found],
        views=views,
        low=MIN_COMPARED,
        high=MAX_COMPARED,
    )


@router.get("/agreements/{agreement_id}", response_class=HTMLResponse)
def agreement(request: Request, visitor: Current, agreement_id: str, on: date | None = None) -> HTMLResponse:
    """One agreement (``on``: the text in force that day); an unknown id is the 404 page."""
    db = database(request)
    shown = library.agreement(db, agreement_id[:40], on=on)  # NotFound: the error page (404)
    found = views.sections(shown)
    return render(
        request,
        visitor,
        "agreements/show.html",
        title=_("%(name)s — Agreements") % {"name": shown.short_title},
        agreement=shown,
        on=on,
        asked=agreement_id,
        versions=library.catalogue(db).versions(shown.id),
        sections=found,
        citing=views.citing(found),
        verified=format_percent(float(verified_share(shown)), locale=i18n.locale()),
        unverified=UNVERIFIED,
        views=views,
    )
