from flask_wtf import FlaskForm
from wtforms import (
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length

from motions.cac.services import MAX_SETTLE_REASON, REASONS
from motions.forms import LoadedVersionField
from motions.models import Ruling
from motions.submit.services import MAX_REASON, Draft


class RulingForm(FlaskForm):
    ruling = RadioField(
        "Ruling",
        choices=[SelectChoice(Ruling.IN_ORDER.value, "In order"),
                 SelectChoice(Ruling.OUT_OF_ORDER.value, "Out of order")],
        validators=[InputRequired(message="Choose in order or out of order.")],
    )
    reason = SelectField("Reason", choices=[SelectChoice(v, label) for v, label in REASONS],
                         default="")
    detail = TextAreaField("Explanation", validators=[Length(max=2000)])


class CorrectionForm(FlaskForm):
    """The CAC's correction of a submission's text, made on the record with its reason."""

    title = StringField("Title", validators=[Length(max=200)])
    text = TextAreaField("Text")
    reason = TextAreaField("Why the CAC corrects it (kept with the new version)",
                           validators=[Length(max=MAX_REASON)])
    version = LoadedVersionField()

    def draft(self, submission) -> Draft:
        return Draft(text=self.text.data or "",
                     title=(self.title.data or "") if submission.is_motion else "",
                     mover=submission.mover, seconder=submission.seconder)


class SettleForm(FlaskForm):
    """The CAC's copy of the amended text, edited to what an amendment intends."""

    text = TextAreaField("The text as the amendment intends it")
    reason = TextAreaField("Why the CAC settles it by hand (kept with the reading)",
                           validators=[Length(max=MAX_SETTLE_REASON)])


class UnsettleForm(FlaskForm):
    """Going back to the engine's own reading (a button: its CSRF token only)."""
