"""Rules that hold when two people act at the same moment, on PostgreSQL with real commits.

Each test releases two requests together from two threads. A short pause is put between the
rule's check and the write it guards (monkeypatched), so both requests are inside that window at
once, as the 18-in-20 races of issue 9 were: exactly one may win, the other gets 409 with what it
typed still in the form, and nothing either stored is lost.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import wraps

import pytest
from sqlalchemy import func

from motions import create_app
from motions.extensions import db
from motions.models import (
    Conference,
    DelegateBand,
    Heading,
    Organisation,
    Role,
    Ruling,
    Submission,
    SubmissionVersion,
    User,
    VotingAction,
)
from motions.models.base import utcnow
from tests.conftest import PASSWORD, PASSWORD_HASH

pytestmark = pytest.mark.postgres

PAUSE = 0.3  # seconds spent between a rule's check and its write: the race window


@pytest.fixture
def app(empty_postgres_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_postgres_url,
                      "WTF_CSRF_ENABLED": False, "SECRET_KEY": "races"})
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def seed(app, build: Callable) -> dict:
    with app.app_context():
        result = build()
        db.session.add_all(result.values())
        db.session.commit()
        return {name: row.id for name, row in result.items()}


def count(app, query) -> int:
    with app.app_context():
        return db.session.execute(query).scalar_one()


def person(email: str, *roles: Role, organisation: Organisation | None = None) -> User:
    user = User(name=email.split("@")[0].title(), email=email, password_hash=PASSWORD_HASH,
                organisation=organisation)
    user.roles = roles
    return user


def logged_in(app, email: str):
    client = app.test_client()
    # A fresh app context: pytest-flask's pushed one would keep the last login's user in `g`.
    with app.app_context():
        response = client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302, response.text
    return client


def slowed(monkeypatch, module, name: str) -> None:
    """Make `module.name` pause after it returns: the window between check and write."""
    original = getattr(module, name)

    @wraps(original)
    def slow(*args, **kwargs):
        result = original(*args, **kwargs)
        time.sleep(PAUSE)
        return result

    monkeypatch.setattr(module, name, slow)


def race(*requests: Callable):
    """Run the requests in threads released at the same moment; their responses, in order."""
    start = threading.Barrier(len(requests))
    responses: list = [None] * len(requests)
    errors: list[BaseException] = []

    def run(index: int, request: Callable) -> None:
        start.wait()
        try:
            responses[index] = request()
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(n, r)) for n, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return responses


def one_won(responses, winner_status: int = 302, loser_status: int = 409):
    """Exactly one request won; the other's refusal (409: look again, or the rule it now
    breaks, as if it had come second)."""
    statuses = sorted(r.status_code for r in responses)
    assert statuses == sorted([winner_status, loser_status]), [r.text[:500] for r in responses]
    return next(r for r in responses if r.status_code == loser_status)


# --- submissions ------------------------------------------------------------------------------


def conference_with_heading(published: bool = False) -> tuple[Conference, Heading]:
    conference = Conference(name="Race conference", motions_per_submitter=1)
    conference.bands = [DelegateBand(min_members=10, delegates=1)]
    heading = Heading(conference=conference, position=1, title="Organising",
                      published_at=utcnow() if published else None)
    return conference, heading


def test_two_motions_from_one_submitter_at_once_store_one(app, monkeypatch):
    from motions.submit import services

    def build():
        conference, heading = conference_with_heading()
        group = Organisation(conference=conference, name="Kent LLA", membership=50)
        return {"heading": heading, "one": person("one@kent.example", Role.SUBMITTER,
                                                  organisation=group),
                "two": person("two@kent.example", Role.SUBMITTER, organisation=group)}

    ids = seed(app, build)
    one, two = logged_in(app, "one@kent.example"), logged_in(app, "two@kent.example")
    slowed(monkeypatch, services, "_check_limit")

    def submit(client, title):
        return lambda: client.post(f"/submit/headings/{ids['heading']}/motions/new",
                                   data={"title": title, "text": f"1. {title} now.",
                                         "on_behalf": "organisation"})

    # The second counts the first and is refused as it would be had it come later.
    refused = one_won(race(submit(one, "Organise the north"), submit(two, "Organise the south")),
                      loser_status=422)
    assert "Over the limit" in refused.text
    # The refused submitter's typing is still in the form.
    assert "Organise the north" in refused.text or "Organise the south" in refused.text
    assert count(app, db.select(func.count(Submission.id))) == 1


def test_two_submitters_at_once_get_different_letters(app, monkeypatch):
    from motions.submit import services

    def build():
        conference, heading = conference_with_heading()
        kent = Organisation(conference=conference, name="Kent LLA", membership=50)
        york = Organisation(conference=conference, name="York LRC", membership=50)
        return {"heading": heading,
                "kent": person("kent@race.example", Role.SUBMITTER, organisation=kent),
                "york": person("york@race.example", Role.SUBMITTER, organisation=york)}

    ids = seed(app, build)
    kent, york = logged_in(app, "kent@race.example"), logged_in(app, "york@race.example")
    slowed(monkeypatch, services, "_next_seq")

    def submit(client, title):
        return lambda: client.post(f"/submit/headings/{ids['heading']}/motions/new",
                                   data={"title": title, "text": f"1. {title}.",
                                         "on_behalf": "organisation"})

    responses = race(submit(kent, "Kent's motion"), submit(york, "York's motion"))
    assert [r.status_code for r in responses] == [302, 302]
    with app.app_context():
        seqs = db.session.execute(db.select(Submission.seq)).scalars().all()
    assert sorted(seqs) == [1, 2]  # lettered A and B, never A twice


def test_a_second_motion_with_the_same_letter_is_refused_by_the_database(app):
    """The unique constraint holds even for a writer that skips the services' lock."""
    from sqlalchemy.exc import IntegrityError

    def build():
        _conference, heading = conference_with_heading()
        author = person("author@race.example", Role.SUBMITTER)
        return {"heading": heading, "author": author}

    ids = seed(app, build)
    with app.app_context():
        for title in ("First", "Second"):
            db.session.add(Submission(kind="motion", heading_id=ids["heading"], seq=1,
                                      title=title, text="1. Act.", created_by_id=ids["author"]))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_two_delegates_for_the_last_place_store_one(app, monkeypatch):
    from motions.admin import services

    def build():
        conference, _heading = conference_with_heading()
        group = Organisation(conference=conference, name="Small group", membership=20)
        return {"group": group, "admin": person("admin@race.example", Role.ADMIN),
                "other": person("other@race.example", Role.ADMIN)}

    ids = seed(app, build)
    admin, other = logged_in(app, "admin@race.example"), logged_in(app, "other@race.example")
    slowed(monkeypatch, services, "delegates_of")

    def create(client, email):
        return lambda: client.post("/admin/users/new", data={
            "name": email, "email": email, "roles": ["delegate"],
            "organisation_id": ids["group"], "password": "a long password"})

    refused = one_won(race(create(admin, "first@race.example"),
                           create(other, "second@race.example")))
    assert "entitled to 1 delegate" in refused.text
    assert "first@race.example" in refused.text or "second@race.example" in refused.text
    with app.app_context():
        delegates = [u for u in db.session.execute(db.select(User)).scalars()
                     if Role.DELEGATE in u.roles]
    assert len(delegates) == 1


def test_two_edits_of_one_version_save_one_and_refuse_the_other(app, monkeypatch):
    from motions.submit import services

    def build():
        _conference, heading = conference_with_heading()
        author = person("author@race.example", Role.SUBMITTER)
        motion = Submission(kind="motion", heading=heading, seq=1, title="Organisers",
                            text="1. Appoint organisers.", created_by=author)
        motion.versions.append(SubmissionVersion(number=1, title="Organisers",
                                                 text="1. Appoint organisers.",
                                                 created_by=author))
        return {"motion": motion}

    ids = seed(app, build)
    first, second = logged_in(app, "author@race.example"), logged_in(app, "author@race.example")
    slowed(monkeypatch, services, "_check_text")

    def edit(client, text):
        return lambda: client.post(f"/submit/submissions/{ids['motion']}/edit", data={
            "title": "Organisers", "text": text, "on_behalf": "individuals", "version": 1})

    refused = one_won(race(edit(first, "1. Appoint two organisers."),
                           edit(second, "1. Appoint three organisers.")))
    assert "look again" in refused.text or "newer version" in refused.text
    assert "Appoint two organisers" in refused.text or "Appoint three organisers" in refused.text
    with app.app_context():
        motion = db.session.get(Submission, ids["motion"])
        assert [v.number for v in motion.versions] == [1, 2]
        assert motion.text == motion.versions[-1].text != "1. Appoint organisers."


# --- voting -----------------------------------------------------------------------------------


def voting_heading(app) -> dict:
    def build():
        _conference, heading = conference_with_heading(published=True)
        chair = person("chair@race.example", Role.CHAIR)
        teller = person("teller@race.example", Role.TELLER)
        motion = Submission(kind="motion", heading=heading, seq=1, title="Organisers",
                            text="1. Appoint organisers.", created_by=chair,
                            ruling=Ruling.IN_ORDER.value)
        motion.versions.append(SubmissionVersion(number=1, title="Organisers",
                                                 text="1. Appoint organisers.",
                                                 created_by=chair))
        return {"heading": heading, "chair": chair, "teller": teller}

    ids = seed(app, build)
    chair = logged_in(app, "chair@race.example")
    assert chair.post(f"/voting/headings/{ids['heading']}/start").status_code == 302
    return ids


def recorded(app) -> list[str]:
    with app.app_context():
        return db.session.execute(
            db.select(VotingAction.action).order_by(VotingAction.seq)).scalars().all()


def test_two_counts_at_once_keep_one_and_refuse_the_other(app, monkeypatch):
    from motions.voting import services

    ids = voting_heading(app)
    chair, teller = logged_in(app, "chair@race.example"), logged_in(app, "teller@race.example")
    slowed(monkeypatch, services, "_check_turn")

    def enter(client, votes_for):
        return lambda: client.post(f"/voting/headings/{ids['heading']}/count", data={
            "version": 0, "for": str(votes_for), "against": "2", "abstain": "0"})

    refused = one_won(race(enter(chair, 91), enter(teller, 37)))
    assert "recorded something meanwhile" in refused.text
    # The refused count is still in the form, to enter again after a look.
    assert 'value="91"' in refused.text or 'value="37"' in refused.text
    assert recorded(app) == ["count"]


def test_two_declarations_at_once_declare_once(app, monkeypatch):
    from motions.voting import services

    ids = voting_heading(app)
    chair, again = logged_in(app, "chair@race.example"), logged_in(app, "chair@race.example")
    url = f"/voting/headings/{ids['heading']}"
    assert chair.post(f"{url}/count", data={"version": 0, "for": "9", "against": "2",
                                            "abstain": "0"}).status_code == 302
    slowed(monkeypatch, services, "_check_turn")

    def declare(client):
        return lambda: client.post(f"{url}/declare", data={"version": 1})

    refused = one_won(race(declare(chair), declare(again)))
    assert "recorded something meanwhile" in refused.text
    assert recorded(app) == ["count", "declare"]
