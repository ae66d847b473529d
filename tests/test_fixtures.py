"""The rolled-back `db` fixture: what one test stores, the next never sees."""

from sqlalchemy import func

from motions.models import Conference


def test_one(db, make_conference):
    make_conference()
    assert db.session.execute(db.select(func.count(Conference.id))).scalar_one() == 1

def test_two(db, make_conference):
    assert db.session.execute(db.select(func.count(Conference.id))).scalar_one() == 0
