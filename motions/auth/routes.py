import re
from datetime import timedelta
from urllib.parse import urlsplit

import click
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from motions.auth import services, sessions
from motions.auth.forms import LoginForm, PasswordForm
from motions.extensions import db
from motions.services import RuleError
from motions.views import form_page, refused

bp = Blueprint("auth", __name__)
bp.before_app_request(sessions.forget_previous_request)
bp.after_app_request(sessions.write_cookies)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("agenda.index"))
    form = LoginForm()
    if form.validate_on_submit():
        client = services.client_address()
        try:
            user = services.authenticate(form.email.data, form.password.data, client,
                                         request.cookies.get(services.KNOWN_BROWSER_COOKIE))
        except RuleError as error:
            flash(error.message, "error")
            return render_template("auth/login.html", form=form), error.status
        sessions.begin(user, remember=form.remember.data, client=client)
        db.session.commit()
        response = redirect(_safe_next(request.args.get("next")))
        response.set_cookie(services.KNOWN_BROWSER_COOKIE, services.known_browser_cookie(user),
                            max_age=timedelta(days=services.KNOWN_BROWSER_DAYS), httponly=True,
                            samesite="Lax", secure=sessions.secure_cookies())
        return response
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
        ended = sessions.end_others(current_user, "password changed")
        db.session.commit()
        flash("Your password is changed" + (
            f"; your {ended} other session{'s' if ended != 1 else ''} (other browsers, and "
            "“keep me logged in” there) ended." if ended else "."), "success")
        return redirect(url_for("agenda.index"))
    return form_page("auth/password.html", form)


@bp.post("/logout")
@login_required
def logout():
    sessions.end("logged out")
    db.session.commit()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


@bp.cli.command("unlock")
@click.argument("who")
def unlock_command(who: str) -> None:
    """Lift the login pause on WHO: an account's e-mail address, or a network address."""
    forgotten = services.unlock(who)
    db.session.commit()
    click.echo(f"The pause on {who} is lifted ({forgotten} failed attempts forgotten)."
               if forgotten else f"{who} had no recent failed attempts: nothing to lift.")


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
