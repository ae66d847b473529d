"""Read UK-style amendment instructions into operations.

People write amendments in many ways ("In point 1.2. remove the words 'or profit'",
"Delete point 2.3 and replace with: ...", "Line 12, after 'X' insert 'Y'", a list of bullets to
delete and a list to put in their place, "Amend section 1 as follows:" with the changes on the
following lines or on the same line after the colon, "Delete from 'X' to 'Y' inclusive"). This
module reads those forms into :class:`Operation` values; :mod:`compositing.apply` finds their
places in a text and applies them. Anything it cannot read is an
:class:`~compositing.errors.NotUnderstood` error that quotes the words, never a guess.

New text may follow an instruction in quotation marks, or on the lines below it set off as a
block (indented deeper than the instruction, or bulleted or numbered): the lines of such a
block are new text even when they begin with an instruction word ("Remove barriers ...").

Quoted words are masked first (as ``⟦n⟧``), so that full stops, "and" or "after" inside a
quotation are never taken for part of the instruction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from compositing.errors import NotUnderstood

__all__ = ["Amendment", "Operation", "Ref", "parse_amendment"]

_ORDINAL_WORDS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
]  # fmt: skip
_ORD = r"(?:" + "|".join(_ORDINAL_WORDS) + r"|last|final|penultimate|\d+(?:st|nd|rd|th))"
_NOUN = (
    r"(?:sub-?)?(?:paragraph|para|point|clause|rule|section|article|bullet(?:[ -]point)?|"
    r"item|heading|sentence|line|part|subparagraph)s?"
)
_LABEL = (
    r"(?:(?:[A-Z]\s?)?\d+(?:\.\d+)*\.?|\((?:\d+|[a-z]|[ivxlc]+)\)|(?:[ivxlc]+|[a-z])[.)]?)(?!\w)"
)
_DEL = r"(?:delete|leave\s+out|remove|omit|strike\s+out|strike|cut|take\s+out)"
_Q = r"⟦(?P<a>\d+)⟧"  # the quoted words an instruction acts on
_QG = r"⟦\d+⟧"
_REPLACE_TAIL = (
    r"(?:\s*,?\s*(?:and\s+)?(?:then\s+)?|\s+)(?:replace|substitute|insert|put|add)\b\s*"
    r"(?:it|them|this|these|the\s+same)?\s*(?:with|by|in\s+(?:its|their)\s+place)?\s*(?::\s*)?"
)
_FLAGS = re.IGNORECASE

# Words that begin an instruction (after an optional "1." or "(a)" numbering it).
_COMMAND_START = re.compile(
    r"^(?:(?:\d+[.)]|\([a-z0-9]+\)|[a-z][.)])\s+)?"
    r"(?:therefore,?\s+)?(?:and\s+(?:then\s+)?)?"
    r"(?:delete|leave\s+out|remove|omit|strike|cut|take\s+out|replace|substitute|insert|add|"
    r"after|before|following|at\s+(?:the\s+)?end|in\s+(?:the\s+)?(?:" + _NOUN + r"|" + _ORD + r")|"
    r"(?:on|at)\s+lines?|lines?\s+\d|amend|renumber|rule\s|point\s|paragraph\s|clause\s|section\s|"
    r"article\s)",
    _FLAGS,
)
_NUMBERING = re.compile(r"^(?:\d+[.)]|\([a-z0-9]+\)|[a-z][.)])\s+(?=\S)", _FLAGS)
_WANTS_CONTENT = re.compile(
    r"(?::|\b(?:with|insert|add|delete|leave\s+out|remove|substitute|the\s+following))\s*$",
    _FLAGS,
)
_SPLIT_SENTENCE = re.compile(
    r"(?<=[.;])\s+(?=(?:then\s+)?(?:delete|leave\s+out|remove|omit|strike|insert|add|after|"
    r"before|at\s+the\s+end|in\s+|lines?\s+\d|replace|substitute|renumber))",
    _FLAGS,
)
_SPLIT_AND = re.compile(
    # "Delete 'X' and add 'Y'" is one replacement; "... and add at end: 'Y'" a second change.
    r"\s*(?:,\s*)?\band\s+(?:then\s+)?(?=(?:delete|leave\s+out|remove|omit|add(?!\s*:?\s*⟦)|"
    r"after|before|"
    r"at\s+the\s+end|in\s+(?:the\s+)?(?:" + _NOUN + r"|" + _ORD + r")\b|renumber))",
    _FLAGS,
)
_SCOPE_ONLY = re.compile(
    r"^(?:in\s+(?:the\s+)?(?:" + _NOUN + r")\s+" + _LABEL + r"|(?:on\s+)?lines?\s+\d+"
    r"(?:\s*(?:-|–|to)\s*\d+)?|(?:rule|point|clause|paragraph|section)\s+" + _LABEL + r")[.,:]?$",
    _FLAGS,
)
_EVERYWHERE = re.compile(
    r"⟧\s*,?\s*(?:wherever\s+(?:it|they|this|these)\s+(?:appears?|occurs?)|each\s+time\s+"
    r"(?:it|they)\s+(?:appears?|occurs?)|throughout(?:\s+the\s+(?:text|motion|document))?|"
    r"everywhere|in\s+all\s+places)$",
    re.IGNORECASE,
)
_RENUMBER = re.compile(r"(?:[,;.]?\s*(?:and\s+)?(?:then\s+)?re-?number\b[^.;⟦]*[.;]?)\s*$", _FLAGS)


@dataclass(frozen=True)
class Ref:
    """A place an instruction names: "point 2.3", "the second sentence of point 3", "lines 4-6".

    ``noun`` is normalised ("point", "paragraph", "bullet point", "sentence", "section",
    "heading", "line", "text"); ``ordinal`` counts from 1, -1 is "last", -2 "penultimate".
    """

    noun: str = ""
    label: str = ""
    ordinal: int = 0
    first_line: int = 0
    last_line: int = 0
    within: Ref | None = None
    until: Ref | None = None  # "points 2.3 to 2.5"
    words: str = ""  # "the sentence beginning 'We'": the words it begins with

    def describe(self) -> str:
        if self.noun == "text":
            text = "the text"
        elif self.words:
            text = f"the {self.noun} beginning “{self.words}”"
        elif self.noun == "line":
            if self.last_line != self.first_line:
                text = f"lines {self.first_line}-{self.last_line}"
            else:
                text = f"line {self.first_line}"
        elif self.ordinal:
            text = f"the {_ordinal_name(self.ordinal)} {self.noun}"
        else:
            text = f"{self.noun} {self.label}".strip()
        if self.until is not None:
            text += f" to {self.until.describe()}"
        if self.within is not None:
            text += f" of {self.within.describe()}"
        return text


@dataclass(frozen=True)
class Operation:
    """One change. ``action`` is one of:

    delete_words, replace_words, insert_words (``position`` after/before ``anchor``);
    delete_words and replace_words with ``end_anchor`` act on the span from the start of
    ``anchor`` to the end of ``end_anchor`` ("Delete from 'X' to 'Y' inclusive"),
    delete_rest (all after ``anchor``; ``including`` for "all from"), append_words (to the
    end of ``target``), delete_clause, replace_clause, insert_clause (new ``noun`` with
    ``label`` ``position`` after/before ``target``, or at the end of the scope), add (new
    blocks at the end of ``target`` or of the scope), delete_listed (``listed`` clauses,
    replaced by ``replacements`` when given).
    """

    action: str
    source: str
    anchor: str = ""
    text: str = ""
    target: Ref | None = None
    scope: Ref | None = None
    position: str = ""
    noun: str = ""
    label: str = ""
    including: bool = False
    listed: tuple[str, ...] = ()
    replacements: tuple[str, ...] | None = None
    every: bool = False  # "wherever it appears": every place the words are found
    end_anchor: str = ""  # "delete from 'X' to 'Y'": the words the span ends with (inclusive)


@dataclass(frozen=True)
class Amendment:
    operations: tuple[Operation, ...]
    scope: Ref | None = None
    renumber: bool = False
    source: str = ""


@dataclass
class _Quotes:
    items: list[tuple[str, str, str]] = field(default_factory=list)

    def inner(self, token: str) -> str:
        return self.items[int(re.fullmatch(_Q, token.strip()).group(1))][1]  # type: ignore[union-attr]

    def restore(self, text: str) -> str:
        return re.sub(_Q, lambda m: "".join(self.items[int(m.group(1))]), text)


_CLOSERS = {"“": "”", "„": "“", "«": "»", '"': '"', "‘": "’", "'": "'"}


def _protect_quotes(text: str) -> tuple[str, _Quotes]:
    quotes = _Quotes()
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in _CLOSERS and _opens_quote(text, i):
            close = _find_close(text, i)
            if close < 0:
                if char in "'‘":
                    out.append(char)  # an apostrophe, not a quotation
                    i += 1
                    continue
                raise NotUnderstood(
                    f"A quotation mark is not closed: {text[i : i + 60].strip()!r}. "
                    "Put the quoted words between a pair of quotation marks.",
                    text[i : i + 60],
                )
            quotes.items.append((char, text[i + 1 : close], text[close]))
            out.append(f"⟦{len(quotes.items) - 1}⟧")
            i = close + 1
            continue
        out.append(char)
        i += 1
    return "".join(out), quotes


def _opens_quote(text: str, i: int) -> bool:
    if text[i] in "'‘":
        return i == 0 or not text[i - 1].isalnum()
    return True


def _find_close(text: str, i: int) -> int:
    opener = text[i]
    closer = _CLOSERS[opener]
    if opener == "“":
        depth = 0
        for j in range(i + 1, len(text)):
            if text[j] == "“":
                depth += 1
            elif text[j] == "”":
                if depth == 0:
                    return j
                depth -= 1
        return -1
    for j in range(i + 1, len(text)):
        if text[j] != closer:
            continue
        if opener in "'‘" and j + 1 < len(text) and text[j + 1].isalnum():
            continue  # an apostrophe inside the quotation: "Labour's"
        return j
    return -1


# --- statements -------------------------------------------------------------------------------


@dataclass
class _Statement:
    text: str  # masked
    content: list[str] = field(default_factory=list)  # masked lines that follow a "...:" line


def _statements(masked: str, quotes: _Quotes) -> tuple[list[_Statement], Ref | None]:
    lines = masked.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    statements: list[_Statement] = []
    scope: Ref | None = None
    preamble: list[str] = []
    collecting = False
    block: _ContentBlock | None = None  # the new text after "replace with:", while set off
    for raw in lines:
        line = raw.strip(" \t\u00a0")
        if not line:
            if collecting and statements[-1].content:
                statements[-1].content.append("")
            continue
        if collecting and block is not None:
            if block.holds(raw, line):
                statements[-1].content.append(raw.rstrip())
                continue
            if any(text.strip() for text in statements[-1].content):
                block = None  # the block has ended: what follows is read as before
        if _is_command(line):
            command = _NUMBERING.sub("", line)
            follows = _as_follows(command, quotes)
            if follows is not None:
                scope, rest = follows
                preamble.clear()
                collecting = False
                if not rest:
                    continue
                # One line: "Amend section 1 as follows: Delete “Aims” and replace with ..."
                command = rest
                if not _is_command(command):
                    preamble.append(quotes.restore(command))
                    continue
            for piece in _split_statement(command):
                statements.append(_Statement(piece))
            collecting = bool(_WANTS_CONTENT.search(statements[-1].text))
            numbered = bool(_NUMBERING.match(line))
            block = _ContentBlock(_indent(raw), numbered) if collecting else None
            continue
        if collecting:
            statements[-1].content.append(raw.rstrip())
            block = None  # new text not set off as a block: a later instruction ends it
            continue
        preamble.append(quotes.restore(line))
    if preamble and statements:
        raise NotUnderstood(
            f"This part of the amendment is not an instruction: {preamble[0]!r}. "
            "Write each change as an instruction, e.g. 'Delete \"X\"', "
            "'Delete point 2.3 and replace with: \"...\"' or 'Add at end: \"...\"'; "
            "put reasons for the amendment in its supporting statement.",
            preamble[0],
        )
    if preamble:
        raise NotUnderstood(_not_understood_message(preamble[0]), preamble[0])
    return statements, scope


_CONTENT_MARKER = re.compile(
    r"^(?:[-*+•●–—◦▪■‣⁃·]\s|(?:\d+(?:\.\d+)*[.)]?|\((?:\d+|[a-z]|[ivxlc]+)\)|[a-z][.)]|"
    r"[ivxlc]+[.)])\s)",
    _FLAGS,
)
_CONTINUATION = re.compile(
    r"^(?:and\s+)?(?:replace|substitute|insert|put|add)\b(?:\s+(?:it|them|this|these))?"
    r"(?:\s+(?:with|by|in\s+(?:its|their)\s+place))?\s*:",
    _FLAGS,
)


def _indent(raw: str) -> int:
    """How far a line is indented, a tab counting to the next multiple of four."""
    leading = raw[: len(raw) - len(raw.lstrip(" \t\u00a0"))]
    return len(leading.replace("\u00a0", " ").expandtabs(4))


@dataclass
class _ContentBlock:
    """New text set off under the instruction that asks for it ("... replace with:"): lines
    indented deeper than the instruction, or starting with a bullet or a number. Its lines are
    content even when they begin with an instruction word ("Remove barriers to membership").
    """

    indent: int  # the instruction line's indentation
    numbered: bool  # the instructions are numbered: "2. ..." at their indent is the next one

    def holds(self, raw: str, line: str) -> bool:
        if _CONTINUATION.match(line):
            return False  # "Replace with:" after a listed "Delete:" is the next step
        if _indent(raw) > self.indent:
            return True
        marker = _CONTENT_MARKER.match(line)
        if marker is None:
            return False
        return not self.numbered or line[:1] in "-*+•●–—◦▪■‣⁃·"


def _is_command(line: str) -> bool:
    return bool(_COMMAND_START.match(line))


_AS_FOLLOWS = re.compile(
    # "Amend section 1 as follows:", "In section 2 as follows:", "In section 2, amend as
    # follows:", "Section 2 - amend as follows:", each optionally with the first change on the
    # same line after the colon.
    r"^(?:therefore,?\s+)?(?:amend\s+(?:the\s+)?(?P<amend>.+?)"
    r"|in\s+(?:the\s+)?(?P<within>.+?)(?:\s*,?\s*(?:please\s+)?amend(?:ed)?)?"
    r"|(?P<named>(?:rule|point|clause|paragraph|section|article|part)\s+" + _LABEL + r")"
    r"\s*[,:.–—-]?\s*amend(?:ed)?)"
    r"\s+as\s+follows\b\s*(?:[:.,–—-]\s*)?(?P<rest>.*)$",
    _FLAGS,
)


def _as_follows(line: str, quotes: _Quotes) -> tuple[Ref, str] | None:
    """The place an "as follows" line limits the amendment to, and the rest of its line."""
    match = _AS_FOLLOWS.match(line)
    if not match:
        return None
    words = match.group("amend") or match.group("within") or match.group("named")
    ref = _parse_ref(words)
    if ref is None:
        if match.group("within") is not None:
            return None  # "In point 1.2, delete ... as follows": not a scope; read as written
        line = quotes.restore(line)
        raise NotUnderstood(
            f"Cannot tell which part of the text {quotes.restore(words)!r} is, in {line!r}. "
            "Name it as, e.g., 'section 1' or 'point 2.3'.",
            line,
        )
    return ref, match.group("rest").strip()


def _split_statement(line: str) -> list[str]:
    pieces: list[str] = []
    for sentence in _SPLIT_SENTENCE.split(line):
        pieces.extend(p for p in _SPLIT_AND.split(sentence) if p.strip())
    merged: list[str] = []
    for piece in pieces:
        if merged and _SCOPE_ONLY.match(merged[-1].strip()):
            merged[-1] = f"{merged[-1].strip()} {piece.strip()}"
        else:
            merged.append(piece.strip())
    return merged


# --- references ---------------------------------------------------------------------------


def _noun(word: str) -> str:
    word = word.lower().replace("-", " ")
    word = re.sub(r"\s+", " ", word)
    word = word.removeprefix("sub ").removeprefix("sub")
    if word.endswith("s") and word not in ("clause",):
        word = word[:-1]
    return {
        "para": "paragraph",
        "bullet": "bullet point",
        "clause": "point",
        "item": "point",
        "article": "rule",
        "part": "section",
    }.get(word, word)


def _ordinal_value(word: str) -> int:
    word = word.lower()
    if word in ("last", "final"):
        return -1
    if word == "penultimate":
        return -2
    if word in _ORDINAL_WORDS:
        return _ORDINAL_WORDS.index(word) + 1
    return int(re.match(r"\d+", word).group())  # type: ignore[union-attr]


def _ordinal_name(value: int) -> str:
    if value == -1:
        return "last"
    if value == -2:
        return "penultimate"
    if value <= len(_ORDINAL_WORDS):
        return _ORDINAL_WORDS[value - 1]
    return f"{value}th"


_REF_LINES = re.compile(r"^(?:on\s+)?lines?\s+(\d+)(?:\s*(?:-|–|to|and)\s*(\d+))?$", _FLAGS)
_REF_LABEL = re.compile(
    rf"^(?:the\s+)?(?:whole\s+(?:of\s+)?)?(?P<noun>{_NOUN})\s+(?P<label>{_LABEL})"
    rf"(?:\s*(?:-|–|to)\s*(?:(?:{_NOUN})\s+)?(?P<until>{_LABEL}))?$",
    _FLAGS,
)
_REF_BARE_LABEL = re.compile(r"^(?P<label>\d+(?:\.\d+)+\.?|\d+[.)]|\((?:\d+|[a-z]|[ivxlc]+)\))$")
_REF_ORDINAL = re.compile(rf"^(?:the\s+)?(?P<ord>{_ORD})\s+(?P<noun>{_NOUN})$", _FLAGS)
_REF_NUMBERED = re.compile(
    r"^(?P<noun>sentence|bullet(?:[ -]point)?|heading|line)s?\s+(?P<n>\d+)$", _FLAGS
)
_REF_TEXT = re.compile(
    r"^(?:the\s+)?(?:whole\s+)?(?:text|motion|resolution|document|composite)$", _FLAGS
)


def _parse_ref(text: str) -> Ref | None:
    """A place named in words; None when ``text`` does not name one."""
    text = text.strip().rstrip(",:;").strip()
    parts = re.split(r"\s+(?:of|in)\s+(?:the\s+)?", text, maxsplit=1, flags=_FLAGS)
    if len(parts) == 2:
        inner, outer = parts
        inner_ref, outer_ref = _parse_simple_ref(inner), _parse_ref(outer)
        if inner_ref is not None and outer_ref is not None:
            return Ref(**{**inner_ref.__dict__, "within": outer_ref})
    return _parse_simple_ref(text)


def _parse_simple_ref(text: str) -> Ref | None:
    text = text.strip().rstrip(",:;").strip()
    if match := _REF_LINES.match(text):
        first = int(match.group(1))
        return Ref("line", first_line=first, last_line=int(match.group(2) or first))
    if match := _REF_TEXT.match(text):
        return Ref("text")
    if match := _REF_NUMBERED.match(text):
        noun = _noun(match.group("noun"))
        if noun == "line":
            number = int(match.group("n"))
            return Ref("line", first_line=number, last_line=number)
        return Ref(noun, ordinal=int(match.group("n")))
    if match := _REF_ORDINAL.match(text):
        return Ref(_noun(match.group("noun")), ordinal=_ordinal_value(match.group("ord")))
    if match := _REF_LABEL.match(text):
        noun = _noun(match.group("noun"))
        label = match.group("label")
        if noun == "line":
            return None  # line numbers are plain numbers, read by _REF_LINES above
        until = match.group("until")
        return Ref(noun, label=label, until=Ref(noun, label=until) if until else None)
    if match := _REF_BARE_LABEL.match(text):
        return Ref("point", label=match.group("label"))
    return None


# --- one statement ------------------------------------------------------------------------

_SCOPE_PREFIXES = [
    re.compile(
        rf"^in\s+(?:the\s+)?(?P<ref>(?:{_ORD}\s+)?{_NOUN}(?:\s+{_LABEL})?"
        rf"(?:\s+(?:of|in)\s+(?:the\s+)?{_NOUN}\s+{_LABEL})?)\s*[,:.]?\s+(?P<rest>.+)$",
        _FLAGS,
    ),
    re.compile(
        r"^(?:at\s+)?(?P<ref>(?:on\s+)?lines?\s+\d+(?:\s*(?:-|–|to)\s*\d+)?)\s*[,:.]?\s*"
        r"(?P<rest>.+)$",
        _FLAGS,
    ),
    re.compile(
        rf"^(?P<ref>(?:rule|point|clause|paragraph|section|article)\s+{_LABEL})\s*[,:.]?"
        rf"\s*(?P<rest>{_DEL}.*|(?:after|before|add|insert|replace|at\s+the\s+end).*)$",
        _FLAGS,
    ),
]


def _split_scope(text: str) -> tuple[Ref | None, str]:
    for pattern in _SCOPE_PREFIXES:
        match = pattern.match(text)
        if not match:
            continue
        ref = _parse_ref(match.group("ref"))
        if ref is not None:
            return ref, match.group("rest").strip()
    return None, text


class _Reader:
    """Reads one statement (already split from its neighbours) into operations."""

    def __init__(self, statement: _Statement, quotes: _Quotes, original: str) -> None:
        self.quotes = quotes
        self.source = original
        self.content_lines = statement.content
        text = statement.text.strip()
        text = re.sub(r"^(?:then|and)\s+", "", text, flags=_FLAGS)
        self.scope, text = _split_scope(text)
        self.text = text.strip().rstrip(".;").strip() if not text.endswith(":") else text
        every = _EVERYWHERE.search(self.text)
        self.every = every is not None
        if every is not None:
            self.text = self.text[: every.start()] + "⟧"

    # Content: a quotation, or the lines that follow "...:".
    def content(self, inline: str | None) -> str:
        inline = (inline or "").strip()
        if inline:
            if re.fullmatch(rf"{_QG}(?:\s*{_QG})*", inline):
                return "\n\n".join(self.quotes.inner(token) for token in re.findall(_QG, inline))
            return self.quotes.restore(inline)
        lines = list(self.content_lines)
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            raise NotUnderstood(
                f"The instruction {self.source!r} does not say what words to use. "
                "Put them in quotation marks after it, or on the lines below it, indented or "
                "bulleted.",
                self.source,
            )
        joined = "\n".join(lines)
        stripped = joined.strip()
        if re.fullmatch(_QG, stripped):
            return self.quotes.inner(stripped)
        return self.quotes.restore(joined)

    def words(self, token: str) -> str:
        return self.quotes.inner(token)

    def op(self, action: str, **fields: object) -> Operation:
        if self.every and action in ("delete_words", "replace_words"):
            fields["every"] = True
        return Operation(action, self.source, scope=self.scope, **fields)  # type: ignore[arg-type]

    def read(self) -> list[Operation]:
        for reader in (
            self._delete_range,
            self._delete_rest,
            self._replace_quoted,
            self._insert_words,
            self._add_at_end,
            self._insert_clause,
            self._delete_quoted,
            self._clause,
            self._delete_listed,
            self._scope_only,
            self._unquoted,
        ):
            result = reader()
            if result:
                return result
        raise NotUnderstood(_not_understood_message(self.source), self.source)

    def _delete_range(self) -> list[Operation]:
        """ "Delete from 'X' to 'Y'", "Leave out the words from 'X' to 'Y' inclusive"."""
        match = re.match(
            rf"^{_DEL}\s+(?:(?:all|everything)\s+)?(?:the\s+)?(?:words?\s+|text\s+)?"
            rf"from\s+(?:the\s+words?\s+)?{_Q}\s*,?\s+"
            r"(?:to|until|till|through|up\s+to(?:\s+and\s+including)?)\s+"
            rf"(?:the\s+words?\s+)?⟦(?P<b>\d+)⟧"
            r"(?:\s*,?\s*\(?(?:both\s+)?(?:inclusive|inclusively|included)\)?)?"
            rf"(?:\s+(?:in|from)\s+(?P<ref>[^⟦]+?))?"
            rf"(?:{_REPLACE_TAIL}(?P<new>{_QG}))?$",
            self.text,
            _FLAGS,
        )
        if not match:
            return []
        action = "replace_words" if match.group("new") else "delete_words"
        operation = self._word_op(action, match.group("a"), match.group("new"), match.group("ref"))
        return [replace(operation, end_anchor=self.words(f"⟦{match.group('b')}⟧"), every=False)]

    def _delete_rest(self) -> list[Operation]:
        match = re.match(
            rf"^{_DEL}\s+(?:all|everything)(?:\s+(?:the\s+)?(?:words|text))?\s+"
            rf"(?P<pos>after|from)\s+(?:the\s+words?\s+)?{_Q}"
            rf"(?:{_REPLACE_TAIL}(?P<content>.*))?$",
            self.text,
            _FLAGS,
        )
        if not match:
            return []
        anchor = self.words(f"⟦{match.group('a')}⟧")
        text = ""
        if match.group("content") is not None:
            text = self.content(match.group("content"))
        elif self.content_lines:
            text = self.content(None)
        return [
            self.op(
                "delete_rest",
                anchor=anchor,
                text=text,
                including=match.group("pos").lower() == "from",
            )
        ]

    def _replace_quoted(self) -> list[Operation]:
        patterns = [
            rf"^{_DEL}\s+(?:the\s+)?(?:words?\s+|phrase\s+|text\s+)?{_Q}"
            rf"(?:\s+(?:in|from)\s+(?P<ref>[^⟦]+?))?{_REPLACE_TAIL}(?P<new>{_QG})$",
            rf"^(?:replace|substitute)\s+(?:the\s+)?(?:words?\s+)?{_Q}"
            rf"(?:\s+(?:in|from)\s+(?P<ref>[^⟦]+?))?\s+(?:with|by)\s*:?\s*(?P<new>{_QG})$",
        ]
        for pattern in patterns:
            match = re.match(pattern, self.text, _FLAGS)
            if match:
                return [
                    self._word_op(
                        "replace_words", match.group("a"), match.group("new"), match.group("ref")
                    )
                ]
        match = re.match(rf"^substitute\s+(?P<new>{_QG})\s+for\s+{_Q}$", self.text, _FLAGS)
        if match:
            return [self._word_op("replace_words", match.group("a"), match.group("new"), None)]
        return []

    def _word_op(
        self, action: str, anchor: str, new: str | None, ref: str | None, **fields: object
    ) -> Operation:
        target = None
        if ref:
            target = _parse_ref(ref)
            if target is None:
                raise NotUnderstood(
                    f"Cannot tell which part of the text {ref.strip()!r} is, in {self.source!r}.",
                    self.source,
                )
        return self.op(
            action,
            anchor=self.words(f"⟦{anchor}⟧"),
            text=self.words(new) if new else "",
            target=target,
            **fields,
        )

    def _insert_words(self) -> list[Operation]:
        patterns = [
            rf"^(?P<pos>after|before|following)\s+(?:the\s+words?\s+)?{_Q}\s*[,:]?\s*"
            rf"(?:insert|add|put)\s*(?::\s*)?(?:the\s+words?\s+)?(?P<new>{_QG})$",
            rf"^(?:insert|add|put)\s+(?:the\s+words?\s+)?(?P<new>{_QG})\s+"
            rf"(?P<pos>after|before|following)\s+(?:the\s+words?\s+)?{_Q}$",
            rf"^(?:insert|add)\s+(?P<pos>after|before|following)\s+(?:the\s+words?\s+)?{_Q}"
            rf"\s*(?::\s*)?(?P<new>{_QG})$",
        ]
        for pattern in patterns:
            match = re.match(pattern, self.text, _FLAGS)
            if match:
                position = "before" if match.group("pos").lower() == "before" else "after"
                anchor = match.group("a")
                return [
                    self._word_op(
                        "insert_words", anchor, match.group("new"), None, position=position
                    )
                ]
        match = re.match(
            rf"^(?P<pos>after|before|following)\s+(?:the\s+words?\s+)?{_Q}\s*[,:]?\s*"
            r"(?:insert|add)\s*:?$",
            self.text,
            _FLAGS,
        )
        if match and self.content_lines:
            position = "before" if match.group("pos").lower() == "before" else "after"
            return [
                self.op(
                    "insert_words",
                    anchor=self.words(f"⟦{match.group('a')}⟧"),
                    text=self.content(None),
                    position=position,
                )
            ]
        return []

    def _add_at_end(self) -> list[Operation]:
        patterns = [
            rf"^(?:add|insert)\s+(?:(?:the\s+following\s+|new\s+(?:text\s+)?)?)?(?:at|to)\s+"
            rf"(?:the\s+)?end(?:\s+of\s+(?P<ref>[^:⟦]+?))?\s*(?::\s*)?(?P<content>{_QG}.*)?$",
            rf"^at\s+(?:the\s+)?end(?:\s+of\s+(?P<ref>[^,:⟦]+?))?\s*[,:]?\s*(?:add|insert)"
            rf"(?:\s+the\s+following)?\s*(?::\s*)?(?P<content>{_QG}.*)?$",
            rf"^add(?:\s+the\s+following)?\s*(?::\s*)?(?P<content>{_QG}(?:\s*{_QG})*)?$",
            r"^add(?:\s+the\s+following)?\s*:\s*(?P<content>.+)$",
        ]
        for pattern in patterns:
            match = re.match(pattern, self.text, _FLAGS)
            if not match:
                continue
            ref_text = match.groupdict().get("ref")
            target = None
            if ref_text:
                target = _parse_ref(ref_text)
                if target is None:
                    raise NotUnderstood(
                        f"Cannot tell which part of the text {ref_text.strip()!r} is, "
                        f"in {self.source!r}.",
                        self.source,
                    )
            text = self.content(match.group("content"))
            if target is not None and target.noun not in ("text", "section"):
                return [self.op("append_words", text=text, target=target)]
            return [self.op("add", text=text, target=target)]
        return []

    def _insert_clause(self) -> list[Operation]:
        match = re.match(
            rf"^(?:insert|add)\s+(?:(?:a|an|the\s+following)\s+)?(?:(?P<new>new)\s+)?"
            rf"(?:(?P<noun>{_NOUN})(?:\s+(?P<label>{_LABEL}|[A-Z]\s?\d+(?:\.\d+)*\.?))?\s*)?"
            rf"(?:(?P<pos>after|before|following|at\s+(?:the\s+)?(?:end|start)(?:\s+of)?)"
            rf"(?:\s+(?P<ref>[^:⟦]+?))?)?\s*(?::\s*)?(?P<content>{_QG}(?:\s*{_QG})*)?\s*:?$",
            self.text,
            _FLAGS,
        )
        if not match or not (match.group("noun") or match.group("pos") or match.group("new")):
            return []
        target = None
        if match.group("ref"):
            target = _parse_ref(match.group("ref"))
            if target is None:
                raise NotUnderstood(
                    f"Cannot tell which part of the text {match.group('ref').strip()!r} is, "
                    f"in {self.source!r}.",
                    self.source,
                )
        position = (match.group("pos") or "").lower()
        position = re.sub(r"\s+", " ", position).replace("the ", "").removesuffix(" of")
        position = {"following": "after", "at end": "end", "at start": "start"}.get(
            position, position
        )
        noun = _noun(match.group("noun")) if match.group("noun") else ""
        return [
            self.op(
                "insert_clause",
                text=self.content(match.group("content")),
                target=target,
                position=position,
                noun=noun,
                label=match.group("label") or "",
            )
        ]

    def _delete_quoted(self) -> list[Operation]:
        match = re.match(
            rf"^{_DEL}\s+(?:the\s+)?(?:words?\s+|phrases?\s+|text\s+)?"
            rf"(?P<qs>{_QG}(?:\s*(?:,|and|,\s*and|;)\s*{_QG})*)"
            rf"(?:\s+(?:in|from)\s+(?P<ref>[^⟦]+?))?$",
            self.text,
            _FLAGS,
        )
        if not match:
            return []
        anchors = re.findall(r"⟦(\d+)⟧", match.group("qs"))
        return [self._word_op("delete_words", a, None, match.group("ref")) for a in anchors]

    def _clause(self) -> list[Operation]:
        match = re.match(
            rf"^{_DEL}(?:\s+(?!and\b)(?P<ref>.+?))?(?:{_REPLACE_TAIL}(?P<content>.*))?$",
            self.text,
            _FLAGS,
        )
        if not match:
            return []
        ref_text = (match.group("ref") or "").strip()
        several = self.several_clauses(ref_text)
        if several and match.group("content") is None:
            return [self.op("delete_clause", target=target) for target in several]
        if ref_text:
            target = self.beginning_ref(ref_text) or _parse_ref(ref_text)
        elif self.scope is not None and match.group("content") is None and not self.content_lines:
            target, self.scope = self.scope, None  # "Lines 14-17 delete", "Rule 3: delete"
        elif self.scope is not None and match.group("content") is not None:
            target, self.scope = self.scope, None
        else:
            return []
        if target is None:
            return []
        if match.group("content") is not None:
            content = match.group("content")
            kind = re.match(
                rf"^(?:(?:a|an)\s+)?new\s+(?P<noun>{_NOUN})\s*(?::\s*)?", content, _FLAGS
            )
            noun = ""
            if kind:  # "... and replace with new paragraph: ..." drops the old numbering
                noun = _noun(kind.group("noun"))
                content = content[kind.end() :]
            return [self.op("replace_clause", target=target, text=self.content(content), noun=noun)]
        return [self.op("delete_clause", target=target)]

    def beginning_ref(self, text: str) -> Ref | None:
        """ "the sentence beginning 'We also'" (optionally "... of point 2.3")."""
        match = re.match(
            rf"^(?:the\s+)?(?P<noun>sentence|paragraph|bullet(?:[ -]point)?|point)\s+"
            r"(?:beginning|starting|which\s+begins|that\s+begins|which\s+starts|that\s+starts)"
            rf"\s+(?:with\s+)?(?:the\s+words?\s+)?{_Q}(?:\s+(?:of|in)\s+(?P<within>.+))?$",
            text,
            _FLAGS,
        )
        if not match:
            return None
        within = _parse_ref(match.group("within")) if match.group("within") else None
        if match.group("within") and within is None:
            return None
        return Ref(
            _noun(match.group("noun")), words=self.words(f"⟦{match.group('a')}⟧"), within=within
        )

    def several_clauses(self, text: str) -> list[Ref]:
        """ "points 2.3 and 2.5", "paragraphs 3, 5 and 7": each one deleted."""
        match = re.match(
            rf"^(?:the\s+)?(?P<noun>{_NOUN})\s+(?P<labels>{_LABEL}(?:\s*(?:,\s*and|,|and|&)\s*"
            rf"{_LABEL})+)$",
            text,
            _FLAGS,
        )
        if not match:
            return []
        noun = _noun(match.group("noun"))
        labels = re.split(r"\s*(?:,\s*and|,|and|&)\s*", match.group("labels"), flags=_FLAGS)
        if noun == "line":
            return (
                [Ref("line", first_line=int(n), last_line=int(n)) for n in labels if n.isdigit()]
                if all(n.isdigit() for n in labels)
                else []
            )
        return [Ref(noun, label=label) for label in labels]

    def _delete_listed(self) -> list[Operation]:
        if not re.match(rf"^{_DEL}(?:\s+the\s+following)?\s*:?$", self.text, _FLAGS):
            return []
        if not any(line.strip() for line in self.content_lines):
            return []
        return [self.op("delete_listed", listed=tuple(self._listed_lines()))]

    def _listed_lines(self) -> list[str]:
        """Each line of a list after "Delete:" or "Replace with:", without bullet or quotes."""
        items = []
        for line in self.content_lines:
            stripped = line.strip(" \t\u00a0")
            if not stripped:
                continue
            stripped = re.sub(r"^[-*+•●–—◦▪■‣⁃·]\s*", "", stripped)
            if re.fullmatch(_QG, stripped):
                items.append(self.quotes.inner(stripped))
            else:
                items.append(self.quotes.restore(stripped))
        return items

    def _scope_only(self) -> list[Operation]:
        """ "Replace with:" / "Insert:" continuing the previous statement's deletion."""
        if re.match(
            r"^(?:and\s+)?(?:replace|substitute|insert|put)\b(?:\s+(?:it|them|this|these))?"
            r"(?:\s+(?:with|by|in\s+(?:its|their)\s+place))?\s*:?$",
            self.text,
            _FLAGS,
        ):
            return [
                self.op(
                    "continue_replacement",
                    text=self.content(None),
                    listed=tuple(self._listed_lines()),
                )
            ]
        return []

    def _unquoted(self) -> list[Operation]:
        """Words without quotation marks: "Delete Aims and replace with Principles"."""
        if "⟦" in self.text:
            return []
        match = re.match(
            rf"^{_DEL}\s+(?:the\s+)?(?:words?\s+)?(?P<old>.+?)\s*,?\s+(?:and\s+)?"
            r"(?:replace|substitute)\s+(?:it\s+|them\s+)?(?:with|by)\s*:?\s*(?P<new>.+)$",
            self.text,
            _FLAGS,
        )
        if match:
            return [self.op("replace_words", anchor=match.group("old"), text=match.group("new"))]
        match = re.match(
            r"^(?:replace)\s+(?:the\s+)?(?:words?\s+)?(?P<old>.+?)\s+with\s+"
            r"(?P<new>.+)$",
            self.text,
            _FLAGS,
        )
        if match:
            return [self.op("replace_words", anchor=match.group("old"), text=match.group("new"))]
        match = re.match(rf"^{_DEL}\s+(?:the\s+)?words?\s+(?P<old>.+)$", self.text, _FLAGS)
        if match:
            return [self.op("delete_words", anchor=match.group("old"))]
        match = re.match(
            r"^(?P<pos>after|before)\s+(?:the\s+words?\s+)?(?P<old>.+?)\s*[,:]?\s+"
            r"(?:insert|add)\s+(?:the\s+words?\s+)?(?P<new>.+)$",
            self.text,
            _FLAGS,
        ) or re.match(
            r"^(?:insert|add)\s+(?:the\s+words?\s+)?(?P<new>.+?)\s+(?P<pos>after|before)\s+"
            r"(?:the\s+words?\s+)?(?P<old>.+)$",
            self.text,
            _FLAGS,
        )
        if match and not _names_a_place(match.group("old")):
            position = match.group("pos").lower()
            return [
                self.op(
                    "insert_words",
                    anchor=match.group("old"),
                    text=match.group("new"),
                    position=position,
                )
            ]
        match = re.match(rf"^{_DEL}\s+(?P<old>.+)$", self.text, _FLAGS)
        if (
            match
            and not _names_a_place(match.group("old"))
            and not match.group("old").endswith(":")
        ):
            return [self.op("delete_words", anchor=match.group("old"))]
        return []


def _names_a_place(words: str) -> bool:
    """ "point 9.9x", "the paragraph": a garbled reference, not words to look for unquoted."""
    return bool(re.match(rf"^(?:the\s+)?(?:{_ORD}\s+)?(?:{_NOUN})\b", words.strip(), _FLAGS))


def _not_understood_message(part: str) -> str:
    return (
        f"Cannot read this part of the amendment: {part!r}. Write it as, for example, "
        '\'Delete "X"\', \'Delete "X" and replace with "Y"\', \'In point 1.2, after "X" '
        'insert "Y"\', \'Delete point 2.3 and replace with: "..."\', '
        "'Insert new point after point 2.3: \"...\"' or 'Add at end: \"...\"'."
    )


def parse_amendment(instruction: str) -> Amendment:
    """Read an amendment (one or several instructions) into operations, in the order written."""
    if not instruction.strip():
        raise NotUnderstood("The amendment is empty: write the change it makes.", instruction)
    masked, quotes = _protect_quotes(instruction)
    renumber = False
    statements, scope = _statements(masked, quotes)
    operations: list[Operation] = []
    for statement in statements:
        text = statement.text
        stripped = _RENUMBER.sub("", text)
        if stripped != text:
            renumber = True
            if not stripped.strip():
                continue
            statement = _Statement(stripped, statement.content)
        original = quotes.restore(statement.text).strip()
        for operation in _Reader(statement, quotes, original).read():
            _add_operation(operations, operation)
    if not operations:
        if renumber:
            return Amendment((), scope, renumber, instruction)
        raise NotUnderstood(_not_understood_message(instruction.strip()), instruction)
    return Amendment(tuple(operations), scope, renumber, instruction)


def _add_operation(operations: list[Operation], operation: Operation) -> None:
    if operation.action != "continue_replacement":
        operations.append(operation)
        return
    previous = operations[-1] if operations else None
    if previous is None or previous.action not in (
        "delete_listed",
        "delete_clause",
        "delete_words",
    ):
        raise NotUnderstood(
            f"{operation.source!r} does not follow a deletion, so it is not clear what it "
            "replaces. Write, e.g., 'Delete point 2.3 and replace with: \"...\"'.",
            operation.source,
        )
    source = f"{previous.source} {operation.source}"
    if previous.action == "delete_listed":
        operations[-1] = Operation(
            "delete_listed",
            source,
            scope=previous.scope,
            listed=previous.listed,
            replacements=operation.listed,
        )
    elif previous.action == "delete_clause":
        operations[-1] = Operation(
            "replace_clause",
            source,
            scope=previous.scope,
            target=previous.target,
            text=operation.text,
        )
    else:
        operations[-1] = Operation(
            "replace_words",
            source,
            scope=previous.scope,
            target=previous.target,
            anchor=previous.anchor,
            end_anchor=previous.end_anchor,
            text=operation.text,
        )
