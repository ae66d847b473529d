"""When texts lock: the one home of the rules that keep what delegates read and vote on fixed.

- Until the CAC rules on a submission, its submitter may edit it (before the deadline).
- After a ruling, an edit sends it back to "awaiting a ruling" (the CAC sees what changed).
- Once it is published (a motion: its heading is published; an amendment: ruled in order on a
  published motion or composite), its submitter cannot edit it: the CAC corrects it, on record.
- Once voting on its heading has started, nothing on the heading's order paper changes, not
  even a ruling: the chair withdraws or remits an item instead.
"""

from __future__ import annotations

from sqlalchemy import exists

from motions.extensions import db
from motions.models import Heading, Submission, VotingSession
from motions.services import RuleError


def voting_started(heading: Heading) -> bool:
    return db.session.execute(
        db.select(exists().where(VotingSession.heading_id == heading.id))
    ).scalar_one()


def check_not_voting(heading: Heading) -> None:
    """Refuse any change to what is on the heading's order paper once voting has begun."""
    if voting_started(heading):
        raise RuleError(
            f"Voting on ‘{heading.title}’ has started: nothing on its order paper can change "
            "now, and no ruling can be made or changed. The chair can withdraw or remit an "
            "item instead.",
            status=409,
        )


def is_published(submission: Submission) -> bool:
    """Delegates can read it on the published agenda (or the published composite)."""
    if submission.is_motion:
        return submission.heading.is_published
    if not submission.is_in_order:
        return False
    if submission.composite is not None:
        return submission.composite.is_published
    return submission.heading.is_published


def check_submitter_may_edit(submission: Submission) -> None:
    if is_published(submission):
        what = "motion" if submission.is_motion else "amendment"
        raise RuleError(
            f"This {what} is published: delegates are reading it, so its submitter can no "
            "longer edit it. Ask the CAC for a correction; it is made on the record.",
            status=409,
        )
