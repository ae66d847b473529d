"""Who may read what: delegates see published, in-order texts; the CAC and owners see more."""

from flask_login import current_user

from motions.extensions import db
from motions.models import Conference, Heading, Role, Submission
from motions.submit.services import is_owner


def current_conference() -> Conference | None:
    return db.session.execute(
        db.select(Conference).order_by(Conference.id.desc()).limit(1)
    ).scalar_one_or_none()


def sees_everything() -> bool:
    return current_user.has_role(Role.CAC)


def is_public(submission: Submission) -> bool:
    """On the published agenda: the heading is published and the CAC ruled it in order (an
    amendment to a composite: the composite is published and the CAC ruled it in order)."""
    if submission.amends_composite:
        return submission.is_in_order and submission.composite.is_published
    if not (submission.heading.is_published and submission.is_in_order):
        return False
    return submission.is_motion or is_public(submission.target)


def can_read(submission: Submission) -> bool:
    return sees_everything() or is_owner(submission, current_user) or (
        is_public(submission) and not submission.is_withdrawn
    )


def readable_motions(heading: Heading) -> list[Submission]:
    if sees_everything():
        return heading.motions
    return [m for m in heading.motions if can_read(m)]


def readable_amendments(motion: Submission) -> list[Submission]:
    return [a for a in motion.amendments if can_read(a)]
