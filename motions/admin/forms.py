from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from motions.models import Role
from motions.models.conference import OrganisationKind, VotingRule


class ConferenceForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    starts_on = DateField("First day", validators=[Optional()])
    ends_on = DateField("Last day", validators=[Optional()])
    timezone = StringField("Time zone", default="Europe/London",
                           validators=[DataRequired(), Length(max=60)])
    motions_deadline = DateTimeLocalField("Deadline for motions", validators=[Optional()],
                                          format="%Y-%m-%dT%H:%M")
    amendments_deadline = DateTimeLocalField("Deadline for amendments", validators=[Optional()],
                                             format="%Y-%m-%dT%H:%M")
    motions_per_submitter = IntegerField("Motions per heading per submitter", default=1,
                                         validators=[NumberRange(min=1, max=50)])
    amendments_per_submitter = IntegerField("Amendments per heading per submitter", default=1,
                                            validators=[NumberRange(min=1, max=50)])
    min_individual_submitters = IntegerField(
        "Individual members needed for a valid submission", default=10,
        validators=[NumberRange(min=1, max=1000)],
    )
    voting_rule = SelectField("Default voting rule",
                              choices=[SelectChoice(r.value, r.label) for r in VotingRule])
    card_votes = BooleanField(
        "Card votes: each organisation votes with the weight of its membership")
    bands = TextAreaField(
        "Delegate entitlement bands: one per line, 'from N members: D delegates'",
        default="10: 2\n100: 3\n500: 4\n2000: 5",
    )


class HeadingForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    description = TextAreaField("Description", validators=[Length(max=5000)])


class OrganisationForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    kind = SelectField("Kind", choices=[SelectChoice(k.value, k.label) for k in OrganisationKind])
    membership = IntegerField("Members", default=0,
                              validators=[NumberRange(min=0, max=10_000_000)])


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class UserForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    email = EmailField("E-mail", validators=[DataRequired(), Email(check_deliverability=False),
                                             Length(max=200)])
    roles = MultiCheckboxField("Roles", choices=[SelectChoice(r.value, r.label) for r in Role])
    organisation_id = SelectField("Organisation", coerce=int, default=0)
    password = PasswordField("Password (leave empty to keep the current one)",
                             validators=[Optional(), Length(min=8, max=200)])


class ImportForm(FlaskForm):
    """A CSV file to upload, or its rows pasted (from a spreadsheet: tabs are fine)."""

    file = FileField("CSV file (UTF-8)")
    text = TextAreaField("…or paste the rows here")


class ConfirmImportForm(FlaskForm):
    """The previewed CSV text, signed: confirming reads and checks it all again."""

    token = HiddenField()


class PasswordsForm(FlaskForm):
    token = HiddenField()


class NewPasswordsForm(FlaskForm):
    """After an import's page was reloaded: new passwords for the accounts it created."""

    token = HiddenField()
    # The route checks the ids against the signed offer, which names the accounts.
    accounts = SelectMultipleField("Accounts", coerce=int, validate_choice=False,
                                   widget=widgets.ListWidget(prefix_label=False),
                                   option_widget=widgets.CheckboxInput())
