"""Push across server processes: on PostgreSQL a recorded vote is announced with NOTIFY and a
listening event stream hears it (needs real commits, so a database of its own)."""

import queue
import threading

import pytest

from motions import create_app
from motions.extensions import db
from motions.models import Conference, Heading, Role, Ruling, Submission, SubmissionVersion, User
from motions.models.base import utcnow
from tests.conftest import PASSWORD, PASSWORD_HASH

pytestmark = pytest.mark.postgres


def seed() -> int:
    conference = Conference(name="Live conference")
    heading = Heading(conference=conference, position=1, title="Organisers",
                      published_at=utcnow())
    chair = User(name="Chair", email="chair@live.example", password_hash=PASSWORD_HASH)
    chair.roles = [Role.CHAIR]
    motion = Submission(kind="motion", heading=heading, seq=1, title="Organisers",
                        text="1. Appoint organisers.", created_by=chair,
                        ruling=Ruling.IN_ORDER.value)
    motion.versions.append(SubmissionVersion(number=1, title="Organisers",
                                             text="1. Appoint organisers.", created_by=chair))
    db.session.add_all([conference, heading, chair, motion])
    db.session.commit()
    return heading.id


def test_a_declared_vote_is_pushed_to_a_listening_stream(empty_postgres_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_postgres_url,
                      "WTF_CSRF_ENABLED": False, "SECRET_KEY": "live"})
    with app.app_context():
        db.create_all()
        heading_id = seed()
    chair, viewer = app.test_client(), app.test_client()
    for client in (chair, viewer):
        client.post("/login", data={"email": "chair@live.example", "password": PASSWORD})
    chair.post(f"/voting/headings/{heading_id}/start")

    response = viewer.get(f"/voting/headings/{heading_id}/events", buffered=False)
    chunks = iter(response.response)
    assert next(chunks) == b"data: 0\n\n"
    assert next(chunks) == b": keep-alive\n\n"  # the stream is listening now

    # Another "process" records a count while this stream waits for NOTIFY.
    recorded: queue.Queue = queue.Queue()
    count = threading.Thread(target=lambda: recorded.put(chair.post(
        f"/voting/headings/{heading_id}/count",
        data={"version": 0, "for": "9", "against": "2", "abstain": "0"}).status_code))
    count.start()
    assert next(chunks) == b"data: 1\n\n"
    assert recorded.get(timeout=10) == 302
    response.close()
    with app.app_context():
        db.engine.dispose()
