"""The administrative arrangement's form on the closing page (ILO brief, step 7), read from a post:
its forms (name, branch, personal data; for one of coordina's forms, the form, its purpose, the
fields it collects and its retention) and the liaison agencies and competent institutions it
names. The checks are the service's (``services.arrangement_forms``, ``services.arrangement_bodies``),
said in the visitor's language beside each field; nothing typed is lost.
"""

from collections.abc import Sequence
from typing import Any

from starlette.datastructures import FormData

from coordina.domain.forms import FORMS, field_paths
from coordina.domain.vocabulary import Branch
from coordina.services import arrangement_bodies, arrangement_forms
from coordina.web.forms import FormErrors, text
from coordina.web.i18n import N_, _
from coordina.web.refusals import register

ROWS = 100  # form and body rows read from a post

FORM_WORDS = {
    "unknown_form": N_("Choose one of coordina's forms, or none."),
    "unknown_version": N_("This version of the form does not exist."),
    "unknown_fields": N_("The form %(form)s has no field %(fields)s."),
    "fields_twice": N_("A field is listed twice."),
    "too_many_fields": N_("List at most 200 fields."),
    "bad_retention": N_("Give a duration such as P10Y (ten years), P6M (six months) or P90D (90 days)."),
    "long_purpose": N_("Keep the purpose within 500 characters."),
    "fields_without_form": N_("Fields are those of one of coordina's forms: choose the form."),
    "missing_purpose": N_("Say what the form is collected for."),
    "missing_fields": N_("List the fields of the form that the arrangement collects."),
    "missing_retention": N_("Say how long the form is kept, e.g. P10Y."),
}
BODY_WORDS = {
    "missing_id": N_("Give the body's id, e.g. KR:nps."),
    "missing_party": N_("Choose the body's party."),
    "missing_name": N_("Give the body's name."),
    "missing_role": N_("Choose the body's role."),
    "bad_id": N_("An id is the party's code, a colon and a short name in lower case, e.g. KR:nps."),
    "id_party": N_("The id starts with the body's party and a colon."),
    "foreign_party": N_("The party is one of the negotiation's parties."),
    "bad_role": N_("Choose the body's role."),
    "unknown_branch": N_("Choose branches from the list."),
    "long_name": N_("Keep the name within 200 characters."),
    "duplicate_id": N_("This id is given twice: a body is listed once in each role."),
}
ROLE_WORDS = {"liaison_agency": N_("Liaison agency"), "competent_institution": N_("Competent institution")}

register({
    "arrangement_form": N_("A form of the arrangement is refused: check its coordina form, fields and retention."),
    "arrangement_body": N_("A body of the arrangement is refused: check its id, party and role."),
})  # fmt: skip


def form_fields() -> dict[str, str]:
    """Each of coordina's forms and its fields (dotted paths), for the page's list."""
    return {name: ", ".join(sorted(field_paths(model))) for name, model in sorted(FORMS.items())}


def read_forms(form: FormData, errors: FormErrors) -> list[dict[str, Any]]:
    """The form rows typed (an empty row is skipped); problems are added to ``errors``."""
    found = []
    for index in range(1, ROWS + 1):
        key = f"form-{index}"
        if f"{key}-name" not in form:
            break
        typed = arrangement_forms.ArrangementForm(
            text(form, f"{key}-name", 200), text(form, f"{key}-branch", 30),
            arrangement_forms.personal_data_items(text(form, f"{key}-data", 4000)),
            form=text(form, f"{key}-form", 60) or None, purpose=text(form, f"{key}-purpose", 2000) or None,
            fields=arrangement_forms.personal_data_items(text(form, f"{key}-fields", 20_000)),
            retention=text(form, f"{key}-retention", 40) or None)  # fmt: skip
        missing = arrangement_forms.missing_parts(typed)
        if len(missing) == 3 and not (typed.form or typed.purpose or typed.retention):
            continue  # an empty row
        if missing:
            part = {"name": "name", "branch": "branch", "personal_data": "data"}[missing[0]]
            errors.add(f"{key}-{part}", _("Each form needs a name, a branch and the personal data it collects."))
        for part, code, _words in arrangement_forms.problems(typed):
            words = _(FORM_WORDS[code])
            if code == "unknown_fields":
                words = words % {"form": typed.form, "fields": ", ".join(arrangement_forms.unknown_fields(typed))}
            errors.add(f"{key}-{'form' if part == 'version' else part}", words)
        found.append(typed.stored())
    return found


def read_bodies(form: FormData, parties: Sequence[str], errors: FormErrors) -> list[dict[str, Any]]:
    """The body rows typed (an empty row is skipped); problems are added to ``errors``."""
    typed, keys = [], []
    for index in range(1, ROWS + 1):
        key = f"body-{index}"
        if f"{key}-id" not in form:
            break
        branches = tuple(str(b)[:30] for b in form.getlist(f"{key}-branches"))[: len(Branch)]
        body = arrangement_bodies.ArrangementBody(
            text(form, f"{key}-id", 80), text(form, f"{key}-party", 6), text(form, f"{key}-name", 400),
            text(form, f"{key}-role", 30), branches)  # fmt: skip
        if not (body.id or body.name or body.branches):
            continue  # an empty row (its party and role are preselected)
        typed.append(body)
        keys.append(key)
    for index, part, code, _words in arrangement_bodies.problems(typed, parties):
        errors.add(f"{keys[index - 1]}-{part}", _(BODY_WORDS[code]))
    return [body.stored() for body in typed]


def branch_values(form: FormData) -> dict[str, str]:
    """The branches checked in each body row (none: an empty string), to show the form again as typed."""
    rows = [key.removesuffix("-id") for key in form if key.startswith("body-") and key.endswith("-id")]
    return {f"{row}-branches": ",".join(str(v) for v in form.getlist(f"{row}-branches")) for row in rows[:ROWS]}
