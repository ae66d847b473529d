"""The layout pass: an amendment as written, cut into sentences the grammar can read.

People set amendments out in many ways. Before any sentence is parsed, this pass

- masks quotations (straight or curly, nested, a closing mark missing: the quotation then runs
  to the end of its paragraph), text in braces (``{...}``, ``{{{...}}}``) and text between
  ``---`` lines, so that no full stop, "and" or "after" inside new text is read as part of an
  instruction;
- masks notes in square brackets and web addresses (kept as explanation);
- takes the new text set off below an instruction that asks for it ("replace with:", "to
  read:", "Add new article 103:") as one quotation: lines indented deeper than the
  instruction, bulleted or numbered lines, or the paragraphs after it that are not
  instructions themselves;
- joins an instruction wrapped over several lines or paragraphs ("... by changing the text" /
  the quotation / "to read" / the quotation) and cuts the rest into sentences, each with the
  numbered part it belongs to ("1)", "2.") and whether it stood on a line of its own.

What each sentence is (an instruction, a scope line, a reason, a title) is for the reader to
decide: :mod:`compositing.reader`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from compositing.errors import NotUnderstood
from compositing.tokens import NOTE_CLOSE, NOTE_OPEN, QUOTE_CLOSE, QUOTE_OPEN, Token, tokenize
from compositing.vocabulary import UNIT_NOUNS

__all__ = ["Layout", "Quoted", "Sentence", "lay_out"]

_PRIVATE_OR_CONTROL = re.compile(r"[\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DASH_LINE = re.compile(r"[ \t]*(?:-{3,}|—{1,}|–{2,})[ \t]*$")
_URL = re.compile(r"https?://[^\s\ue000-\ue003]{1,500}")
_QUOTE_MASK = re.compile("\ue000(\\d+)\ue001")
_NOTE_MASK = re.compile("\ue002(\\d+)\ue003")
_BLANK_SPLIT = re.compile(r"\n[ \t\u00a0]*\n")
# "... – (Tees LLA)" ending a statement. Only the statement's last characters are searched: a
# search of the whole of a long run of spaces would try it from every one of them.
_MOVER_AT_END = re.compile(
    r"[.,]?[ \t]{0,20}[—–-][ \t]{0,20}\((?P<who>[^()\n]{2,80})\)[ \t]{0,20}\.?\s*$"
)
_MOVER_TAIL = 160
_NUMBERED_PART = re.compile(r"^(?P<part>\d{1,2}[.)]|\(\d{1,2}\)|\([a-z]\)|[a-z]\))\s+(?=\S)")
_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s+")
_BULLET = re.compile(r"^[-*+•●–—◦▪■‣⁃·]\s")
_LABELLED = re.compile(r"^\(?(?:\d+(?:\.\d+)*|[a-zA-Z]|[ivxlc]+)[.)]?\s")
_MOVER_OR_REASON = re.compile(
    r"^(?:reasons?|rationale|explanation|notes?|background|purpose|supporting\s+statement)\s*:"
    r"|^(?:proposed|moved|seconded|submitted|supported)\s+by\b",
    re.IGNORECASE,
)
_NEXT_STEP = re.compile(
    r"^(?:and\s+(?:then\s+)?)?(?:replace|substitute|insert|put|add)(?:\s+(?:it|them|this|these))?"
    r"(?:\s+(?:with|by|in\s+(?:its|their)\s+place))?\s*:?\s*$",
    re.IGNORECASE,
)
_CLOSERS = {"“": "”", "„": "“", "«": "»", '"': '"', "‘": "’", "'": "'"}
# Where the masker has something to decide: a quotation mark, a bracket, a brace, or the
# start of a line of dashes; everything between is copied as it stands.
_MARKS = "\"'‘’“”„«»[]{}"
_SPECIAL = re.compile(r"[\"'‘“„«\[{]|(?m:^)[ \t]*(?:-{3}|—|–{2})")
# A single quotation mark that may close a quotation (not the one in "don't").
_SINGLE_CLOSER = re.compile(r"['’](?![^\W_])")
_CONNECTIVES = frozenset(
    (
        "and", "or", "with", "to", "by", "in", "from", "after", "before", "insert", "delete",
        "replace", "add", "is", "are", "be", "as", "at", "on", "for", "inclusive", "should",
        "shall", "will", "which", "that", "of", "where", "wherever", "throughout", "then",
        "renumber", "remove", "leave", "substitute", "change", "reading", "so",
    )
)  # fmt: skip
_CONTINUING_WORDS = frozenset(
    ("and", "or", "of", "the", "a", "an", "to", "in", "by", "with", "after", "before", "from",
     "that", "this", "these", "its", "at", "on", "for", "as", "then")
)  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\ue000\ue002(\[“‘\"'])")
_NOT_AN_END = re.compile(
    r"(?:\b\d+(?:\.\d+)*|\b[A-Za-z]|\b[ivxlc]+|\be\.g|\bi\.e|\betc|\bNo|\bArt|\bpara|\bcf"
    r"|\bSt|\bMr|\bMrs|\bMs|\bDr|\bvs)\.$"
)
# A sentence that ends inside its quotation: 'This clause currently reads "... in person." The'
_QUOTED_END = re.compile(r"(?<=\ue001)\s+(?=[A-Z])")


def _ends_a_sentence(match: re.Match[str], text: str, layout: Layout) -> bool:
    quote = re.search(r"\ue000(\d+)\ue001$", text[max(0, match.start() - 12) : match.start()])
    return bool(quote) and layout.quotes[int(quote.group(1))].inner.rstrip().endswith(
        (".", "!", "?")
    )


# "; that is, ..." after an instruction restates it: an aside, not a further instruction.
_ASIDE = re.compile(r"[;,]\s*(?=(?:that\s+is|i\.\s?e\.|in\s+other\s+words)\b)", re.IGNORECASE)
_AFTER_QUOTE = re.compile(
    r"(?<=\ue001)[ \t]+(?=(?:Renumber|Re-number|Delete|Insert|Add|Replace|Amend|Remove|Leave"
    r"|Substitute|Change|Omit|Append)\b)"
)


@dataclass(frozen=True)
class Quoted:
    opener: str
    inner: str
    closer: str
    block: bool = False  # set off below its instruction, not between quotation marks
    plain: bool = False  # written without quotation marks (set off below, or after a colon)

    @property
    def text(self) -> str:
        return self.opener + self.inner + self.closer


@dataclass(frozen=True)
class Sentence:
    text: str  # masked: quotations as QUOTE_OPEN n QUOTE_CLOSE, notes as NOTE_OPEN n NOTE_CLOSE
    paragraph: int
    part: str = ""  # the numbering of the part of the amendment it is in: "1)", "2."
    alone: bool = False  # it stood on a line of its own
    heading: bool = False  # a Markdown heading line ("# Change of article 103")


@dataclass
class Layout:
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[Quoted] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    movers: list[str] = field(default_factory=list)

    def restore(self, text: str, blocks: bool = True) -> str:
        """Masked text with its quotations and notes as written (without the new text set
        off below an instruction, unless ``blocks``)."""

        def quotation(match: re.Match[str]) -> str:
            quoted = self.quotes[int(match.group(1))]
            return quoted.text if blocks or not quoted.block else ""

        text = _QUOTE_MASK.sub(quotation, text)
        return _NOTE_MASK.sub(lambda m: self.notes[int(m.group(1))], text)

    def quote(self, index: str | int) -> str:
        """The words of a quotation, quotations inside it as written."""
        return self.restore(self.quotes[int(index)].inner)


def clean(text: str) -> str:
    """Line endings made plain, characters no one types (and the masks) removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _PRIVATE_OR_CONTROL.sub("", text)


# Far more than any amendment holds (the longest real ones have a dozen of each): refused as
# soon as they are passed, so a hostile text costs no more than a long real one.
MAX_SENTENCES = 200
MAX_QUOTATIONS = 400
MAX_MARKS = 2000  # quotation marks, apostrophes, brackets and braces
MAX_LINES = 2000  # a whole new rule book of 50,000 characters has about 800


def lay_out(text: str) -> Layout:
    layout = Layout()
    text = clean(text)
    if sum(map(text.count, _MARKS)) > MAX_MARKS:
        _too_many("quotation marks and brackets", MAX_MARKS)
    if text.count("\n") > MAX_LINES and _lines_written(text) > MAX_LINES:
        _too_many("lines", MAX_LINES)
    masked = _mask(text, layout)
    masked = _mask_urls(masked, layout)
    _sentences(masked, layout)
    if len(layout.sentences) > MAX_SENTENCES:
        _too_many("sentences", MAX_SENTENCES)
    return layout


def _lines_written(text: str) -> int:
    return sum(1 for line in text.split("\n") if line.strip())


def _too_many(what: str, limit: int) -> None:
    raise NotUnderstood(
        f"This amendment has more than {limit} {what}, which is more than one amendment "
        "holds. Split it into several.",
        "",
    )


# --- masking --------------------------------------------------------------------------------


def _mask(text: str, layout: Layout) -> str:
    return _Masker(text, layout).masked()


class _Masker:
    """One pass over the amendment, masking what is quoted, noted or set off as new text.

    Every search is bounded (pairs found once in a single pass, paragraphs looked up by
    bisection), so the pass stays linear however many marks a hostile text holds.
    """

    def __init__(self, text: str, layout: Layout) -> None:
        self.text = text
        self.layout = layout
        self.paragraph_ends = [m.start() for m in _BLANK_SPLIT.finditer(text)] + [len(text)]
        self.curly = _pairs(text, "“", "”")
        self.square = _pairs(text, "[", "]")
        self.braces = _pairs(text, "{", "}")
        self.dash_lines = [
            (m.start(), m.end()) for m in re.finditer(r"(?m)^[ \t]*(?:-{3,}|—+|–{2,})[ \t]*$", text)
        ]
        self.single_closers = [m.start() for m in _SINGLE_CLOSER.finditer(text)]

    def paragraph_end(self, i: int) -> int:
        return (
            self.paragraph_ends[bisect_right(self.paragraph_ends, i)]
            if (bisect_right(self.paragraph_ends, i) < len(self.paragraph_ends))
            else len(self.text)
        )

    def masked(self) -> str:
        text, layout = self.text, self.layout
        out: list[str] = []
        i = 0
        length = len(text)
        dashes = {start: n for n, (start, _) in enumerate(self.dash_lines)}
        while i < length:
            special = _SPECIAL.search(text, i)
            if special is None:
                out.append(text[i:])
                break
            out.append(text[i : special.start()])
            i = special.start()
            char = text[i]
            if i in dashes and dashes[i] + 1 < len(self.dash_lines):
                first_end = self.dash_lines[dashes[i]][1]
                second_start, second_end = self.dash_lines[dashes[i] + 1]
                out.append(_quote(layout, "", text[first_end + 1 : second_start].strip("\n"), ""))
                i = second_end
                continue
            if char == "{" and (i == 0 or text[i - 1].isspace()):
                triple = text.startswith("{{{", i)
                close = text.find("}}}", i + 3) if triple else self.braces.get(i, -1)
                if close >= 0:
                    width = 3 if triple else 1
                    out.append(_quote(layout, "", text[i + width : close].strip(), ""))
                    i = close + width
                    continue
            if char == "[":
                close = self.square.get(i, -1)
                end = close + 1 if close >= 0 else self.paragraph_end(i)
                layout.notes.append(text[i:end])
                out.append(f"{NOTE_OPEN}{len(layout.notes) - 1}{NOTE_CLOSE}")
                i = end
                continue
            if char in _CLOSERS and _opens_quote(text, i):
                close = self.find_close(i)
                if close < 0 and char in "'‘" and not _starts_quotation(text, i):
                    out.append(char)  # an apostrophe, not a quotation
                    i += 1
                    continue
                if close < 0:
                    end = self.unclosed_end(i)
                    out.append(_quote(layout, char, text[i + 1 : end].rstrip(), ""))
                    i = end
                    continue
                out.append(_quote(layout, char, text[i + 1 : close], text[close]))
                i = close + 1
                continue
            out.append(char)
            i += 1
        return "".join(out)

    def find_close(self, i: int) -> int:
        text = self.text
        opener = text[i]
        if opener == "“":
            return self.curly.get(i, -1)
        if opener not in "'‘":
            closer = _CLOSERS[opener]
            close = text.find(closer, i + 1)
            paragraph = self.paragraph_end(i)
            curly = text.find("”", i + 1, paragraph) if opener == '"' else -1
            if curly >= 0 and (close < 0 or close > paragraph):
                close = curly  # "... twelve.”: opened straight, closed curly
            if close > paragraph and close + 1 < len(text) and text[close + 1].isalnum():
                return -1  # the next mark opens a later quotation: this one was never closed
            return close
        paragraph = self.paragraph_end(i)
        first = bisect_right(self.single_closers, i)
        last = bisect_right(self.single_closers, paragraph)
        inside = self.single_closers[first:last]
        for j in inside:
            if _closes_here(text, j):
                return j
        return inside[-1] if inside else -1

    def unclosed_end(self, i: int) -> int:
        """An unclosed quotation runs to the end of its paragraph, or of its line when the
        next line starts a numbered part of the amendment."""
        text = self.text
        end = self.paragraph_end(i)
        position = text.find("\n", i, end)
        while position >= 0:
            following = text[position + 1 : position + 40]
            if _NUMBERED_PART.match(following.lstrip()):
                return position
            position = text.find("\n", position + 1, end)
        return end


def _pairs(text: str, opener: str, closer: str) -> dict[int, int]:
    """Where each opening mark is closed, nesting counted: one pass."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for mark in re.finditer(f"[{re.escape(opener)}{re.escape(closer)}]", text):
        if mark.group() == opener:
            stack.append(mark.start())
        elif stack:
            pairs[stack.pop()] = mark.start()
    return pairs


def _quote(
    layout: Layout, opener: str, inner: str, closer: str, block: bool = False, plain: bool = False
) -> str:
    if len(layout.quotes) == MAX_QUOTATIONS:
        _too_many("quotations", MAX_QUOTATIONS)
    layout.quotes.append(Quoted(opener, inner, closer, block, plain))
    return f"{QUOTE_OPEN}{len(layout.quotes) - 1}{QUOTE_CLOSE}"


def _opens_quote(text: str, i: int) -> bool:
    if text[i] in "'‘":
        return i == 0 or not text[i - 1].isalnum()
    return True


def _starts_quotation(text: str, i: int) -> bool:
    """An unclosed single quotation mark that opens a quotation rather than being an
    apostrophe: at the start of a line, or after a colon or an instruction word."""
    before = text[max(0, i - 40) : i].rstrip(" \t")
    if not before and i <= 40 or before.endswith(("\n", ":")) or i == 0:
        return True
    word = re.search(r"(\w+)$", before)
    return bool(word) and word.group(1).lower() in ("with", "insert", "add", "read", "text")


def _closes_here(text: str, j: int) -> bool:
    """A closing single quotation mark, not the apostrophe of "Workers’ Conference"."""
    rest = text[j + 1 : j + 40]
    if not rest.strip() or rest.lstrip(" \t").startswith("\n"):
        return True
    if rest[0] in ".,;:)!?]":
        return True
    word = re.match(r"\s+([A-Za-z]+)", rest)
    return bool(word) and word.group(1).lower() in _CONNECTIVES


def _mask_urls(text: str, layout: Layout) -> str:
    def note(match: re.Match[str]) -> str:
        layout.notes.append(match.group())
        return f"{NOTE_OPEN}{len(layout.notes) - 1}{NOTE_CLOSE}"

    return _URL.sub(note, text)


# --- lines to sentences -----------------------------------------------------------------------


@dataclass
class _Statement:
    text: str
    paragraph: int
    indent: int
    part: str = ""
    alone: bool = False
    heading: bool = False
    content: list[str] = field(default_factory=list)
    content_blank: bool = False  # a blank line came after the content's last line
    closed: bool = False  # a line of its own (a scope line, a heading): nothing joins it


def _sentences(masked: str, layout: Layout) -> None:
    statements: list[_Statement] = []
    paragraph = 0
    blank_before = False
    collecting: _Statement | None = None
    for raw in masked.split("\n"):
        line = raw.strip(" \t\u00a0")
        if not line:
            blank_before = True
            if collecting is not None and collecting.content:
                collecting.content_blank = True
            continue
        if blank_before:
            paragraph += 1
        if collecting is not None:
            if _content_continues(collecting, raw, line, blank_before, layout):
                if collecting.content and blank_before:
                    collecting.content.append("")
                collecting.content.append(raw.rstrip())
                blank_before = False
                continue
            _close_content(collecting, layout)
            collecting = None
        current = statements[-1] if statements else None
        if current is not None and _continues(current, line, blank_before):
            current.text += " " + line
        else:
            current = _new_statement(line, raw, paragraph)
            statements.append(current)
            if len(statements) > MAX_SENTENCES:
                _too_many("sentences", MAX_SENTENCES)
        blank_before = False
        if _wants_content(current):
            collecting = current
    if collecting is not None:
        _close_content(collecting, layout)
    for statement in statements:
        _cut(statement, layout)


def _indent(raw: str) -> int:
    leading = raw[: len(raw) - len(raw.lstrip(" \t\u00a0"))]
    return len(leading.replace("\u00a0", " ").expandtabs(4))


def _new_statement(line: str, raw: str, paragraph: int) -> _Statement:
    heading = bool(_HEADING_LINE.match(line))
    if heading:
        line = _HEADING_LINE.sub("", line)
    line = _BULLET.sub("", line, count=1)  # "* Replacing ..." : a step set out as a bullet
    part = ""
    numbered = _NUMBERED_PART.match(line)
    if numbered and not heading and _instruction_like(line[numbered.end() :]):
        part = numbered.group("part")
        line = line[numbered.end() :]
    statement = _Statement(line, paragraph, _indent(raw), part, heading=heading)
    statement.closed = heading or _scope_only(line)
    statement.alone = statement.closed
    return statement


def _continues(current: _Statement, line: str, blank_before: bool) -> bool:
    """Does ``line`` carry on the statement before it?"""
    if (
        current.closed
        or _HEADING_LINE.match(line)
        or _NUMBERED_PART.match(line)
        and (_instruction_like(_NUMBERED_PART.sub("", line)))
    ):
        return False
    if _scope_only(line) and not _ends_open(current.text):
        return False
    opens_with_quote = line.startswith((QUOTE_OPEN, NOTE_OPEN))
    lower = line[:1].islower()
    if blank_before:
        return lower or opens_with_quote and _ends_open(current.text)
    if lower or opens_with_quote:
        return True
    if _instruction_like(line) or _explanation_start(line):
        return False
    return _ends_open(current.text) or not current.text.rstrip().endswith(
        (".", ";", "!", "?", QUOTE_CLOSE)
    )


def _ends_open(text: str) -> bool:
    """The statement is not finished: it ends with ":" or a word that needs more after it."""
    stripped = text.rstrip()[-200:]
    if stripped.endswith((":", ",")):
        return True
    if stripped.endswith((".", ";", "!", "?", QUOTE_CLOSE, NOTE_CLOSE)):
        return False
    word = re.search(r"([A-Za-z]+)$", stripped)
    if word and word.group(1).lower() in _CONTINUING_WORDS:
        return True
    tokens = tokenize(stripped)
    return bool(tokens) and tokens[-1].type in (
        "VERB", "READ", "FOLLOWING", "WITH", "POS", "UNIT", "SENTENCE", "WORDSN", "AMEND",
        "CONJ", "TO", "FROM", "BY", "AUX", "PART", "NEW", "BEFORETEXT", "SAYS", "CONTAINING",
        "BEGINNING",
    )  # fmt: skip


def _wants_content(statement: _Statement) -> bool:
    """Does the statement end by asking for new text ("... replace with:", "to read",
    "Add new article 103:", "the following paragraph in its place:")?"""
    tokens = _last_clause(tokenize(statement.text[-400:]))
    if not tokens:
        return False
    last = tokens[-1]
    if last.type == "COLON":
        return _asks_for_text(tokens[:-1])
    if last.type in ("READ", "WITH"):
        return True
    if last.type == "FOLLOWING":
        return _asks_for_text(tokens)
    if last.type == "VERB" and last.value.split("|")[0] in (
        "insert",
        "add",
        "append",
        "replace",
        "substitute",
        "delete",
        "change",
    ):
        return True
    if last.type == "POS" and last.value == "place":
        return True
    if (
        len(tokens) > 1
        and tokens[-2].type in ("FOLLOWING", "NEW", "THIS")
        and last.type in ("UNIT", "SENTENCE", "WORDSN", "LISTN")
    ):
        return True
    return _replacement_without_new_text(tokens)


def _last_clause(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    cut = max((i for i, t in enumerate(tokens) if t.type in ("CONJ", "SEMI")), default=-1)
    return tokens[cut + 1 :]


def _asks_for_text(tokens: tuple[Token, ...]) -> bool:
    """The words before a colon ask for new text ("replace with:", "Add new article 103:",
    "Delete:"), not for instructions ("Amend Rule 5 by:", "the following amendments:")."""
    if (
        any(t.type == "NOUNACT" and t.value == "amend" for t in tokens)
        or any(t.type == "FOLLOWS" for t in tokens)
        and (_is_amend(tokens) or not any(t.type == "VERB" for t in tokens))
    ):
        return False
    if tokens and tokens[-1].type == "BY":
        return False
    return any(
        t.type
        in (
            "READ",
            "WITH",
            "NEW",
            "FOLLOWING",
            "POS",
            "VERB",
            "CURRENT",
            "PART",
            "NOUNACT",
            "BEFORETEXT",
            "NEWTEXT",
        )
        for t in tokens
    )


def _asks_plainly(statement: _Statement) -> bool:
    """New text not set off (not indented, not bulleted) follows only "...:" or "to read"."""
    tokens = tokenize(statement.text)
    return bool(tokens) and (
        tokens[-1].type in ("COLON", "READ") or _replacement_without_new_text(tokens)
    )


def _is_amend(tokens: tuple[Token, ...]) -> bool:
    return any(t.type == "AMEND" for t in tokens)


def _replacement_without_new_text(tokens: tuple[Token, ...]) -> bool:
    """ "Replace: 'the old words'" and nothing after: the new words follow on their own."""
    verbs = [t for t in tokens if t.type == "VERB"]
    if len(verbs) != 1 or verbs[0].value.split("|")[0] not in ("replace", "change"):
        return False
    quotes = [t for t in tokens if t.type == "Q"]
    return len(quotes) == 1 and not any(t.type in ("WITH", "TO", "BY", "READ") for t in tokens)


def _content_continues(
    statement: _Statement, raw: str, line: str, blank_before: bool, layout: Layout
) -> bool:
    """Is ``line`` part of the new text set off below ``statement``?"""
    if _HEADING_LINE.match(line) or _MOVER_OR_REASON.match(line):
        return False
    if _explanation_start(line) and (statement.content or not _asks_plainly(statement)):
        return False
    if _ONLY_NOTES.fullmatch(line):
        return False
    if line.startswith(QUOTE_OPEN) and not statement.content:
        return False  # the new text is quoted: the instruction continues with it
    deeper = _indent(raw) > statement.indent
    marked = bool(_BULLET.match(line) or _LABELLED.match(line))
    if not marked and _NEXT_STEP.match(line):
        return False  # "Replace with:" after a listed "Delete:" is the next step
    if not statement.content:
        if line[:1].islower() and not marked and not deeper:
            return False  # "a new list bullet reading:" continues the instruction
        if deeper or marked:
            if _a_step(statement, line):
                return False
            return not (_NUMBERED_PART.match(line) and statement.part and not deeper)
        return _asks_plainly(statement) and not _instruction_like(line)
    if (deeper or (marked and not blank_before)) and not _a_step(statement, line):
        return True
    if not blank_before and not marked:
        # A wrapped line of the new text, unless an instruction plainly starts there.
        return not (line[:1].isupper() and _instruction_like(line))
    if line[:1].islower():
        return False
    if _instruction_like(line) or _scope_only(line):
        return False
    return not (_LABELLED.match(line) and not _inside_named_unit(statement, line))


def _a_step(statement: _Statement, line: str) -> bool:
    """A bulleted or numbered instruction under "Amend Rule 5 by:" is a step, not new text
    (under "replace with:" it is new text, whatever word it starts with)."""
    tokens = _last_clause(tokenize(statement.text))
    if _asks_for_text(tokens[:-1] if tokens and tokens[-1].type == "COLON" else tokens):
        return False
    return _instruction_like(_BULLET.sub("", _LABELLED.sub("", line, count=1), count=1))


def _inside_named_unit(statement: _Statement, line: str) -> bool:
    """New text for "clause 11.1.1" may hold 11.1.1 and its sub-clauses, not clause 11.11."""
    from compositing.text import label_parts

    named = [t for t in tokenize(statement.text) if t.type in ("LABEL", "NUMBER")]
    label = _LABELLED.match(line)
    if not named or label is None:
        return True
    wanted = label_parts(named[-1].value)
    parts = label_parts(label.group().strip())
    return parts[: len(wanted)] == wanted


def _close_content(statement: _Statement, layout: Layout) -> None:
    if not statement.content:
        return
    lines = [line for line in statement.content]
    while lines and not lines[-1].strip():
        lines.pop()
    inner = _dedent(lines)
    statement.text += " " + _quote(layout, "", inner, "", block=True, plain=True)
    statement.content = []


def _dedent(lines: list[str]) -> str:
    widths = [_indent(line) for line in lines if line.strip()]
    cut = min(widths) if widths else 0
    out = []
    for line in lines:
        expanded = line.replace("\u00a0", " ").expandtabs(4)
        out.append(expanded[cut:] if len(expanded) >= cut else expanded.lstrip())
    # Markers restore the quotations inside new text as written.
    return "\n".join(out)


def _cut(statement: _Statement, layout: Layout) -> None:
    """The statement's sentences, each read on its own by the reader."""
    text = statement.text.strip()
    mover = _MOVER_AT_END.search(text, max(0, len(text) - _MOVER_TAIL))
    if mover:
        layout.movers.append(mover.group("who"))
        text = text[: mover.start()].rstrip()
    text = _unquoted_new_unit(text, layout)
    text = _unquoted_after_colon(text, layout)
    pieces = _split_sentences(text, layout)
    for piece in pieces:
        piece = piece.strip()
        if piece:
            layout.sentences.append(
                Sentence(
                    piece,
                    statement.paragraph,
                    statement.part,
                    statement.alone and len(pieces) == 1,
                    statement.heading,
                )
            )


_NEW_UNIT_NOUNS = "|".join(
    re.escape(form) for forms in UNIT_NOUNS.values() for form in forms if form.isalpha()
)
# "Add new section 15.6 If after a vote ...": the new text follows its label unquoted.
_NEW_UNIT_THEN_TEXT = re.compile(
    rf"\bnew\s+(?:(?:{_NEW_UNIT_NOUNS})\s+)?(?:[A-Z]?\d+(?:\.\d+)*[A-Za-z]?|\([a-z0-9]+\))"
    rf"\.?\s+(?=[A-Z][a-z])",
    re.IGNORECASE,
)


def _unquoted_new_unit(text: str, layout: Layout) -> str:
    match = _NEW_UNIT_THEN_TEXT.search(text)
    if not match or QUOTE_OPEN in text[match.end() :]:
        return text
    rest = text[match.end() :]
    new = _quote(layout, "", layout.restore(rest), "", block=True, plain=True)
    return text[: match.end()] + new


def _unquoted_after_colon(text: str, layout: Layout) -> str:
    """ "Delete 'lobby' and replace with: write to", "Add at the end: We will win.": the new
    words run on after the colon unquoted, up to the next sentence that is an instruction or
    a reason ("Renumber accordingly.", "Reason: ...")."""
    out: list[str] = []
    start = 0
    for colon in re.finditer(":", text):
        if colon.start() < start:
            continue
        rest = text[colon.end() :].lstrip()
        asking = _last_clause(tokenize(text[max(start, colon.start() - 400) : colon.start()]))
        if not rest or _names_or_acts(rest) or not _asks_for_text(asking):
            continue
        begin = len(text) - len(rest)
        end = _end_of_run_on(text, begin)
        words = layout.restore(text[begin:end].rstrip())
        out.append(text[start:begin] + _quote(layout, "", words, "", plain=True))
        start = end
    return "".join(out) + text[start:] if out else text


def _names_or_acts(rest: str) -> bool:
    """After "Delete:" or "Amend as follows:", a quotation, a place ("point 2") or an
    instruction ("In point 3, insert ..."), not new words ("in the town hall")."""
    if rest.startswith(QUOTE_OPEN) and _words_run_on_after_quote(rest):
        return False  # 'to read: "Executive" means the body ...': the quotation opens them
    if rest.startswith((QUOTE_OPEN, NOTE_OPEN)) or _scope_only(rest.rstrip(".")):
        return True
    tokens = tokenize(_opening(rest))
    if not tokens or tokens[0].type not in ("IN", "AT"):
        return _instruction_like(rest)
    named = ("UNIT", "LABEL", "NUMBER", "LINE", "SENTENCE", "DEFN")
    return any(t.type in named for t in tokens[1:4])


def _words_run_on_after_quote(rest: str) -> bool:
    close = rest.find(QUOTE_CLOSE)
    tokens = tokenize(rest[close + 1 : close + 80]) if close > 0 else ()
    kinds = [t.type for t in tokens[:2]]
    return bool(kinds) and (kinds[0] == "WORDS" or kinds == ["AUX", "WORDS"])


def _end_of_run_on(text: str, begin: int) -> int:
    for end in _SENTENCE_END.finditer(text, begin):
        following = text[end.end() :]
        # Only a reason that says so ends new words: "We will ..." may be one of them.
        if _instruction_like(following) or _MOVER_OR_REASON.match(following):
            return end.start()
    return len(text)


def _split_sentences(text: str, layout: Layout) -> list[str]:
    pieces: list[str] = []
    start = 0
    ends = sorted(
        [m for m in _SENTENCE_END.finditer(text)]
        + [m for m in _QUOTED_END.finditer(text) if _ends_a_sentence(m, text, layout)],
        key=lambda m: m.start(),
    )
    for match in ends:
        if match.start() < start:
            continue
        following = text[match.end() : match.end() + 20]
        if _NOT_AN_END.search(text, max(start, match.start() - 12), match.start()) and not re.match(
            r"(?:Delete|Insert|Add|Replace|Amend|Remove|Leave|Substitute|Change|Omit|Renumber)\b",
            following,
        ):
            continue
        pieces.append(text[start : match.start()])
        start = match.end()
    pieces.append(text[start:])
    out: list[str] = []
    for piece in pieces:
        for part in _AFTER_QUOTE.split(piece):
            out.extend(_ASIDE.split(part, maxsplit=1))
    return out


# --- what lines are -------------------------------------------------------------------------

_EXPLANATION_START = re.compile(
    r"^(?:reasons?|rationale|explanation|notes?|background|purpose|effect|supporting"
    r"\s+statement|commentary|justification|summary|intent|comments?|context)\s*[:–—-]"
    r"|^(?:proposed|moved|seconded|submitted|supported|signed)\s+by\b"
    r"|^(?:mover|seconder|author|authors|proposer|proposers|contact|signatories)\s*:"
    r"|^(?:this\s+(?:amendment|motion|proposal|change|would|will|is|means|removes|adds"
    r"|makes|ensures|fixes|allows|clarifies)|these\s+changes|whereas|because|since|we\s"
    r"|it\s+is\s+(?:felt|believed|considered)|i\s|currently,|at\s+present,|the\s+reason"
    r"|that\s+is\b|i\.\s?e\.|in\s+other\s+words|for\s+example|e\.\s?g\.|there\s+(?:is|are|will)"
    r"|see\s)",
    re.IGNORECASE,
)


def _explanation_start(line: str) -> bool:
    return bool(_EXPLANATION_START.match(line)) or bool(_MOVER_AT_END.fullmatch(line))


_ONLY_NOTES = re.compile(rf"(?:\s*{NOTE_OPEN}\d+{NOTE_CLOSE})+\s*")
# A line naming a place is short; a long line is text (and is not tokenized to find out).
_LONGEST_SCOPE_LINE = 300
_OPENING_WORDS = 12


def _opening(line: str) -> str:
    """The first words of a line: enough to tell whether an instruction starts there."""
    return " ".join(line.split(None, _OPENING_WORDS)[:_OPENING_WORDS])


def _instruction_like(line: str) -> bool:
    """Does ``line`` start an instruction (or name a place for the ones that follow)?"""
    tokens = tokenize(_opening(line))
    if not tokens:
        return False
    first = tokens[0]
    if first.type in ("VERB", "AMEND"):
        return True
    if first.type in ("IN", "AT", "POS", "EVERY"):
        return any(
            t.type
            in (
                "UNIT",
                "LABEL",
                "NUMBER",
                "LINE",
                "SENTENCE",
                "WORDS",
                "DOC",
                "ORDINAL",
                "DEFN",
                "Q",
                "COLON",
            )
            for t in tokens[1:4]
        )
    if first.type in ("UNIT", "LINE") and len(tokens) > 1 and tokens[1].type in ("LABEL", "NUMBER"):
        return True
    if first.type in ("LABEL",) and any(t.type in ("VERB", "AMEND") for t in tokens[1:4]):
        return True
    if _labels_before_or_after(tokens):  # "New text: ...", "Current wording: ..."
        return True
    if first.type == "FOR" and len(tokens) > 2 and tokens[1].type == "Q":
        return tokens[2].type in ("READ", "VERB")  # 'for "six" read "eight"'
    return first.type == "NOUNACT" and any(t.type in ("TO", "OF") for t in tokens[1:3])


def _labels_before_or_after(tokens: tuple[Token, ...]) -> bool:
    kinds = [t.type for t in tokens[:3]]
    return kinds[:2] == ["NEWTEXT", "COLON"] or kinds == ["CURRENT", "WORDSN", "COLON"]


def _scope_only(line: str) -> bool:
    """A line that only names a place ("Section 3.5.1", "RULE 5. AFFILIATION FEE", "In the
    Standing Orders:", "In Articles of Association: 30(b)")."""
    if len(line) > _LONGEST_SCOPE_LINE:
        return False
    tokens = [t for t in tokenize(line) if t.type not in ("NOTE",)]
    if not tokens:
        return False
    allowed = {
        "UNIT",
        "LABEL",
        "NUMBER",
        "TITLE",
        "TITLEQ",
        "WORDS",
        "COMMA",
        "COLON",
        "IN",
        "DOC",
        "OF",
        "DASH",
        "LCOMMA",
        "AND",
        "LAND",
    }
    if not all(t.type in allowed for t in tokens):
        return False
    first = tokens[0]
    if first.type == "IN":
        return len(tokens) > 1 and tokens[-1].type in ("COLON", "LABEL", "NUMBER", "DOC")
    return first.type in ("UNIT", "LABEL") and any(t.type in ("LABEL", "NUMBER") for t in tokens)
