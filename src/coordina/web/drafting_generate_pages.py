"""Generate a draft of a negotiation from options (issue 15, item 2; ILO brief, step 2): parties
and branches default to those the negotiation was opened for, then the options the R167 model
leaves open (``domain.drafting.options.DraftOptions``). The draft is stored through
``services.drafting.generated.store_draft``, the path of ``coordina drafting generate --negotiation``.

Invalid options re-render the form (422) with every value as chosen and each message beside its
field; a service refusal (a step or role that may not write this kind of draft) is shown in words.
"""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from coordina.domain.drafting.options import DraftOptions, Method, PostingOption, SpecialGroup
from coordina.domain.permissions import DRAFT_WRITES
from coordina.domain.provisions import EntryIntoForceKind, ExportRuleKind
from coordina.domain.vocabulary import Branch
from coordina.errors import CoordinaError
from coordina.services.drafting import generated
from coordina.services.negotiation import records, workspace
from coordina.web import text_words
from coordina.web.agreement_views import label
from coordina.web.forms import FormErrors, text
from coordina.web.i18n import N_, _
from coordina.web.negotiation_views import refusal_of
from coordina.web.params import NegotiationId, Posted, database, user_id
from coordina.web.templating import redirect, render
from coordina.web.text_pages import may
from coordina.web.visitor import SignedIn

router = APIRouter(include_in_schema=False)

GENERATED_KINDS = ("initial", "counterproposal", "revision")
METHODS = {
    Method.pro_rata: N_("Pro rata: each party pays the share of the totalized pension its own periods bear"),
    Method.independent: N_("Independent: each party pays the pension its own periods give"),
    Method.higher_of_independent_and_pro_rata: N_("The higher of the independent and the pro rata pension"),
}
EXPORTS = {
    ExportRuleKind.without_reduction: N_("Paid in the other party's territory without reduction"),
    ExportRuleKind.modified: N_("National export conditions modified by the agreement"),
    ExportRuleKind.national_law: N_("Left to each party's national law"),
}
ENTRY = {
    EntryIntoForceKind.first_day_of_nth_month_after_last_notification: N_(
        "The first day of a given month after the last notification"),
    EntryIntoForceKind.first_day_of_nth_month_after_exchange_of_instruments: N_(
        "The first day of a given month after the exchange of instruments of ratification"),
    EntryIntoForceKind.nth_day_after_deposit: N_("A given number of days after the deposit"),
    EntryIntoForceKind.fixed_date: N_("A fixed date"),
}  # fmt: skip
GROUPS = {
    SpecialGroup.self_employed: N_("Self-employed persons"),
    SpecialGroup.seafarer: N_("Seafarers"),
    SpecialGroup.air_crew: N_("Air crew"),
    SpecialGroup.diplomatic: N_("Diplomatic and consular staff"),
}
LANGUAGE_NAMES = {"en": N_("English"), "fr": N_("French"), "es": N_("Spanish")}
FIELDS = {  # the options' fields (pydantic ``loc``) → the id of the input the message goes beside
    "parties": "party-1", "branches": "branches", "posting": "posting-months", "max_months": "posting-months",
    "extension_months": "extension-months", "extension_without_limit": "extension", "calculation": "calculation",
    "minimum_months": "minimum", "special_groups": "special-groups", "export": "export",
    "entry_into_force": "entry-kind", "kind": "entry-kind", "months": "entry-months", "days": "entry-days",
    "on": "entry-on", "languages": "languages",
}  # fmt: skip


def _number(form: FormData, name: str) -> int | str | None:
    value = text(form, name, 10)
    return None if not value else int(value) if value.isdigit() else value


def _listed(form: FormData, name: str) -> list[str]:
    """The values of a group of checkboxes (at most 12: more than any option group holds)."""
    return [value for value in form.getlist(name) if isinstance(value, str)][:12]


def _chosen(form: FormData) -> dict[str, Any]:
    """The form as typed, in the shape of ``DraftOptions`` (unknown values left for it to refuse)."""
    extension = text(form, "extension", 10)
    return {
        "kind": text(form, "kind", 30),
        "parties": [text(form, "party-1", 3).upper(), text(form, "party-2", 3).upper()],
        "branches": _listed(form, "branches"),
        "posting": {
            "max_months": _number(form, "posting-months"),
            "extension_months": _number(form, "extension-months") if extension == "months" else None,
            "extension_without_limit": extension == "unlimited",
        },
        "extension": extension,
        "calculation": text(form, "calculation", 60),
        "minimum_months": 12 if text(form, "minimum", 10) == "12" else None,
        "special_groups": _listed(form, "special_groups"),
        "export": text(form, "export", 60),
        "entry_into_force": {
            "kind": text(form, "entry-kind", 80),
            "months": _number(form, "entry-months"),
            "days": _number(form, "entry-days"),
            "on": text(form, "entry-on", 10) or None,
        },
        "languages": _listed(form, "languages"),
    }


def _defaults(db: Any, user: int, negotiation_id: int, kinds: list[tuple[str, str]]) -> dict[str, Any]:
    """The negotiation's parties, branches and languages, then each option's own default (not
    validated: a negotiation of more than two parties still shows its parties, and the post says why)."""
    base = generated.negotiation_defaults(db, user, negotiation_id)
    fields = DraftOptions.model_fields
    posting, entry = PostingOption(), fields["entry_into_force"].default
    return {
        "kind": kinds[0][0] if kinds else "", "parties": [str(p) for p in base["parties"]],
        "branches": [str(getattr(b, "value", b)) for b in base["branches"]], "posting": posting.model_dump(),
        "extension": "none", "calculation": fields["calculation"].default.value,
        "minimum_months": fields["minimum_months"].default, "special_groups": [],
        "export": fields["export"].default.value, "entry_into_force": entry.model_dump(mode="json"),
        "languages": list(base.get("languages", fields["languages"].default)),
    }  # fmt: skip


def _errors_of(error: ValidationError) -> FormErrors:
    errors = FormErrors()
    for problem in error.errors():
        at = [str(part) for part in problem["loc"] if not isinstance(part, int)]
        at += [str(part) for part in (problem.get("ctx") or {}).get("at", ())]
        field = next((FIELDS[name] for name in reversed(at) if name in FIELDS), "party-1")
        errors.add(field, _message(problem["type"], problem.get("ctx") or {}, problem["msg"]))
    return errors


def _message(kind: str, ctx: dict[str, Any], detail: str) -> str:
    """The options' validation problem (pydantic's error type) in the visitor's language."""
    if kind == "less_than_equal":
        return _("Give at most %(limit)s.") % {"limit": ctx.get("le")}
    if kind in ("greater_than", "greater_than_equal"):
        return _("Give at least %(limit)s.") % {"limit": ctx.get("ge", (ctx.get("gt") or 0) + 1)}
    if kind in ("int_parsing", "int_from_float"):
        return _("Give a whole number of months or days.")
    if kind in ("enum", "literal_error"):
        return _("Choose one of the values offered.")
    if kind == "too_short":
        return _("Choose at least %(count)s.") % {"count": ctx.get("min_length")}
    if kind == "too_long":
        return _("Choose at most %(count)s.") % {"count": ctx.get("max_length")}
    if kind == "duplicate":
        return _("A value is chosen twice.")
    if kind == "entry_into_force":
        return _("This rule of entry into force needs its number of months or days, or its date.")
    if kind.startswith("date"):
        return _("Give a date as year-month-day.")
    return _("This choice is not accepted: %(reason)s") % {"reason": detail}


def _page(request: Request, visitor: SignedIn, negotiation_id: int, chosen: dict[str, Any] | None = None, *,
          errors: FormErrors | None = None, refusal: Any = None, status: int = 200) -> HTMLResponse:  # fmt: skip
    db, user = database(request), user_id(visitor)
    negotiation = workspace.get(db, user, negotiation_id)
    part = records.text_records(db, user, negotiation_id)
    kinds = [(k, _(text_words.KINDS[k])) for k in GENERATED_KINDS if may(DRAFT_WRITES[k], negotiation, part.role)
             and (k != "initial" or part.party == negotiation.drafting_party)
             and (k != "revision" or not part.initialled)]  # fmt: skip
    return render(request, visitor, "drafting/generate.html", status=status, section="generate",
                  title=_("Generate a draft — %(title)s") % {"title": negotiation.title},
                  negotiation=negotiation, chosen=chosen or _defaults(db, user, negotiation_id, kinds), kinds=kinds,
                  branches=[(b.value, label(b)) for b in Branch], methods=METHODS, exports=EXPORTS, entry=ENTRY,
                  groups=GROUPS, language_names=LANGUAGE_NAMES, errors=errors or FormErrors(),
                  refusal=refusal)  # fmt: skip


@router.get("/negotiations/{negotiation_id}/drafting/generate", response_class=HTMLResponse)
def generate_page(request: Request, visitor: SignedIn, negotiation_id: NegotiationId) -> HTMLResponse:
    """The options form, filled with the negotiation's parties, branches and official languages."""
    return _page(request, visitor, negotiation_id)


@router.post("/negotiations/{negotiation_id}/drafting/generate", response_model=None)
def generate_draft(request: Request, visitor: SignedIn, negotiation_id: NegotiationId,
                   form: Posted) -> HTMLResponse | Response:  # fmt: skip
    """The draft the options call for, stored as a version of the negotiation's text."""
    chosen = _chosen(form)
    errors = FormErrors()
    if chosen["kind"] not in GENERATED_KINDS:
        errors.add("kind", _("Choose what kind of draft this is."))
    options_data = {k: v for k, v in chosen.items() if k not in ("kind", "extension")}
    try:
        options = DraftOptions.model_validate(options_data)
    except ValidationError as error:
        for field, message in _errors_of(error).messages.items():
            errors.add(field, message)
    if errors:
        return _page(request, visitor, negotiation_id, chosen, errors=errors, status=422)
    try:
        draft = generated.draft_from_options(options)
        view = generated.store_draft(database(request), user_id(visitor), negotiation_id, draft, kind=chosen["kind"])
    except CoordinaError as error:
        refusal = refusal_of(error)
        return _page(request, visitor, negotiation_id, chosen, refusal=refusal, status=refusal.status)
    return redirect(visitor, f"/negotiations/{negotiation_id}/drafts/{view.number}")
