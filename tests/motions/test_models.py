from datetime import UTC, datetime, timedelta

import pytest

from motions.models import Role, Submission
from motions.models.base import utcnow
from motions.models.submissions import motion_letter


@pytest.mark.parametrize(("members", "delegates"), [
    (0, 0), (9, 0), (10, 2), (99, 2), (100, 3), (499, 3), (500, 4), (1999, 4), (2000, 5),
    (150_000, 5),
])
def test_delegate_entitlement_follows_membership_bands(make_organisation, members, delegates):
    assert make_organisation(membership=members).delegate_entitlement == delegates


@pytest.mark.parametrize(("seq", "letter"), [(1, "A"), (2, "B"), (26, "Z"), (27, "AA"), (53, "BA")])
def test_motions_are_lettered_like_an_order_paper(seq, letter):
    assert motion_letter(seq) == letter


def test_admin_has_every_role_and_others_only_their_own(make_user):
    admin, cac_delegate = make_user(Role.ADMIN), make_user(Role.CAC, Role.DELEGATE)
    assert admin.has_role(Role.CHAIR)
    assert cac_delegate.has_role(Role.CAC) and cac_delegate.has_role(Role.DELEGATE)
    assert not cac_delegate.has_role(Role.CHAIR, Role.TELLER)


def test_passwords_are_hashed(make_user):
    user = make_user(Role.SUBMITTER)
    user.set_password("correct horse battery")
    assert "correct horse" not in user.password_hash
    assert user.password_hash.startswith("scrypt:")
    assert user.check_password("correct horse battery")
    assert not user.check_password("wrong")


def test_deadline_decides_whether_submissions_are_open(make_conference):
    past, future = utcnow() - timedelta(minutes=1), utcnow() + timedelta(minutes=1)
    conference = make_conference(motions_deadline=past, amendments_deadline=future)
    assert not conference.is_open_for("motion")
    assert conference.is_open_for("amendment")


def test_datetimes_come_back_timezone_aware(db, make_conference):
    moment = datetime(2020, 2, 1, 17, 0, tzinfo=UTC)
    conference = make_conference(motions_deadline=moment)
    db.session.expire_all()
    assert conference.motions_deadline == moment
    assert conference.motions_deadline.tzinfo is not None


def test_naive_datetimes_are_refused(db, make_conference):
    with pytest.raises(Exception, match="naive datetime"):
        make_conference(motions_deadline=datetime(2020, 2, 1, 17, 0))
    db.session.rollback()


def test_amendments_are_labelled_after_their_motion(heading, make_user, make_submission):
    user = make_user(Role.SUBMITTER)
    motion = make_submission(heading, user)
    first = make_submission(heading, user, text="Delete point 1.", target=motion)
    second = make_submission(heading, user, text="Add: more.", target=motion)
    assert (motion.label, first.label, second.label) == ("A", "A1", "A2")
    assert first.display_name == "Amendment A1 to motion A"


def test_individual_submissions_are_named_after_the_first_name(heading, make_user,
                                                               make_submission):
    user = make_user(Role.SUBMITTER, name="Filer")
    motion = make_submission(heading, user, names=["Lee Rock", "Sam Other"])
    assert motion.submitted_by == "Lee Rock et al"
    assert isinstance(motion, Submission)
