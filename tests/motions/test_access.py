"""Every screen checks its role: allowed roles get the page, others 403, strangers log in."""

import pytest
from sqlalchemy import func

from motions import create_app
from motions.models import Role, Ruling, Submission

ROLES = [None, *Role]

# (method, url template, roles allowed besides admin)
SCREENS = [
    ("GET", "/", set(Role)),
    ("GET", "/headings/{heading}", set(Role)),
    ("GET", "/submissions/{motion}", set(Role)),
    ("GET", "/submit/mine", {Role.SUBMITTER}),
    ("GET", "/submit/headings/{heading}/motions/new", {Role.SUBMITTER}),
    ("GET", "/submit/motions/{motion}/amendments/new", {Role.SUBMITTER}),
    ("GET", "/submit/submissions/{motion}/versions", {Role.CAC}),
    ("GET", "/cac/headings/{heading}", {Role.CAC}),
    ("POST", "/cac/submissions/{motion}/rule", {Role.CAC}),
    ("POST", "/cac/headings/{heading}/publish", {Role.CAC}),
    ("GET", "/admin/", set()),
    ("GET", "/admin/users", set()),
    ("GET", "/admin/users/new", set()),
    ("GET", "/admin/conferences/{conference}", set()),
    ("GET", "/admin/conferences/{conference}/organisations", set()),
    ("POST", "/admin/conferences/{conference}/headings", set()),
    ("GET", "/voting/headings/{heading}", {Role.CHAIR, Role.TELLER}),
    ("POST", "/voting/headings/{heading}/start", {Role.CHAIR}),
    ("POST", "/voting/headings/{heading}/count", {Role.CHAIR, Role.TELLER}),
    ("GET", "/voting/headings/{heading}/screen", set(Role)),
    ("GET", "/voting/headings/{heading}/record", set(Role)),
    ("GET", "/admin/conferences/{conference}/organisations/import", set()),
    ("GET", "/admin/headings/{heading}", set()),
    ("GET", "/account/password", set(Role)),
    ("GET", "/admin/conferences/{conference}/accounts/import", set()),
    ("GET", "/documents/headings/{heading}/order-paper.docx", set(Role)),
]


@pytest.fixture
def ids(conference, make_heading, make_user, make_submission):
    heading = make_heading(published=True)
    motion = make_submission(heading, make_user(Role.SUBMITTER), ruling=Ruling.IN_ORDER)
    return {"heading": heading.id, "motion": motion.id, "conference": conference.id}


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "anonymous")
@pytest.mark.parametrize(("method", "url", "allowed"), SCREENS,
                         ids=[f"{m} {u}" for m, u, _ in SCREENS])
def test_screen_checks_role(client, make_user, make_organisation, login, ids, role, method, url,
                            allowed):
    if role is not None:
        login(make_user(role, organisation=make_organisation()))
    response = client.open(url.format(**ids), method=method)
    if role is None:
        expected = {302} if method == "GET" else {401}
        assert response.status_code in expected
        if method == "GET":
            assert "/login" in response.location
    elif role == Role.ADMIN or role in allowed:
        assert response.status_code not in (401, 403), response.status_code
    else:
        assert response.status_code == 403


@pytest.fixture
def csrf_client(app):
    guarded = create_app({"TESTING": True, "WTF_CSRF_ENABLED": True, "SECRET_KEY": "test",
                          "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    return guarded.test_client()


def test_posts_without_csrf_token_are_refused_and_store_nothing(csrf_client, db, heading,
                                                                make_user, make_organisation):
    user = make_user(Role.SUBMITTER, organisation=make_organisation())
    # The second app tears its session down after each request: keep plain values only.
    email, heading_id = user.email, heading.id
    response = csrf_client.post("/login", data={"email": email,
                                                "password": "correct horse battery"})
    assert response.status_code == 400
    assert "security token" in response.text
    motion = csrf_client.post(f"/submit/headings/{heading_id}/motions/new",
                              data={"title": "T", "text": "1. X", "on_behalf": "organisation"})
    assert motion.status_code == 400
    assert db.session.execute(db.select(func.count(Submission.id))).scalar_one() == 0


def test_login_form_carries_a_csrf_token(csrf_client):
    page = csrf_client.get("/login")
    assert 'name="csrf_token"' in page.text


def test_wrong_password_is_refused(client, make_user):
    user = make_user(Role.DELEGATE)
    response = client.post("/login", data={"email": user.email, "password": "nope"})
    assert response.status_code == 401
    assert "do not match" in response.text


def test_login_does_not_redirect_off_site(client, make_user):
    user = make_user(Role.DELEGATE)
    response = client.post("/login?next=https://evil.example/", data={
        "email": user.email, "password": "correct horse battery"})
    assert response.location == "/"


def test_pages_forbid_inline_scripts_and_framing(client):
    response = client.get("/login")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_repeated_failed_logins_pause_that_address(client, db, make_user):
    user = make_user(Role.DELEGATE)
    for _ in range(10):
        assert client.post("/login", data={"email": user.email,
                                           "password": "guess"}).status_code == 401
    paused = client.post("/login", data={"email": user.email,
                                         "password": "correct horse battery"})
    assert paused.status_code == 429
    assert "Too many failed attempts" in paused.text
    other = make_user(Role.DELEGATE)
    assert client.post("/login", data={"email": other.email,
                                       "password": "correct horse battery"}).status_code == 302


def test_anyone_changes_their_own_password(client, login, db, make_user):
    user = make_user(Role.DELEGATE)
    login(user)
    wrong = client.post("/account/password", data={"current": "nope", "new": "new password 1",
                                                   "again": "new password 1"})
    assert wrong.status_code == 403 and "not right" in wrong.text
    differ = client.post("/account/password", data={
        "current": "correct horse battery", "new": "new password 1", "again": "new password 2"})
    assert differ.status_code == 422 and "differ" in differ.text
    assert user.check_password("correct horse battery")
    assert client.post("/account/password", data={
        "current": "correct horse battery", "new": "new password 1",
        "again": "new password 1"}).status_code == 302
    assert user.check_password("new password 1")
