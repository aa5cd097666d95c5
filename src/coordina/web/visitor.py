"""Who is asking: the signed-in user (a session cookie), the language, and the CSRF token.

The session is the API's own token pair, kept in two cookies that scripts cannot read
(``HttpOnly``), sent only to this site (``SameSite=Lax``) and only over TLS where the page came
over TLS (``Secure``): the access token, and the refresh token that renews it when it expires
(rotation, as ``POST /api/v1/auth/refresh``). Every form carries a CSRF token equal to the
``coordina_csrf`` cookie (the double-submit pattern, OWASP CSRF Prevention Cheat Sheet); a
form without it is refused before anything is done.
"""

import secrets
from dataclasses import dataclass, field
from typing import Annotated, TypeVar

from fastapi import Depends, Request, Response

from coordina.errors import Unauthorized
from coordina.services import auth
from coordina.services.database import Database
from coordina.web import i18n

R = TypeVar("R", bound=Response)
SESSION, REFRESH, CSRF = "coordina_session", "coordina_refresh", "coordina_csrf"
REFRESH_SECONDS = 14 * 24 * 3600  # the refresh token's own lifetime bounds the cookie's


@dataclass
class Visitor:
    """The person a page is for; ``user_id`` is None when nobody is signed in."""

    user_id: int | None
    username: str | None
    language: str
    csrf: str
    secure: bool
    htmx: bool = False  # the request came from HTMX (HX-Request), not from a plain form or link
    cookies: dict[str, tuple[str, int | None]] = field(default_factory=dict)  # to set: value, max-age

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None

    def keep_session(self, pair: auth.TokenPair) -> None:
        self.cookies[SESSION] = (pair.access_token, REFRESH_SECONDS)
        self.cookies[REFRESH] = (pair.refresh_token, REFRESH_SECONDS)

    def end_session(self) -> None:
        self.cookies[SESSION] = ("", 0)
        self.cookies[REFRESH] = ("", 0)
        self.user_id = self.username = None

    def apply(self, response: R) -> R:
        """Set the cookies this request changed on ``response``."""
        for name, (value, max_age) in self.cookies.items():
            response.set_cookie(name, value, max_age=max_age, httponly=True, secure=self.secure, samesite="lax")
        return response


async def visitor(request: Request) -> Visitor:
    """The visitor of a page (on the event loop: a token check is one lock-free read)."""
    db: Database = request.app.state.db
    language = i18n.choose(request.query_params.get("lang") or request.cookies.get(i18n.COOKIE),
                           request.headers.get("accept-language"))  # fmt: skip
    i18n.use(language)
    csrf = request.cookies.get(CSRF, "")
    found = Visitor(None, None, language, csrf if len(csrf) == 43 else secrets.token_urlsafe(32),
                    secure=request.url.scheme == "https", htmx=request.headers.get("hx-request") == "true")  # fmt: skip
    if found.csrf != csrf:
        found.cookies[CSRF] = (found.csrf, None)  # a session cookie: gone when the browser closes
    token, refresh = request.cookies.get(SESSION), request.cookies.get(REFRESH)
    if token:
        try:
            found.user_id = auth.user_for_token(db, token[:200])
        except Unauthorized:
            found.user_id = None
    if found.user_id is None and refresh:
        try:  # an expired access token: renew the pair once, or the session ends
            pair = auth.refresh(db, refresh[:200])
            found.user_id = auth.user_for_token(db, pair.access_token)
            found.keep_session(pair)
        except Unauthorized:
            found.end_session()
    if found.user_id is not None:
        found.username = auth.username(db, found.user_id)
    return found


Current = Annotated[Visitor, Depends(visitor)]


class SignInRequired(Exception):
    """A page for signed-in users, asked for by nobody signed in: the sign-in page, then back."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


async def signed_in(request: Request, found: Current) -> Visitor:
    if not found.signed_in:
        query = f"?{request.url.query}" if request.url.query else ""
        raise SignInRequired(request.url.path + query)
    return found


SignedIn = Annotated[Visitor, Depends(signed_in)]  # the visitor of a page that needs a signed-in user
