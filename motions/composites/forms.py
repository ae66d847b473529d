"""Forms of the composite screens. Each edit form carries the version it was loaded from."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import InputRequired, Length, Optional

from compositing import GroupKind
from compositing.composite import PROCEDURAL_NOTES
from motions.models import IfCarried, IfLost

KIND_LABELS = {
    GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER: "Against each other, with ‘Neither’",
    GroupKind.AGAINST_EACH_OTHER: "Against each other (no ‘Neither’)",
    GroupKind.FOR_OR_AGAINST_EACH: "Each option for or against",
}
KIND_CHOICES = [
    SelectChoice(kind.value, f"{KIND_LABELS[kind]} — “{PROCEDURAL_NOTES[kind]}”")
    for kind in GroupKind
]


class VersionedForm(FlaskForm):
    version = IntegerField(widget=HiddenField.widget, validators=[Optional()])
    # The number of the saved version the form was filled from: a change made on it while
    # someone saved another is merged into theirs when the two touch different parts.
    base = IntegerField(widget=HiddenField.widget, validators=[Optional()])


class ConfirmVersionForm(VersionedForm):
    """A POST button that names the version it acts on."""


class PublishForm(VersionedForm):
    """The publishing confirmation: only a POST saying "yes" publishes."""

    confirmed = HiddenField()
    as_proposed = BooleanField("The CAC has checked the engine's proposal and publishes it as "
                               "it stands, unedited")


class MotionChoiceForm(FlaskForm):
    title = StringField("Title of the composite", validators=[Length(max=200)])
    motions = SelectMultipleField(
        "Motions to composite", coerce=int,
        widget=widgets.ListWidget(prefix_label=False), option_widget=widgets.CheckboxInput(),
    )


class ImportForm(MotionChoiceForm):
    text = TextAreaField("The composite as published", validators=[Length(max=200_000)])


class DetailsForm(VersionedForm):
    title = StringField("Title", validators=[InputRequired(), Length(max=200)])
    preamble = TextAreaField("Note printed before the sections (Markdown)",
                             validators=[Length(max=20_000)])


class SectionForm(VersionedForm):
    number = StringField("Section number", validators=[Length(max=20)])
    title = StringField("Section title", validators=[Length(max=200)])
    common_number = StringField("Common ground number", validators=[Length(max=20)])
    common_text = TextAreaField("Common ground (Markdown)")


class NewSectionForm(VersionedForm):
    number = StringField("Number", validators=[Length(max=20)])
    title = StringField("Title", validators=[Length(max=200)])


class SubOptionForm(Form):
    origin = HiddenField()
    label = StringField("Label", validators=[Length(max=10)])
    text = TextAreaField("Text")
    attribution = StringField("Attribution", validators=[Length(max=500)])
    remove = BooleanField("Remove")


class OptionForm(Form):
    # Index of the option in the loaded version ("" for a new one): its provenance follows it.
    origin = HiddenField()
    label = StringField("Label", validators=[Length(max=10)])
    text = TextAreaField("Text (Markdown)")
    attribution = StringField("Attribution (comma-separated names)",
                              validators=[Length(max=500)])
    remove = BooleanField("Remove this option")
    sub_options = FieldList(FormField(SubOptionForm), min_entries=0)


class GroupForm(VersionedForm):
    number = StringField("Number", validators=[Length(max=20)])
    title = StringField("Title", validators=[Length(max=200)])
    kind = SelectField("How the options are voted", choices=KIND_CHOICES,
                       validators=[InputRequired()])
    intro = TextAreaField("Introduction (optional)", validators=[Length(max=20_000)])
    condition_group = StringField("Only if an option of group", validators=[Length(max=20)])
    condition_options = StringField("is agreed — options (comma-separated labels)",
                                    validators=[Length(max=100)])
    options = FieldList(FormField(OptionForm), min_entries=0)


class AmendmentForm(VersionedForm):
    mover = StringField("Mover", validators=[Length(max=200)])
    supporting_text = TextAreaField("Supporting text (optional, printed before the instructions)",
                                    validators=[Length(max=20_000)])
    # Named "text" so static/amend.js previews it live, as for amendments to motions.
    text = TextAreaField("Amendment instructions", validators=[Length(max=50_000)])


class LeaveOutForm(VersionedForm):
    motion = StringField(validators=[InputRequired()])
    index = IntegerField(validators=[InputRequired()])
    reason = TextAreaField("Reason for leaving it out", validators=[Length(max=1000)])


class PlaceForm(VersionedForm):
    motion = StringField(validators=[InputRequired()])
    index = IntegerField(validators=[InputRequired()])
    target = StringField("Place it in", validators=[InputRequired(), Length(max=40)])


class LeaveOutRestForm(VersionedForm):
    motion = StringField(validators=[Optional()])
    reason = TextAreaField("Reason", validators=[Length(max=1000)])


class ProcedureForm(VersionedForm):
    text = TextAreaField("The CAC's procedural motion (Markdown)")
    if_carried = SelectField("If it is carried",
                             choices=[SelectChoice(v.value, v.label) for v in IfCarried])
    if_lost = SelectField("If it is lost", choices=[SelectChoice(v.value, v.label) for v in IfLost])
