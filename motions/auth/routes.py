import re
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from motions.auth import services
from motions.auth.forms import LoginForm, PasswordForm
from motions.extensions import db
from motions.services import RuleError
from motions.views import form_page, refused

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("agenda.index"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except RuleError as error:
            flash(error.message, "error")
            return render_template("auth/login.html", form=form), error.status
        login_user(user, remember=form.remember.data)
        return redirect(_safe_next(request.args.get("next")))
    status = 422 if form.is_submitted() else 200
    return render_template("auth/login.html", form=form), status


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current.data, form.new.data,
                                     form.again.data)
        except RuleError as error:
            return refused(error, "auth/password.html", form=form)
        db.session.commit()
        flash("Your password is changed.", "success")
        return redirect(url_for("agenda.index"))
    return form_page("auth/password.html", form)


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


# Whatever a browser would not take for a path on this site: a scheme or host ("https:",
# "//host", and "/\host", which browsers read as "//host"), and any control character or space
# (CR/LF would also split the Location header).
OFF_SITE = re.compile(r"^(?!/(?![/\\]))|[\x00-\x20\x7f\\]")


def _safe_next(target: str | None) -> str:
    """Only follow `next` within this site, so a login link can't bounce users elsewhere."""
    if target and not OFF_SITE.search(target):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("agenda.index")
