"""Logging in, the login pause, sessions that end, cookies and headers."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func

from motions import create_app
from motions.auth.models import LoginSession, LoginThrottle
from motions.extensions import db as _db
from motions.models import AuditEvent, Role, User
from motions.models.base import utcnow
from tests.conftest import PASSWORD, PASSWORD_HASH

WRONG = "not the password"


def log_in(client, user, password=PASSWORD, **data):
    return client.post("/login", data={"email": user.email, "password": password, **data})


def logged_in(client) -> bool:
    """What the user sees: the agenda (200), or a redirect to the login page."""
    return client.get("/").status_code == 200


def from_address(app, address: str):
    """A new browser (no cookies) at that network address."""
    browser = app.test_client()
    browser.environ_base["REMOTE_ADDR"] = address
    return browser


@pytest.fixture
def other_client(app, db):
    """A second browser, on another network address."""
    return from_address(app, "203.0.113.9")


# --- next= ---------------------------------------------------------------------------------


@pytest.mark.parametrize("target", [
    "/%0d%0aSet-Cookie:%20x=1", "/%0aLocation:%20https://evil.example", "https://evil.example/",
    "//evil.example/", "/\\evil.example", "/%5Cevil.example", "\\\\evil.example", "/ x",
    "javascript:alert(1)",
])
def test_login_never_follows_next_off_site_nor_breaks_on_it(client, make_user, target):
    user = make_user(Role.DELEGATE)
    response = client.post(f"/login?next={target}",
                           data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.location == "/"


def test_login_follows_next_within_the_site(client, make_user):
    user = make_user(Role.DELEGATE)
    response = client.post("/login?next=/submit/mine%3Fa%3D1",
                           data={"email": user.email, "password": PASSWORD})
    assert response.location == "/submit/mine?a=1"


# --- the login pause -----------------------------------------------------------------------


def test_guesses_pause_the_account_but_not_its_owner_on_a_known_browser(
        app, client, other_client, db, make_user):
    chair = make_user(Role.CHAIR)
    assert log_in(client, chair).status_code == 302  # the chair's laptop, known from now on
    client.post("/logout")
    for _ in range(10):
        assert log_in(other_client, chair, WRONG).status_code == 401
    # From the guesser's browser, and any new one, the account is paused, right password or not.
    paused = log_in(other_client, chair)
    assert paused.status_code == 429
    assert f"Too many failed attempts for {chair.email}" in paused.text
    assert log_in(from_address(app, "198.51.100.7"), chair).status_code == 429
    # The chair, on the laptop that logged in before, is not locked out of the live vote.
    assert log_in(client, chair).status_code == 302
    assert logged_in(client)


def test_a_known_browser_has_its_own_limit(client, make_user):
    user = make_user(Role.DELEGATE)
    log_in(client, user)
    client.post("/logout")
    for _ in range(10):
        assert log_in(client, user, WRONG).status_code == 401
    paused = log_in(client, user)
    assert paused.status_code == 429 and "from this browser" in paused.text


def test_a_forged_known_browser_cookie_counts_for_nothing(app, client, make_user):
    user = make_user(Role.DELEGATE)
    client.set_cookie("known_browser", "eyJ1c2VyIjoxfQ.forged.signature")
    for _ in range(10):
        log_in(client, user, WRONG)
    assert log_in(client, user).status_code == 429


def test_one_guess_at_every_account_pauses_that_address(app, db, make_user):
    sprayer = from_address(app, "192.0.2.50")
    users = [make_user(Role.DELEGATE) for _ in range(31)]
    for user in users[:30]:
        assert log_in(sprayer, user, WRONG).status_code == 401
    paused = log_in(sprayer, users[30])
    assert paused.status_code == 429 and "your network address" in paused.text
    # Others, elsewhere, log in as usual.
    assert log_in(from_address(app, "192.0.2.51"), users[30]).status_code == 302


def test_ipv6_clients_are_counted_by_their_64(app, db, make_user):
    users = [make_user(Role.DELEGATE) for _ in range(31)]
    for n, user in enumerate(users[:30]):
        log_in(from_address(app, f"2001:db8:1:2::{n + 1:x}"), user, WRONG)
    assert log_in(from_address(app, "2001:db8:1:2:ffff::1"), users[30]).status_code == 429
    assert log_in(from_address(app, "2001:db8:1:3::1"), users[30]).status_code == 302


def test_unknown_emails_are_counted_like_accounts(client):
    for _ in range(10):
        assert client.post("/login", data={"email": "nobody@example.org",
                                           "password": WRONG}).status_code == 401
    assert client.post("/login", data={"email": "Nobody@Example.org",
                                       "password": WRONG}).status_code == 429


def test_attempts_are_counted_in_one_row_and_a_pause_is_audited_once(client, db, make_user):
    user = make_user(Role.DELEGATE)
    for _ in range(14):
        log_in(client, user, WRONG)
    rows = db.session.execute(db.select(LoginThrottle)).scalars().all()
    assert {r.key: r.attempts for r in rows} == {f"account:{user.email}": 10,
                                                 "client:127.0.0.1": 10}
    events = db.session.execute(db.select(AuditEvent).where(
        AuditEvent.action.like("login%"))).scalars().all()
    assert [(e.action, e.detail.split(":")[0]) for e in events] == [
        ("login paused", "account")]
    assert "10 failed attempts" in events[0].detail


def test_a_right_password_gives_its_place_back(app, client, make_user):
    user = make_user(Role.DELEGATE)
    for _ in range(9):
        log_in(client, user, WRONG)
    for n in range(3):  # logging in from new browsers does not use up what is left
        assert log_in(from_address(app, f"192.0.2.{n + 1}"), user).status_code == 302
    assert log_in(client, user, WRONG).status_code == 401
    assert log_in(client, user, WRONG).status_code == 429


def test_the_pause_ends_with_its_window(client, db, make_user):
    user = make_user(Role.DELEGATE)
    for _ in range(10):
        log_in(client, user, WRONG)
    assert log_in(client, user).status_code == 429
    for row in db.session.execute(db.select(LoginThrottle)).scalars():
        row.window_start = utcnow() - timedelta(minutes=16)
    db.session.commit()
    assert log_in(client, user).status_code == 302


def test_the_secretary_lifts_a_pause(client, runner, db, make_user):
    user = make_user(Role.DELEGATE)
    for _ in range(10):
        log_in(client, user, WRONG)
    assert log_in(client, user).status_code == 429
    result = runner.invoke(args=["auth", "unlock", user.email.upper()])
    assert (f"The pause on {user.email.upper()} is lifted (10 failed attempts forgotten)"
            in result.output)
    assert log_in(client, user).status_code == 302
    assert db.session.execute(db.select(AuditEvent).filter_by(
        action="login pause lifted")).scalar_one().detail == f"account:{user.email}"
    again = runner.invoke(args=["auth", "unlock", user.email])
    assert "had no recent failed attempts: nothing to lift" in again.output


def test_the_secretary_lifts_a_pause_on_a_network_address(app, runner, db, make_user):
    hall = "2001:db8:5:6::1"  # the hall's Wi-Fi, say: everyone behind it is paused
    users = [make_user(Role.DELEGATE) for _ in range(31)]
    for user in users[:30]:
        log_in(from_address(app, hall), user, WRONG)
    assert log_in(from_address(app, hall), users[30]).status_code == 429
    result = runner.invoke(args=["auth", "unlock", "2001:db8:5:6::99"])  # any address of its /64
    assert "is lifted (30 failed attempts forgotten)" in result.output
    assert log_in(from_address(app, hall), users[30]).status_code == 302
    assert db.session.execute(db.select(AuditEvent).filter_by(
        action="login pause lifted")).scalar_one().detail == "client:2001:db8:5:6::/64"


def test_wrong_current_passwords_are_limited_too(client, login, make_user):
    user = make_user(Role.DELEGATE)
    login(user)
    change = {"new": "new password 1", "again": "new password 1"}
    for _ in range(10):
        assert client.post("/account/password",
                           data={"current": WRONG, **change}).status_code == 403
    paused = client.post("/account/password", data={"current": PASSWORD, **change})
    assert paused.status_code == 429 and "Too many wrong current passwords" in paused.text
    assert user.check_password(PASSWORD)


@pytest.fixture(params=["sqlite", "postgresql"])
def committed_app(request, tmp_path):
    """An app on a database of its own with real commits, for requests from many threads."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'race.sqlite3'}"
    else:
        url = request.getfixturevalue("empty_postgres_url")
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "race",
                      "SQLALCHEMY_DATABASE_URI": url,
                      "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 20, "max_overflow": 30}})
    with app.app_context():
        _db.create_all()
        user = User(email="chair@example.org", name="Chair", roles_text="chair",
                    password_hash=PASSWORD_HASH)
        _db.session.add(user)
        _db.session.commit()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


def test_forty_simultaneous_guesses_get_ten_checks(committed_app):
    start = threading.Barrier(40)
    statuses: list[int] = []

    def guess(n: int) -> None:
        client = from_address(committed_app, f"198.51.100.{n}")
        start.wait()
        response = client.post("/login", data={"email": "chair@example.org", "password": WRONG})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [401] * 10 + [429] * 30
    with committed_app.app_context():
        row = _db.session.get(LoginThrottle, "account:chair@example.org")
        assert row.attempts == 10
        assert _db.session.execute(db_count(AuditEvent)).scalar_one() == 1  # the pause, once


def db_count(model):
    return _db.select(func.count()).select_from(model)


# --- sessions end ----------------------------------------------------------------------------


def session_cookie(client) -> str:
    return client.get_cookie("session").value


def twin_browser(app):
    """A browser on a second instance of the app (same database, same key), as on another
    server process: its requests share no app context, so nothing the test's own requests
    left in `g` (Flask-Login's cached user) can decide who it is."""
    twin = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "test",
                       "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    return twin.test_client()


def test_a_session_cookie_copied_before_logout_is_dead_after_it(app, client, login, make_user):
    login(make_user(Role.DELEGATE))
    copied = session_cookie(client)
    thief = twin_browser(app)
    thief.set_cookie("session", copied)
    assert logged_in(thief)
    client.post("/logout")
    assert not logged_in(client)
    assert not logged_in(thief)


def test_keep_me_logged_in_is_a_lax_http_only_cookie_for_two_weeks(app, client, make_user):
    user = make_user(Role.DELEGATE)
    response = log_in(client, user, remember="y")
    [keep] = [c for c in response.headers.getlist("Set-Cookie")
              if c.startswith("keep_logged_in=")]
    assert "HttpOnly" in keep and "SameSite=Lax" in keep and "Secure" not in keep
    assert f"Max-Age={14 * 86400}" in keep
    # A browser restarted (no session cookie) is still logged in by it.
    restarted = app.test_client()
    restarted.set_cookie("keep_logged_in", client.get_cookie("keep_logged_in").value)
    assert logged_in(restarted)
    # Without asking for it there is none.
    other = app.test_client()
    assert not any(c.startswith("keep_logged_in=")
                   for c in log_in(other, user).headers.getlist("Set-Cookie"))


def test_logging_out_kills_the_keep_me_logged_in_cookie_too(app, client, make_user):
    user = make_user(Role.DELEGATE)
    log_in(client, user, remember="y")
    kept = client.get_cookie("keep_logged_in").value
    logout = client.post("/logout")
    assert any(c.startswith("keep_logged_in=;") for c in logout.headers.getlist("Set-Cookie"))
    restored = app.test_client()
    restored.set_cookie("keep_logged_in", kept)
    assert not logged_in(restored)


def test_a_password_change_ends_every_other_session_and_remembered_login(app, client, db,
                                                                        make_user):
    user = make_user(Role.DELEGATE)
    laptop, phone, here = app.test_client(), app.test_client(), client
    log_in(laptop, user, remember="y")
    log_in(phone, user)
    log_in(here, user)
    kept = laptop.get_cookie("keep_logged_in").value
    changed = here.post("/account/password", data={
        "current": PASSWORD, "new": "a new password", "again": "a new password"})
    assert changed.status_code == 302
    assert "your 2 other sessions" in here.get("/").text
    assert logged_in(here)  # the one that changed it goes on
    assert not logged_in(laptop) and not logged_in(phone)
    restored = app.test_client()
    restored.set_cookie("keep_logged_in", kept)
    assert not logged_in(restored)
    ended = db.session.execute(db.select(LoginSession).filter_by(
        ended_why="password changed")).scalars().all()
    assert len(ended) == 2


def test_a_password_set_by_the_secretary_ends_the_accounts_sessions(app, client, db, login,
                                                                   make_user):
    user = make_user(Role.DELEGATE)
    login(user)
    user.set_password("set by the secretary")
    db.session.commit()
    assert not logged_in(client)


def test_a_session_ends_at_its_expiry_and_with_its_account(client, db, login, make_user):
    user = make_user(Role.DELEGATE)
    login(user)
    row = db.session.execute(db.select(LoginSession)).scalar_one()
    assert abs(row.expires_at - row.created_at - timedelta(hours=24)) < timedelta(seconds=5)
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert not logged_in(client)
    login(user)
    user.active = False
    db.session.commit()
    assert not logged_in(client)


def test_a_tampered_token_logs_nobody_in(app, client, login, make_user):
    login(make_user(Role.DELEGATE))
    with client.session_transaction() as session:
        token = session["login"]
    forged = app.test_client()
    with forged.session_transaction() as session:
        session["login"] = token.split(".")[0] + "." + "x" * 43
    assert not logged_in(forged)
    with forged.session_transaction() as session:
        session["_user_id"] = "1"  # Flask-Login's own key counts for nothing here
        session.pop("login", None)
    assert not logged_in(forged)


# --- CSRF token rotates at login ---------------------------------------------------------------


CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


def test_the_csrf_token_changes_at_login(app, db, make_user):
    email = make_user(Role.SUBMITTER).email  # the second app ends its session after each request
    guarded = create_app({"TESTING": True, "WTF_CSRF_ENABLED": True, "SECRET_KEY": "test",
                          "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    browser = guarded.test_client()
    before = CSRF.search(browser.get("/login").text)[1]
    assert browser.post("/login", data={"email": email, "password": PASSWORD,
                                        "csrf_token": before}).status_code == 302
    after = CSRF.search(browser.get("/").text)[1]
    assert after != before
    # A token seen before the login (on a shared screen, say) no longer posts anything.
    assert browser.post("/logout", data={"csrf_token": before}).status_code == 400
    assert browser.post("/logout", data={"csrf_token": after}).status_code == 302


# --- cookies and headers over HTTPS ---------------------------------------------------------


def test_over_plain_http_nothing_claims_https(client, make_user):
    response = log_in(client, make_user(Role.DELEGATE), remember="y")
    assert "Strict-Transport-Security" not in response.headers
    assert not any("Secure" in c for c in response.headers.getlist("Set-Cookie"))


def test_a_request_over_https_gets_secure_cookies_and_hsts(app, db, make_user):
    browser = app.test_client()
    response = browser.post("https://localhost/login", data={
        "email": make_user(Role.DELEGATE).email, "password": PASSWORD, "remember": "y"})
    assert response.status_code == 302
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    cookies = response.headers.getlist("Set-Cookie")
    assert {c.split("=")[0] for c in cookies} == {"session", "keep_logged_in", "known_browser"}
    assert all("; Secure" in c for c in cookies)


def test_https_configured_marks_cookies_secure_behind_a_proxy(app, db, make_user):
    behind = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "test",
                         "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                         "HTTPS": True, "SESSION_COOKIE_SECURE": True})
    user = make_user(Role.DELEGATE)
    response = behind.test_client().post("/login", data={"email": user.email,
                                                         "password": PASSWORD})
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert all("; Secure" in c for c in response.headers.getlist("Set-Cookie"))


def test_trusted_proxies_give_the_clients_address_and_scheme(app, db, make_user):
    behind = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "test",
                         "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                         "TRUSTED_PROXIES": 1})
    user = make_user(Role.DELEGATE)
    proxied = behind.test_client()
    headers = {"X-Forwarded-For": "192.0.2.77", "X-Forwarded-Proto": "https"}
    response = proxied.post("/login", headers=headers,
                            data={"email": user.email, "password": WRONG})
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    keys = {row.key for row in db.session.execute(db.select(LoginThrottle)).scalars()}
    assert "client:192.0.2.77" in keys


def test_private_pages_are_not_stored_but_stylesheets_may_be(client, login, make_user):
    assert client.get("/login").headers["Cache-Control"] == "no-store"
    login(make_user(Role.DELEGATE))
    assert client.get("/").headers["Cache-Control"] == "no-store"
    with client.get("/static/app.css") as stylesheet:
        assert "no-store" not in stylesheet.headers.get("Cache-Control", "")


def test_an_old_flask_login_remember_cookie_is_deleted_and_logs_nobody_in(client, make_user):
    """Browsers kept "remember me" cookies of Flask-Login's own from before logins were rows:
    they count for nothing, and they go, so that logging in works again on that browser."""
    user = make_user(Role.DELEGATE)
    client.set_cookie("remember_token", f"{user.id}|0123456789abcdef")
    first = client.get("/")
    assert first.status_code == 302 and "/login" in first.location
    assert any(c.startswith("remember_token=;") for c in first.headers.getlist("Set-Cookie"))
    client.set_cookie("remember_token", f"{user.id}|0123456789abcdef")
    assert log_in(client, user).status_code == 302
    assert logged_in(client)
