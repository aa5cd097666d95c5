"""The text of a negotiation (ILO brief, steps 2 and 3): drafts and their versions, sharing,
a word-level comparison of any two versions, initialling and consent to changes; rounds with
their minutes and contentious points (positions per party, postponed, settled).

Every action is shown only to users whose role, delegation and the negotiation's step allow it
(``coordina.domain.permissions``); the service still checks, and a refusal is shown in words.
"""

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from coordina.domain.negotiation import Role, Status, Step
from coordina.domain.permissions import DRAFT_WRITES, Write, refusal
from coordina.errors import CoordinaError
from coordina.services import catalog, comparison
from coordina.services.negotiation import drafts, records, rounds, workspace
from coordina.services.negotiation.views import DraftView, NegotiationView
from coordina.services.problems import kind_of
from coordina.web import text_words
from coordina.web.forms import FormErrors, text
from coordina.web.i18n import _
from coordina.web.params import Posted, database
from coordina.web.refusals import explain
from coordina.web.templating import redirect, render
from coordina.web.visitor import SignedIn

router = APIRouter(include_in_schema=False)
MAX_ARTICLES = 200


def may(write: Write, negotiation: NegotiationView, role: str) -> bool:
    """Whether the permission table lets ``role`` make ``write`` now (the services' own check)."""
    return refusal(write, Role(role), Step(negotiation.step), Status(negotiation.status)) is None


def status_of(error: CoordinaError) -> int:
    return kind_of(error)[0]


# --- drafts -------------------------------------------------------------------------------------


def _article_rows(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [*articles, {"number": "", "heading": "", "text": ""}]


def _typed_articles(form: FormData) -> list[dict[str, Any]]:
    rows = []
    for index in range(1, MAX_ARTICLES + 1):
        if f"article-{index}-number" not in form:
            break
        row = {
            "number": text(form, f"article-{index}-number", 20),
            "heading": text(form, f"article-{index}-heading", 300),
            "text": text(form, f"article-{index}-text", 20_000),
        }
        rows.append(row)
    return rows


def _drafts_page(request: Request, visitor: SignedIn, negotiation_id: int, *, status: int = 200,
                 errors: FormErrors | None = None, articles: list[dict[str, Any]] | None = None,
                 kind: str = "", based_on: str = "", refused: str | None = None) -> HTMLResponse:  # fmt: skip
    db, user = database(request), visitor.user_id
    assert user is not None
    negotiation = workspace.get(db, user, negotiation_id)
    versions = drafts.list_drafts(db, user, negotiation_id)
    part = records.text_records(db, user, negotiation_id)
    kinds = [(k, _(label)) for k, label in text_words.KINDS.items() if may(DRAFT_WRITES[k], negotiation, part.role)
             and (k != "initial" or part.party == negotiation.drafting_party)
             and (k != "revision" or not part.initialled) and (k != "change" or part.initialled)]  # fmt: skip
    if articles is None:
        latest = versions[-1].articles if versions else []
        articles = _article_rows([a.model_dump() for a in latest])
    library = sorted((a.id, a.title) for a in catalog.library().agreements.values())
    return render(request, visitor, "texts/drafts.html", status=status, section="drafts",
                  title=_("Drafts — %(title)s") % {"title": negotiation.title}, negotiation=negotiation,
                  drafts=versions, part=part, kinds=kinds, articles=articles, kind=kind, based_on=based_on,
                  library=library, errors=errors or FormErrors(), refused=refused,
                  may_share=may(Write.share_draft, negotiation, part.role), kind_words=text_words.KINDS,
                  word=text_words.word)  # fmt: skip


@router.get("/negotiations/{negotiation_id}/drafts", response_class=HTMLResponse)
def drafts_page(request: Request, visitor: SignedIn, negotiation_id: int) -> HTMLResponse:
    return _drafts_page(request, visitor, negotiation_id)


@router.post("/negotiations/{negotiation_id}/drafts", response_model=None)
def new_draft(request: Request, visitor: SignedIn, negotiation_id: int, form: Posted) -> HTMLResponse | Response:
    """A new version: its kind, and its articles as typed, or a library agreement to start from."""
    kind, based_on = text(form, "kind", 30), text(form, "based_on", 60)
    typed = _typed_articles(form)
    articles = [a for a in typed if a["number"] or a["heading"] or a["text"]]
    errors = FormErrors()
    if kind not in text_words.KINDS:
        errors.add("kind", _("Choose what kind of draft this is."))
    for index, article in enumerate(typed, start=1):
        if (article["heading"] or article["text"]) and not article["number"]:
            errors.add(f"article-{index}-number", _("Give the article's number."))
        if article["number"] and not article["text"]:
            errors.add(f"article-{index}-text", _("Give the article's text."))
    numbers = [a["number"] for a in articles]
    if len(set(numbers)) != len(numbers):
        errors.add("article-1-number", _("Two articles have the same number."))
    if not articles and not based_on:
        errors.add("article-1-number", _("Give at least one article, or choose a library agreement to start from."))
    refused = None
    if not errors:
        try:
            assert visitor.user_id is not None
            made = drafts.create_draft(database(request), visitor.user_id, negotiation_id, kind=kind,
                                       articles=[{**a, "heading": a["heading"] or None} for a in articles] or None,
                                       based_on=based_on or None)  # fmt: skip
            return redirect(visitor, f"/negotiations/{negotiation_id}/drafts/{made.number}")
        except CoordinaError as error:
            refused, status = explain(error), status_of(error)
    return _drafts_page(request, visitor, negotiation_id, status=status if refused else 422, errors=errors,
                        articles=_article_rows(articles), kind=kind, based_on=based_on, refused=refused)  # fmt: skip


def _draft_page(request: Request, visitor: SignedIn, negotiation_id: int, number: int, *, status: int = 200,
                refused: str | None = None) -> HTMLResponse:  # fmt: skip
    db, user = database(request), visitor.user_id
    assert user is not None
    negotiation = workspace.get(db, user, negotiation_id)
    draft = drafts.get_draft(db, user, negotiation_id, number)
    part = records.text_records(db, user, negotiation_id)
    initialled = {i.party for i in part.initials if i.draft == number and i.content_hash == draft.content_hash}
    consented = {c.party for c in part.consents if c.draft == number}
    actions = {
        "share": may(Write.share_draft, negotiation, part.role) and draft.party == part.party
        and draft.shared_at is None,
        "initial": may(Write.initial, negotiation, part.role) and part.current_draft == number
        and part.party not in initialled,
        "consent": may(Write.consent_to_change, negotiation, part.role) and draft.kind == "change"
        and part.party not in consented,
    }  # fmt: skip
    return render(request, visitor, "texts/draft.html", status=status, section="drafts",
                  title=_("Draft %(number)s — %(title)s") % {"number": number, "title": negotiation.title},
                  negotiation=negotiation, draft=draft, part=part, initialled=initialled, consented=consented,
                  actions=actions, refused=refused, word=text_words.word, kind_words=text_words.KINDS)  # fmt: skip


@router.get("/negotiations/{negotiation_id}/drafts/{number}", response_class=HTMLResponse)
def draft_page(request: Request, visitor: SignedIn, negotiation_id: int, number: int) -> HTMLResponse:
    return _draft_page(request, visitor, negotiation_id, number)


ACTIONS = {"share": drafts.share_draft, "initial": drafts.initial, "consent": drafts.consent_to_change}


@router.post("/negotiations/{negotiation_id}/drafts/{number}/{action}", response_model=None)
def draft_action(request: Request, visitor: SignedIn, negotiation_id: int, number: int, action: str,
                 _form: Posted) -> HTMLResponse | Response:  # fmt: skip
    """Share a draft with every party, initial the current text, or consent to a change of it."""
    act = ACTIONS.get(action)
    if act is None:
        return _draft_page(request, visitor, negotiation_id, number, status=404, refused=_("Unknown action."))
    try:
        assert visitor.user_id is not None
        act(database(request), visitor.user_id, negotiation_id, number)
    except CoordinaError as error:
        return _draft_page(request, visitor, negotiation_id, number, status=status_of(error), refused=explain(error))
    return redirect(visitor, f"/negotiations/{negotiation_id}/drafts/{number}")


# --- comparison ---------------------------------------------------------------------------------


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 9 else None


@router.get("/negotiations/{negotiation_id}/compare", response_class=HTMLResponse)
def compare_page(request: Request, visitor: SignedIn, negotiation_id: int, a: str | None = None,
                 b: str | None = None) -> HTMLResponse:  # fmt: skip
    """Two versions compared word by word, article by article (``services.comparison``)."""
    db, user = database(request), visitor.user_id
    assert user is not None
    negotiation = workspace.get(db, user, negotiation_id)
    versions: list[DraftView] = drafts.list_drafts(db, user, negotiation_id)
    numbers = [d.number for d in versions]
    first, second = _number(a), _number(b)
    if first is None and second is None and len(numbers) >= 2:
        first, second = numbers[-2], numbers[-1]
    errors, result = FormErrors(), None
    if (a or b) and first not in numbers:
        errors.add("compare-a", _("Choose a draft of this negotiation."))
    if (a or b) and second not in numbers:
        errors.add("compare-b", _("Choose a draft of this negotiation."))
    if not errors and first in numbers and second in numbers:
        by_number = {d.number: d for d in versions}
        result = comparison.compare_versions(by_number[first].articles, by_number[second].articles)
    return render(request, visitor, "texts/compare.html", status=422 if errors else 200, section="drafts",
                  title=_("Comparison of drafts — %(title)s") % {"title": negotiation.title},
                  negotiation=negotiation, drafts=versions, first=first, second=second, result=result,
                  errors=errors, refused=None, kind_words=text_words.KINDS, word=text_words.word)  # fmt: skip


# --- rounds, minutes and contentious points -----------------------------------------------------


def _lines(typed: str) -> list[str]:
    return [line.strip()[:200] for line in typed.splitlines() if line.strip()]


def _rounds_page(request: Request, visitor: SignedIn, negotiation_id: int, *, status: int = 200,
                 errors: FormErrors | None = None, values: dict[str, str] | None = None,
                 refused: str | None = None) -> HTMLResponse:  # fmt: skip
    db, user = database(request), visitor.user_id
    assert user is not None
    negotiation = workspace.get(db, user, negotiation_id)
    part = records.text_records(db, user, negotiation_id)
    versions = drafts.list_drafts(db, user, negotiation_id)
    held = rounds.list_rounds(db, user, negotiation_id)
    points = rounds.list_points(db, user, negotiation_id)
    annexed = {d.id: d.number for d in versions}
    actions = {w.value: may(w, negotiation, part.role) for w in (Write.create_round, Write.record_minutes,
                                                                 Write.raise_point, Write.settle_point)}  # fmt: skip
    return render(request, visitor, "texts/rounds.html", status=status, section="rounds",
                  title=_("Rounds — %(title)s") % {"title": negotiation.title}, negotiation=negotiation,
                  part=part, drafts=versions, rounds=held, points=points, annexed=annexed, actions=actions,
                  errors=errors or FormErrors(), values=values or {}, refused=refused,
                  statuses=text_words.POINT_STATUSES, word=text_words.word)  # fmt: skip


@router.get("/negotiations/{negotiation_id}/rounds", response_class=HTMLResponse)
def rounds_page(request: Request, visitor: SignedIn, negotiation_id: int) -> HTMLResponse:
    return _rounds_page(request, visitor, negotiation_id)


def _values(form: FormData) -> dict[str, str]:
    return {key: text(form, key, 20_000) for key in form if key != "csrf_token"}


def _done_or_again(request: Request, visitor: SignedIn, negotiation_id: int, form: FormData, errors: FormErrors,
                   write: Any) -> HTMLResponse | Response:  # fmt: skip
    """Do ``write`` if the form is valid, then show the rounds; else the page again, as typed."""
    refused, status = None, 422
    if not errors:
        try:
            write()
            return redirect(visitor, f"/negotiations/{negotiation_id}/rounds")
        except CoordinaError as error:
            refused, status = explain(error), status_of(error)
    return _rounds_page(request, visitor, negotiation_id, status=status, errors=errors, values=_values(form),
                        refused=refused)  # fmt: skip


def _date_field(form: FormData, name: str, errors: FormErrors) -> date:
    try:
        return date.fromisoformat(text(form, name, 10))
    except ValueError:
        errors.add(name, _("Give a date, e.g. 2027-03-01."))
        return date.min  # not sent: the form is shown again


@router.post("/negotiations/{negotiation_id}/rounds", response_model=None)
def new_round(request: Request, visitor: SignedIn, negotiation_id: int, form: Posted) -> HTMLResponse | Response:
    """A round arranged by the host party's delegation: date, host, participants (ILO brief, step 3)."""
    errors = FormErrors()
    held_on = _date_field(form, "round-held-on", errors)
    host = text(form, "round-host", 6)
    participants = _lines(text(form, "round-participants"))
    assert visitor.user_id is not None
    return _done_or_again(request, visitor, negotiation_id, form, errors, lambda: rounds.create_round(
        database(request), visitor.user_id, negotiation_id, held_on=held_on, host_party=host,
        participants=participants))  # fmt: skip


@router.post("/negotiations/{negotiation_id}/rounds/{number}/minutes", response_model=None)
def minutes(request: Request, visitor: SignedIn, negotiation_id: int, number: int,
            form: Posted) -> HTMLResponse | Response:  # fmt: skip
    """The host's minutes: text, the revised draft annexed, the participants."""
    prefix, errors = f"minutes-{number}", FormErrors()
    written, participants = text(form, f"{prefix}-text", 20_000), _lines(text(form, f"{prefix}-participants"))
    annexed = _number(text(form, f"{prefix}-draft", 9))
    version = _number(text(form, f"{prefix}-version", 9)) or 0
    if not written:
        errors.add(f"{prefix}-text", _("Write the minutes."))
    if annexed is None:
        errors.add(f"{prefix}-draft", _("Choose the revised draft annexed to the minutes."))
    if not participants:
        errors.add(f"{prefix}-participants", _("List the participants, one a line."))
    assert visitor.user_id is not None
    return _done_or_again(request, visitor, negotiation_id, form, errors, lambda: rounds.record_minutes(
        database(request), visitor.user_id, negotiation_id, number, text=written, annexed_draft=annexed or 0,
        participants=participants, expected_version=version))  # fmt: skip


@router.post("/negotiations/{negotiation_id}/points", response_model=None)
def new_point(request: Request, visitor: SignedIn, negotiation_id: int, form: Posted) -> HTMLResponse | Response:
    """A contentious point on an article, with each party's position."""
    errors = FormErrors()
    assert visitor.user_id is not None
    negotiation = workspace.get(database(request), visitor.user_id, negotiation_id)
    article, subject = text(form, "point-article", 20), text(form, "point-subject")
    positions = {p: text(form, f"point-position-{p}") for p in negotiation.parties if text(form, f"point-position-{p}")}
    round_number = _number(text(form, "point-round", 9))
    if not article:
        errors.add("point-article", _("Give the article the point is about."))
    if not subject:
        errors.add("point-subject", _("Say what the point is."))
    if not positions:
        errors.add(f"point-position-{negotiation.parties[0]}", _("State at least one party's position."))
    return _done_or_again(request, visitor, negotiation_id, form, errors, lambda: rounds.raise_point(
        database(request), visitor.user_id, negotiation_id, article=article, subject=subject, positions=positions,
        round_number=round_number))  # fmt: skip


@router.post("/negotiations/{negotiation_id}/points/{point_id}/settle", response_model=None)
def settle(request: Request, visitor: SignedIn, negotiation_id: int, point_id: int,
           form: Posted) -> HTMLResponse | Response:  # fmt: skip
    """Resolved in a round, postponed to the next one, or settled by correspondence."""
    prefix, errors = f"settle-{point_id}", FormErrors()
    chosen = text(form, f"{prefix}-status", 40)
    round_number = _number(text(form, f"{prefix}-round", 9))
    resolution = text(form, f"{prefix}-resolution", 20_000) or None
    version = _number(text(form, f"{prefix}-version", 9)) or 0
    if chosen not in text_words.POINT_STATUSES or chosen == "open":
        errors.add(f"{prefix}-status", _("Choose how the point was settled."))
    elif chosen != "resolved_by_correspondence" and round_number is None:
        errors.add(f"{prefix}-round", _("Choose the round."))
    if chosen in ("resolved_in_round", "resolved_by_correspondence") and not resolution:
        errors.add(f"{prefix}-resolution", _("Record how the point was resolved."))
    assert visitor.user_id is not None
    return _done_or_again(request, visitor, negotiation_id, form, errors, lambda: rounds.settle_point(
        database(request), visitor.user_id, negotiation_id, point_id, status=chosen, expected_version=version,
        round_number=round_number, resolution=resolution))  # fmt: skip
