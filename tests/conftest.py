"""Shared fixtures: `app`, `client`, `runner`, a rolled-back `db`, factories and `login`.

The suite runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from datetime import timedelta
from itertools import count

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import scoped_session, sessionmaker
from werkzeug.security import generate_password_hash

from motions import create_app
from motions.extensions import db as _db
from motions.models import (
    Conference,
    DelegateBand,
    Heading,
    Organisation,
    Role,
    Ruling,
    Submission,
    SubmissionKind,
    SubmissionVersion,
    User,
)
from motions.models.base import utcnow

PASSWORD = "correct horse battery"
# A cheap hash, computed once: the real (slow) scrypt default is tested in test_models.
PASSWORD_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
_serial = count(1)

# The same generated examples on every run and machine, so a property that fails on CI fails
# for the developer first; search wider with `pytest --hypothesis-seed=N`.
settings.register_profile("repeatable", derandomize=True)
settings.load_profile("repeatable")


def database_url(tmp_path_factory) -> str:
    return os.environ.get("TEST_DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    )


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url(tmp_path_factory),
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "test",
        "SERVER_NAME": None,
    })
    with app.app_context():
        if _db.engine.dialect.name == "sqlite":
            _make_sqlite_savepoints_work(_db.engine)
        _db.drop_all()
        _db.create_all()
    yield app
    with app.app_context():
        _db.drop_all()
        _db.engine.dispose()


def _make_sqlite_savepoints_work(engine) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT; let SQLAlchemy emit BEGIN itself.
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")


@pytest.fixture
def db(app):
    """Each test runs in a transaction that is rolled back; the app's commits are savepoints.

    Factories commit too, so a request that rolls back its own work keeps the test's data.
    """
    with app.app_context():
        connection = _db.engine.connect()
        transaction = connection.begin()
        original = _db.session
        _db.session = scoped_session(
            sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
        )
        try:
            yield _db
        finally:
            _db.session.remove()
            _db.session = original
            transaction.rollback()
            connection.close()


@pytest.fixture
def client(app, db):
    """The test client, always inside the rolled-back transaction."""
    return app.test_client()


@pytest.fixture
def empty_postgres_url():
    """A new, empty PostgreSQL database for a test that needs real commits; dropped after."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("TEST_DATABASE_URL not set: this PostgreSQL test is skipped")
    name = f"motions_test_{uuid.uuid4().hex[:12]}"
    server = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


@pytest.fixture
def runner(app, db):
    return app.test_cli_runner()


# --- factories -------------------------------------------------------------------------------


@pytest.fixture
def make_conference(db):
    def make(**fields) -> Conference:
        fields.setdefault("name", f"Conference {next(_serial)}")
        fields.setdefault("motions_deadline", utcnow() + timedelta(days=7))
        fields.setdefault("amendments_deadline", utcnow() + timedelta(days=14))
        conference = Conference(**fields)
        conference.bands = [DelegateBand(min_members=m, delegates=d)
                            for m, d in ((10, 2), (100, 3), (500, 4), (2000, 5))]
        db.session.add(conference)
        db.session.commit()
        return conference

    return make


@pytest.fixture
def conference(make_conference):
    return make_conference(name="Founding conference")


@pytest.fixture
def make_heading(db, conference):
    def make(title: str | None = None, published: bool = False, of=None) -> Heading:
        owner = of or conference
        heading = Heading(conference=owner, title=title or f"Heading {next(_serial)}",
                          position=len(owner.headings) + 1,
                          published_at=utcnow() if published else None)
        db.session.add(heading)
        db.session.commit()
        return heading

    return make


@pytest.fixture
def heading(make_heading):
    return make_heading("Our structures/constitution")


@pytest.fixture
def make_organisation(db, conference):
    def make(name: str | None = None, membership: int = 50, kind: str = "local_group"):
        organisation = Organisation(conference=conference, name=name or f"Group {next(_serial)}",
                                    membership=membership, kind=kind)
        db.session.add(organisation)
        db.session.commit()
        return organisation

    return make


@pytest.fixture
def make_user(db):
    def make(*roles: Role, organisation: Organisation | None = None, name: str | None = None,
             email: str | None = None) -> User:
        n = next(_serial)
        user = User(name=name or f"Person {n}", email=email or f"person{n}@example.org",
                    organisation=organisation)
        user.roles = roles
        user.password_hash = PASSWORD_HASH
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_submission(db):
    def make(heading: Heading, user: User, text: str = "1. Conference resolves to act.",
             title: str = "A motion", target: Submission | None = None,
             ruling: Ruling = Ruling.PENDING, organisation: Organisation | None = None,
             names: list[str] | None = None) -> Submission:
        kind = SubmissionKind.AMENDMENT if target else SubmissionKind.MOTION
        siblings = target.amendments if target else heading.motions
        submission = Submission(
            kind=kind.value, heading=heading, target=target, seq=len(siblings) + 1,
            title=title if not target else "", text=text, created_by=user,
            organisation=organisation if organisation is not None else user.organisation,
            individual_names="\n".join(names or []), ruling=ruling.value,
        )
        submission.versions.append(SubmissionVersion(number=1, title=submission.title,
                                                     text=text, created_by=user))
        db.session.add(submission)
        db.session.commit()
        return submission

    return make


@pytest.fixture
def login(client):
    """login(user) logs the test client in through the real login form."""

    def do_login(user: User) -> None:
        response = client.post("/login", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.text

    return do_login


# --- browser tests ---------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"


class ServedApp:
    """The app on a real port, on its own SQLite file, CSRF on: what a browser meets."""

    def __init__(self, tmp_path):
        from werkzeug.serving import make_server

        self.app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'live.sqlite3'}",
                               "SECRET_KEY": "browser-tests"})
        with self.app.app_context():
            _db.create_all()
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def seed(self, build):
        """Run `build(session)` in the served app's database and commit."""
        with self.app.app_context():
            result = build(_db.session)
            _db.session.commit()
            return result

    def stop(self):
        # Live pages' event streams run in server threads; they must end before the next test
        # swaps the shared session for its rolled-back one, or they would use it.
        self.app.config["LIVE_STREAMS"] = False
        time.sleep(1.2)  # one look of a polling stream, after which it sees the flag
        self.server.shutdown()
        self.thread.join(timeout=5)
        with self.app.app_context():
            _db.engine.dispose()


@pytest.fixture(scope="module")
def served_app(tmp_path_factory):
    served = ServedApp(tmp_path_factory.mktemp("live"))
    yield served
    served.stop()


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} not installed (Debian package 'chromium'): browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """new_page(width=..) opens a page in a fresh context (its own cookies); closed after."""
    contexts = []

    def open_page(width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
