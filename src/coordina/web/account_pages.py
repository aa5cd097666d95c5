"""Accounts: who you are, changing your password, invitations into a delegation, and the
administrator's form for new users (there is no self-registration).

Every action is the API's own (``coordina.api.auth_routes``) through ``coordina.services.auth``;
the functions that hash a password run in the hashing threads (``await hashing(...)``), as the
API runs them. The rules are the account model's (``coordina.services.accounts``): a head invites
members and observers of their own delegation, an administrator invites heads; an invitation
serves once and expires; user names are normalised and compared regardless of case and of
look-alike letters; passwords follow NIST SP 800-63B s 3.1.1.2.
"""

from contextlib import suppress
from datetime import UTC, datetime

from babel.dates import format_datetime
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from coordina.errors import CoordinaError, Forbidden, NotFound, Refused, StaleVersion, Throttled, Unauthorized
from coordina.services import auth, memberships
from coordina.services.hashing_threads import hashing
from coordina.web import i18n, refusals
from coordina.web.forms import FormErrors, text
from coordina.web.i18n import N_, _
from coordina.web.params import Posted, database
from coordina.web.refusals import explain
from coordina.web.templating import redirect, render
from coordina.web.visitor import SESSION, Current, SignedIn, Visitor

router = APIRouter(include_in_schema=False)
LIMIT = 1100  # characters kept of a typed name or password: the services refuse what is longer

ROLES = {
    "head": N_("Head of delegation"),
    "member": N_("Member of the delegation"),
    "observer": N_("Observer"),
    "facilitator": N_("Facilitator (no delegation)"),
}

refusals.register({
    "password_length": N_("A password has at least 10 characters and at most 1,024 (NIST SP 800-63B)."),
    "password_blank": N_("A password is not only spaces."),
    "password_repeated": N_("A password is not one character repeated."),
    "password_common": N_("This password is among the most commonly used ones: choose another."),
    "password_username": N_("A password does not contain the user name."),
    "password_unchanged": N_("The new password is the old one: choose another."),
    "unique_username": N_("This user name is taken (user names are compared regardless of case): choose another."),
    "confusable_username": N_("This user name looks like one that is taken (look-alike letters): choose another."),
    "username_characters": N_("A user name holds letters, digits and . _ - @ only, and no invisible character."),
    "username_spaces": N_("A user name has no spaces, not even at the start or the end."),
    "username_length": N_("A user name has 2 to 80 characters."),
    "username_script": N_("A user name is written in one script, not a mix (look-alike letters)."),
    "invitation": N_("This invitation token is unknown: check the link, or ask for a new invitation."),
    "invitation_used": N_("This invitation was already accepted: an invitation serves once. Ask for a new one."),
    "invitation_expired": N_("This invitation has expired: ask for a new one."),
    "invitation_role": N_("Invite as head, member or observer; a facilitator is added by a head."),
    "heads_invite": N_("Only a head of the delegation invites its members and observers."),
    "administrator": N_("Only an administrator may do this."),
    "delegation": N_("This negotiation has no delegation of that party."),
    "negotiation": N_("There is no such negotiation."),
})  # fmt: skip


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _raw(form: FormData, name: str) -> str:
    """A name or a password as typed (not trimmed: the service refuses spaces, never strips them)."""
    value = form.get(name)
    return value[:LIMIT] if isinstance(value, str) else ""


def _field_of(error: CoordinaError, default: str, names: str = "username", password: str = "password") -> str:
    """The field a refusal is about, by its rule's name."""
    if error.rule.startswith("password"):
        return password
    if "username" in error.rule:
        return names
    return default


# --- who you are ---------------------------------------------------------------------------


@router.get("/account", response_class=HTMLResponse)
def account(request: Request, visitor: SignedIn, done: str = "") -> HTMLResponse:
    assert visitor.user_id is not None
    found = memberships.account(database(request), visitor.user_id)
    return render(request, visitor, "account/account.html", title=_("Your account — Accounts"), account=found,
                  roles=ROLES, done=done)  # fmt: skip


# --- changing your password ----------------------------------------------------------------


def _password_page(request: Request, visitor: Visitor, errors: FormErrors, status: int = 200) -> HTMLResponse:
    return render(request, visitor, "account/password.html", status=status,
                  title=_("Change your password — Accounts"), errors=errors)  # fmt: skip


@router.get("/account/password", response_class=HTMLResponse)
def password_form(request: Request, visitor: SignedIn) -> HTMLResponse:
    return _password_page(request, visitor, FormErrors())


@router.post("/account/password", response_model=None)
async def change_password(request: Request, visitor: SignedIn, form: Posted) -> HTMLResponse | Response:
    """Old and new password; the service revokes every session of the user, this browser gets a new one."""
    assert visitor.user_id is not None
    db, errors = database(request), FormErrors()
    old, new, again = _raw(form, "old_password"), _raw(form, "new_password"), _raw(form, "confirm_password")
    if not old:
        errors.add("old_password", _("Enter your current password."))
    if not new:
        errors.add("new_password", _("Enter a new password."))
    elif new != again:
        errors.add("confirm_password", _("The two new passwords differ: type the same one twice."))
    if errors:
        return _password_page(request, visitor, errors, 422)
    try:
        await hashing(auth.change_password, db, visitor.user_id, old, new, _address(request))
    except Throttled as error:  # 429; to HTMX a 422, the status its configuration swaps (base.html)
        errors.add("old_password", explain(error))
        page = _password_page(request, visitor, errors, 422 if visitor.htmx else 429)
        page.headers["Retry-After"] = str(error.retry_after)
        return page
    except Unauthorized:
        errors.add("old_password", _("Your current password is wrong."))
        return _password_page(request, visitor, errors, 422)
    except Refused as error:
        errors.add(_field_of(error, "new_password", password="new_password"), explain(error))
        return _password_page(request, visitor, errors, 422)
    visitor.keep_session(auth.issue(db, visitor.user_id, "web"))
    return redirect(visitor, "/account?done=password")


# --- invitations ---------------------------------------------------------------------------


def _invitations_page(
    request: Request, visitor: Visitor, errors: FormErrors, status: int = 200, chosen: str = "", role: str = "",
    made: auth.NewInvitation | None = None,
) -> HTMLResponse:  # fmt: skip
    assert visitor.user_id is not None
    db = database(request)
    open_to = memberships.open_to_invitations(db, visitor.user_id)
    delegations = [(f"{d.negotiation_id}:{d.party}", _("%(title)s — delegation of %(party)s")
                    % {"title": d.title, "party": d.party}) for d in open_to]  # fmt: skip
    offered = sorted({r for d in open_to for r in d.roles}, key=list(ROLES).index)
    link = ""
    if made is not None:
        link = str(request.base_url).rstrip("/") + "/invitations/accept?token=" + made.token
    title = _("Invite someone — Accounts")
    return render(request, visitor, "account/invitations.html", status=status, title=title, errors=errors,
                  delegations=delegations, roles=[(r, _(ROLES[r])) for r in offered], chosen=chosen,
                  role=role, made=made, link=link, made_title=_title(open_to, made),
                  made_role=_(ROLES[made.role]) if made else "",
                  expires=_expires(made.expires_at) if made else "")  # fmt: skip


def _title(open_to: list[memberships.OpenDelegation], made: auth.NewInvitation | None) -> str:
    if made is None:
        return ""
    return next((d.title for d in open_to if d.negotiation_id == made.negotiation_id), "")


def _expires(value: datetime) -> str:
    """An expiry time as shown: in the visitor's language, in UTC (the accounts' one clock)."""
    return format_datetime(value, "long", tzinfo=UTC, locale=i18n.locale())


@router.get("/invitations", response_class=HTMLResponse)
def invitations_form(request: Request, visitor: SignedIn) -> HTMLResponse:
    return _invitations_page(request, visitor, FormErrors())


@router.post("/invitations", response_class=HTMLResponse)
def invite(request: Request, visitor: SignedIn, form: Posted) -> HTMLResponse:
    """A head invites into their own delegation, an administrator a head; the token is shown once."""
    assert visitor.user_id is not None
    chosen, role, errors = text(form, "delegation", 100), text(form, "role", 20), FormErrors()
    negotiation, _sep, party = chosen.partition(":")
    if not negotiation.isdigit() or not party:
        errors.add("delegation", _("Choose the delegation to invite into."))
    if role not in ROLES:
        errors.add("role", _("Choose the role of the person you invite."))
    if errors:
        return _invitations_page(request, visitor, errors, 422, chosen, role)
    try:
        made = auth.invite(database(request), visitor.user_id, int(negotiation), party, role)
    except (Refused, Forbidden, NotFound) as error:
        errors.add("role" if error.rule == "invitation_role" else "delegation", explain(error))
        return _invitations_page(request, visitor, errors, 422, chosen, role)
    page = _invitations_page(request, visitor, FormErrors(), 201, made=made)
    page.headers["Cache-Control"] = "no-store"  # the token is shown once: no copy kept by caches
    return page


# --- accepting an invitation ---------------------------------------------------------------


def _acceptance_page(request: Request, visitor: Visitor, errors: FormErrors, values: dict[str, str],
                     status: int = 200) -> HTMLResponse:  # fmt: skip
    return render(request, visitor, "account/accept.html", status=status,
                  title=_("Accept an invitation — Accounts"), errors=errors, values=values)  # fmt: skip


@router.get("/invitations/accept", response_class=HTMLResponse)
def acceptance_form(request: Request, visitor: Current, token: str = "") -> HTMLResponse:
    page = _acceptance_page(request, visitor, FormErrors(), {"token": token[:200], "username": "", "full_name": ""})
    page.headers["Cache-Control"] = "no-store"  # the address holds the token
    return page


@router.post("/invitations/accept", response_model=None)
async def accept(request: Request, visitor: Current, form: Posted) -> HTMLResponse | Response:
    """The token, a user name, a full name and a password: the account is created and signed in."""
    db, errors = database(request), FormErrors()
    values = {"token": text(form, "token", 200), "username": _raw(form, "username"),
              "full_name": text(form, "full_name", 201)}  # fmt: skip
    password = _raw(form, "password")
    for name, message in (("token", _("Enter the invitation token (it is in the link you received).")),
                          ("username", _("Choose a user name.")), ("full_name", _("Enter your full name.")),
                          ("password", _("Choose a password."))):  # fmt: skip
        if not (password if name == "password" else values[name]):
            errors.add(name, message)
    if len(values["full_name"]) > 200:
        errors.add("full_name", _("A full name has at most 200 characters."))
    if errors:
        return _acceptance_page(request, visitor, errors, values, 422)
    try:
        user_id = await hashing(auth.accept_invitation, db, values["token"], values["username"],
                                values["full_name"], password)  # fmt: skip
    except (Unauthorized, Forbidden, Refused, StaleVersion) as error:
        errors.add(_field_of(error, "token"), explain(error))
        return _acceptance_page(request, visitor, errors, values, 422)
    previous = request.cookies.get(SESSION)
    if previous:  # someone was signed in in this browser: that login ends, the new account takes it
        with suppress(Unauthorized):
            auth.revoke_family(db, previous[:200])
    visitor.keep_session(auth.issue(db, user_id, "web"))
    return redirect(visitor, "/account?done=welcome")


# --- new users, by an administrator --------------------------------------------------------


def _users_page(request: Request, visitor: Visitor, errors: FormErrors, values: dict[str, str],
                status: int = 200, created: str = "") -> HTMLResponse:  # fmt: skip
    return render(request, visitor, "account/users.html", status=status, title=_("New user — Administration"),
                  errors=errors, values=values, created=created)  # fmt: skip


EMPTY_USER = {"username": "", "full_name": "", "administrator": ""}


@router.get("/admin/users", response_class=HTMLResponse)
def users_form(request: Request, visitor: SignedIn) -> HTMLResponse:
    assert visitor.user_id is not None
    auth.require_administrator(database(request), visitor.user_id)  # others: the 403 page
    return _users_page(request, visitor, FormErrors(), dict(EMPTY_USER))


@router.post("/admin/users", response_class=HTMLResponse)
async def create_user(request: Request, visitor: SignedIn, form: Posted) -> HTMLResponse:
    """An administrator creates a user, with a first password to hand over (no self-registration)."""
    assert visitor.user_id is not None
    db, errors = database(request), FormErrors()
    await hashing(auth.require_administrator, db, visitor.user_id)
    values = {"username": _raw(form, "username"), "full_name": text(form, "full_name", 201),
              "administrator": "yes" if form.get("administrator") == "yes" else ""}  # fmt: skip
    password = _raw(form, "password")
    if not values["username"]:
        errors.add("username", _("Enter the user name."))
    if not values["full_name"]:
        errors.add("full_name", _("Enter the full name."))
    elif len(values["full_name"]) > 200:
        errors.add("full_name", _("A full name has at most 200 characters."))
    if not password:
        errors.add("password", _("Enter a first password for the user."))
    if errors:
        return _users_page(request, visitor, errors, values, 422)
    try:
        user_id = await hashing(auth.create_user, db, values["username"], values["full_name"], password,
                                administrator=bool(values["administrator"]))  # fmt: skip
    except (Refused, StaleVersion) as error:
        errors.add(_field_of(error, "username"), explain(error))
        return _users_page(request, visitor, errors, values, 422)
    return _users_page(request, visitor, FormErrors(), dict(EMPTY_USER), 201, created=auth.username(db, user_id))
