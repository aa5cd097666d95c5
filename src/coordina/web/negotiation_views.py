"""Pure helpers of the negotiation pages: the dashboard's groups, the timeline of the eight steps,
which actions to show a user, and the reading of the pages' forms (no I/O, testable alone).

Which action is shown is asked of ``coordina.domain.permissions.refusal`` — the same table the
services check before every write (the page hides what the service would refuse; the service
still refuses it).
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from coordina.domain.negotiation import Role, Status, Step
from coordina.domain.permissions import Write, refusal
from coordina.errors import CoordinaError
from coordina.services.negotiation.participants import Participation
from coordina.services.negotiation.progress import TransitionState
from coordina.services.negotiation.views import NegotiationView
from coordina.services.problems import kind_of
from coordina.web import negotiation_words
from coordina.web.forms import FormErrors
from coordina.web.i18n import N_, _
from coordina.web.negotiation_words import CHECKLIST
from coordina.web.refusals import explain
from coordina.web.vocabulary import BRANCHES

PARTY = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")  # ISO 3166-1 alpha-2, or ISO 3166-2 (CA-QC)
TITLE_LIMIT = 300
NOTE_LIMIT = 4000
PROFILE_ITEMS = [key for key in CHECKLIST if key != "representatives"]


@dataclass(frozen=True)
class StepGroup:
    step: int
    negotiations: list[NegotiationView]


@dataclass(frozen=True)
class StatusGroup:
    status: str
    steps: list[StepGroup]


def grouped(negotiations: list[NegotiationView]) -> list[StatusGroup]:
    """The dashboard: by status (in the order of ``Status``), then by step, each in id order."""
    out = []
    for status in Status:
        mine = [n for n in negotiations if n.status == status.value]
        if mine:
            steps = sorted({n.step for n in mine})
            out.append(StatusGroup(status.value, [StepGroup(s, [n for n in mine if n.step == s]) for s in steps]))
    return out


@dataclass(frozen=True)
class StepState:
    """One of the eight steps as the timeline shows it: ``state`` is done, current, blocked,
    halted (the negotiation is not active) or upcoming; ``transitions`` only on the current step."""

    number: int
    name: str
    state: str
    transitions: list[TransitionState] = field(default_factory=list)


def timeline(negotiation: NegotiationView, transitions: list[TransitionState]) -> list[StepState]:
    """The eight steps: those before the current one are done (all eight once in force); the
    current one is blocked when no transition out of it can be taken now."""
    out = []
    for step in Step:
        if step.value < negotiation.step or negotiation.status == Status.in_force.value:
            state = "done"
        elif step.value > negotiation.step:
            state = "upcoming"
        elif negotiation.status != Status.active.value:
            state = "halted"
        elif transitions and all(t.guard is not None for t in transitions):
            state = "blocked"
        else:
            state = "current"
        out.append(StepState(step.value, step.name, state, transitions if step.value == negotiation.step else []))
    return out


def may(write: Write, part: Participation | None, negotiation: NegotiationView) -> bool:
    """Whether the write table lets this user's role make ``write`` now."""
    if part is None:
        return False
    return refusal(write, Role(part.role), Step(negotiation.step), Status(negotiation.status)) is None


def allowed(part: Participation | None, negotiation: NegotiationView) -> dict[str, bool]:
    """Every write, by name, with whether to show it to this user (templates: ``can.add_note``)."""
    return {write.value: may(write, part, negotiation) for write in Write}


@dataclass
class NewNegotiationForm:
    """The form that opens a negotiation, as typed."""

    title: str = ""
    parties: str = ""
    own_party: str = ""
    drafting_party: str = ""
    branches: list[str] = field(default_factory=list)
    time_frame_start: str = ""
    time_frame_end: str = ""
    entry_into_force_kind: str = ""  # the final article's rule; "" while the parties have not decided
    entry_into_force_count: str = ""  # its N: months, or days for nth_day_after_deposit

    def entry_into_force_rule(self) -> dict[str, object] | None:
        """The rule as the workspace keeps it (``closing.entry_into_force_date`` reads it)."""
        if self.entry_into_force_kind not in ENTRY_INTO_FORCE or not self.entry_into_force_count.isdigit():
            return None
        unit = "days" if self.entry_into_force_kind == "nth_day_after_deposit" else "months"
        return {"kind": self.entry_into_force_kind, unit: int(self.entry_into_force_count)}

    def party_codes(self) -> list[str]:
        return [p for p in re.split(r"[\s,;]+", self.parties.upper()) if p]

    def dates(self) -> tuple[date | None, date | None]:
        return _date(self.time_frame_start), _date(self.time_frame_end)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def check_new(form: NewNegotiationForm) -> FormErrors:
    """What is wrong with the form, by field id (the service checks again)."""
    errors = FormErrors()
    if not form.title:
        errors.add("title", _("Enter the title of the agreement under negotiation."))
    elif len(form.title) > TITLE_LIMIT:
        errors.add("title", _("The title has at most %(count)s characters.") % {"count": TITLE_LIMIT})
    codes = form.party_codes()
    if bad := [c for c in codes if not PARTY.match(c)]:
        errors.add(
            "parties",
            _("Not a country code: %(codes)s. Use ISO 3166 codes such as BR or CA-QC.") % {"codes": ", ".join(bad)},
        )
    elif len(set(codes)) < 2 or len(set(codes)) != len(codes):
        errors.add("parties", _("Enter two or more different parties."))
    own, drafting = form.own_party.upper(), form.drafting_party.upper()
    if not own:
        errors.add("own_party", _("Enter the party whose delegation you head."))
    elif own not in codes:
        errors.add("own_party", _("Your own party must be one of the parties."))
    if not drafting:
        errors.add("drafting_party", _("Enter the party that prepares the initial draft."))
    elif drafting not in codes:
        errors.add("drafting_party", _("The drafting party must be one of the parties."))
    if not form.branches:
        errors.add("branches", _("Choose at least one branch of social security."))
    elif any(b not in BRANCHES for b in form.branches):
        errors.add("branches", _("Choose branches from the list."))
    start, end = form.dates()
    for name, typed, parsed in (
        ("time_frame_start", form.time_frame_start, start),
        ("time_frame_end", form.time_frame_end, end),
    ):
        if typed and parsed is None:
            errors.add(name, _("Enter a date as year-month-day, for example 2027-03-31."))
    if start and end and end < start:
        errors.add("time_frame_end", _("The end of the time frame comes after its start."))
    if form.entry_into_force_kind and form.entry_into_force_kind not in ENTRY_INTO_FORCE:
        errors.add("entry_into_force_kind", _("Choose how the agreement enters into force from the list."))
    elif form.entry_into_force_kind and not (
        form.entry_into_force_count.isdigit() and 0 < int(form.entry_into_force_count) <= 366
    ):
        errors.add("entry_into_force_count", _("Enter a whole number from 1 to 366."))
    return errors


# How an agreement's final article sets its entry into force (domain.provisions.EntryIntoForceKind;
# e.g. France-Tunisia Art. 64: the first day of the second month after the last notification)
ENTRY_INTO_FORCE = {
    "first_day_of_nth_month_after_last_notification": N_("The first day of the Nth month after the last notification"),
    "first_day_of_nth_month_after_exchange_of_instruments": N_(
        "The first day of the Nth month after the exchange of the instruments of ratification"
    ),
    "nth_day_after_deposit": N_("The Nth day after the deposit of the last instrument"),
}


FIELD_OF_RULE = {
    "parties": "parties",
    "vocabulary": "parties",
    "branches": "branches",
    "title": "title",
    "amendment_parties": "parties",
}
"""Which field of the new negotiation form a refusal of ``open_negotiation`` is about."""


def shown(value: Any) -> str:
    """A checklist answer as text: as typed, or (data filled in from the bundled schemes) as JSON."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=2)


def profile_content(typed: dict[str, str], errors: FormErrors) -> dict[str, Any]:
    """The checklist answers of the edit form; an answer that starts like JSON (``[`` or ``{``)
    is read as JSON (the structured data a prefill left), and must then parse."""
    content: dict[str, Any] = {}
    for key in PROFILE_ITEMS:
        text = typed.get(key, "").strip()
        if not text:
            continue
        if text[0] in "[{":
            try:
                content[key] = json.loads(text)
            except json.JSONDecodeError as error:
                errors.add(
                    f"item-{key}",
                    _(
                        "This answer starts like JSON but does not parse (line %(line)s): "
                        "correct it, or write it as plain text."
                    )
                    % {"line": error.lineno},
                )
                content[key] = text
        else:
            content[key] = text
    return content


def representatives(typed: str, errors: FormErrors) -> list[dict[str, str]]:
    """One representative a line: ``name | ministry or institution | function`` (function optional)."""
    found = []
    for number, line in enumerate(typed.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        name, institution = parts[0], parts[1] if len(parts) > 1 else ""
        if not name or not institution or len(parts) > 3:
            errors.add(
                "representatives",
                _(
                    "Line %(number)s: write a name, a bar |, then the ministry or "
                    "institution (and optionally a bar and the function)."
                )
                % {"number": number},
            )
        person = {"name": name, "institution": institution}
        if len(parts) > 2 and parts[2]:
            person["function"] = parts[2]
        found.append(person)
    return found


def representative_lines(people: list[dict[str, Any]]) -> str:
    """The representatives as the form's lines."""
    return "\n".join(" | ".join(str(p[k]) for k in ("name", "institution", "function") if p.get(k)) for p in people)


def audit_detail(detail: dict[str, Any]) -> str:
    """An audit entry's detail in one line: ``key: value`` pairs, lists joined by commas."""
    parts = []
    for key, value in detail.items():
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False)
        parts.append(f"{key}: {value}")
    return "; ".join(parts)


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Form text without control characters other than tab and line breaks (as the API accepts)."""
    return CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


@dataclass(frozen=True)
class Refusal:
    """A refusal as the page shows it: its rule explained, the rule's name, the service's detail."""

    explanation: str
    rule: str
    detail: str
    status: int


def refusal_of(error: CoordinaError) -> Refusal:
    return Refusal(explain(error), error.rule, error.message, kind_of(error)[0])


def words() -> dict[str, Any]:
    """What every negotiation template uses besides its own values: the word tables and ``label``."""
    return {"words": negotiation_words, "label": negotiation_words.label}


SWAPPED = frozenset({409, 422})  # the statuses base.html's htmx configuration swaps into the page


def page_status(htmx: bool, status: int) -> int:
    """The status of a re-rendered form: the refusal's own (403, 404…) for a plain POST; for HTMX,
    which swaps only 2xx, 409 and 422 into the page, 422 — else the refusal would not be seen."""
    return 422 if htmx and status >= 400 and status not in SWAPPED else status
