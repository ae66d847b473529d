from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_login import current_user
from wtforms import SelectChoice

from motions.admin import imports, services
from motions.admin.forms import (
    ConferenceForm,
    ConfirmImportForm,
    HeadingForm,
    ImportForm,
    NewPasswordsForm,
    OrganisationForm,
    PasswordsForm,
    UserForm,
)
from motions.extensions import db
from motions.models import AuditEvent, Conference, Heading, Organisation, Role, User
from motions.models.conference import OrganisationKind
from motions.security import roles_required
from motions.services import RuleError
from motions.submit.forms import ConfirmForm
from motions.views import error_page, form_page, refused

bp = Blueprint("admin", __name__, url_prefix="/admin")

CONFERENCE_FIELDS = (
    "name", "starts_on", "ends_on", "timezone", "motions_deadline", "amendments_deadline",
    "motions_per_submitter", "amendments_per_submitter", "min_individual_submitters",
    "voting_rule", "card_votes",
)


@bp.get("/")
@roles_required(Role.ADMIN)
def index():
    conferences = db.session.execute(db.select(Conference).order_by(Conference.id)).scalars()
    return render_template("admin/index.html", conferences=list(conferences))


@bp.route("/conferences/new", methods=["GET", "POST"])
@bp.route("/conferences/<int:conference_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def conference(conference_id: int | None = None):
    item = db.get_or_404(Conference, conference_id) if conference_id else Conference()
    form = ConferenceForm()
    if not form.is_submitted() and conference_id:
        _fill_conference_form(form, item)
    if form.validate_on_submit():
        data = {name: getattr(form, name).data for name in CONFERENCE_FIELDS}
        try:
            services.save_conference(item, data, form.bands.data or "")
        except RuleError as error:
            return refused(error, "admin/conference.html", form=form, conference=item,
                           heading_form=HeadingForm(), confirm=ConfirmForm())
        db.session.commit()
        flash("Conference saved.", "success")
        return redirect(url_for("admin.conference", conference_id=item.id))
    return form_page("admin/conference.html", form, conference=item, heading_form=HeadingForm(),
                 confirm=ConfirmForm())


@bp.post("/conferences/<int:conference_id>/headings")
@roles_required(Role.ADMIN)
def add_heading(conference_id: int):
    item = db.get_or_404(Conference, conference_id)
    form = HeadingForm()
    if not form.validate_on_submit():
        flash("A heading needs a title of at most 200 characters.", "error")
        return redirect(url_for("admin.conference", conference_id=item.id)), 303
    services.add_heading(item, form.title.data, form.description.data or "")
    db.session.commit()
    flash(f"Heading '{form.title.data}' added.", "success")
    return redirect(url_for("admin.conference", conference_id=item.id))


@bp.route("/headings/<int:heading_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def heading(heading_id: int):
    """Rename a heading or change its description."""
    item = db.get_or_404(Heading, heading_id)
    form = HeadingForm(obj=item)
    if form.validate_on_submit():
        services.rename_heading(item, form.title.data, form.description.data or "")
        db.session.commit()
        flash(f"Heading '{item.title}' saved.", "success")
        return redirect(url_for("admin.conference", conference_id=item.conference_id))
    return form_page("admin/heading.html", form, heading=item)


@bp.post("/headings/<int:heading_id>/<any(up, down, delete):action>")
@roles_required(Role.ADMIN)
def change_heading(heading_id: int, action: str):
    heading = db.get_or_404(Heading, heading_id)
    conference_id = heading.conference_id
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        if action == "delete":
            services.delete_heading(heading)
        else:
            services.move_heading(heading, -1 if action == "up" else 1)
    except RuleError as error:
        return error_page(error, "Not changed")
    db.session.commit()
    return redirect(url_for("admin.conference", conference_id=conference_id))


@bp.get("/conferences/<int:conference_id>/organisations")
@roles_required(Role.ADMIN)
def organisations(conference_id: int):
    item = db.get_or_404(Conference, conference_id)
    return render_template("admin/organisations.html", conference=item, form=OrganisationForm())


@bp.route("/conferences/<int:conference_id>/organisations/new", methods=["POST"])
@bp.route("/organisations/<int:organisation_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def organisation(conference_id: int | None = None, organisation_id: int | None = None):
    item = db.get_or_404(Organisation, organisation_id) if organisation_id else None
    conference = item.conference if item else db.get_or_404(Conference, conference_id)
    form = OrganisationForm(obj=item)
    if form.validate_on_submit():
        target = item or Organisation(conference=conference)
        try:
            services.save_organisation(target, form.name.data, form.kind.data,
                                       form.membership.data)
        except RuleError as error:
            return refused(error, "admin/organisation.html", form=form, organisation=item)
        item = target
        db.session.commit()
        flash(f"{item.name} saved: entitled to {item.delegate_entitlement} delegate(s).",
              "success")
        return redirect(url_for("admin.organisations", conference_id=conference.id))
    if item is None:
        return render_template("admin/organisations.html", conference=conference,
                               form=form), 422
    return form_page("admin/organisation.html", form, organisation=item)


@bp.get("/users")
@roles_required(Role.ADMIN)
def users():
    rows = db.session.execute(db.select(User).order_by(User.name)).scalars()
    conferences = db.session.execute(db.select(Conference).order_by(Conference.id)).scalars()
    return render_template("admin/users.html", users=list(rows), conferences=list(conferences))


@bp.route("/users/new", methods=["GET", "POST"])
@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def user(user_id: int | None = None):
    item = db.get_or_404(User, user_id) if user_id else User(roles_text="")
    form = UserForm(obj=item if user_id else None)
    form.organisation_id.choices = [SelectChoice(0, "— none —")] + [
        SelectChoice(o.id, o.name) for o in db.session.execute(
            db.select(Organisation).order_by(Organisation.name)).scalars()
    ]
    if not form.is_submitted():
        form.roles.data = [r.value for r in item.roles] if user_id else []
        form.organisation_id.data = item.organisation_id or 0
    if form.validate_on_submit():
        try:
            services.save_user(item, form.name.data, form.email.data, form.roles.data,
                               form.organisation_id.data, form.password.data)
        except RuleError as error:
            return refused(error, "admin/user.html", form=form, user=item)
        db.session.commit()
        flash(f"Account {item.email} saved.", "success")
        return redirect(url_for("admin.users"))
    return form_page("admin/user.html", form, user=item)


IMPORT_PAGE = {"kinds": list(OrganisationKind), "roles": list(Role),
               "max_kb": imports.MAX_BYTES // 1024}
PLANNERS = {
    "organisations": lambda conference, text: imports.plan_organisations(conference, text),
    "accounts": lambda conference, text: imports.plan_accounts(conference, text, current_user),
}


@bp.route("/conferences/<int:conference_id>/<any(organisations, accounts):what>/import",
          methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def import_csv(conference_id: int, what: str):
    """Upload or paste a CSV: the preview says what each row would do; nothing is stored."""
    conference = db.get_or_404(Conference, conference_id)
    form = ImportForm()
    if not form.validate_on_submit():
        return form_page("admin/import.html", form, conference=conference, what=what, plan=None,
                         **IMPORT_PAGE)
    upload = form.file.data
    try:
        text = imports.read_upload(upload.read(imports.MAX_BYTES + 1) if upload else None,
                                   form.text.data)
        plan = PLANNERS[what](conference, text)
    except RuleError as error:
        return refused(error, "admin/import.html", form=form, conference=conference, what=what,
                       plan=None, **IMPORT_PAGE)
    source = f"'{upload.filename}'" if upload and upload.filename else "pasted text"
    return _preview(conference, what, form, plan, text, source)


def _preview(conference: Conference, what: str, form: ImportForm, plan: imports.Plan, text: str,
             source: str, status: int | None = None):
    confirm = None
    if not plan.errors:
        confirm = ConfirmImportForm(formdata=None, token=imports.sign_preview(
            what, conference, current_user, text, source, plan))
    page = render_template("admin/import.html", form=form, conference=conference, what=what,
                           plan=plan, confirm=confirm, source=source, **IMPORT_PAGE)
    return page, status or (422 if plan.errors else 200)


@bp.post("/conferences/<int:conference_id>/<any(organisations, accounts):what>/import/confirm")
@roles_required(Role.ADMIN)
def confirm_import(conference_id: int, what: str):
    """Store exactly the previewed rows: the signed text is read and planned again."""
    conference = db.get_or_404(Conference, conference_id)
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        preview = imports.open_preview(what, conference, current_user, form.token.data)
    except RuleError as error:
        return error_page(error, "Not imported")
    text, source = preview["text"], preview["source"]
    # The same preview confirmed twice at once (a double click): the second waits here for the
    # first, then finds it done.
    db.session.execute(db.select(Conference.id).where(Conference.id == conference.id)
                       .with_for_update())
    done = imports.done_import(what, conference, preview)
    if done is not None:  # confirmed again: the passwords page reloaded, or sent twice
        return _already_imported(conference, what, source, done)
    plan = PLANNERS[what](conference, text)
    if plan.errors or plan.digest != preview["plan"]:
        flash("Nothing was imported: the data changed since your preview. Here is the preview "
              "as things stand now; check it and confirm again.", "error")
        return _preview(conference, what, ImportForm(formdata=None), plan, text, source, 409)
    try:
        if what == "organisations":
            summary = imports.apply_organisations(conference, plan, source, preview.get("id"))
        else:
            issued, summary = imports.apply_accounts(conference, plan, source,
                                                     preview.get("id"))
    except RuleError as error:
        return error_page(error, "Not imported")
    db.session.commit()
    if what == "organisations":
        flash(f"Organisations imported from {source}: {summary}.", "success")
        return redirect(url_for("admin.organisations", conference_id=conference.id), 303)
    return _new_passwords_page(conference, issued, f"Accounts imported from {source}: "
                                                   f"{summary}.")


def _new_passwords_page(conference: Conference, issued: list[dict], done: str):
    # The new passwords are shown on this page only: it is not kept by browsers or proxies.
    response = make_response(render_template(
        "admin/import_done.html", conference=conference, issued=issued, done=done,
        download=PasswordsForm(formdata=None, token=imports.sign_passwords(issued))))
    response.headers["Cache-Control"] = "no-store"
    return response


def _already_imported(conference: Conference, what: str, source: str | None,
                      done: imports.DoneImport,
                      reset=None, status: int = 200):
    """Said instead of "the data changed": this very preview was imported, when and by whom;
    the passwords it issued were shown once, so new ones are offered for its accounts."""
    when = done.event.at.astimezone(conference.zone)
    by = done.event.user.name if done.event.user else "someone"
    if what == "organisations":
        flash(f"This import was already done, {when:%d %B at %H:%M} by {by}: nothing was "
              "imported again.", "info")
        return redirect(url_for("admin.organisations", conference_id=conference.id), 303)
    form = NewPasswordsForm(formdata=None, token=imports.sign_reset(conference, current_user,
                                                                    done))
    in_use = {user.id for user in done.created
              if imports.logged_in_since(user, done.event.at)}
    form.accounts.choices = [SelectChoice(user.id, f"{user.name} <{user.email}>")
                             for user in done.created]
    form.accounts.data = [user.id for user in done.created if user.id not in in_use]
    response = make_response(render_template(
        "admin/import_again.html", conference=conference, done=done, when=when, by=by,
        source=source, form=form, in_use=in_use, reset=reset), status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/conferences/<int:conference_id>/accounts/import/new-passwords")
@roles_required(Role.ADMIN)
def new_passwords(conference_id: int):
    """New passwords for the accounts an import created, offered when its page was reloaded."""
    conference = db.get_or_404(Conference, conference_id)
    form = NewPasswordsForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        offer = imports.open_reset(conference, current_user, form.token.data)
    except RuleError as error:
        return error_page(error, "No new passwords")
    event = db.session.get(AuditEvent, offer["event"]) or abort(404)
    done = imports.DoneImport(event, [user for user in (db.session.get(User, i)
                                                        for i in offer["users"]) if user])
    reset = imports.done_reset(conference, offer["id"])
    if reset is not None:  # this offer was taken already: its page reloaded
        return _already_imported(conference, "accounts", None, done, reset)
    chosen = set(form.accounts.data or [])
    if not chosen <= set(offer["users"]):
        abort(400)
    users = [user for user in done.created if user.id in chosen]
    if not users:
        flash("Choose the accounts to set new passwords for.", "error")
        return _already_imported(conference, "accounts", None, done, status=422)
    issued = imports.reset_passwords(conference, users, event, offer["id"])
    db.session.commit()
    return _new_passwords_page(conference, issued, f"New passwords set for {len(issued)} "
                                                   f"account{'s' if len(issued) != 1 else ''}; "
                                                   "their old ones no longer work.")


@bp.post("/imports/passwords.csv")
@roles_required(Role.ADMIN)
def download_passwords():
    """The passwords just issued, as CSV, from the signed copy on the confirmation page."""
    form = PasswordsForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        issued = imports.open_passwords(form.token.data)
    except RuleError as error:
        return error_page(error, "Not available")
    response = make_response(imports.passwords_csv(issued))
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = "attachment; filename=new-accounts.csv"
    response.headers["Cache-Control"] = "no-store"
    return response


def _fill_conference_form(form: ConferenceForm, item: Conference) -> None:
    for name in CONFERENCE_FIELDS:
        getattr(form, name).data = getattr(item, name)
    for name in ("motions_deadline", "amendments_deadline"):
        getattr(form, name).data = services.to_local(getattr(item, name), item.timezone)
    form.bands.data = services.bands_text(item)

