from dataclasses import dataclass

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from motions import live
from motions.extensions import db
from motions.models import Heading, Role
from motions.security import (
    any_user,
    readable_heading_or_404,
    readable_order_paper_or_404,
    roles_required,
)
from motions.services import RuleError
from motions.submit.forms import ConfirmForm
from motions.voting import services

bp = Blueprint("voting", __name__, url_prefix="/voting")


@bp.get("/headings/<int:heading_id>")
@roles_required(Role.CHAIR, Role.TELLER)
def console(heading_id: int):
    return _console_page(readable_heading_or_404(heading_id))


@bp.post("/headings/<int:heading_id>/start")
@roles_required(Role.CHAIR)
def start(heading_id: int):
    heading = readable_heading_or_404(heading_id)
    _check_csrf()
    try:
        services.start(heading, current_user)
    except RuleError as error:
        return _refused(heading, error)
    db.session.commit()
    flash("Voting has started: the first item is on screen.", "success")
    return redirect(url_for("voting.console", heading_id=heading.id))


@bp.post("/headings/<int:heading_id>/<any(count, declare, correct, withdraw, remit):step>")
@roles_required(Role.CHAIR, Role.TELLER)
def act(heading_id: int, step: str):
    heading = readable_heading_or_404(heading_id)
    _check_csrf()
    if step != "count" and not current_user.has_role(Role.CHAIR):
        abort(403, "Only the chair declares, corrects, withdraws or remits.")
    voting = services.session_for(heading) or abort(404)
    state = services.live(voting)
    seen = request.form.get("version", type=int, default=-1)
    try:
        message = _do(step, state, seen)
    except RuleError as error:
        # What was typed goes back into the form it came from, to send again after a look.
        return _refused(heading, error, kept=Kept(step, request.form))
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("voting.console", heading_id=heading.id))


def _do(step: str, state: services.Live, seen: int) -> str:
    form = request.form
    delegations = state.voting.heading.conference.organisations
    if step == "count":
        item = state.current
        if item is None:
            raise RuleError("Voting on this heading is finished.", status=409)
        votes, entitled = services.votes_from_form(item, form, delegations)
        outcome = services.enter_count(state, current_user, votes, entitled, seen)
        return f"Count entered: {outcome.explanation}. Declare it when the chair is satisfied."
    if step == "declare":
        services.declare(state, current_user, form.get("casting_vote"), seen)
        return "Result declared."
    if step == "correct":
        item = state.engine.correctable()
        if item is None:
            raise RuleError("There is no declared result that can still be corrected.", 409)
        votes, _ = services.votes_from_form(item, form, delegations)
        services.correct(state, current_user, votes, form.get("reason", ""),
                         form.get("casting_vote") or None, seen)
        return "Result corrected; the original declaration is kept beside it."
    services.close_without_vote(state, current_user, step, form.get("why", ""), seen)
    return "Withdrawn." if step == "withdraw" else "Remitted."


@bp.get("/headings/<int:heading_id>/screen")
@any_user
def screen(heading_id: int):
    """The projector's view, and the delegates' 'now voting on'."""
    heading = readable_order_paper_or_404(heading_id)
    voting = services.session_for(heading)
    state = services.live(voting) if voting else None
    return render_template("voting/screen.html", heading=heading, state=state,
                           label=services.choice_label)


@bp.get("/headings/<int:heading_id>/version")
@any_user
def version(heading_id: int):
    """A cheap number that changes whenever anything is recorded (for browsers without SSE)."""
    heading = readable_order_paper_or_404(heading_id)
    return jsonify(version=services.version_of(heading))


@bp.get("/headings/<int:heading_id>/events")
@any_user
def events(heading_id: int):
    """Server-Sent Events: the version number, pushed whenever the vote changes."""
    heading = readable_order_paper_or_404(heading_id)
    heading_key = heading.id

    def current() -> int:
        return services.version_of(db.session.get(Heading, heading_key))

    return Response(stream_with_context(live.stream(services.topic(heading), current)),
                    mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@bp.get("/headings/<int:heading_id>/record")
@any_user
def record(heading_id: int):
    heading = readable_order_paper_or_404(heading_id)
    voting = services.session_for(heading) or abort(404, "Voting on this heading has not begun.")
    return render_template("voting/record.html", heading=heading, state=services.live(voting))


def _check_csrf() -> None:
    if not ConfirmForm().validate_on_submit():
        abort(400)


@dataclass(frozen=True)
class Kept:
    """A refused form's input, shown again in the form of the same step."""

    step: str
    values: MultiDict

    def get(self, step: str, name: str, default: str = "") -> str:
        return self.values.get(name, default) if step == self.step else default


NOTHING_KEPT = Kept("", MultiDict())


def _refused(heading: Heading, error: RuleError, kept: Kept = NOTHING_KEPT):
    db.session.rollback()
    flash(error.message, "error")
    return _console_page(heading, error.status, kept)


def _console_page(heading: Heading, status: int = 200, kept: Kept = NOTHING_KEPT):
    """Before voting, the start page (with amendments that would fall); then the console."""
    voting = services.session_for(heading)
    if voting is None:
        return render_template("voting/start.html", heading=heading, form=ConfirmForm(),
                               problems=services.problems(heading)), status
    return render_template("voting/console.html", heading=heading, state=services.live(voting),
                           form=ConfirmForm(), label=services.choice_label, kept=kept,
                           max_reason=services.MAX_REASON), status
