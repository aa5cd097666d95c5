"""The feasibility report of a negotiation (issue 15, item 1): what the parties' country profiles
say about coordinating their schemes, each finding with the profile field it was read from and the
R167 or agreement provision that addresses it (``services.drafting.feasibility_sources``).

For the negotiation's participants only: the service reads the profiles with the visitor's rights
(a non-participant is refused, as on every workspace page).
"""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from coordina.errors import CoordinaError
from coordina.services.drafting import feasibility_sources
from coordina.web import refusals
from coordina.web.agreement_views import label
from coordina.web.i18n import N_, _
from coordina.web.negotiation_pages import negotiation_context
from coordina.web.negotiation_views import refusal_of
from coordina.web.params import NegotiationId, database, user_id
from coordina.web.templating import render
from coordina.web.visitor import SignedIn

router = APIRouter(include_in_schema=False)

TOPICS = {
    "branches": N_("Branches"),
    "scheme_kinds": N_("Scheme kinds that clash"),
    "qualifying_period": N_("Qualifying periods: totalization needed"),
    "periods_counted": N_("What counts towards the qualifying period"),
    "export": N_("Export restrictions: a waiver needed"),
    "group": N_("Groups outside scope"),
    "capacity": N_("Institutional capacity"),
    "not_recorded": N_("Not recorded in the profiles"),
}
"""The report's topics (``feasibility.Topic``), in the order the page shows them."""

refusals.register(
    {
        "profile_structure": N_(
            "A country profile holds structured data that does not fit the profile's fields: correct it on the "
            "profile page (the message names the item and field)."
        ),
        "profiles": N_("The report needs the profiles of two or more parties."),
    }
)


@router.get("/negotiations/{negotiation_id}/feasibility", response_class=HTMLResponse)
def feasibility(request: Request, visitor: SignedIn, negotiation_id: NegotiationId) -> HTMLResponse:
    """The feasibility report computed from the negotiation's stored profiles."""
    context = negotiation_context(database(request), user_id(visitor), negotiation_id)
    context["section"] = "feasibility"
    report, refusal = None, None
    try:
        report = feasibility_sources.for_negotiation(database(request), user_id(visitor), negotiation_id)
    except CoordinaError as error:
        refusal = refusal_of(error)
    topics = [(key, _(name), report.of(key)) for key, name in TOPICS.items()] if report else []  # type: ignore[arg-type]
    return render(
        request,
        visitor,
        "drafting/feasibility.html",
        status=refusal.status if refusal else 200,
        title=_("Feasibility — %(title)s") % {"title": context["negotiation"].title},
        report=report,
        topics=[t for t in topics if t[2]],
        refusal=refusal,
        branch=label,
        **context,
    )
