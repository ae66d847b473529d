from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    RadioField,
    SelectChoice,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length

from motions.forms import LoadedVersionField
from motions.submit.services import Draft

BEHALF_CHOICES = [
    SelectChoice("organisation", "My organisation"),
    SelectChoice("individuals", "Named individual members"),
]


class SubmissionForm(FlaskForm):
    """Fields shared by motions and amendments; the services apply the rules."""

    text = TextAreaField("Text")
    mover = StringField("Mover", validators=[Length(max=200)])
    seconder = StringField("Seconder", validators=[Length(max=200)])
    on_behalf = RadioField("Submitted on behalf of", choices=BEHALF_CHOICES,
                           default="organisation")
    individual_names = TextAreaField("Names of the individual members, one per line")
    version = LoadedVersionField()

    def draft(self) -> Draft:
        return Draft(
            text=self.text.data or "", title=(self.title.data or "") if "title" in self else "",
            mover=self.mover.data or "", seconder=self.seconder.data or "",
            on_behalf=self.on_behalf.data or "organisation",
            individual_names=self.individual_names.data or "",
        )


class MotionForm(SubmissionForm):
    title = StringField("Title", validators=[Length(max=200)])


class AmendmentForm(SubmissionForm):
    text = TextAreaField("Amendment instructions")


class ConfirmForm(FlaskForm):
    """An empty form: a POST button with its CSRF token."""


class WithdrawForm(FlaskForm):
    """The confirmation page's button: only a POST saying "yes" withdraws."""

    confirmed = HiddenField()
