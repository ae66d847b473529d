"""Logging in and changing one's password, under the login pause (motions.auth.throttle).

Limits: per account (whatever address the guesses come from), per client address (one guess at
every account is paused too), and per known browser. A browser that has logged in to an account
before carries a signed "known browser" cookie; its attempts on that account count against that
browser alone, so a pause caused by someone else's guessing never locks out the real user on
their own laptop or phone (OWASP's "device cookies"). From a new browser, a paused account waits
for the window to pass or for the secretary to lift the pause (`flask auth unlock`).
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from functools import cache

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash

from motions.auth import throttle
from motions.auth.throttle import Limit
from motions.extensions import db
from motions.models import User
from motions.services import RuleError, record

KNOWN_BROWSER_COOKIE = "known_browser"
KNOWN_BROWSER_DAYS = 365
WRONG = "That e-mail and password do not match an account."


def authenticate(email: str, password: str, client: str, known_browser: str | None) -> User:
    """The account for these credentials; RuleError 401, or 429 while a limit is full."""
    email = email.strip().lower()
    user = db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none()
    browser = known_browser_of(known_browser, user)
    reservation = throttle.reserve(login_limits(email, client, browser))
    # Checked even without an account, so the time taken does not tell which e-mails exist.
    right = check_password_hash(user.password_hash if user else _unmatchable_hash(), password)
    if user is None or not user.active or not right:
        reservation.failed()
        raise RuleError(WRONG, status=401)
    reservation.succeeded()
    throttle.forget_old()
    return user


def login_limits(email: str, client: str, browser: str | None) -> list[Limit]:
    config = current_app.config
    if browser is not None:
        return [Limit(f"browser:{browser}", config["LOGIN_ACCOUNT_LIMIT"],
                      "Too many failed attempts from this browser: wait {minutes} minutes "
                      "and try again.")]
    return [
        Limit(f"account:{email}", config["LOGIN_ACCOUNT_LIMIT"],
              f"Too many failed attempts for {email}: logging in to it is paused for "
              "{minutes} minutes, except from a browser that has logged in to it before. "
              "The secretary can lift the pause."),
        Limit(f"client:{client}", config["LOGIN_CLIENT_LIMIT"],
              "Too many failed attempts from your network address: logging in from it is "
              "paused for {minutes} minutes, except from browsers that have logged in "
              "before."),
    ]


def change_password(user: User, current: str, new: str, again: str) -> None:
    limit = Limit(f"password:{user.id}", current_app.config["LOGIN_ACCOUNT_LIMIT"],
                  "Too many wrong current passwords: wait {minutes} minutes and try again; "
                  "nothing was changed.")
    reservation = throttle.reserve([limit])
    if not user.check_password(current):
        reservation.failed()
        raise RuleError("The current password is not right; nothing was changed.", status=403)
    reservation.succeeded()
    if new != again:
        raise RuleError("The two new passwords differ; nothing was changed.")
    user.set_password(new)
    record("changed password", "user", user.id)


def unlock(who: str) -> int:
    """The secretary lifts the pause on an account (an e-mail address) or on a network address
    (a hall's Wi-Fi behind one address, say): how many failed attempts it forgot."""
    who = who.strip()
    key = f"account:{who.lower()}" if "@" in who else f"client:{client_of(who)}"
    forgotten = throttle.lift(key)
    if forgotten:
        record("login pause lifted", "login", None, key)
    return forgotten


def client_address() -> str:
    """Who is asking, as far as the limits go: the address (behind TRUSTED_PROXIES, the one
    they forward)."""
    return client_of(request.remote_addr or "unknown")


def client_of(text: str) -> str:
    """The client an address belongs to: an IPv6 one by its /64, which one household or phone
    holds whole."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return text[:64]
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))


def known_browser_cookie(user: User) -> str:
    """A new nonce for this browser, signed, naming the account it logged in to."""
    return _serializer().dumps({"user": user.id, "nonce": secrets.token_urlsafe(16)})


def known_browser_of(cookie: str | None, user: User | None) -> str | None:
    """The browser's nonce if its cookie is ours and names this account; else None."""
    if not cookie or user is None:
        return None
    try:
        data = _serializer().loads(cookie, max_age=KNOWN_BROWSER_DAYS * 86400)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not hmac.compare_digest(str(data.get("user")),
                                                             str(user.id)):
        return None
    nonce = data.get("nonce")
    return nonce if isinstance(nonce, str) else None


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="known-browser")


@cache
def _unmatchable_hash() -> str:
    return generate_password_hash(secrets.token_hex(16))
