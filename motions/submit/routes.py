from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from compositing import AmendmentError
from compositing.diffs import diff_html
from motions.composites.services import amendable_text, section_at
from motions.extensions import db
from motions.models import Composite, Heading, Role, Submission, SubmissionKind
from motions.security import (
    readable_composite_or_404,
    readable_submission_or_404,
    roles_required,
)
from motions.services import RuleError
from motions.submit import amendments, services
from motions.submit.forms import AmendmentForm, ConfirmForm, MotionForm, WithdrawForm
from motions.views import error_page, form_page, refused

bp = Blueprint("submit", __name__, url_prefix="/submit")

MAX_PREVIEW = 60_000  # characters read from a preview request; the stored limit is checked on save


@bp.get("/mine")
@roles_required(Role.SUBMITTER)
def mine():
    submissions = db.session.execute(
        db.select(Submission).where(
            (Submission.created_by_id == current_user.id)
            | (
                Submission.organisation_id.is_not(None)
                & (Submission.organisation_id == current_user.organisation_id)
            )
        ).order_by(Submission.heading_id, Submission.kind.desc(), Submission.id)
    ).scalars().all()
    return render_template("submit/mine.html", submissions=submissions,
                           can_change=services.can_change, form=ConfirmForm())


@bp.route("/headings/<int:heading_id>/motions/new", methods=["GET", "POST"])
@roles_required(Role.SUBMITTER)
def new_motion(heading_id: int):
    heading = db.get_or_404(Heading, heading_id)
    form = MotionForm()
    if form.validate_on_submit():
        try:
            motion = services.submit(SubmissionKind.MOTION, heading, current_user, form.draft())
        except RuleError as error:
            return refused(error, "submit/motion_form.html", form=form, heading=heading)
        db.session.commit()
        flash(f"Motion {motion.label} submitted. You can change or withdraw it until the "
              "deadline.", "success")
        return redirect(url_for("agenda.submission", submission_id=motion.id))
    return form_page("submit/motion_form.html", form, heading=heading)


@bp.route("/motions/<int:motion_id>/amendments/new", methods=["GET", "POST"])
@roles_required(Role.SUBMITTER)
def new_amendment(motion_id: int):
    motion = _amendable_motion(motion_id)
    form = AmendmentForm()
    if form.validate_on_submit():
        try:
            amendment = services.submit(SubmissionKind.AMENDMENT, motion.heading, current_user,
                                        form.draft(), target=motion)
        except RuleError as error:
            return refused(error, "submit/amendment_form.html", form=form, motion=motion)
        db.session.commit()
        flash(f"Amendment {amendment.label} submitted.", "success")
        _warn_if_unreadable(amendment)
        return redirect(url_for("agenda.submission", submission_id=amendment.id))
    return form_page("submit/amendment_form.html", form, motion=motion)


@bp.route("/composites/<int:composite_id>/sections/<int:s>/amendments/new",
          methods=["GET", "POST"])
@roles_required(Role.SUBMITTER)
def new_composite_amendment(composite_id: int, s: int):
    """An amendment to the common ground of section ``s`` (0-based) of a published composite."""
    composite, section = _composite_section(composite_id, s)
    context = {"composite": composite, "section": section, "s": s,
               "text": amendable_text(section)}
    form = AmendmentForm()
    if form.validate_on_submit():
        try:
            amendment = services.submit(
                SubmissionKind.AMENDMENT, composite.heading, current_user, form.draft(),
                target=services.SectionTarget(composite, section.number))
        except RuleError as error:
            return refused(error, "submit/composite_amendment_form.html", form=form, **context)
        db.session.commit()
        flash(f"{amendment.display_name} submitted. The CAC rules on it; you can change or "
              "withdraw it until the deadline.", "success")
        _warn_if_unreadable(amendment)
        return redirect(url_for("agenda.submission", submission_id=amendment.id))
    return form_page("submit/composite_amendment_form.html", form, **context)


@bp.post("/composites/<int:composite_id>/sections/<int:s>/amendments/preview")
@roles_required(Role.SUBMITTER)
def preview_composite_amendment(composite_id: int, s: int):
    """The section's common ground as the typed instructions would leave it, or why not."""
    _composite, section = _composite_section(composite_id, s)
    result = amendments.effect(amendable_text(section), request.form.get("text", "")[:MAX_PREVIEW])
    return render_template("submit/_preview.html", effect=result)


@bp.post("/composites/<int:composite_id>/sections/<int:s>/amendments/describe")
@roles_required(Role.SUBMITTER)
def describe_composite_amendment(composite_id: int, s: int):
    """Instruction wording generated from an edited copy of the section."""
    _composite, section = _composite_section(composite_id, s)
    edited = request.form.get("edited", "")[:MAX_PREVIEW]
    try:
        return {"instruction": amendments.wording(amendable_text(section), edited)}
    except AmendmentError as error:
        return {"error": error.message}, 422


def _composite_section(composite_id: int, s: int):
    """A published composite the user may read and one of its sections that has common ground;
    404 otherwise (a draft is the CAC's: submitters cannot read it)."""
    composite = readable_composite_or_404(composite_id)
    if not composite.is_published:
        abort(404)
    try:
        section = section_at(composite.content, s)
    except LookupError:
        abort(404)
    if section.common_ground is None:
        abort(404)
    return composite, section


def _section_index(composite: Composite, number: str | None) -> int:
    for s, section in enumerate(composite.content.sections):
        if section.number == number:
            return s
    abort(404, f"Section {number} is no longer in the composite.")


@bp.route("/submissions/<int:submission_id>/edit", methods=["GET", "POST"])
@roles_required(Role.SUBMITTER)
def edit(submission_id: int):
    submission = db.get_or_404(Submission, submission_id)
    if not services.is_owner(submission, current_user):
        abort(403)
    form_class = MotionForm if submission.is_motion else AmendmentForm
    template = "submit/motion_form.html" if submission.is_motion else "submit/amendment_form.html"
    context = {"submission": submission, "heading": submission.heading,
               "motion": submission.target}
    if submission.amends_composite:
        s = _section_index(submission.composite, submission.section)
        section = submission.composite.content.sections[s]
        template = "submit/composite_amendment_form.html"
        context |= {"composite": submission.composite, "section": section, "s": s,
                    "text": amendable_text(section)}
    form = form_class(obj=submission)
    if not form.is_submitted():
        try:
            services.check_may_edit(submission, current_user)
        except RuleError as error:
            return error_page(error, "Cannot be edited")
    if form.validate_on_submit():
        ruled = submission.ruling_label.lower() if submission.ruling != "pending" else None
        try:
            services.edit(submission, current_user, form.draft(), form.version.data or 0)
        except RuleError as error:
            return refused(error, template, form=form, **context)
        db.session.commit()
        flash("Saved as a new version." + (
            f" The CAC had ruled it {ruled}: it now awaits a new ruling, and the CAC sees "
            "what you changed." if ruled else ""), "success")
        _warn_if_unreadable(submission)
        return redirect(url_for("agenda.submission", submission_id=submission.id))
    if not form.is_submitted():
        form.on_behalf.data = "organisation" if submission.organisation_id else "individuals"
    return form_page(template, form, **context)


@bp.route("/submissions/<int:submission_id>/withdraw", methods=["GET", "POST"])
@roles_required(Role.SUBMITTER)
def withdraw(submission_id: int):
    """Withdrawing asks first, saying what it does; only the confirmation's POST withdraws."""
    submission = db.get_or_404(Submission, submission_id)
    form = WithdrawForm()
    if not services.is_owner(submission, current_user):
        abort(403)
    if not form.validate_on_submit() or form.confirmed.data != "yes":
        if form.is_submitted() and form.errors:
            abort(400)
        return render_template("submit/withdraw.html", submission=submission,
                               form=WithdrawForm(formdata=None, confirmed="yes"),
                               refusal=services.why_not_withdraw(submission, current_user))
    try:
        services.withdraw(submission, current_user)
    except RuleError as error:
        return error_page(error, "Not withdrawn")
    db.session.commit()
    flash(f"{submission.display_name} withdrawn.", "success")
    return redirect(url_for("submit.mine"))


@bp.post("/motions/<int:motion_id>/amendments/preview")
@roles_required(Role.SUBMITTER)
def preview(motion_id: int):
    """The motion as the typed instructions would leave it, or the engine's objection."""
    motion = _amendable_motion(motion_id)
    result = amendments.effect(motion.text, request.form.get("text", "")[:MAX_PREVIEW])
    return render_template("submit/_preview.html", effect=result)


@bp.post("/motions/<int:motion_id>/amendments/describe")
@roles_required(Role.SUBMITTER)
def describe(motion_id: int):
    """Instruction wording generated from an edited copy of the motion."""
    motion = _amendable_motion(motion_id)
    edited = request.form.get("edited", "")[:MAX_PREVIEW]
    try:
        return {"instruction": amendments.wording(motion.text, edited)}
    except AmendmentError as error:
        return {"error": error.message}, 422


def _amendable_motion(motion_id: int) -> Submission:
    """A motion, or an amendment to one, the user may read (motions.security: the rule of its
    own page), else 404; the form, its preview and its describe endpoint all show its text."""
    motion = readable_submission_or_404(motion_id)
    if not motion.is_motion and not (motion.target is not None and motion.target.is_motion):
        abort(404)
    return motion


def _warn_if_unreadable(amendment: Submission) -> None:
    if amendment.engine_error:
        flash("Stored exactly as written, but it cannot be applied automatically: "
              f"{amendment.engine_error} The CAC will check it; you can still edit it.",
              "warning")




@bp.get("/submissions/<int:submission_id>/versions")
@roles_required(Role.SUBMITTER, Role.CAC)
def versions(submission_id: int):
    """Every saved version, and a word-level comparison of any two (?a=1&b=3)."""
    submission = db.get_or_404(Submission, submission_id)
    if not (services.is_owner(submission, current_user) or current_user.has_role(Role.CAC)):
        abort(403)
    count = len(submission.versions)
    a = request.args.get("a", default=max(count - 1, 1), type=int)
    b = request.args.get("b", default=count, type=int)
    if not (1 <= a <= count and 1 <= b <= count):
        abort(404, f"There are versions 1 to {count} only.")
    older, newer = submission.versions[a - 1], submission.versions[b - 1]
    return render_template("submit/versions.html", submission=submission, a=a, b=b,
                           older=older, newer=newer, diff=Markup(diff_html(older.text, newer.text)))


@bp.app_template_global()
def may_edit(submission: Submission) -> bool:
    """For the pages that offer 'Edit': its submitter may edit it now (motions.locks)."""
    return current_user.is_authenticated and services.can_edit(submission, current_user)


@bp.app_template_global()
def may_withdraw(submission: Submission) -> bool:
    return current_user.is_authenticated and services.can_withdraw(submission, current_user)
