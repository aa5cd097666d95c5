"""Pages are Jinja2 templates (``templates/``), autoescaped, translated with ``{{ _("…") }}``.

Every page extends ``base.html`` (language, title, navigation, the language switch, the
signed-in user); ``render`` answers a page with the cookies the request changed. HTMX requests
get the same page: the element they target is picked from it (``hx-select``), so that every
form also works as a plain POST without JavaScript.
"""

from pathlib import Path
from typing import Any
from urllib.parse import quote

from babel.dates import format_date
from babel.numbers import format_decimal
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from coordina.web import i18n
from coordina.web.i18n import N_
from coordina.web.visitor import Visitor

TEMPLATES = Path(__file__).parent / "templates"
# Scripts from this site alone (no inline script, no eval: htmx's allowEval is off), no framing
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)
NAVIGATION = (  # path, label (translated when shown)
    ("/agreements", N_("Agreements")),
    ("/calculator", N_("Calculator")),
    ("/negotiations", N_("Negotiations")),
    ("/registry", N_("Registry")),
    ("/simulation", N_("Simulation")),
    ("/verify", N_("Verify")),
)

environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    extensions=["jinja2.ext.i18n"],
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
environment.globals.update(navigation=NAVIGATION, languages=i18n.LANGUAGES)


def _date(value: Any, style: str = "medium") -> str:
    return format_date(value, format=style, locale=i18n.locale()) if value else ""


def _number(value: Any) -> str:
    return format_decimal(value, locale=i18n.locale()) if value is not None else ""


environment.filters.update(date=_date, number=_number, urlquote=lambda value: quote(str(value), safe=""))


def render(request: Request, visitor: Visitor, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The page ``template`` for ``visitor``, with ``context``."""
    html = environment.get_template(template).render(
        request=request, visitor=visitor, lang=visitor.language, path=request.url.path,
        here=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""), **context,
    )  # fmt: skip
    response = HTMLResponse(html, status_code=status)
    response.headers.update({
        "Content-Language": visitor.language,
        "Content-Security-Policy": POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Vary": "Cookie, Accept-Language",
    })  # fmt: skip
    if visitor.signed_in:
        response.headers["Cache-Control"] = "private, no-store"  # a user's page stays out of shared caches
    return visitor.apply(response)


def redirect(visitor: Visitor, to: str) -> Response:
    """After a POST: see the result at ``to`` (303, so that reloading does not post again; to
    HTMX, an ``HX-Redirect`` that makes it load the page whole)."""
    if visitor.htmx:
        return visitor.apply(Response(status_code=200, headers={"HX-Redirect": local(to)}))
    return visitor.apply(RedirectResponse(local(to), status_code=303))


def local(target: str | None, default: str = "/") -> str:
    """``target`` if it is a path of this site, else ``default`` (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
