"""What the agenda pages list: only what the user may read (the rules are motions.security)."""

from motions.extensions import db
from motions.models import Conference, Heading, Submission
from motions.security import may_read_heading, may_read_submission, sees_everything


def current_conference() -> Conference | None:
    return db.session.execute(
        db.select(Conference).order_by(Conference.id.desc()).limit(1)
    ).scalar_one_or_none()


def readable_headings(conference: Conference | None) -> list[Heading]:
    return [h for h in conference.headings if may_read_heading(h)] if conference else []


def readable_motions(heading: Heading) -> list[Submission]:
    if sees_everything():
        return heading.motions
    return [m for m in heading.motions if may_read_submission(m)]


def readable_amendments(motion: Submission) -> list[Submission]:
    return [a for a in motion.amendments if may_read_submission(a)]
