"""Publishing and importing hold when two requests come at the same moment (PostgreSQL, real
commits, two threads released together; see tests/motions/test_concurrency.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import func

from motions import create_app
from motions.extensions import db
from motions.models import (
    Composite,
    Conference,
    DelegateBand,
    Heading,
    Organisation,
    Role,
    Ruling,
    Submission,
    SubmissionVersion,
    User,
)
from tests.motions.test_admin_import import token_of
from tests.motions.test_composites import DULWICH, LONDON
from tests.motions.test_concurrency import count, logged_in, one_won, person, race, slowed

pytestmark = pytest.mark.postgres


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


def seed_two_composites(app) -> list[int]:
    """Two drafts of the same two motions under one heading, each edited (not the engine's
    untouched proposal); returns their ids."""
    from motions.composites import services

    with app.app_context():
        conference = Conference(name="Race conference")
        heading = Heading(conference=conference, position=1, title="Constitution")
        cac = person("cac@race.example", Role.CAC)
        db.session.add_all([conference, heading, cac])
        for seq, (name, text) in enumerate((("Dulwich LL", DULWICH), ("London LLA", LONDON)),
                                           start=1):
            group = Organisation(conference=conference, name=name, membership=50)
            motion = Submission(kind="motion", heading=heading, seq=seq, title=name, text=text,
                                created_by=cac, organisation=group,
                                ruling=Ruling.IN_ORDER.value)
            motion.versions.append(SubmissionVersion(number=1, title=name, text=text,
                                                     created_by=cac))
            db.session.add_all([group, motion])
        db.session.flush()
        ids = []
        for title in ("First composite", "Second composite"):
            composite = services.build_draft(heading, [m.id for m in heading.motions], cac,
                                             title)
            content = composite.content
            content.preamble = f"The {title.lower()}."
            services.save(composite, content, cac, composite.version, "Note added")
            db.session.flush()
            ids.append(composite.id)
        db.session.commit()
        return ids


def test_two_composites_of_the_same_motions_published_at_once_publish_one(app, monkeypatch):
    from motions.composites import services

    ids = seed_two_composites(app)
    one, two = logged_in(app, "cac@race.example"), logged_in(app, "cac@race.example")
    slowed(monkeypatch, services, "check_publishable")
    with app.app_context():
        versions = {i: db.session.get(Composite, i).version for i in ids}

    def publish(client, composite_id):
        return lambda: client.post(f"/composites/{composite_id}/publish", data={
            "confirmed": "yes", "version": versions[composite_id]})

    refused = one_won(race(publish(one, ids[0]), publish(two, ids[1])))
    assert "is already published under this heading" in refused.text
    assert count(app, db.select(func.count()).select_from(Composite)
                 .filter_by(status="published")) == 1


def test_one_preview_confirmed_twice_at_once_imports_once(app, monkeypatch):
    from motions.admin import imports

    with app.app_context():
        conference = Conference(name="Race conference")
        conference.bands = [DelegateBand(min_members=10, delegates=3)]
        kent = Organisation(conference=conference, name="Kent LLA", membership=50)
        admin = person("sec@race.example", Role.ADMIN)
        db.session.add_all([conference, kent, admin])
        db.session.commit()
        conference_id = conference.id
    one, two = logged_in(app, "sec@race.example"), logged_in(app, "sec@race.example")
    shown = one.post(f"/admin/conferences/{conference_id}/accounts/import",
                     data={"text": "Dee Legate,dee@race.example,delegate,Kent LLA\n"},
                     content_type="multipart/form-data")
    token = token_of(shown)
    slowed(monkeypatch, imports, "done_import")

    def confirm(client):
        return lambda: client.post(f"/admin/conferences/{conference_id}/accounts/import/confirm",
                                   data={"token": token})

    responses = race(confirm(one), confirm(two))
    assert sorted(r.status_code for r in responses) == [200, 200], [r.text[:300] for r in
                                                                    responses]
    pages = sorted("already done" in r.text for r in responses)
    assert pages == [False, True]  # one shows the passwords, the other says it was done
    assert count(app, db.select(func.count()).select_from(User)
                 .filter_by(email="dee@race.example")) == 1
