"""Responses every blueprint gives the same way."""

from flask import flash, render_template

from motions.extensions import db
from motions.services import RuleError


def form_page(template: str, form, **context):
    """A form page: 200 when first shown, 422 when a submitted form did not validate."""
    return render_template(template, form=form, **context), 422 if form.is_submitted() else 200


def refused(error: RuleError, template: str, **context):
    """A business rule said no: undo everything, say why, show the page with the rule's status."""
    db.session.rollback()
    flash(error.message, "error")
    return render_template(template, **context), error.status


def error_page(error: RuleError, title: str):
    db.session.rollback()
    return render_template("errors/error.html", code=error.status, title=title,
                           message=error.message), error.status
