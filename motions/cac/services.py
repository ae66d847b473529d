"""The CAC's rulings on submissions and the publishing of headings."""

from flask import current_app
from markupsafe import Markup

from compositing import AmendmentError, apply_amendment
from compositing.diffs import diff_html
from motions import locks
from motions.models import AmendmentReading, Heading, Ruling, Submission, SubmissionRuling, User
from motions.models.base import utcnow
from motions.services import RuleError, record
from motions.submit import amendments
from motions.submit.services import target_text

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


# --- settling an amendment's effect by hand -------------------------------------------------

MAX_SETTLE_REASON = 1000


def settle(submission: Submission, user: User, edited: str, reason: str) -> AmendmentReading:
    """The CAC edits a copy of the text the amendment amends to what the amendment intends;
    the engine words that edit, and from now on that wording is the amendment's effect (the
    words as written are kept, and shown beside it)."""
    base = _settleable(submission)
    edited = edited.replace("\r\n", "\n").replace("\r", "\n")
    if len(edited) > current_app.config["MAX_TEXT_LENGTH"]:
        raise RuleError(
            f"The edited text is {len(edited):,} characters long; the limit is "
            f"{current_app.config['MAX_TEXT_LENGTH']:,}."
        )
    if len(reason) > MAX_SETTLE_REASON:
        raise RuleError(f"The reason is longer than {MAX_SETTLE_REASON:,} characters.")
    if edited.strip() == base.strip():
        raise RuleError(
            "The copy is the text as it stands: edit it to read as the amendment intends."
        )
    wording = amendments.wording(base, edited)
    try:
        made = apply_amendment(base, wording)
    except AmendmentError as error:  # describe_change words only what apply_amendment reads
        raise RuleError(f"The engine cannot word this edit: {error.message}") from error
    if made.strip() != edited.strip():
        raise RuleError(
            "The engine cannot word this edit so that it gives exactly that text. Make the "
            "change in smaller steps, or correct the amendment's own words instead."
        )
    reading = AmendmentReading(
        version_number=submission.version_number, base_text=base, edited_text=edited,
        wording=wording, reason=reason.strip(), settled_by=user, settled_at=utcnow())
    submission.readings.append(reading)
    record("settled", submission.kind, submission.id, wording)
    return reading


def unsettle(submission: Submission, user: User) -> None:
    """Back to the engine's own reading of the words as written (on the record)."""
    _settleable(submission)
    settled = submission.settled
    if settled is None:
        raise RuleError("The engine's own reading already stands.", status=409)
    submission.readings.append(AmendmentReading(
        version_number=submission.version_number, base_text=settled.base_text,
        edited_text=settled.base_text, wording="", cleared=True, settled_by=user,
        settled_at=utcnow()))
    record("unsettled", submission.kind, submission.id)


def _settleable(submission: Submission) -> str:
    if submission.is_motion:
        raise RuleError("Only an amendment's effect is settled; a motion is its own text.")
    if submission.is_withdrawn:
        raise RuleError("It has been withdrawn; there is nothing to settle.", status=409)
    locks.check_not_voting(submission.heading)
    base = target_text(submission)
    if base is None:
        raise RuleError("The text it amends is no longer there.", status=409)
    return base
