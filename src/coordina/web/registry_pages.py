"""The registry of agreements worldwide: search, one agreement's row with its source, and the
statistics with the ILO brief's Figure 1, Figure 2 and the network of agreements, each with its
data table and coverage caption (issue 11, item 4). Public pages: nobody needs to sign in.

Every count comes from ``services.registry`` and ``services.registry_series`` (the API's and the
CLI's own); the images are the SVG files ``services.registry.figure`` draws from the same series.
Unknown stays unknown: a field the source does not state is shown as "not recorded".
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from babel.dates import format_date, format_skeleton
from babel.numbers import format_percent
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from coordina.domain.registry import PartialDate, RegistryEntry
from coordina.domain.vocabulary import Branch
from coordina.errors import Refused
from coordina.services import registry as registry_service
from coordina.services import registry_series
from coordina.web import i18n, refusals
from coordina.web.forms import FormErrors
from coordina.web.i18n import N_, _
from coordina.web.params import database
from coordina.web.refusals import explain
from coordina.web.templating import render
from coordina.web.visitor import Current
from coordina.web.vocabulary import BRANCHES

router = APIRouter(include_in_schema=False)
PER_PAGE = 25
LIMIT = 200  # characters kept of a text filter

REGIONS = {
    "Europe": N_("Europe"),
    "Americas": N_("Americas"),
    "Asia and the Pacific": N_("Asia and the Pacific"),
    "Africa": N_("Africa"),
    "Arab States": N_("Arab States"),
}  # the ILO's regions (data/registry/regions.csv)
KINDS = {"bilateral": N_("Bilateral"), "multilateral": N_("Multilateral")}
PRECISIONS = {"day": N_("Day, month and year"), "month": N_("Month and year only"), "year": N_("Year only")}
URL = re.compile(r"https?://[^\s)\"'<>;]+")
NOT_RECORDED = N_("not recorded")
FIGURES: dict[str, Literal["1", "2", "network"]] = {"1": "1", "2": "2", "network": "network"}
FIGURE_TEXTS = (  # the titles and axis labels services.figures draws, in the visitor's language
    N_("Figure 1: Bilateral social security agreements by region"),
    N_("Year of entering into force"),
    N_("Number of bilateral agreements (cumulative)"),
    N_("Figure 2: Branches covered in social security agreements"),
    N_("Share of agreements covering the branch (%)"),
    N_("Who has bilateral social security agreements with whom"),
)
CAPTION_OF = {"1": "figure_1_caption", "2": "figure_2_caption", "network": "network_caption"}

refusals.register({"registry_filter": N_("The registry knows no such country, branch or region.")})


def region_label(region: str | None) -> str:
    return _(REGIONS[region]) if region in REGIONS else _("not placed in a region")


def country_name(code: str) -> str:
    """The country's name in the visitor's language (CLDR, through Babel), else the registry's."""
    return i18n.locale().territories.get(code) or registry_series.countries().get(code, (code, ""))[0]


def percent(share: float) -> str:
    return format_percent(share, locale=i18n.locale())


def when(value: PartialDate | None) -> str:
    """A date at its own precision (a day is never invented), or "not recorded"."""
    if value is None:
        return _(NOT_RECORDED)
    if value.precision == "day":
        return format_date(date(value.year, value.month or 1, value.day or 1), format="long", locale=i18n.locale())
    if value.precision == "month":
        return format_skeleton("yMMMM", date(value.year, value.month or 1, 1), locale=i18n.locale())
    return str(value.year)


def title_of(entry: RegistryEntry) -> str:
    names = [country_name(p) for p in entry.parties]
    if entry.kind == "bilateral":
        return " – ".join(names)
    return _("Multilateral instrument: %(parties)s") % {"parties": ", ".join(names)}


@dataclass(frozen=True)
class Row:
    """One registry row as the pages show it (labels in the visitor's language)."""

    id: str
    title: str
    parties: list[tuple[str, str, str]]  # code, name, region
    kind: str
    signed: str
    in_force: str
    in_force_precision: str
    branches: list[str]
    source: list[tuple[str, bool]]  # the source's text in pieces, True for a web address (linked)
    notes: str
    encoded_as: str | None


def row(registry: Any, entry: RegistryEntry) -> Row:
    table = registry_series.countries()
    return Row(
        id=entry.id,
        title=title_of(entry),
        parties=[(p, country_name(p), region_label(table[p][1] if p in table else None)) for p in entry.parties],
        kind=_(KINDS[entry.kind]),
        signed=when(entry.signed),
        in_force=when(entry.in_force),
        in_force_precision=_(PRECISIONS[entry.in_force.precision]) if entry.in_force else "",
        branches=[_(BRANCHES[b]) for b in entry.branches],
        source=_pieces(entry.source),
        notes=entry.notes,
        encoded_as=registry.encoded.get(entry.id),
    )


def _pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` cut around its web addresses, so that each address is a link."""
    pieces, at = [], 0
    for found in URL.finditer(text):
        pieces += [(text[at : found.start()], False), (found.group(0), True)]
        at = found.end()
    return [p for p in [*pieces, (text[at:], False)] if p[0]]


def _resolve(text: str) -> str | None:
    """A country typed as an ISO code, an English name or its name in the visitor's language."""
    code = registry_series.country(text)
    if code is not None:
        return code
    wanted, placed = text.strip().casefold(), registry_series.countries()
    for known, name in i18n.locale().territories.items():
        if name.casefold() == wanted and known in placed:
            return str(known)
    return None


def _date(text: str, field_id: str, errors: FormErrors) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.add(field_id, _("Enter a date as year-month-day, for example 2001-06-30."))
        return None


@router.get("/registry", response_class=HTMLResponse)
def search(
    request: Request,
    visitor: Current,
    party: str = "",
    between: Annotated[list[str], Query(max_length=2)] = [],  # noqa: B006 (FastAPI copies defaults)
    branch: str = "",
    region: str = "",
    since: str = "",
    before: str = "",
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> HTMLResponse:
    """Search by party (country name or code), between two countries, branch, region, and the
    date of entry into force (from, before); the results paged, each row linking to its page."""
    party, branch, region, since, before = (v.strip()[:LIMIT] for v in (party, branch, region, since, before))
    pair = [v.strip()[:LIMIT] for v in between] + ["", ""]
    errors = FormErrors()
    party_code = _resolve(party) if party else None
    if party and party_code is None:
        errors.add("party", _("No country is known as “%(name)s”: enter its name or its ISO code, for example "
                              "Chile or CL.") % {"name": party})  # fmt: skip
    codes: list[str | None] = []
    for index, typed in enumerate(pair[:2], start=1):
        other = pair[2 - index]
        code = _resolve(typed) if typed else None
        if typed and code is None:
            errors.add(f"between-{index}", _("No country is known as “%(name)s”: enter its name or its ISO code, "
                                             "for example Chile or CL.") % {"name": typed})  # fmt: skip
        elif other and not typed:
            errors.add(f"between-{index}", _("Enter the other country too, or leave both empty."))
        codes.append(code)
    if branch and branch not in {b.value for b in Branch}:
        errors.add("branch", _("Choose a branch from the list."))
    if region and region not in REGIONS:
        errors.add("region", _("Choose a region from the list."))
    start, end = _date(since, "since", errors), _date(before, "before", errors)
    if start and end and start >= end:
        errors.add("before", _("The end of the period must come after its start."))
    found: list[RegistryEntry] = []
    if not errors:
        both = (codes[0], codes[1]) if codes[0] and codes[1] else None
        try:
            found, _encoded = registry_service.search(database(request), party_code, both, branch or None,
                                                      region or None, end)  # fmt: skip
        except Refused as error:
            errors.add("party", explain(error))
        if start:
            found = registry_series.in_force_since(found, start)
    pages = max(1, -(-len(found) // PER_PAGE))
    page = min(page, pages)
    registry = registry_service.current(database(request))
    shown = [row(registry, e) for e in found[(page - 1) * PER_PAGE : page * PER_PAGE]]
    query = [("party", party), ("between", pair[0]), ("between", pair[1]), ("branch", branch), ("region", region),
             ("since", since), ("before", before)]  # fmt: skip
    link = {n: "/registry?" + urlencode([*query, ("page", str(n))]) for n in (page - 1, page + 1)}
    return render(
        request, visitor, "registry/search.html", status=422 if errors else 200,
        title=_("Search agreements — Registry"), errors=errors, party=party, between=pair[:2], branch=branch,
        region=region, since=since, before=before, rows=shown, total=len(found), page=page, pages=pages, link=link,
        first=(page - 1) * PER_PAGE + 1, last=(page - 1) * PER_PAGE + len(shown),
        branches=[(str(b), _(label)) for b, label in BRANCHES.items()],
        regions=[(r, _(label)) for r, label in REGIONS.items()],
    )  # fmt: skip


@router.get("/registry/statistics", response_class=HTMLResponse)
def statistics(request: Request, visitor: Current) -> HTMLResponse:
    """Counts by kind, region, branch and decade, the coverage of dates, and the three figures."""
    registry = registry_service.current(database(request))
    stats = registry.stats()
    coverage = registry_series.date_coverage(registry)
    decades = registry_series.decades(registry)
    return render(
        request, visitor, "registry/statistics.html", title=_("Statistics and figures — Registry"),
        stats=stats, percent=percent, coverage=coverage, decades=decades,
        kinds=[(_(KINDS[k]), n) for k, n in stats["kind"].items()],
        regions=[(_(REGIONS[r]), n) for r, n in stats["by_region"].items()],
        branches=[(_(BRANCHES[Branch(b)]), n, stats["by_branch_share"][b]) for b, n in stats["by_branch"].items()],
        precisions=[(_(PRECISIONS[p]), n) for p, n in coverage.in_force_precision.items()],
        **figures_context(registry),
    )  # fmt: skip


def figures_context(registry: Any) -> dict[str, Any]:
    """The three figures' data tables, text alternatives and coverage captions (the wording of
    ``services.figures``' captions, translated), from the series the images are drawn from."""
    one = registry_series.region_years(registry)
    totals = ", ".join(f"{_(REGIONS[r])} {one.cumulative(r)[-1]}" for r in one.regions)
    two = registry_series.branch_shares(registry)
    net = registry_series.network(registry)
    partners = {c.code: net.partners(c.code) for c in net.countries}
    top = sorted(partners, key=lambda c: (-len(partners[c]), c))[:3]
    network_rows = [(country_name(c.code), region_label(c.region), sorted(country_name(p) for p in partners[c.code]))
                    for c in net.countries]  # fmt: skip
    order = {region_label(c.region): index for index, c in enumerate(net.countries)}  # regions as the circle
    return {
        "figure_1": one,
        "figure_1_rows": [(year, [one.cumulative(r)[i] for r in one.regions]) for i, year in enumerate(one.years)],
        "figure_1_regions": [_(REGIONS[r]) for r in one.regions],
        "figure_1_alt": _("Line chart, Figure 1: number of bilateral agreements in force, cumulative, by region, "
                          "from %(first)s to %(last)s. In %(last)s: %(totals)s. The table below gives every year.")
        % {"first": one.years[0] if one.years else "", "last": one.years[-1] if one.years else "", "totals": totals},
        "figure_1_caption": _("Source: coordina registry, %(rows)s bilateral rows, of which %(counted)s (%(share)s) "
                              "have a date of entry into force and are counted; an agreement counts in each region "
                              "of its parties; a year-only date counts in its year. The registry is not complete "
                              "(ISSA counts about 660 agreements).")
        % {"rows": one.rows, "counted": one.counted, "share": percent(one.share_counted)},
        "figure_2": [(_(BRANCHES[s.branch]), s.agreements, percent(s.share)) for s in two.shares],
        "figure_2_alt": _("Bar chart, Figure 2: share of agreements covering each branch: %(shares)s. The table "
                          "below gives the numbers.")
        % {"shares": ", ".join(f"{_(BRANCHES[s.branch])} {percent(s.share)}" for s in two.shares)},
        "figure_2_caption": _("Source: coordina registry; shares of the %(known)s of %(rows)s rows whose source "
                              "states the branches (%(share)s).")
        % {"known": two.known, "rows": two.rows, "share": percent(two.share_known)},
        "network": sorted(network_rows, key=lambda r: (order[r[1]], r[0])),
        "network_alt": _("Network diagram: %(edges)s bilateral agreements drawn as lines between %(countries)s "
                         "countries placed around a circle by region; the most connected are %(top)s. The table "
                         "below lists each country's partners.")
        % {"edges": len(net.edges), "countries": len(net.countries),
           "top": ", ".join(f"{country_name(c)} ({len(partners[c])})" for c in top)},
        "network_caption": _("Source: coordina registry; %(edges)s bilateral agreements among %(countries)s "
                             "countries, grouped around the circle by region; multilateral instruments are not "
                             "drawn.")
        % {"edges": len(net.edges), "countries": len(net.countries)},
    }  # fmt: skip


@router.get("/registry/figures/{name}.svg")
def figure(request: Request, visitor: Current, name: str) -> Response:
    """Figure 1, Figure 2 or the network as SVG in the visitor's language, drawn once per
    content of the registry and language."""
    if name not in FIGURES:
        raise HTTPException(404)
    words, caption = None, None
    if visitor.language != i18n.SOURCE_LANGUAGE:
        words = {text: _(text) for text in FIGURE_TEXTS}
        words |= {region: _(label) for region, label in REGIONS.items()}
        words |= {str(branch): _(label) for branch, label in BRANCHES.items()}
        caption = figures_context(registry_service.current(database(request)))[CAPTION_OF[name]]
    content, _caption = registry_service.figure(database(request), FIGURES[name], "svg", words, caption)
    headers = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
               "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}  # fmt: skip
    return Response(content, media_type="image/svg+xml", headers=headers)


@router.get("/registry/{entry_id}", response_class=HTMLResponse)
def show(request: Request, visitor: Current, entry_id: str) -> HTMLResponse:
    """One agreement's row, every field, with its source; an unknown id is a 404 page."""
    registry = registry_service.current(database(request))
    shown = row(registry, registry.entry(entry_id[:LIMIT]))
    title = _("%(agreement)s — Registry") % {"agreement": shown.title}
    return render(request, visitor, "registry/row.html", title=title, row=shown, not_recorded=_(NOT_RECORDED))
