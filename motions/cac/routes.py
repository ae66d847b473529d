from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from motions import locks
from motions.cac import services
from motions.cac.forms import CorrectionForm, RulingForm, SettleForm, UnsettleForm
from motions.extensions import db
from motions.models import Heading, Role, Ruling, Submission
from motions.security import roles_required
from motions.services import RuleError
from motions.submit import services as submit_services
from motions.submit.forms import ConfirmForm
from motions.submit.services import effect_of
from motions.views import form_page, refused

bp = Blueprint("cac", __name__, url_prefix="/cac")


@bp.get("/headings/<int:heading_id>")
@roles_required(Role.CAC)
def heading(heading_id: int):
    heading = db.get_or_404(Heading, heading_id)
    return _page(heading)


@bp.post("/submissions/<int:submission_id>/rule")
@roles_required(Role.CAC)
def rule(submission_id: int):
    submission = db.get_or_404(Submission, submission_id)
    form = RulingForm()
    if not form.validate_on_submit():
        message = "; ".join(e for errors in form.errors.values() for e in errors)
        return _refused(submission.heading, RuleError(message or "Invalid ruling."))
    try:
        services.rule(submission, current_user, Ruling(form.ruling.data), form.reason.data,
                      form.detail.data or "")
    except RuleError as error:
        return _refused(submission.heading, error)
    db.session.commit()
    flash(f"{submission.display_name}: ruled {submission.ruling_label.lower()}.", "success")
    return redirect(url_for("cac.heading", heading_id=submission.heading_id,
                            _anchor=f"s{submission.id}"))


@bp.route("/submissions/<int:submission_id>/correct", methods=["GET", "POST"])
@roles_required(Role.CAC)
def correct(submission_id: int):
    """The CAC corrects a submission's text (e.g. once published, when its submitter no longer
    can): a new version, with the reason, by the CAC member."""
    submission = db.get_or_404(Submission, submission_id)
    form = CorrectionForm(obj=submission)
    context = {"submission": submission, "voting": locks.voting_started(submission.heading)}
    if form.validate_on_submit():
        try:
            submit_services.correct(submission, current_user, form.draft(submission),
                                    form.reason.data or "", form.version.data or 0)
        except RuleError as error:
            return refused(error, "cac/correct.html", form=form, **context)
        db.session.commit()
        flash(f"{submission.display_name} corrected: version {submission.version_number}, "
              "with the CAC's reason.", "success")
        return redirect(url_for("cac.heading", heading_id=submission.heading_id,
                                _anchor=f"s{submission.id}"))
    if not form.is_submitted():
        form.reason.data = ""
    return form_page("cac/correct.html", form, **context)


@bp.route("/submissions/<int:submission_id>/settle", methods=["GET", "POST"])
@roles_required(Role.CAC)
def settle(submission_id: int):
    """The CAC settles what an amendment does by editing a copy of the text it amends: for
    an amendment the engine cannot read, or reads otherwise than its submitter meant."""
    submission = db.get_or_404(Submission, submission_id)
    if submission.is_motion:
        abort(404)
    form = SettleForm()
    base = submit_services.target_text(submission)
    context = {
        "submission": submission,
        "base": base,
        "voting": locks.voting_started(submission.heading),
        "effect": effect_of(submission),
        "unsettle_form": UnsettleForm(),
    }
    if request.method == "GET":
        form.text.data = _starting_copy(submission, base, context["effect"])
    if form.validate_on_submit():
        try:
            reading = services.settle(submission, current_user, form.text.data or "",
                                      form.reason.data or "")
        except RuleError as error:
            return refused(error, "cac/settle.html", form=form, **context)
        db.session.commit()
        flash(f"{submission.display_name}: its effect is settled as “{reading.wording}”.",
              "success")
        return redirect(url_for("cac.heading", heading_id=submission.heading_id,
                                _anchor=f"s{submission.id}"))
    return form_page("cac/settle.html", form, **context)


@bp.post("/submissions/<int:submission_id>/unsettle")
@roles_required(Role.CAC)
def unsettle(submission_id: int):
    submission = db.get_or_404(Submission, submission_id)
    if submission.is_motion or not UnsettleForm().validate_on_submit():
        abort(400)
    try:
        services.unsettle(submission, current_user)
    except RuleError as error:
        return _refused(submission.heading, error)
    db.session.commit()
    flash(f"{submission.display_name}: the engine's own reading of its words stands again.",
          "success")
    return redirect(url_for("cac.heading", heading_id=submission.heading_id,
                            _anchor=f"s{submission.id}"))


def _starting_copy(submission: Submission, base: str | None, effect) -> str:
    """The copy the CAC starts from: the settled text, else the engine's result, else the
    text as it stands."""
    if submission.settled is not None:
        return submission.settled.edited_text
    if effect.ok:
        return effect.amended
    return base or ""


@bp.post("/headings/<int:heading_id>/publish")
@roles_required(Role.CAC)
def publish(heading_id: int):
    heading = db.get_or_404(Heading, heading_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        services.publish(heading, current_user)
    except RuleError as error:
        return _refused(heading, error)
    db.session.commit()
    flash(f"'{heading.title}' is published: delegates can read it now.", "success")
    return redirect(url_for("cac.heading", heading_id=heading.id))


def _refused(heading: Heading, error: RuleError):
    db.session.rollback()
    flash(error.message, "error")
    return _page(heading, error.status)


def _page(heading: Heading, status: int = 200):
    """Every motion and amendment of the heading with its ruling form, motions' amendments
    under their motion, amendments to its composites under each composite."""
    return render_template("cac/heading.html", heading=heading, ruling_form=RulingForm(),
                           form=ConfirmForm(), effect_of=effect_of,
                           changes_since_ruling=services.changes_since_ruling,
                           voting=locks.voting_started(heading)), status
