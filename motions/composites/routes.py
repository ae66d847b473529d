"""Composite screens: the CAC builds, edits, checks and publishes; everyone reads the published.

Every change is a POST that names the version it was made on, is stored as a new version,
commits once and redirects back (post-redirect-get). A refused change re-renders the editor
with the CAC's typing kept and the reason at the top, and stores nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from sqlalchemy.orm.exc import StaleDataError
from wtforms import SelectChoice

import compositing
from motions.composites import services, version_diff
from motions.composites.forms import (
    AmendmentForm,
    ConfirmVersionForm,
    DetailsForm,
    GroupForm,
    ImportForm,
    LeaveOutForm,
    LeaveOutRestForm,
    MotionChoiceForm,
    NewSectionForm,
    PlaceForm,
    ProcedureForm,
    PublishForm,
    SectionForm,
)
from motions.composites.services import GroupInput, OptionInput
from motions.extensions import db
from motions.models import Composite, Heading, IfCarried, IfLost, Role
from motions.security import (
    any_user,
    may_read_composite,
    may_read_submission,
    readable_composite_or_404,
    roles_required,
)
from motions.services import RuleError
from motions.submit import amendments
from motions.views import form_page, refused

bp = Blueprint("composites", __name__, url_prefix="/composites")

MAX_PREVIEW = 60_000


@bp.app_template_global()
def composites_of(heading: Heading, include_drafts: bool = False) -> list[Composite]:
    """For the heading pages: the published composites (and drafts, for the CAC)."""
    if include_drafts:
        return services.all_composites(heading)
    return [c for c in services.published_composites(heading) if may_read_composite(c)]


# --- creating ---------------------------------------------------------------------------------


@bp.route("/headings/<int:heading_id>/new", methods=["GET", "POST"])
@roles_required(Role.CAC)
def new(heading_id: int):
    """Choose motions; the engine proposes a draft composite of them."""
    heading = db.get_or_404(Heading, heading_id)
    form = _with_motion_choices(MotionChoiceForm(), heading)
    if form.validate_on_submit():
        try:
            composite = services.build_draft(heading, form.motions.data or [], current_user,
                                             form.title.data or "")
        except RuleError as error:
            return refused(error, "composites/new.html", form=form, heading=heading)
        db.session.commit()
        flash("Draft composite proposed by the engine: check the common ground and the options, "
              "then account for every clause.", "success")
        return redirect(url_for("composites.edit", composite_id=composite.id))
    return form_page("composites/new.html", form, heading=heading)


@bp.route("/headings/<int:heading_id>/import", methods=["GET", "POST"])
@roles_required(Role.CAC)
def import_text(heading_id: int):
    """Paste a composite published as text (as the LLA 2020 CAC's); it becomes a draft."""
    heading = db.get_or_404(Heading, heading_id)
    form = _with_motion_choices(ImportForm(), heading)
    if form.validate_on_submit():
        try:
            composite = services.import_published(heading, form.text.data or "",
                                                  form.motions.data or [], current_user,
                                                  form.title.data or "")
        except RuleError as error:
            return refused(error, "composites/import.html", form=form, heading=heading)
        db.session.commit()
        flash("Composite imported as a draft. Its sources were found by aligning it with the "
              "motions: check the coverage.", "success")
        return redirect(url_for("composites.edit", composite_id=composite.id))
    return form_page("composites/import.html", form, heading=heading)


def _with_motion_choices(form, heading: Heading):
    form.motions.choices = [
        SelectChoice(m.id, f"{m.label}) {m.title} — {m.submitted_by}")
        for m in services.possible_sources(heading)
    ]
    return form


# --- reading ----------------------------------------------------------------------------------


@bp.get("/<int:composite_id>")
@any_user
def order_paper(composite_id: int):
    """The composite as delegates read it: an order paper with numbered common ground."""
    composite = readable_composite_or_404(composite_id)
    content = services.order_paper_content(composite)
    return render_template("composites/order_paper.html", composite=composite, content=content,
                           amendment_effect=services.amendment_effect,
                           amendable_text=services.amendable_text,
                           may_amend=_may_amend(composite))


def _may_amend(composite: Composite) -> bool:
    """Offer submitters to amend its sections: published, amendments still open."""
    return (composite.is_published and current_user.has_role(Role.SUBMITTER)
            and composite.heading.conference.is_open_for("amendment"))


@bp.get("/<int:composite_id>/edit")
@roles_required(Role.CAC)
def edit(composite_id: int):
    composite = db.get_or_404(Composite, composite_id)
    return _editor(composite)


@bp.get("/<int:composite_id>/evidence")
@roles_required(Role.CAC)
def evidence(composite_id: int):
    """The engine's proposal for these motions: each common point's wordings side by side."""
    composite = db.get_or_404(Composite, composite_id)
    draft = services.proposal(composite)
    names = {services.key_of(m): f"{m.label}) {m.submitted_by}" for m in composite.sources}
    return render_template("composites/evidence.html", composite=composite, draft=draft,
                           names=names, Markup=Markup)


@bp.get("/<int:composite_id>/coverage")
@roles_required(Role.CAC)
def coverage(composite_id: int):
    composite = db.get_or_404(Composite, composite_id)
    return _coverage_page(composite)


@bp.get("/<int:composite_id>/sources")
@any_user
def sources(composite_id: int):
    """Where every clause of the source motions went: the CAC's account, public once published,
    so no submitter's text disappears without a word. A source motion the reader may not read
    (withdrawn, ruled out of order) is left out of it, by the same rule as its own page."""
    composite = readable_composite_or_404(composite_id)
    return _coverage_page(composite, editable=False)


def _coverage_page(composite: Composite, status: int = 200, editable: bool = True,
                   kept=None):
    motions = [m for m in services.coverage_by_motion(composite)
               if may_read_submission(m.motion)]
    return render_template(
        "composites/coverage.html", composite=composite, editable=editable,
        motions=motions, key_of=services.key_of,
        form=LeaveOutForm(formdata=None, **_loaded(composite)),
        rest_form=LeaveOutRestForm(formdata=None, **_loaded(composite)), Markup=Markup,
        Status=compositing.CoverageStatus,
        place_form=PlaceForm(formdata=None, **_loaded(composite)),
        placements=services.placements(composite.content), kept=kept,
    ), status


def _loaded(composite: Composite) -> dict[str, int]:
    """The hidden fields of a form filled from the composite as stored now."""
    return {"version": composite.version, "base": len(composite.versions)}


@bp.get("/<int:composite_id>/versions")
@roles_required(Role.CAC)
def versions(composite_id: int):
    """Every saved version, and any two compared part by part (?a=1&b=3)."""
    composite = db.get_or_404(Composite, composite_id)
    count = len(composite.versions)
    a = request.args.get("a", default=max(count - 1, 1), type=int)
    b = request.args.get("b", default=count, type=int)
    if not (1 <= a <= count and 1 <= b <= count):
        abort(404, f"There are versions 1 to {count} only.")
    older, newer = composite.versions[a - 1], composite.versions[b - 1]
    return render_template("composites/versions.html", composite=composite, a=a, b=b,
                           comparison=version_diff.compare(composite, older, newer))


# --- editing ----------------------------------------------------------------------------------


@dataclass
class Failed:
    """The form the CAC sent that was refused, to show again with their typing."""

    key: str
    form: FlaskForm
    # The version someone saved meanwhile to the same part, shown beside the typing.
    theirs: object = None


@bp.post("/<int:composite_id>/details")
@roles_required(Role.CAC)
def details(composite_id: int):
    composite = db.get_or_404(Composite, composite_id)
    form = DetailsForm()
    return _change(composite, form, "details",
                   lambda content: services.update_details(content, form.title.data or "",
                                                           form.preamble.data or ""),
                   "Title and note edited")


@bp.post("/<int:composite_id>/sections/new")
@roles_required(Role.CAC)
def new_section(composite_id: int):
    composite = db.get_or_404(Composite, composite_id)
    form = NewSectionForm(prefix="new-section")
    number = (form.number.data or "").strip()
    return _change(composite, form, "new-section",
                   lambda content: services.add_section(content, number, form.title.data or ""),
                   f"Section {number} added", anchor=f"section-{number}")


@bp.post("/<int:composite_id>/sections/<int:s>")
@roles_required(Role.CAC)
def section(composite_id: int, s: int):
    composite = db.get_or_404(Composite, composite_id)
    form = SectionForm(prefix=f"s{s}")

    def change(content):
        services.update_section(services.section_at(content, s), form.number.data or "",
                                form.title.data or "", form.common_number.data or "",
                                form.common_text.data or "")

    return _change(composite, form, f"section-{s}", change,
                   f"Section {form.number.data} edited", anchor=f"s{s}")


@bp.post("/<int:composite_id>/sections/<int:s>/remove")
@roles_required(Role.CAC)
def remove_section(composite_id: int, s: int):
    composite = db.get_or_404(Composite, composite_id)
    form = ConfirmVersionForm()
    removed = []
    return _change(composite, form, "", lambda c: removed.append(services.remove_section(c, s)),
                   lambda: f"Section {removed[0].number} removed")


@bp.post("/<int:composite_id>/sections/<int:s>/groups/new")
@roles_required(Role.CAC)
def new_group(composite_id: int, s: int):
    composite = db.get_or_404(Composite, composite_id)
    form = GroupForm(prefix=f"s{s}new")

    def change(content):
        section = services.section_at(content, s)
        section.groups.append(services.group_from_input(_group_input(form)))

    return _change(composite, form, f"new-group-{s}", change,
                   f"Option group {form.number.data} added", anchor=f"s{s}")


@bp.post("/<int:composite_id>/sections/<int:s>/groups/<int:g>")
@roles_required(Role.CAC)
def group(composite_id: int, s: int, g: int):
    composite = db.get_or_404(Composite, composite_id)
    form = GroupForm(prefix=f"s{s}g{g}")

    def change(content):
        section = services.section_at(content, s)
        previous = services.group_at(section, g)
        section.groups[g] = services.group_from_input(_group_input(form), previous)

    return _change(composite, form, f"group-{s}-{g}", change,
                   f"Option group {form.number.data} edited", anchor=f"s{s}g{g}")


@bp.post("/<int:composite_id>/sections/<int:s>/groups/<int:g>/remove")
@roles_required(Role.CAC)
def remove_group(composite_id: int, s: int, g: int):
    composite = db.get_or_404(Composite, composite_id)
    form = ConfirmVersionForm()
    removed = []

    def change(content):
        section = services.section_at(content, s)
        removed.append(services.group_at(section, g))
        section.groups.pop(g)

    return _change(composite, form, "", change,
                   lambda: f"Option group {removed[0].number} removed", anchor=f"s{s}")


@bp.route("/<int:composite_id>/sections/<int:s>/amendments/new", methods=["GET", "POST"])
@roles_required(Role.CAC)
def new_amendment(composite_id: int, s: int):
    """The CAC records an amendment to a section's common ground, with a live preview."""
    composite = db.get_or_404(Composite, composite_id)
    content = composite.content
    section = _section_or_404(content, s)
    form = AmendmentForm()
    if not form.is_submitted():
        form.version.data, form.base.data = composite.version, len(composite.versions)
    if form.validate_on_submit():
        added = []

        def change(content):
            target = services.section_at(content, s)
            added.append((target, services.add_amendment(target, form.mover.data or "",
                                                         form.text.data or "",
                                                         form.supporting_text.data or "")))

        merged = form.version.data != composite.version
        try:
            # Added while someone changed another part: merged; the same section: refused.
            content = services.changed_content(composite, form.version.data, form.base.data,
                                               change)
            target, amendment = added[0]
            services.save(composite, content, current_user, composite.version,
                          f"Amendment from {amendment.mover} to {target.number}",
                          published_ok=True)
            db.session.commit()
        except LookupError:
            abort(404)
        except RuleError as error:
            if isinstance(error, services.EditCollision):
                _rebase(form, composite)  # the typing stays; sending it again adds it
            return refused(error, "composites/amendment_form.html", form=form,
                                 composite=composite, section=section, s=s,
                                 text=services.amendable_text(section))
        effect = services.amendment_effect(services.section_at(composite.content, s),
                                           amendment)
        flash(f"Amendment from {amendment.mover} recorded"
              f"{_merged_note(composite, form.base.data) if merged else ''}.", "success")
        if not effect.ok:
            flash(f"Stored exactly as written, but it cannot be applied automatically: "
                  f"{effect.error}", "warning")
        return redirect(url_for("composites.edit", composite_id=composite.id, _anchor=f"s{s}"))
    return form_page("composites/amendment_form.html", form, composite=composite,
                      section=section, s=s, text=services.amendable_text(section))


@bp.post("/<int:composite_id>/sections/<int:s>/amendments/preview")
@roles_required(Role.CAC)
def preview_amendment(composite_id: int, s: int):
    """The section's common ground as the typed instructions would leave it, or why not."""
    composite = db.get_or_404(Composite, composite_id)
    section = _section_or_404(composite.content, s)
    result = amendments.effect(services.amendable_text(section),
                               request.form.get("text", "")[:MAX_PREVIEW])
    return render_template("submit/_preview.html", effect=result)


@bp.post("/<int:composite_id>/sections/<int:s>/amendments/<int:a>/remove")
@roles_required(Role.CAC)
def remove_amendment(composite_id: int, s: int, a: int):
    composite = db.get_or_404(Composite, composite_id)
    form = ConfirmVersionForm()
    removed = []

    def change(content):
        removed.append(services.remove_amendment(services.section_at(content, s), a))

    return _change(composite, form, "", change,
                   lambda: f"Amendment from {removed[0].mover} removed", anchor=f"s{s}",
                   published_ok=True)


@bp.post("/<int:composite_id>/procedure")
@roles_required(Role.CAC)
def procedure(composite_id: int):
    composite = db.get_or_404(Composite, composite_id)
    form = ProcedureForm(prefix="procedure")
    if not form.validate_on_submit():
        return _refused_editor(composite, RuleError(_errors(form)), Failed("procedure", form))
    merged = form.version.data != composite.version
    try:
        services.set_procedure(composite, current_user, form.version.data, form.text.data or "",
                               IfCarried(form.if_carried.data), IfLost(form.if_lost.data),
                               form.base.data)
        db.session.commit()
    except RuleError as error:
        return _refused_editor(composite, error, Failed("procedure", form))
    flash(f"Procedural motion saved{_merged_note(composite, form.base.data) if merged else ''}.",
          "success")
    return redirect(url_for("composites.edit", composite_id=composite.id, _anchor="procedure"))


# --- coverage ---------------------------------------------------------------------------------


@bp.post("/<int:composite_id>/left-out")
@roles_required(Role.CAC)
def leave_out(composite_id: int):
    composite = db.get_or_404(Composite, composite_id)
    form = LeaveOutForm()
    return _coverage_change(composite, form, lambda content: services.leave_out(
        content, form.motion.data, form.index.data, form.reason.data or ""), "Clause left out")


@bp.post("/<int:composite_id>/left-out/remove")
@roles_required(Role.CAC)
def put_back(composite_id: int):
    composite = db.get_or_404(Composite, composite_id)
    form = LeaveOutForm()
    return _coverage_change(composite, form, lambda content: services.put_back(
        content, form.motion.data, form.index.data), "Reason withdrawn: clause to be placed")


@bp.post("/<int:composite_id>/place")
@roles_required(Role.CAC)
def place(composite_id: int):
    """Put an unaccounted source clause, as worded, into the common ground or a new option."""
    composite = db.get_or_404(Composite, composite_id)
    form = PlaceForm()
    placed = []
    return _coverage_change(
        composite, form,
        lambda content: placed.append(services.place_clause(
            composite, content, form.motion.data, form.index.data, form.target.data)),
        lambda: f"Clause {form.index.data + 1} placed in {placed[0]}")


@bp.post("/<int:composite_id>/left-out/rest")
@roles_required(Role.CAC)
def leave_out_rest(composite_id: int):
    composite = db.get_or_404(Composite, composite_id)
    form = LeaveOutRestForm()
    key = form.motion.data or None
    if key is not None and key not in services.source_texts(composite):
        abort(404)
    counted = []
    return _coverage_change(
        composite, form,
        lambda content: counted.append(services.leave_out_rest(composite, content, key,
                                                               form.reason.data or "")),
        lambda: f"{counted[0]} remaining clauses left out with one reason")


def _coverage_change(composite: Composite, form, change: Callable, note):
    if not form.validate_on_submit():
        return _refused_coverage(composite, RuleError(_errors(form)))
    if isinstance(form, LeaveOutForm | PlaceForm) and not services.clause_exists(
            composite, form.motion.data, form.index.data):
        abort(404)
    merged = form.version.data != composite.version
    try:
        content = services.changed_content(composite, form.version.data, form.base.data,
                                           change)
        text = note() if callable(note) else note
        services.save(composite, content, current_user, composite.version, text)
        db.session.commit()
    except RuleError as error:
        kept = None
        reason = form.reason.data if hasattr(form, "reason") else ""
        if isinstance(error, services.EditCollision) and reason:
            # The reason typed stays on the page, beside theirs, to send again deliberately.
            kept = Kept(form.motion.data or "",
                        form.index.data if hasattr(form, "index") else None, reason)
        return _refused_coverage(composite, error, kept)
    flash(f"{text}{_merged_note(composite, form.base.data) if merged else ''}.", "success")
    anchor = f"m{form.motion.data}" if form.motion.data else None
    return redirect(url_for("composites.coverage", composite_id=composite.id, _anchor=anchor))


@dataclass
class Kept:
    """A reason for leaving out a clause (``index``) or the rest of a motion (None), refused on
    a collision."""

    motion: str
    index: int | None
    reason: str


def _refused_coverage(composite: Composite, error: RuleError, kept: Kept | None = None):
    db.session.rollback()
    flash(error.message, "error")
    return _coverage_page(composite, error.status, kept=kept)


# --- publishing -------------------------------------------------------------------------------


@bp.route("/<int:composite_id>/publish", methods=["GET", "POST"])
@roles_required(Role.CAC)
def publish(composite_id: int):
    """Publishing asks first, saying what delegates will see; only the confirmation's POST
    publishes."""
    composite = db.get_or_404(Composite, composite_id)
    form = PublishForm()
    if request.method == "GET" or form.confirmed.data != "yes":
        return _publish_page(composite)
    if not form.validate_on_submit():
        abort(400)
    try:
        services.publish(composite, current_user, form.version.data, bool(form.as_proposed.data))
        db.session.commit()
    except RuleError as error:
        db.session.rollback()
        flash(error.message, "error")
        return _publish_page(composite, error.status)
    if composite.heading.is_published:
        flash(f"'{composite.title}' is published: delegates can read it on the order paper.",
              "success")
    else:
        flash(f"'{composite.title}' is published: delegates will read it once the heading "
              f"'{composite.heading.title}' is published.", "success")
    return redirect(url_for("composites.order_paper", composite_id=composite.id))


def _publish_page(composite: Composite, status: int = 200):
    try:
        services.check_publishable(composite, as_proposed=True)
        refusal = ""
    except RuleError as error:
        refusal = error.message
    content = services.order_paper_content(composite)
    return render_template(
        "composites/publish.html", composite=composite, content=content, refusal=refusal,
        untouched=services.is_untouched(composite),
        form=PublishForm(formdata=None, version=composite.version, confirmed="yes"),
    ), status


@bp.post("/<int:composite_id>/unpublish")
@roles_required(Role.CAC)
def unpublish(composite_id: int):
    composite = db.get_or_404(Composite, composite_id)
    form = ConfirmVersionForm()
    try:
        services.unpublish(composite, current_user, form.version.data)
        db.session.commit()
    except RuleError as error:
        return _refused_editor(composite, error)
    flash(f"'{composite.title}' is back to draft: delegates no longer see it.", "success")
    return redirect(url_for("composites.edit", composite_id=composite.id))


# --- helpers ----------------------------------------------------------------------------------


def _change(composite: Composite, form, failed_key: str, change: Callable, note,
            anchor: str | None = None, published_ok: bool = False):
    """Validate ``form``, apply ``change`` to the content, save it as a new version."""
    if not form.validate_on_submit():
        return _refused_editor(composite, RuleError(_errors(form)), Failed(failed_key, form))
    merged = form.version.data != composite.version
    try:
        if not published_ok:
            services.check_draft(composite)
        content = services.changed_content(composite, form.version.data, form.base.data,
                                           change)
        text = note() if callable(note) else note
        services.save(composite, content, current_user, composite.version, text,
                      published_ok=published_ok)
        db.session.commit()
    except LookupError:
        abort(404)
    except RuleError as error:
        return _refused_editor(composite, error, Failed(failed_key, form))
    flash(f"{text}: saved as version {len(composite.versions)}"
          f"{_merged_note(composite, form.base.data) if merged else ''}.", "success")
    return redirect(url_for("composites.edit", composite_id=composite.id, _anchor=anchor))


@bp.errorhandler(StaleDataError)
def _raced(error):
    """Two saves of one version checked at the same moment: the later write finds the row's
    version moved on and stores nothing; it is refused like any stale save."""
    db.session.rollback()
    return render_template(
        "errors/error.html", code=409, title="Changed meanwhile",
        message="Someone saved this composite at the same moment. Your changes were not saved: "
                "reload, look at the composite as it is now, and make your changes again.",
    ), 409


def _errors(form) -> str:
    messages = []
    for name, errors in form.errors.items():
        for error in errors:
            messages.append(f"{name}: {error}")
    return "; ".join(messages) or "Invalid input."


def _group_input(form: GroupForm) -> GroupInput:
    return GroupInput(
        number=form.number.data or "", title=form.title.data or "", kind=form.kind.data or "",
        intro=form.intro.data or "", condition_group=form.condition_group.data or "",
        condition_options=form.condition_options.data or "",
        options=[_option_input(entry.form) for entry in form.options],
    )


def _option_input(form) -> OptionInput:
    origin = form.origin.data
    return OptionInput(
        label=form.label.data or "", text=form.text.data or "",
        attribution=form.attribution.data or "",
        origin=int(origin) if origin and origin.isdigit() else None,
        remove=bool(form.remove.data),
        sub_options=[_option_input(entry.form) for entry in getattr(form, "sub_options", [])],
    )


def _section_or_404(content: compositing.Composite, s: int) -> compositing.CompositeSection:
    try:
        return services.section_at(content, s)
    except LookupError:
        abort(404)


def _editor(composite: Composite, failed: Failed | None = None, status: int = 200):
    """The editor page: a form per part of the composite, prefilled from the stored version."""
    content = composite.content
    version = composite.version
    forms: dict[str, object] = {
        "details": DetailsForm(formdata=None, prefix="", title=content.title,
                               preamble=content.preamble, version=version),
        "new-section": NewSectionForm(formdata=None, prefix="new-section", version=version,
                                      number=str(len(content.sections) + 1)),
        "procedure": ProcedureForm(formdata=None, prefix="procedure", version=version,
                                   text=composite.procedural_motion,
                                   if_carried=composite.if_carried, if_lost=composite.if_lost),
    }
    for s, section in enumerate(content.sections):
        common = section.common_ground
        forms[f"section-{s}"] = SectionForm(
            formdata=None, prefix=f"s{s}", version=version, number=section.number,
            title=section.title, common_number=common.number if common else f"{section.number}.1",
            common_text=common.text if common else "",
        )
        for g, group in enumerate(section.groups):
            forms[f"group-{s}-{g}"] = _group_form(f"s{s}g{g}", services.group_to_input(group),
                                                  version)
        blank = GroupInput(services.next_group_number(section), "Differences",
                           compositing.GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER.value)
        forms[f"new-group-{s}"] = _group_form(f"s{s}new", blank, version, blanks=2)
    for form in forms.values():
        form.base.data = len(composite.versions)
    if failed is not None and failed.key:
        forms[failed.key] = failed.form
    by_motion = services.coverage_by_motion(composite, content)
    return render_template(
        "composites/edit.html", composite=composite, content=content, forms=forms,
        confirm=ConfirmVersionForm(formdata=None, version=version,
                                   base=len(composite.versions)),
        amendment_effect=services.amendment_effect, amendable_text=services.amendable_text,
        problems=content.problems(),
        unaccounted=sum(len(m.unaccounted) for m in by_motion), by_motion=by_motion,
        failed=failed,
    ), status


def _group_form(prefix: str, typed: GroupInput, version: int, blanks: int = 1) -> GroupForm:
    form = GroupForm(
        formdata=None, prefix=prefix, version=version, number=typed.number, title=typed.title,
        kind=typed.kind, intro=typed.intro, condition_group=typed.condition_group,
        condition_options=typed.condition_options,
        options=[_option_data(option) for option in typed.options],
    )
    for _ in range(blanks):  # empty rows to add options; left blank, they are ignored
        form.options.append_entry()
    return form


def _option_data(option: OptionInput) -> dict:
    return {"origin": "" if option.origin is None else str(option.origin),
            "label": option.label, "text": option.text, "attribution": option.attribution,
            "sub_options": [_option_data(sub) for sub in option.sub_options]}


def _merged_note(composite: Composite, base: int | None) -> str:
    """After a change merged into versions saved meanwhile: which, and whose they were."""
    meanwhile = composite.versions[(base or len(composite.versions) - 1):-1]
    if not meanwhile:
        return ""  # only published and returned to draft meanwhile: nothing to merge
    if len(meanwhile) == 1:
        which = f"version {meanwhile[0].number}, which"
    else:
        which = f"versions {meanwhile[0].number} to {meanwhile[-1].number}, which"
    names = sorted({version.created_by.name for version in meanwhile})
    return (f", merged with {which} {' and '.join(names)} saved meanwhile with changes to "
            "other parts")


def _refused_editor(composite: Composite, error: RuleError, failed: Failed | None = None):
    db.session.rollback()
    if isinstance(error, services.EditCollision) and failed is not None:
        # The typing stays in its form, beside their version; saving again replaces theirs.
        failed.theirs = error.last
        _rebase(failed.form, composite)
    elif error.status == 409:
        failed = None  # stale: show what is stored now, not the typing made on an older version
    flash(error.message, "error")
    return _editor(composite, failed, error.status)


def _rebase(form, composite: Composite) -> None:
    """Point a refused form at the version now stored (its hidden fields send raw data)."""
    for name, value in (("version", composite.version), ("base", len(composite.versions))):
        getattr(form, name).data = value
        getattr(form, name).raw_data = [str(value)]
