"""From the agreed text to entry into force (ILO brief, steps 4 to 8): the review by each party's
authorities, the official languages and
their translations, signatures with full powers, approvals or ratifications and their
notifications, the administrative arrangement with its forms, the encoding of the text for the
engine, and entry into force with the date the agreement's own rule gives.

Each action is shown only to users whose role, delegation and the negotiation's step allow it
(``coordina.domain.permissions``); the service still checks, and a refusal is shown in words.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from coordina.domain.negotiation import SIGNING_WITHOUT_FULL_POWERS
from coordina.domain.permissions import Write
from coordina.domain.vocabulary import Branch
from coordina.errors import CoordinaError
from coordina.services import arrangement_bodies, arrangement_forms
from coordina.services.negotiation import closing, drafts, encoding, records, workspace
from coordina.web import closing_arrangement, text_words
from coordina.web.forms import FormErrors, text
from coordina.web.i18n import _
from coordina.web.params import Posted, database, user_id
from coordina.web.refusals import explain
from coordina.web.templating import redirect, render
from coordina.web.text_pages import may, status_of
from coordina.web.visitor import SignedIn
from coordina.web.vocabulary import BRANCHES

router = APIRouter(include_in_schema=False)
ROWS = 100  # language rows read from a post
ROLES = ("scope", "equality", "export", "legislation", "totalization")  # encoding.skeleton's articles


def _page(request: Request, visitor: SignedIn, negotiation_id: int, *, status: int = 200,
          errors: FormErrors | None = None, values: dict[str, str] | None = None,
          refused: str | None = None) -> HTMLResponse:  # fmt: skip
    db, user = database(request), visitor.user_id
    assert user is not None
    negotiation = workspace.get(db, user, negotiation_id)
    kept = records.closing_records(db, user, negotiation_id)
    text_part = records.text_records(db, user, negotiation_id)
    current = drafts.get_draft(db, user, negotiation_id, text_part.current_draft) if text_part.current_draft else None
    forms = arrangement_forms.from_stored(kept.arrangement.forms) if kept.arrangement else []
    bodies = arrangement_bodies.from_stored(kept.arrangement.bodies) if kept.arrangement else []
    writes = (Write.record_review, Write.agree_modifications, Write.set_languages, Write.sign, Write.ratify,
              Write.conclude_arrangement, Write.sign_arrangement, Write.set_encoding)  # fmt: skip
    actions = {w.value: may(w, negotiation, kept.role) for w in writes}
    actions["sign"] = actions["sign"] and kept.party not in {s.party for s in kept.signatures}
    actions["ratify"] = actions["ratify"] and kept.party not in {r.party for r in kept.ratifications}
    signed = kept.arrangement is not None and kept.arrangement.signed_on is not None
    actions["conclude_arrangement"] = actions["conclude_arrangement"] and not signed
    actions["sign_arrangement"] = actions["sign_arrangement"] and kept.arrangement is not None and not signed
    return render(request, visitor, "closing/closing.html", status=status, section="closing",
                  title=_("Review to entry into force — %(title)s") % {"title": negotiation.title},
                  negotiation=negotiation, kept=kept, forms=forms, signatures={s.party: s for s in kept.signatures},
                  ratifications={r.party: r for r in kept.ratifications}, current=current, actions=actions,
                  errors=errors or FormErrors(), values=values or {}, refused=refused, roles=ROLES,
                  capacities=text_words.CAPACITIES, review_outcomes=text_words.REVIEW_OUTCOMES,
                  procedures=text_words.PROCEDURES,
                  branches=[(b.value, _(BRANCHES[b.value])) for b in Branch],
                  branch_words=BRANCHES, rule=text_words.rule_in_words(kept.entry_into_force_rule),
                  word=text_words.word, bodies=bodies, role_words=closing_arrangement.ROLE_WORDS,
                  form_fields=closing_arrangement.form_fields())  # fmt: skip


@router.get("/negotiations/{negotiation_id}/closing", response_class=HTMLResponse)
def closing_page(request: Request, visitor: SignedIn, negotiation_id: int) -> HTMLResponse:
    return _page(request, visitor, negotiation_id)


def _again(request: Request, visitor: SignedIn, negotiation_id: int, form: FormData, errors: FormErrors,
           write: Callable[[], Any], lists: dict[str, str] | None = None) -> HTMLResponse | Response:  # fmt: skip
    """Do ``write`` if the form is valid and show the page; else the page again, as typed (``lists``:
    the values of multiple-choice fields, joined by commas)."""
    refused, status = None, 422
    if not errors:
        try:
            write()
            return redirect(visitor, f"/negotiations/{negotiation_id}/closing")
        except CoordinaError as error:
            refused, status = explain(error), status_of(error)
    values = {key: text(form, key, 20_000) for key in form if key != "csrf_token"} | (lists or {})
    return _page(request, visitor, negotiation_id, status=status, errors=errors, values=values, refused=refused)


def _date(form: FormData, name: str, errors: FormErrors) -> date:
    try:
        return date.fromisoformat(text(form, name, 10))
    except ValueError:
        errors.add(name, _("Give a date, e.g. 2027-03-01."))
        return date.min


def _version(form: FormData, name: str) -> int:
    value = text(form, name, 9)
    return int(value) if value.isdigit() else 0


@router.post("/negotiations/{negotiation_id}/closing/review", response_model=None)
def review(request: Request, visitor: SignedIn, negotiation_id: int, form: Posted) -> HTMLResponse | Response:
    """A party's authorities review the agreed text: approved, or modifications requested (step 4)."""
    errors = FormErrors()
    authority, outcome = text(form, "review-authority", 200), text(form, "review-outcome", 30)
    modifications = text(form, "review-modifications", 20_000) or None
    if not authority:
        errors.add("review-authority", _("Name the authority that reviewed the text."))
    if outcome not in text_words.REVIEW_OUTCOMES:
        errors.add("review-outcome", _("Choose the outcome of the review."))
    elif outcome == "modifications_requested" and not modifications:
        errors.add("review-modifications", _("Say which modifications are requested."))
    return _again(request, visitor, negotiation_id, form, errors, lambda: closing.record_review(
        database(request), user_id(visitor), negotiation_id, authority=authority, outcome=outcome,
        modifications=modifications))  # fmt: skip


@router.post("/negotiations/{negotiation_id}/closing/reviews/{review_id}/agree", response_model=None)
def agree(request: Request, visitor: SignedIn, negotiation_id: int, review_id: int,
          form: Posted) -> HTMLResponse | Response:  # fmt: skip
    """The heads agree the modifications a review requested: the current draft carries them (step 4)."""
    return _again(request, visitor, negotiation_id, form, FormErrors(), lambda: closing.agree_modifications(
        database(request), user_id(visitor), negotiation_id, review_id))  # fmt: skip


@router.post("/negotiations/{negotiation_id}/closing/languages", response_model=None)
def languages(request: Request, visitor: SignedIn, negotiation_id: int, form: Posted) -> HTMLResponse | Response:
    """The official languages of the authentic texts, and who translates into each (step 5)."""
    errors, chosen, translations = FormErrors(), [], {}
    for index in range(1, ROWS + 1):
        if f"language-{index}" not in form:
            break
        code, translator = text(form, f"language-{index}", 12).lower(), text(form, f"translator-{index}", 200)
        if translator and not code:
            errors.add(f"language-{index}", _("Give the language of this translation."))
        if code:
            chosen.append(code)
            if translator:
                translations[code] = translator
    if not chosen:
        errors.add("language-1", _("Name at least one official language."))
    return _again(request, visitor, negotiation_id, form, errors, lambda: closing.set_languages(
        database(request), user_id(visitor), negotiation_id, list(dict.fromkeys(chosen)),
        _version(form, "languages-version"), translations))  # fmt: skip


@router.post("/negotiations/{negotiation_id}/closing/signature", response_model=None)
def signature(request: Request, visitor: SignedIn, negotiation_id: int, form: Posted) -> HTMLResponse | Response:
    """The party's signature, by its head of delegation, with full powers where needed (step 5)."""
    errors = FormErrors()
    signatory, capacity = text(form, "sign-signatory", 200), text(form, "sign-capacity", 60)
    place, full_powers = text(form, "sign-place", 100), text(form, "sign-full-powers", 200) or None
    signed_on = _date(form, "sign-date", errors)
    if not signatory:
        errors.add("sign-signatory", _("Give the signatory's name or office."))
    if capacity not in text_words.CAPACITIES:
        errors.add("sign-capacity", _("Choose the capacity in which the signatory signs."))
    elif capacity not in SIGNING_WITHOUT_FULL_POWERS and not full_powers:
        errors.add("sign-full-powers", _("This signatory needs an instrument of full powers: name it."))
    if not place:
        errors.add("sign-place", _("Give the place of signature."))
    return _again(request, visitor, negotiation_id, form, errors, lambda: closing.sign(
        database(request), user_id(visitor), negotiation_id, signatory=signatory, capacity=capacity,
        signed_on=signed_on, place=place, full_powers=full_powers,
        deposited_in=text(form, "sign-deposited", 200) or None))  # fmt: skip


@router.post("/negotiations/{negotiation_id}/closing/ratification", response_model=None)
def ratification(request: Request, visitor: SignedIn, negotiation_id: int, form: Posted) -> HTMLResponse | Response:
    """Approval or ratification by the party's procedure, and its notification (step 6)."""
    errors = FormErrors()
    procedure = text(form, "ratify-procedure", 40)
    approved_on, notified_on = _date(form, "ratify-approved", errors), _date(form, "ratify-notified", errors)
    if procedure not in text_words.PROCEDURES:
        errors.add("ratify-procedure", _("Choose the procedure."))
    if not errors and notified_on < approved_on:
        errors.add("ratify-notified", _("The notification follows the approval."))
    return _again(request, visitor, negotiation_id, form, errors, lambda: closing.ratify(
        database(request), user_id(visitor), negotiation_id, procedure=procedure, approved_on=approved_on,
        notified_on=notified_on))  # fmt: skip


@router.post("/negotiations/{negotiation_id}/closing/arrangement", response_model=None)
def arrangement(request: Request, visitor: SignedIn, negotiation_id: int, form: Posted) -> HTMLResponse | Response:
    """The administrative arrangement: its title, data protection, forms and the liaison agencies
    and competent institutions it names (step 7; ``closing_arrangement`` reads the rows)."""
    errors = FormErrors()
    title, protection = text(form, "arrangement-title", 300), text(form, "arrangement-protection", 20_000)
    forms = closing_arrangement.read_forms(form, errors)
    parties = workspace.get(database(request), user_id(visitor), negotiation_id).parties
    bodies = closing_arrangement.read_bodies(form, parties, errors)
    if not title:
        errors.add("arrangement-title", _("Give the arrangement's title."))
    if not protection:
        errors.add("arrangement-protection", _("State the data-protection provisions."))
    if not forms and not errors:
        errors.add("form-1-name", _("List at least one form."))
    recorded = bool(bodies) or text(form, "arrangement-bodies-recorded", 1) == "1"
    return _again(request, visitor, negotiation_id, form, errors, lambda: closing.conclude_arrangement(
        database(request), user_id(visitor), negotiation_id, title=title, forms=forms, data_protection=protection,
        bodies=bodies if recorded else None, expected_version=_version(form, "arrangement-version")),
        closing_arrangement.branch_values(form))  # fmt: skip


@router.post("/negotiations/{negotiation_id}/closing/arrangement/sign", response_model=None)
def sign_arrangement(request: Request, visitor: SignedIn, negotiation_id: int,
                     form: Posted) -> HTMLResponse | Response:  # fmt: skip
    errors = FormErrors()
    signed_on = _date(form, "arrangement-signed", errors)
    return _again(request, visitor, negotiation_id, form, errors, lambda: closing.sign_arrangement(
        database(request), user_id(visitor), negotiation_id, signed_on))  # fmt: skip


@router.post("/negotiations/{negotiation_id}/closing/encoding", response_model=None)
def set_encoding(request: Request, visitor: SignedIn, negotiation_id: int, form: Posted) -> HTMLResponse | Response:
    """The agreed text encoded for the engine: the workspace's starting encoding over the parties
    and branches, citing the articles chosen for each principle, with the administrative
    arrangement as concluded so far (``negotiation.encoding``)."""
    errors = FormErrors()
    agreement_id = text(form, "encoding-id", 60).lower()
    cited = {role: text(form, f"encoding-{role}", 20) for role in ROLES}
    if not agreement_id:
        errors.add("encoding-id", _("Give the agreement an id, e.g. kr-ph."))
    for role in ROLES:
        if not cited[role]:
            errors.add(f"encoding-{role}", _("Choose the article."))
    negotiation = workspace.get(database(request), user_id(visitor), negotiation_id)
    concluded = records.closing_records(database(request), user_id(visitor), negotiation_id).arrangement
    return _again(request, visitor, negotiation_id, form, errors, lambda: closing.set_encoding(
        database(request), user_id(visitor), negotiation_id, encoding.skeleton(
            agreement_id, negotiation.title, negotiation.parties, negotiation.branches, cited,
            concluded.model_dump(mode="json") if concluded else None)))  # fmt: skip
