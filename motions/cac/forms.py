from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length

from motions.cac.services import REASONS
from motions.models import Ruling


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
