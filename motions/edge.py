"""What every request's text goes through before any view or form reads it.

Invisible control characters are taken out of every form field and query argument: a NUL is
refused by PostgreSQL (a 500 where a motion held one) and matched the engines' internal
separators; the others print as nothing and make two texts that look the same differ. Line and
page breaks in their other spellings (vertical tab and form feed from word processors, NEL,
U+2028/U+2029) become plain newlines, as every engine and the Markdown renderer read them.
Tab, newline and carriage return stay. No field may be longer than the largest text the app
accepts anywhere; a longer one is refused (413) before anything reads it.
"""

from __future__ import annotations

import re

from flask import Request, current_app
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import RequestEntityTooLarge

# C0 controls other than tab, LF and CR; DEL; C1 controls other than NEL; non-characters.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]")
_LINE_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")


def clean_text(value: str) -> str:
    """`value` with control characters removed and unusual line breaks made newlines."""
    return _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", value))


class FieldTooLong(RequestEntityTooLarge):
    def __init__(self, name: str, length: int, limit: int):
        super().__init__(
            f"The field ‘{clean_text(name)[:60]}’ holds {length:,} characters; no field takes "
            f"more than {limit:,}. Nothing was saved: shorten it and send it again."
        )


class CleanRequest(Request):
    """Flask's request, with its form and query arguments cleaned (see the module docstring)."""

    def _load_form_data(self) -> None:
        if "form" in self.__dict__:
            return
        super()._load_form_data()
        self.__dict__["form"] = _cleaned(self.__dict__["form"])

    @property
    def args(self):
        if "_clean_args" not in self.__dict__:
            self.__dict__["_clean_args"] = _cleaned(super().args)
        return self.__dict__["_clean_args"]


def _cleaned(values) -> ImmutableMultiDict:
    limit = current_app.config["MAX_FIELD_LENGTH"]
    pairs = []
    for name, value in values.items(multi=True):
        if len(value) > limit:
            raise FieldTooLong(name, len(value), limit)
        pairs.append((clean_text(name), clean_text(value)))
    return ImmutableMultiDict(pairs)
