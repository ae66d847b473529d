"""Form fields every blueprint uses the same way."""

from flask import has_request_context, request
from wtforms import HiddenField, IntegerField
from wtforms.utils import unset_value
from wtforms.validators import Optional


class LoadedVersionField(IntegerField):
    """The version of the record a form was loaded from, sent back with the form.

    A form is filled from its record (``Form(obj=record)``), and WTForms falls back on the
    record's value for any field a submission leaves out: a save without its version would then
    carry the version now stored and pass the edit-conflict check, whatever it overwrites. On a
    submitted form only what was sent counts (nothing sent: no version, refused).
    """

    widget = HiddenField.widget

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators or [Optional()], **kwargs)

    def process(self, formdata, data=unset_value, extra_filters=None):
        if has_request_context() and request.method != "GET":
            data = None
        super().process(formdata, data, extra_filters)
