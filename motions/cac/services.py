"""The CAC's rulings on submissions and the publishing of headings."""

from markupsafe import Markup

from compositing.diffs import diff_html
from motions import locks
from motions.models import Heading, Ruling, Submission, SubmissionRuling, User
from motions.models.base import utcnow
from motions.services import RuleError, record

REASONS = [
    ("", "— choose a reason —"),
    ("Outside the remit of this heading", "Outside the remit of this heading"),
    ("Submitted after the deadline", "Submitted after the deadline"),
    ("Over the per-submitter limit", "Over the per-submitter limit"),
    ("Not from a valid submitter", "Not from a valid submitter"),
    ("Amendment is a direct negative", "Amendment is a direct negative"),
    ("Amendment cannot be applied to the motion's text",
     "Amendment cannot be applied to the motion's text"),
    ("other", "Other (explain below)"),
]


def rule(submission: Submission, user: User, ruling: Ruling, reason: str, detail: str) -> None:
    reason_text = detail.strip() if reason == "other" else " ".join(
        part for part in (reason, detail.strip()) if part
    )
    if ruling == Ruling.OUT_OF_ORDER and not reason_text:
        raise RuleError("Give the reason why it is out of order; the submitter will see it.")
    if submission.is_withdrawn:
        raise RuleError("It has been withdrawn by its submitter; there is nothing to rule on.",
                        status=409)
    locks.check_not_voting(submission.heading)
    submission.ruling = ruling.value
    submission.ruling_reason = reason_text
    submission.ruled_by = user
    submission.ruled_at = utcnow()
    submission.rulings.append(SubmissionRuling(
        version_number=submission.version_number, ruling=ruling.value, reason=reason_text,
        ruled_by=user, ruled_at=submission.ruled_at))
    record("ruled", submission.kind, submission.id, f"{ruling.value}: {reason_text}".strip())


def publish(heading: Heading, user: User) -> None:
    waiting = [m for m in heading.motions if m.ruling == Ruling.PENDING and not m.is_withdrawn]
    if waiting:
        labels = ", ".join(m.label for m in waiting)
        raise RuleError(f"Rule on every motion first: motion {labels} still awaits a ruling.",
                        status=409)
    if heading.is_published:
        raise RuleError("This heading is already published.", status=409)
    heading.published_at = utcnow()
    heading.published_by = user
    record("published", "heading", heading.id, heading.title)


def changes_since_ruling(submission: Submission) -> Markup | None:
    """Word diff from the version the CAC last ruled on to the text as it now stands, when the
    submitter edited it after that ruling."""
    ruling = submission.changed_since_ruling
    if ruling is None:
        return None
    ruled = submission.versions[ruling.version_number - 1]
    title = ""
    if ruled.title != submission.title:
        title = f"Title: {diff_html(ruled.title, submission.title)}\n\n"
    return Markup(title + diff_html(ruled.text, submission.text))
