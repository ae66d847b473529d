"""Login sessions that end: at logout, at their expiry, when the password changes.

Flask's session cookie is signed, not stored: on its own, a copy made before logout would keep
working. So each login is a row (motions.auth.models.LoginSession) and the cookie carries only
its token, "<id>.<secret>"; every request checks the row. Logging out ends the row, so a copied
cookie is dead; the "keep me logged in" cookie carries the same token, so it dies with it. Each
row keeps a stamp of the password hash it was opened under: a changed password (by its owner,
the secretary or an import) ends every session opened before, remembered ones included.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from flask import current_app, g, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import login_user, logout_user
from flask_login.config import COOKIE_NAME as FLASK_LOGIN_COOKIE
from sqlalchemy import update

from motions.auth.models import LoginSession
from motions.extensions import db
from motions.models import User
from motions.models.base import utcnow

SESSION_KEY = "login"
KEEP_COOKIE = "keep_logged_in"
TOKEN = re.compile(r"([0-9]{1,18})\.([A-Za-z0-9_-]{20,100})")


def begin(user: User, remember: bool, client: str) -> LoginSession:
    """Log `user` in on a fresh session: nothing from before the login is kept (the CSRF token
    among it, so a token seen by someone else before the login is worthless after it)."""
    config = current_app.config
    lifetime = (timedelta(days=config["KEEP_LOGGED_IN_DAYS"]) if remember
                else timedelta(hours=config["SESSION_HOURS"]))
    secret = secrets.token_urlsafe(32)
    row = LoginSession(user=user, secret_hash=_digest(secret), password_stamp=stamp(user),
                       remember=remember, client=client[:64], expires_at=utcnow() + lifetime)
    db.session.add(row)
    db.session.flush()
    token = f"{row.id}.{secret}"
    session.clear()
    session[SESSION_KEY] = token
    login_user(user)
    g.login_session = row
    g.keep_cookie = token if remember else None  # None: an old one from before is deleted
    return row


def load_user(_request) -> User | None:
    """Flask-Login's request loader: the user of a live login session, else None."""
    token = session.get(SESSION_KEY)
    from_keep_cookie = token is None
    if from_keep_cookie:
        token = request.cookies.get(KEEP_COOKIE)
    row = _live(token)
    if row is None or (from_keep_cookie and not row.remember):
        if token is not None:
            session.pop(SESSION_KEY, None)
            g.keep_cookie = None  # a dead "keep me logged in" cookie is deleted
        return None
    if from_keep_cookie:
        session[SESSION_KEY] = token
    g.login_session = row
    return row.user


def forget_previous_request() -> None:
    """Each request finds its user afresh. `g` belongs to the app context, which outlives one
    request when something pushed it around several (a test, a script): Flask-Login's cached
    user, or this module's decisions, must not carry over from one request to the next."""
    for name in ("_login_user", "login_session", "keep_cookie"):
        g.pop(name, None)


def current() -> LoginSession | None:
    return g.get("login_session")


def end(why: str) -> None:
    """Log out: this session's row ends, its cookies go."""
    row = current()
    if row is not None:
        row.ended_at, row.ended_why = utcnow(), why
    logout_user()
    session.clear()
    g.keep_cookie = None


def end_others(user: User, why: str) -> int:
    """End every other session of `user` (after a password change), and keep this one valid
    under the new password."""
    row = current()
    query = update(LoginSession).where(LoginSession.user_id == user.id,
                                       LoginSession.ended_at.is_(None))
    if row is not None:
        query = query.where(LoginSession.id != row.id)
        row.password_stamp = stamp(user)
    result = db.session.execute(query.values(ended_at=utcnow(), ended_why=why)
                                .execution_options(synchronize_session=False))
    return result.rowcount


def stamp(user: User) -> str:
    return _digest(user.password_hash)


def write_cookies(response):
    """After each request: set or delete the "keep me logged in" cookie as the request
    decided (a login that asked for it; a logout, or a dead cookie)."""
    if FLASK_LOGIN_COOKIE in request.cookies:
        # Flask-Login's own "remember me" cookie, from before logins were rows: it names a
        # user and nothing can end it. While a browser sends it, Flask-Login looks at it
        # instead of asking load_user, so that browser could never stay logged in.
        response.delete_cookie(FLASK_LOGIN_COOKIE)
    if "keep_cookie" not in g:
        return response
    config = current_app.config
    if g.keep_cookie is None:
        if KEEP_COOKIE in request.cookies:
            response.delete_cookie(KEEP_COOKIE, httponly=True, samesite="Lax",
                                   secure=secure_cookies())
        return response
    response.set_cookie(KEEP_COOKIE, g.keep_cookie,
                        max_age=timedelta(days=config["KEEP_LOGGED_IN_DAYS"]),
                        httponly=True, samesite="Lax", secure=secure_cookies())
    return response


def secure_cookies() -> bool:
    """Cookies are sent over HTTPS only when the app is served over it (HTTPS=1, or this
    request came over TLS, as the trusted proxies report it)."""
    return bool(current_app.config["HTTPS"] or request.is_secure)


class SessionCookie(SecureCookieSessionInterface):
    """Flask's signed session cookie, marked Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or request.is_secure)


def _live(token: str | None) -> LoginSession | None:
    match = TOKEN.fullmatch(token) if isinstance(token, str) else None
    if match is None:
        return None
    found = db.session.execute(
        db.select(LoginSession, User).join(User, LoginSession.user_id == User.id)
        .where(LoginSession.id == int(match[1]))
    ).first()
    if found is None:
        return None
    row, user = found
    if not hmac.compare_digest(row.secret_hash, _digest(match[2])):
        return None
    if row.ended_at is not None or row.expires_at <= utcnow():
        return None
    if not user.active or not hmac.compare_digest(row.password_stamp, stamp(user)):
        return None
    return row


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
