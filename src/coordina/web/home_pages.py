"""The home page, the language switch, signing in and out."""

from contextlib import suppress

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from coordina.errors import Throttled, Unauthorized
from coordina.services import auth
from coordina.services.database import Database
from coordina.services.hashing_threads import hashing
from coordina.web import i18n
from coordina.web.forms import FormErrors, text
from coordina.web.i18n import _
from coordina.web.params import Posted
from coordina.web.refusals import explain
from coordina.web.templating import local, redirect, render
from coordina.web.visitor import Current

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, visitor: Current) -> HTMLResponse:
    return render(request, visitor, "home.html", title=_("Social security agreements"))


@router.get("/language")
def switch_language(visitor: Current, lang: str = "en", next: str = "/") -> Response:
    """Keep the chosen language (a cookie for a year) and go back to the page."""
    chosen = lang if lang in i18n.LANGUAGES else i18n.SOURCE_LANGUAGE
    response = redirect(visitor, next)
    response.set_cookie(i18n.COOKIE, chosen, max_age=365 * 24 * 3600, samesite="lax", secure=visitor.secure)
    return response


@router.get("/signin", response_class=HTMLResponse)
def signin_form(request: Request, visitor: Current, next: str = "/") -> HTMLResponse:
    return render(request, visitor, "signin.html", title=_("Sign in"), next=local(next), username="",
                  errors=FormErrors())  # fmt: skip


@router.post("/signin", response_model=None)
async def signin(request: Request, visitor: Current, form: Posted) -> HTMLResponse | Response:
    db: Database = request.app.state.db
    username, password, target = text(form, "username", 200), str(form.get("password") or "")[:200], text(form, "next")
    errors = FormErrors()
    if not username:
        errors.add("username", _("Enter your user name."))
    if not password:
        errors.add("password", _("Enter your password."))
    if not errors:
        address = request.client.host if request.client else "unknown"
        try:
            user_id = await hashing(auth.authenticate, db, username, password, address)
            visitor.keep_session(auth.issue(db, user_id, "web"))
            return redirect(visitor, local(target))
        except (Unauthorized, Throttled) as error:
            errors.add("username", explain(error))
    return render(request, visitor, "signin.html", status=422, title=_("Sign in"), next=local(target),
                  username=username, errors=errors)  # fmt: skip


@router.post("/signout")
def signout(request: Request, visitor: Current, _form: Posted) -> Response:
    token = request.cookies.get("coordina_session")
    if token:
        with suppress(Unauthorized):  # already gone: signing out still ends the session here
            auth.revoke_family(request.app.state.db, token[:200])
    visitor.end_session()
    return redirect(visitor, "/")
