"""Who may do and read what: role checks for routes, and the one read rule for headings,
submissions and composites that every screen, preview, document and event stream uses."""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from motions.extensions import db
from motions.models import Composite, Heading, Role, Submission


def roles_required(*roles: Role):
    """Logged in with one of `roles` (admins always pass); otherwise 401/403."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorate


any_user = login_required

# Before a heading is published its title and description are the call for motions: submitters
# need them to submit, the CAC and the officers preparing the vote to do their work. Delegates
# see nothing of it until the CAC publishes it.
SEE_UNPUBLISHED_HEADINGS = (Role.CAC, Role.SUBMITTER, Role.CHAIR, Role.TELLER)


def sees_everything() -> bool:
    """The CAC (and the admin) read every submission and draft, in any state."""
    return current_user.has_role(Role.CAC)


def may_read_heading(heading: Heading) -> bool:
    return heading.is_published or current_user.has_role(*SEE_UNPUBLISHED_HEADINGS)


def may_read_order_paper(heading: Heading) -> bool:
    """The heading's order paper (screen, print, vote): public once published; before that it
    is the CAC's draft."""
    return heading.is_published or sees_everything()


def is_public(submission: Submission) -> bool:
    """On the published agenda: not withdrawn, ruled in order, under a published heading, and
    what it amends is public too (a motion, or a published composite)."""
    if submission.is_withdrawn or not submission.is_in_order:
        return False
    if submission.amends_composite:
        return is_public_composite(submission.composite)
    if not submission.heading.is_published:
        return False
    return submission.is_motion or (submission.target is not None
                                    and is_public(submission.target))


def may_read_submission(submission: Submission) -> bool:
    """The one rule for a submission's text: the CAC, its own submitters, or anyone once it is
    public."""
    from motions.submit.services import is_owner  # the ownership rule lives with submitting

    return sees_everything() or is_owner(submission, current_user) or is_public(submission)


def is_public_composite(composite: Composite) -> bool:
    return composite.is_published and composite.heading.is_published


def may_read_composite(composite: Composite) -> bool:
    """Drafts are the CAC's; a published composite is read once its heading is published."""
    return sees_everything() or is_public_composite(composite)


def readable_heading_or_404(heading_id: int) -> Heading:
    heading = db.get_or_404(Heading, heading_id)
    if not may_read_heading(heading):
        abort(404)
    return heading


def readable_order_paper_or_404(heading_id: int) -> Heading:
    heading = db.get_or_404(Heading, heading_id)
    if not may_read_order_paper(heading):
        abort(404)
    return heading


def readable_submission_or_404(submission_id: int) -> Submission:
    """404, not 403, for one the user may not read: its existence is not theirs to learn."""
    submission = db.get_or_404(Submission, submission_id)
    if not may_read_submission(submission):
        abort(404)
    return submission


def readable_composite_or_404(composite_id: int) -> Composite:
    composite = db.get_or_404(Composite, composite_id)
    if not may_read_composite(composite):
        abort(404)
    return composite
