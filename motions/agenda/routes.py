from flask import Blueprint, render_template
from flask_login import current_user

from motions.agenda import services
from motions.security import (
    any_user,
    is_public,
    readable_heading_or_404,
    readable_submission_or_404,
)
from motions.submit import amendments
from motions.submit.forms import ConfirmForm
from motions.submit.services import (
    amendable_motions,
    amendable_targets,
    can_change,
    effect_of,
)
from motions.voting import services as voting_services

bp = Blueprint("agenda", __name__)


@bp.get("/")
@any_user
def index():
    conference = services.current_conference()
    return render_template("agenda/index.html", conference=conference,
                           headings=services.readable_headings(conference))


@bp.get("/headings/<int:heading_id>")
@any_user
def heading(heading_id: int):
    heading = readable_heading_or_404(heading_id)
    motions = services.readable_motions(heading)
    voting = voting_services.session_for(heading)
    return render_template(
        "agenda/heading.html", heading=heading, motions=motions,
        amendments_of=services.readable_amendments,
        amendable=set(amendable_motions(heading)),
        now_voting=voting_services.live(voting).current if voting else None,
    )


@bp.get("/submissions/<int:submission_id>")
@any_user
def submission(submission_id: int):
    item = readable_submission_or_404(submission_id)
    shown = services.readable_amendments(item)
    return render_template(
        "agenda/submission.html", item=item, amendments=shown,
        effects={a.id: amendments.effect(item.text, a.instruction) for a in shown},
        may_amend=item in amendable_targets(item.heading),
        in_order=amendments.if_all_carried(item.text, shown) if item.is_motion else None,
        own_effect=None if item.is_motion else effect_of(item),
        can_change=can_change(item, current_user), form=ConfirmForm(),
        is_public=is_public(item),
    )
