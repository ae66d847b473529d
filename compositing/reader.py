"""Read an amendment into typed operations: layout, grammar, and the part each phrase plays.

1. :mod:`compositing.layout` masks quotations and notes and cuts the amendment into sentences.
2. Each sentence is told apart: an instruction, a line naming the place the next instructions
   act in ("RULE 5. AFFILIATION FEE", "In the Standing Orders:"), or words around the
   instructions (a title, a reason, a note, a mover line, a preamble), which are kept as the
   amendment's explanation, never dropped and never misread as instructions.
3. An instruction's tokens (:mod:`compositing.tokens`) are parsed by the LALR grammar in
   ``grammar.lark`` into clauses of phrases; :class:`_Assembler` gives each phrase its part
   (what is deleted, where new words go, the new words, the scope) and builds the
   operations of :mod:`compositing.operations`, whatever order the phrases came in.

Where a sentence cannot be read and it is an instruction (it starts with an action, or names a
part of the text), the error quotes it and says what was expected.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass, replace
from functools import lru_cache
from pathlib import Path

from lark import Lark, Transformer, UnexpectedInput
from lark.exceptions import VisitError
from lark.lexer import Lexer
from lark.lexer import Token as LarkToken

from compositing.errors import NotUnderstood
from compositing.layout import Layout, Sentence, lay_out
from compositing.operations import (
    AddText,
    Amendment,
    CheckText,
    DeleteListed,
    DeleteRest,
    DeleteUnit,
    DeleteWords,
    Explanation,
    InsertUnit,
    InsertWords,
    MoveText,
    Operation,
    Renumber,
    ReplaceUnit,
    ReplaceWords,
    Step,
    Target,
)
from compositing.search import comparable
from compositing.text import label_parts
from compositing.tokens import QUOTE_OPEN, Token, tokenize
from compositing.vocabulary import PREAMBLES, ordinal_word

__all__ = ["parse_amendment"]

_GRAMMAR = Path(__file__).with_name("grammar.lark")


class _Tokens(Lexer):
    """Hands the grammar the tokens :mod:`compositing.tokens` made."""

    def __init__(self, lexer_conf: object) -> None:
        pass

    def lex(self, data: tuple[Token, ...]):  # type: ignore[override]
        for token in data:
            yield LarkToken(token.type, token.value, start_pos=token.start, end_pos=token.end)


@lru_cache(maxsize=1)
def _parser() -> Lark:
    # The LALR tables are kept in a file lark names after the grammar's hash: a new worker
    # process loads them instead of spending a third of a second building them again.
    grammar = _GRAMMAR.read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer=_Tokens, cache=True)


# --- phrases ---------------------------------------------------------------------------------


@dataclass
class Head:
    kind: str  # delete, insert, add, append, replace, substitute, change, amend, restate, ...
    form: str  # verb, passive, nominal, copula, amend
    surface: str = ""


@dataclass
class Place:
    target: Target
    current: bool = False
    more: tuple[Target, ...] = ()  # "points 2.3 and 2.5": the others named with it


@dataclass
class Words:
    kind: str  # quoted, loose, span, span_to_end, rest, rest_from, references, punct
    texts: tuple[str, ...] = ()
    end: str = ""
    to_end_of: str = ""
    count: int = 0
    nth: int = 0
    every: bool = False


@dataclass
class Position:
    position: str
    target: Target | None = None
    words: Words | None = None


@dataclass
class Content:
    text: str
    via: str
    noun: str = ""
    quoted: bool = False  # between quotation marks or set off below, not words run on


@dataclass
class Scope:
    target: Target
    via: str = "in"  # in, at, from, of
    more: tuple[Target, ...] = ()  # "In rules 4.2 and 4.5": the others named with it


@dataclass
class Destination:
    target: Target


@dataclass
class Every:
    target: Target | None = None


@dataclass
class NewUnit:
    noun: str = ""
    label: str = ""
    title: str = ""


@dataclass
class BeforeText:
    text: str


@dataclass
class Mark:
    kind: str


@dataclass
class Loose:
    words: str


Piece = (
    Head
    | Place
    | Words
    | Position
    | Content
    | Scope
    | Destination
    | Every
    | NewUnit
    | BeforeText
    | Mark
    | Loose
)


@dataclass(frozen=True)
class _StepInfo:
    """A step as the grammar read it, with what does not fit in a :class:`Step`."""

    step: Step
    current: bool = False
    more: tuple[str, ...] = ()  # further labels in an "and" list


class _Phrases(Transformer):
    """The parse tree to phrases; quotations are looked up in the layout."""

    def __init__(self, layout: Layout) -> None:
        super().__init__()
        self.layout = layout

    def _q(self, token: LarkToken) -> str:
        return _unellipsed(self.layout.quote(token.value))

    def _quote_or_word(self, token: LarkToken) -> str:
        return self._q(token) if token.type == "Q" else token.value

    # sentence and clauses
    def start(self, items: list) -> list[list[Piece]]:
        return [item for item in items if isinstance(item, list)]

    def clause(self, items: list) -> list[Piece]:
        return [item for item in items if not isinstance(item, LarkToken)]

    # the action
    def verb(self, items: list) -> Head:
        kind, _, surface = items[0].value.partition("|")
        return Head(kind, "verb", surface)

    def passive(self, items: list) -> Head:
        return Head(items[-1].value, "passive")

    def copula(self, items: list) -> Head:
        return Head("", "copula")

    def nominal(self, items: list) -> Head:
        return Head(items[0].value, "nominal")

    def amend(self, items: list) -> Head:
        return Head("amend", "amend")

    # places
    def target(self, items: list) -> Place:
        infos = [item for item in items if isinstance(item, _StepInfo)]
        steps = tuple(info.step for info in reversed(infos))  # "the sentence of point 3"
        if len(steps) > 1 and steps[0].kind == "whole":
            # "Clause 17 of the constitution, Green World": the title is the clause's
            title = steps[0].title if steps[0].title != steps[0].title.lower() else ""
            inner = steps[1]
            if title and inner.kind == "label" and not inner.title:
                inner = replace(inner, title=title)
            steps = (inner, *steps[2:])
        more = (
            tuple(
                Target(steps[:-1] + (replace(steps[-1], label=label, until=None),))
                for label in infos[0].more
            )
            if infos[0].more
            else ()
        )
        return Place(Target(steps), any(info.current for info in infos), more)

    def title(self, items: list) -> tuple[str, str]:
        token = items[0]
        if token.type == "TITLEQ":
            return ("title", self.layout.quote(token.value))
        return ("title", token.value)

    def labels(self, items: list) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        joiner = ""
        for item in items:
            if isinstance(item, LarkToken):
                joiner = {"LTO": "to", "LCOMMA": ","}.get(item.type, "and")
                continue
            found.append((joiner, item))
            joiner = ""
        return found

    def label(self, items: list) -> str:
        return " ".join(token.value for token in items)

    def nth(self, items: list) -> tuple[int, int]:
        ordinals = [int(t.value) for t in items if t.type == "ORDINAL"]
        counts = [int(t.value) for t in items if t.type == "COUNT"]
        count = counts[0] if counts else 1
        if not ordinals:
            return (1, count)  # "two paragraphs": the first two
        value = ordinals[0]
        if any(t.type == "AND" for t in items):
            first, second = ordinals
            if second != first + 1:
                raise NotUnderstood(
                    f"“the {ordinal_word(first)} and {ordinal_word(second)}” are not next to "
                    "each other: name each in a change of its own.",
                    "",
                )
            return (first, 2)
        if len(ordinals) > 1:  # "the second last"
            value = -ordinals[0] if ordinals[1] == -1 else ordinals[1]
        if value < 0 and count > 1:
            value = -count
        return (value, count)

    def by_label(self, items: list) -> _StepInfo:
        labels = next(item for item in items if isinstance(item, list))
        title = next((item[1] for item in items if isinstance(item, tuple)), "")
        current = any(isinstance(i, LarkToken) and i.type == "CURRENT" for i in items)
        return _label_step(_noun(items), labels, title, current)

    def bare_label(self, items: list) -> _StepInfo:
        title = items[1][1] if len(items) > 1 else ""
        return _label_step("", items[0], title, False)

    def titled(self, items: list) -> _StepInfo:
        return _StepInfo(Step("title", noun=_noun(items), title=items[-1][1]))

    def headed(self, items: list) -> _StepInfo:
        """ "the rule headed 'Membership'", "the section entitled 'Elections'"."""
        return _StepInfo(Step("title", noun=_noun(items), title=self._q(items[-1])))

    def beginning(self, items: list) -> _StepInfo:
        return _StepInfo(Step("beginning", noun=_noun(items), words=self._q(items[-1])))

    def containing(self, items: list) -> _StepInfo:
        return _StepInfo(Step("containing", noun=_noun(items), words=self._q(items[-1])))

    def quoted(self, items: list) -> _StepInfo:
        return _StepInfo(Step("quoted", noun=_noun(items), words=self._q(items[-1])))

    def bare(self, items: list) -> _StepInfo:
        return _StepInfo(Step("bare", noun=_noun(items)))

    def this_unit(self, items: list) -> _StepInfo:
        return _StepInfo(Step("this", noun=_noun(items)))

    def _nth(self, items: list, kind: str, noun: str = "") -> _StepInfo:
        value, count = items[0]
        last = items[-1]
        words = self._q(last) if isinstance(last, LarkToken) and last.type == "Q" else ""
        return _StepInfo(Step(kind, noun=noun or _noun(items), nth=value, count=count, words=words))

    def nth_unit(self, items: list) -> _StepInfo:
        return self._nth(items, "nth")

    def nth_beginning(self, items: list) -> _StepInfo:
        return self._nth(items, "nth_beginning")

    def nth_containing(self, items: list) -> _StepInfo:
        return self._nth(items, "nth_containing")

    def nth_sentence(self, items: list) -> _StepInfo:
        return self._nth(items, "nth", "sentence")

    def nth_list(self, items: list) -> _StepInfo:
        return self._nth(items, "nth", "list")

    def nth_line(self, items: list) -> _StepInfo:
        return self._nth(items, "nth", "line")

    def sentence_beginning(self, items: list) -> _StepInfo:
        return _StepInfo(Step("beginning", noun="sentence", words=self._q(items[-1])))

    def sentence_containing(self, items: list) -> _StepInfo:
        return _StepInfo(Step("containing", noun="sentence", words=self._q(items[-1])))

    def sentence_quoted(self, items: list) -> _StepInfo:
        return _StepInfo(Step("quoted", noun="sentence", words=self._q(items[-1])))

    def bare_sentence(self, items: list) -> _StepInfo:
        return _StepInfo(Step("bare", noun="sentence"))

    def lines(self, items: list) -> _StepInfo:
        numbers = [int(t.value) for t in items if t.type == "NUMBER"]
        return _StepInfo(Step("lines", noun="line", first=numbers[0], last=numbers[-1]))

    def definition(self, items: list) -> _StepInfo:
        return _StepInfo(Step("definition", noun="definition", words=self._q(items[-1])))

    def bare_list(self, items: list) -> _StepInfo:
        return _StepInfo(Step("nth", noun="list", nth=0))

    def doc(self, items: list) -> _StepInfo:
        title = items[1][1] if len(items) > 1 else ""
        return _StepInfo(Step("whole", title=title or items[0].value))

    # words
    def quoted_words(self, items: list) -> Words:
        return Words("quoted", tuple(self._q(t) for t in items if t.type == "Q"))

    def loose(self, items: list) -> Words:
        return Words("loose", (items[-1].value,))

    def span(self, items: list) -> Words:
        quotes = [self._q(t) for t in items if isinstance(t, LarkToken) and t.type == "Q"]
        return Words("span", (quotes[0],), end=quotes[1])

    def span_to_end(self, items: list) -> Words:
        quote = self._q(next(t for t in items if isinstance(t, LarkToken) and t.type == "Q"))
        last = items[-1]
        noun = "paragraph"  # "from 'X' to the end": of the part the change acts in
        if isinstance(last, LarkToken) and last.type == "LINE":
            noun = "line"
        elif isinstance(last, Place) and last.target.last is not None:
            noun = last.target.last.noun or "paragraph"
        return Words("span_to_end", (quote,), to_end_of=noun)

    def rest(self, items: list) -> Words:
        position = next(t for t in items if t.type == "POS").value
        return Words("rest" if position == "after" else "rest_from", (self._q(items[-1]),))

    def rest_from(self, items: list) -> Words:
        return Words("rest_from", (self._q(items[-1]),))

    def references(self, items: list) -> Words:
        value, count = next((item for item in items if isinstance(item, tuple)), (0, 1))
        tokens = [item for item in items if isinstance(item, LarkToken)]
        text = self._quote_or_word(tokens[-1])
        every = not value or count > 1 or any(t.type == "ALL" for t in tokens)
        return Words(
            "references",
            (text,),
            count=count if count > 1 else 0,
            nth=0 if every else value,
            every=every,
        )

    def punct(self, items: list) -> Words:
        return Words("punct", (items[0].value,))

    # positions, destinations, scopes
    def position(self, items: list) -> Position:
        where = items[0].value
        rest = items[1] if len(items) > 1 else None
        if isinstance(rest, Place):
            return Position(where, target=rest.target)
        if isinstance(rest, Words):
            return Position(where, words=rest)
        return Position(where)

    def dest(self, items: list) -> Destination:
        return Destination(items[-1].target)

    def scope(self, items: list) -> Scope:
        via = items[0].type.lower()
        rest = items[-1]
        if isinstance(rest, Place):
            return Scope(rest.target, via, rest.more)
        return Scope(Target((Step("title", title=_without_article(rest.value)),)), via)

    def every(self, items: list) -> Every:
        rest = items[-1] if len(items) > 1 else None
        return Every(rest.target if isinstance(rest, Place) else None)

    def newunit(self, items: list) -> NewUnit:
        noun = next(
            (t.value for t in items if isinstance(t, LarkToken) and t.type in ("UNIT", "SENTENCE")),
            "",
        )
        labels = next((item for item in items if isinstance(item, list)), [])
        title = next((item[1] for item in items if isinstance(item, tuple)), "")
        return NewUnit(noun, labels[0][1] if labels else "", title)

    def before_text(self, items: list) -> BeforeText:
        return BeforeText(self.layout.quote(items[-1].value))

    # new words
    def _content(self, items: list, via: str) -> Content:
        atom = items[-1]
        noun = next(
            (t.value for t in items if isinstance(t, LarkToken) and t.type in ("UNIT", "SENTENCE")),
            "",
        )
        text = self.layout.quote(atom.value) if atom.type == "Q" else atom.value
        if atom.type == "Q":
            text = _unellipsed_start(text)
        return Content(text, via, noun, quoted=atom.type == "Q")

    def read_text(self, items: list) -> Content:
        return self._content(items, "give" if items[0].value == "give" else "read")

    def read_follows(self, items: list) -> Content:
        return Content("", "give" if items[0].value == "give" else "read")

    def with_text(self, items: list) -> Content:
        return self._content(items, "with")

    def following_text(self, items: list) -> Content:
        return self._content(items, "following")

    def following_noun(self, items: list) -> Content:
        noun = next((t.value for t in items if t.type in ("UNIT", "SENTENCE")), "")
        return Content("", "following", noun)

    def follows_text(self, items: list) -> Content:
        return self._content(items, "follows")

    def follows_only(self, items: list) -> Content:
        return Content("", "follows")

    def to_text(self, items: list) -> Content:
        return self._content(items, "to")

    def by_text(self, items: list) -> Content:
        return self._content(items, "by")

    def for_text(self, items: list) -> Content:
        return self._content(items, "for")

    def colon_text(self, items: list) -> Content:
        return self._content(items, "colon")

    def new_text(self, items: list) -> Content:
        return self._content(items, "new")

    def this_text(self, items: list) -> Content:
        return Content("", "following", "words")

    # marks
    def inclusive(self, items: list) -> Mark:
        return Mark("inclusive")

    def keep_numbers(self, items: list) -> Mark:
        return Mark("keep_numbers")

    def accordingly(self, items: list) -> Mark:
        return Mark("accordingly")

    def current(self, items: list) -> Mark:
        return Mark("current")

    def this(self, items: list) -> Mark:
        return Mark("this")

    def stray(self, items: list) -> Mark:
        return Mark("stray")


def _within(inner: str, outer: str) -> bool:
    inner_parts, outer_parts = label_parts(inner), label_parts(outer)
    return len(inner_parts) > len(outer_parts) and inner_parts[: len(outer_parts)] == outer_parts


def _noun(items: list) -> str:
    for item in items:
        if isinstance(item, LarkToken) and item.type in ("UNIT", "SENTENCE", "LISTN"):
            return item.value
    return ""


def _label_step(noun: str, labels: list[tuple[str, str]], title: str, current: bool) -> _StepInfo:
    while len(labels) > 1 and labels[1][0] == "," and _within(labels[1][1], labels[0][1]):
        labels = labels[1:]  # "Rule A, A.2(b)": the unit named, then the part of it meant
    first = labels[0][1]
    until = None
    more: tuple[str, ...] = ()
    if len(labels) > 1 and labels[1][0] == "to":
        until = Step("label", noun=noun, label=labels[1][1])
    elif len(labels) > 1:
        more = tuple(label for _, label in labels[1:])
    return _StepInfo(Step("label", noun=noun, label=first, title=title, until=until), current, more)


def _without_article(words: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.IGNORECASE)


def _unellipsed(words: str) -> str:
    """ "be typed clearly..." and "... and addresses" name a passage by its start or end: the
    dots stand for the rest of it, they are not words to find."""
    stripped = re.sub(r"^\s*(?:\.{3}|…)\s*", "", words)
    stripped = re.sub(r"\s*(?:\.{3}|…)\s*$", "", stripped)
    return stripped if stripped.strip() else words


def _unellipsed_start(words: str) -> str:
    """New words that start "...save that": the dots say they continue a sentence."""
    stripped = re.sub(r"^\s*(?:\.{3}|…)\s*", "", words)
    return stripped if stripped.strip() else words


# --- telling sentences apart -----------------------------------------------------------------

_SELF_NAME = re.compile(
    r"^(?:[\d/.-]+\s*[:–—-]\s*)?"
    r"(?:(?:special|ordinary|extraordinary|emergency|constitutional|bylaw|by-law|rule|policy"
    r"|standing\s+orders?|composite|proposed|draft|the)\s+)*"
    r"(?:resolution|amendment|motion|proposition|proposal|rule\s+change|change|modification)s?"
    r"(?:\s+(?:no\.?\s*)?(?:\d{1,4}[a-z]?|\([a-z0-9]{1,4}\)|[a-z]\))(?![\w(]))?"
    r"(?:\s+(?:proposed\s+)?(?:to|for|on|of)\s+(?P<place>(?:motion|rule|bylaw|by-law|amendment"
    r"|article|clause|standing\s+order|section|the\s+\w+)(?:\s+[\w.()]{1,10})?))?",
    re.IGNORECASE,
)
_MOVER = re.compile(
    r"^(?:(?:proposed|moved|seconded|submitted|supported|signed)\s+by|mover|seconder|author"
    r"|authors|proposer|proposers|contact|signatories)\b",
    re.IGNORECASE,
)
_REASON = re.compile(
    r"^(?:reasons?|rationale|explanation|notes?|background|purpose|effect|supporting\s+statement"
    r"|commentary|justification|summary|intent|comments?|context)\s*[:–—-]",
    re.IGNORECASE,
)
_PREAMBLE_WORDS = re.compile(
    r"^(?:(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in PREAMBLES) + r")\b[,\s]*)+",
    re.IGNORECASE,
)
_PART_LABEL = re.compile(r"^\(?[a-z0-9]{1,3}\)[,.]?\s+", re.IGNORECASE)
_COMPARABLE = re.compile(r"[^a-z0-9]+")


def _comparable(text: str) -> str:
    return _COMPARABLE.sub(" ", text.lower()).strip()


def _not_understood_message(part: str) -> str:
    return (
        f"Cannot read this part of the amendment: {part!r}. Write it as, for example, "
        '\'Delete "X"\', \'Delete "X" and replace with "Y"\', \'In point 1.2, after "X" '
        'insert "Y"\', \'Delete point 2.3 and replace with: "..."\', '
        "'Insert new point after point 2.3: \"...\"' or 'Add at end: \"...\"'."
    )


def _no_words(source: str) -> NotUnderstood:
    return NotUnderstood(
        f"The instruction {source!r} does not say what words to use. Put them in quotation "
        "marks after it, or on the lines below it, indented or bulleted.",
        source,
    )


def _structural(tokens: tuple[Token, ...]) -> bool:
    """Does the sentence name a part of the text ("the second paragraph", "point 2.3")?"""
    for before, token in zip(tokens, tokens[1:], strict=False):
        if token.type in ("UNIT", "SENTENCE", "LINE", "LISTN") and before.type == "ORDINAL":
            return True
        if before.type in ("UNIT", "SENTENCE", "LINE") and token.type in ("LABEL", "NUMBER"):
            return True
    return False


def parse_amendment(instruction: str) -> Amendment:
    """Read an amendment (one or several instructions, with any words around them)."""
    if not instruction.strip():
        raise NotUnderstood("The amendment is empty: write the change it makes.", instruction)
    layout = lay_out(instruction)
    return _Reader(layout, instruction).read()


def _strings(value: object) -> Iterator[str]:
    """Every text an operation reads, in its targets too."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif is_dataclass(value):
        for f in fields(value):
            if f.name not in ("source", "scope_source"):  # the amendment as written
                yield from _strings(getattr(value, f.name))


def _as_read(text: str) -> str:
    """Quoted words as a change holds them: without the quotation marks or the dots that cut
    them short ("be typed clearly...")."""
    return comparable(text).strip(" \"'.…")


def _short(text: str, size: int = 12) -> str:
    words = text.split()
    return " ".join(words[:size]) + (" …" if len(words) > size else "")


class _Reader:
    def __init__(self, layout: Layout, source: str) -> None:
        self.layout = layout
        self.source = source
        self.operations: list[Operation] = []
        self.explanation: list[Explanation] = []
        self.notes: list[str] = []
        self.scope = Target()  # from a line naming the place ("RULE 5. AFFILIATION FEE")
        self.scope_source = ""  # that line, as written
        self.scope_alternatives: list[_Alternatives] = []  # "Rules 4.2 and 4.5:" on its own
        self.first_scope = Target()
        self.renumber = False
        self.keep_numbers = False
        self.titles: list[str] = []
        self.bare: list[tuple[str, str]] = []  # quotations standing alone: (text, source)
        self.context: dict[str, Target] = {}  # the place last named, by noun
        self.paragraph = -1

    def read(self) -> Amendment:
        for sentence in self.layout.sentences:
            if sentence.paragraph != self.paragraph:
                self.paragraph = sentence.paragraph
                self.context.pop("", None)
                self.context.pop("current", None)
            self.sentence(sentence)
        self.flush_bare()
        for mover in self.layout.movers:
            self.explanation.append(Explanation("mover", mover))
        if not self.operations and not self.renumber:
            raise NotUnderstood(_not_understood_message(self.source.strip()), self.source)
        self.check_every_quotation_read()
        if all(isinstance(op, CheckText) for op in self.operations) and not self.renumber:
            raise NotUnderstood(
                "The amendment gives the words as they stand but no change to them: add the "
                "new words ('New text: ...', 'Change to: ...') or what to delete.",
                self.source,
            )
        return Amendment(
            self.marked_plain(self.operations),
            self.first_scope,
            self.renumber,
            self.source,
            tuple(self.explanation),
            tuple(self.notes),
            keep_numbers=self.keep_numbers,
        )

    def check_every_quotation_read(self) -> None:
        """Each quotation is some change's words, or part of the explanation: a change the
        reader passed over is refused, never silently dropped."""
        read = {_as_read(text) for text in _strings(self.operations)}
        read.update(_as_read(e.text) for e in self.explanation)
        read.update(_as_read(note) for note in self.notes)
        joined = "\n".join(read)

        def is_read(text: str) -> bool:
            return not text or text in read or text in joined

        for index in range(len(self.layout.quotes)):
            words = self.layout.quote(index)
            quoted = _as_read(words)
            lines = (_as_read(_listed(line)) for line in words.splitlines())
            if not is_read(quoted) and not all(is_read(line) for line in lines):
                raise NotUnderstood(
                    f"No change in the amendment reads the words “{_short(quoted)}”. "
                    + _not_understood_message(self.source.strip()),
                    self.source,
                )

    def marked_plain(self, operations: list[Operation]) -> tuple[Operation, ...]:
        """The operations whose new words were not between quotation marks, marked so."""
        plain = {self.layout.quote(i) for i, q in enumerate(self.layout.quotes) if q.plain}
        if not plain:
            return tuple(operations)
        return tuple(
            replace(op, plain=True) if getattr(op, "new", None) in plain else op
            for op in operations
        )

    def explain(self, kind: str, text: str) -> None:
        if text.strip():
            self.explanation.append(Explanation(kind, text.strip()))

    # -- one sentence
    def sentence(self, sentence: Sentence) -> None:
        masked = sentence.text
        written = self.layout.restore(masked).strip()
        if sentence.heading:
            self.titles.append(written)
            self.explain("title", written)
            return
        tokens = tokenize(masked)
        if tokens and tokens[0].type == "TOOLONG":
            raise NotUnderstood(
                f"This part of the amendment is too long to read as one instruction: "
                f"{_short(written)!r}. Split it into several instructions.",
                written[:200],
            )
        for token in tokens:
            if token.type == "NOTE":
                self.explain("note", self.layout.notes[int(token.value)])
        if not [t for t in tokens if t.type != "NOTE"]:
            if not any(t.type == "NOTE" for t in tokens):
                self.explain("note", written)
            return
        if _MOVER.match(written):
            self.explain("mover", written)
            return
        if _REASON.match(written) or _explanation_opening(written):
            self.explain(
                "reason" if not written.lower().startswith("whereas") else "preamble", written
            )
            return
        masked = self.strip_own_name(masked, written)
        if masked is None:
            return
        if self.repeats_title(written):
            self.explain("summary", written)
            return
        stripped = _PREAMBLE_WORDS.sub("", masked)
        if stripped != masked:
            self.explain("preamble", self.layout.restore(masked[: len(masked) - len(stripped)]))
            masked = stripped
        masked = (
            _PART_LABEL.sub("", masked)
            if _PART_LABEL.match(masked) and len(tokenize(masked)) > 2
            else masked
        )
        tokens = tuple(t for t in tokenize(masked) if t.type != "NOTE")
        if not tokens:
            return
        if (
            any(t.type == "NOTE" for t in tokenize(sentence.text))
            and not any(t.type == "Q" for t in tokens)
            and _cites_elsewhere(sentence, self.layout)
        ):
            self.explain("context", written)
            return
        if all(t.type in ("Q", "COMMA", "AND") for t in tokens):
            for token in tokens:
                if token.type == "Q":
                    self.bare.append((self.layout.quote(token.value), written))
            return
        tokens = self.reason_before(tokens, masked)
        if tokens is None:
            self.explain("reason", written)
            return
        source = self.layout.restore(masked[tokens[0].start :]).strip()
        if tokens[0].type == "WORDS" and not _structural(tokens):
            self.explain("reason", written)
            return
        try:
            clauses = _Phrases(self.layout).transform(_parser().parse(tokens))
        except VisitError as error:  # a phrase the grammar reads but that says too little
            raise NotUnderstood(f"Cannot apply {source!r}: {error.orig_exc}", source) from error
        except UnexpectedInput as error:
            if _instructive(tokens):
                raise NotUnderstood(_not_understood_message(source), source) from error
            self.explain("reason", written)
            return
        self.flush_bare()
        assembler = _Assembler(self, masked[tokens[0].start :], sentence)
        scope_set = assembler.assemble(clauses)
        if not assembler.changes and not scope_set and not self.renumber:
            if _instructive(tokens):
                raise NotUnderstood(_not_understood_message(source), source)
            self.explain("reason", written)

    def strip_own_name(self, masked: str, written: str) -> str | None:
        """ "Special Resolution 4", "Amendment (a) delete ...", "Rule Change 1 – submitted by
        ...": the amendment's own name is its title, not an instruction."""
        match = _SELF_NAME.match(masked)
        if not match or not match.group().strip():
            return masked
        rest = masked[match.end() :].lstrip(" :–—-,")
        # "Amendment to Rule 4": the changes that follow act in Rule 4
        place = _place_named(match.group("place") or "")
        if not rest.strip():
            self.explain("title", written)
            if place:
                return f"In {place}:"
            self.titles.append(written)
            return None
        rest_tokens = tokenize(rest)
        starts = rest_tokens[0].type if rest_tokens else ""
        if rest.lower().startswith("to ") and not rest[3:].lstrip().startswith(QUOTE_OPEN):
            # "Proposal to change the articles." (but "Change to 'new words'" is a change);
            # "Amendment No. 3 to Schedule 1:": the changes below act there
            self.explain("title", written)
            place = _place_named(rest[3:])
            if place:
                return f"In {place}"
            self.titles.append(written)
            return None
        if starts in ("VERB", "AMEND", "IN", "POS", "AT", "LINE", "EVERY") or (
            _PART_LABEL.match(rest) and len(rest_tokens) > 2
        ):
            if masked[: match.end()].strip():
                self.explain("title", self.layout.restore(masked[: match.end()]))
            return f"In {place}, {rest}" if place else rest
        if _scope_only_tokens(rest_tokens) or starts in ("WORDS", "BY", "DASH"):
            self.titles.append(written)
            self.explain("title", written)
            return None
        return masked

    def repeats_title(self, written: str) -> bool:
        mine = _comparable(_PART_LABEL.sub("", written))
        return bool(mine) and any(
            _comparable(_PART_LABEL.sub("", title)).endswith(mine) for title in self.titles
        )

    def reason_before(self, tokens: tuple[Token, ...], masked: str) -> tuple[Token, ...] | None:
        """ "As sub-branches cover several wards, change ...": the reason before the
        instruction is kept as explanation and the instruction read on its own."""
        if tokens[0].type != "WORDS" or _structural(tokens[:3]):
            return tokens
        for index, token in enumerate(tokens):
            if (
                token.type == "CONJ"
                and index + 1 < len(tokens)
                and tokens[index + 1].type in ("VERB", "AMEND")
            ):
                self.explain("reason", self.layout.restore(masked[: token.start]))
                return tokens[index + 1 :]
        return tokens if _structural(tokens) else None

    def flush_bare(self) -> None:
        """Quotations set out alone under a place: the words as they stand and the words as
        they will read (two), or a part of the text as it will read (one)."""
        if not self.bare:
            return
        bare, self.bare = self.bare, []
        source = " ".join(written for _, written in bare)
        if len(bare) == 2:
            self.operations.append(
                ReplaceWords(source, self.scope, words=bare[0][0], new=bare[1][0])
            )
            return
        if len(bare) == 1 and self.scope:
            self.operations.append(
                ReplaceUnit(
                    source,
                    self.scope,
                    target=Target((Step("like", words=bare[0][0]),)),
                    new=bare[0][0],
                )
            )
            return
        raise NotUnderstood(
            f"Cannot tell what {source!r} does: quoted words standing alone should be the "
            "words as they stand followed by the words as they will read, under a line "
            "naming the part of the text.",
            source,
        )

    # -- what the assembler reports back
    def set_scope(
        self, target: Target, source: str, alternatives: list[_Alternatives] | None = None
    ) -> None:
        self.scope = target
        self.scope_alternatives = alternatives or []
        self.scope_source = source
        if not self.first_scope:
            self.first_scope = target

    def remember(self, target: Target) -> None:
        if not target:
            return
        self.context[""] = target
        for index, step in enumerate(target.steps):
            if step.noun:
                self.context[step.noun] = Target(target.steps[: index + 1])

    def recall(self, noun: str) -> Target | None:
        return self.context.get(noun) or (self.context.get("") if not noun else None)


def _place_named(words: str) -> str:
    """``words`` where they only name a part of the text ("Rule 4", "Schedule 1:"), else ""."""
    words = words.strip().rstrip(":.").strip()
    tokens = tokenize(words) if words else ()
    return words if _scope_only_tokens(tokens) and _structural(tokens) else ""


def _explanation_opening(text: str) -> bool:
    from compositing.layout import _explanation_start

    return _explanation_start(text)


def _cites_elsewhere(sentence: Sentence, layout: Layout) -> bool:
    """ "Line 770 in https://...": a place in another document, cited, not changed."""
    return any(
        layout.notes[int(t.value)].startswith(("http://", "https://"))
        for t in tokenize(sentence.text)
        if t.type == "NOTE"
    )


def _scope_only_tokens(tokens: tuple[Token, ...]) -> bool:
    return bool(tokens) and all(
        t.type
        in (
            "UNIT",
            "LABEL",
            "NUMBER",
            "TITLE",
            "TITLEQ",
            "COMMA",
            "DOC",
            "LCOMMA",
            "OF",
            "WORDS",
            "IN",
        )
        for t in tokens
    )


def _instructive(tokens: tuple[Token, ...]) -> bool:
    """Does the sentence try to be an instruction (so that failing to read it is an error)?"""
    if _structural(tokens):
        return True
    first = tokens[0]
    return (
        first.type in ("VERB", "AMEND", "POS", "LINE")
        or any(t.type in ("VERB", "AMEND") for t in tokens[:3])
        and first.type not in ("WORDS", "THIS", "AUX")
    )


# --- phrases to operations -------------------------------------------------------------------

# Nouns of new text that stands as a unit of its own (a new point, paragraph, list item).
_UNIT_NOUNS = frozenset(
    ("paragraph", "sub-paragraph", "point", "bullet point", "item", "clause", "rule", "section",
     "article", "standing order", "chapter", "part", "schedule", "bylaw", "regulation",
     "appendix", "heading", "list")
)  # fmt: skip
_DELETIONS = (DeleteWords, DeleteUnit, DeleteListed, DeleteRest)
_BULLETED_LINE = re.compile(r"^\s*[-*+•●–—◦▪■‣⁃·]\s")


@dataclass
class _Continuation:
    """ "... and replace with: '...'": new words for the deletion before it."""

    new: str
    noun: str
    source: str
    every: bool = False


class _Assembler:
    """Gives each phrase of one sentence its part and builds the operations."""

    def __init__(self, reader: _Reader, source: str, sentence: Sentence) -> None:
        self.reader = reader
        self.source = reader.layout.restore(source, blocks=False).strip()
        self.lead = Target()
        self.lead_position: Position | None = None
        self.every = False
        self.made: list[Operation] = []
        self.alternatives: list[_Alternatives] = []  # scopes naming several units at once
        self.local: dict[str, Target] = {}
        self.changes = 0  # operations made or completed by this sentence
        self.scoped = False  # a clause of this sentence named the part it acts in

    # -- the sentence
    def assemble(self, clauses: list[list[Piece]]) -> bool:
        scope_set = False
        clauses = [part for clause in clauses for part in _at_each_action(clause)]
        if any(isinstance(p, Mark) and p.kind == "keep_numbers" for c in clauses for p in c):
            self.reader.keep_numbers = True
            self.changes += 1
        for clause in clauses:
            head = next((p for p in clause if isinstance(p, Head) and p.form != "copula"), None)
            if head is None:
                scope_set |= self.verbless(clause, alone=len(clauses) == 1)
            else:
                scope_set |= self.clause(head, clause, alone=len(clauses) == 1)
        if scope_set and self.lead and not self.changes and not self.lead_position:
            # "In section 2, amend as follows:": the sentence names where the next ones act
            self.reader.set_scope(self.scope_line(self.lead), self.source, self.alternatives)
            self.lead = Target()
        self.spread_over_alternatives()
        return scope_set

    def spread_over_alternatives(self) -> None:
        """ "Rules 4.2, 4.5 and 7.1: delete 'x'": the change is made in each unit named."""
        for alternatives in self.alternatives + self.reader.scope_alternatives:
            for operation in list(self.made):
                for scope in alternatives.swapped(operation.scope):
                    copy = replace(operation, scope=scope)
                    self.reader.operations.append(copy)
                    self.made.append(copy)

    def scope_line(self, lead: Target) -> Target:
        """A line naming a place replaces the one before, unless it counts inside it
        ("RULE 5" then "paragraph 2:")."""
        first = lead.steps[0] if lead.steps else None
        if first is not None and first.kind in ("nth", "lines", "bare", "this"):
            return self.reader.scope.then(lead)
        return lead

    def add(self, operation: Operation | _Continuation) -> None:
        reader = self.reader
        self.changes += 1
        if isinstance(operation, Operation) and reader.scope and not operation.scope_source:
            operation = replace(operation, scope_source=reader.scope_source)
        if isinstance(operation, Operation) and self.made and not operation.near:
            previous_target = getattr(self.made[-1], "target", None)
            if isinstance(previous_target, Target) and previous_target:
                operation = replace(operation, near=previous_target)
        if isinstance(operation, _Continuation):
            previous = reader.operations[-1] if reader.operations else None
            if not isinstance(previous, _DELETIONS + (ReplaceWords, ReplaceUnit, CheckText)):
                raise NotUnderstood(
                    f"{operation.source!r} does not follow a deletion, so it is not clear what "
                    "it replaces. Write, e.g., 'Delete point 2.3 and replace with: \"...\"'.",
                    operation.source,
                )
            self.complete_last(_replaced(previous, operation))
            return
        if reader.operations and _same_place_again(reader.operations[-1], operation):
            self.complete_last(
                _replaced(reader.operations[-1], _Continuation(operation.new, "", operation.source))
            )
            return
        reader.operations.append(operation)
        self.made.append(operation)

    def complete_last(self, operation: Operation) -> None:
        """The last change, completed ("... and insert 'Y'"), also where this sentence spreads
        it over several units."""
        if self.made and self.made[-1] is self.reader.operations[-1]:
            self.made[-1] = operation
        self.reader.operations[-1] = operation

    def scope(self, *more: Target) -> Target:
        scope = self.reader.scope.then(self.lead)
        current = self.reader.context.get("current")
        if current and not self.lead and not any(more):
            scope = scope.then(current)
        for target in more:
            scope = scope.then(target)
        return scope

    def scope_of(self, piece: Place | Scope) -> Target:
        """The place a scope names, the other units named with it kept aside."""
        target = self.resolved(piece.target)
        if piece.more:
            self.alternatives.append(_Alternatives(target, piece.more))
        return target

    def remember(self, target: Target) -> None:
        self.reader.remember(target)
        for index, step in enumerate(target.steps):
            if step.noun:
                self.local[step.noun] = Target(target.steps[: index + 1])

    def resolved(self, target: Target) -> Target:
        """ "this clause", "the section": the place the amendment named last (in this
        sentence for "the section", in this paragraph for "this clause")."""
        steps: list[Step] = []
        for step in target.steps:
            if step.kind in ("this", "bare") and step.noun not in ("sentence", "list", "item"):
                recalled = self.local.get(step.noun)
                if recalled is None and step.kind == "this":
                    recalled = self.reader.context.get("current") or self.reader.recall(step.noun)
                if recalled is not None:
                    steps = list(recalled.steps)
                    continue
                if step.noun in (
                    "paragraph",
                    "point",
                    "line",
                    "bullet point",
                    "clause",
                    "rule",
                    "article",
                    "heading",
                    "sub-paragraph",
                ) and not (step.kind == "bare" and self.names_a_place()):
                    raise NotUnderstood(_not_understood_message(self.source), self.source)
            steps.append(step)
        return Target(tuple(steps))

    # -- clauses without an action: places, checks, new words for the change before
    def verbless(self, clause: list[Piece], alone: bool) -> bool:
        contents = [p for p in clause if isinstance(p, Content) and p.text]
        places = [p for p in clause if isinstance(p, Place | Scope)]
        before = next((p for p in clause if isinstance(p, BeforeText)), None)
        reading = next((c for c in contents if c.via == "read"), None)
        if reading is not None and self.old_and_new(clause):
            return False
        if contents and not places and not before:
            self.fill(contents)
            return False
        named = [p for p in clause if isinstance(p, Place)]
        if named and reading is not None and before is None:
            # "Rule C.3 to read: '...'": the unit is restated
            target = self.resolved(named[-1].target)
            self.add(ReplaceUnit(self.source, self.scope(), target=target, new=reading.text))
            return False
        if before is not None:
            target = (
                self.resolved(places[0].target)
                if places
                else (self.reader.context.get("current") or Target())
            )
            self.reader.context["current"] = target
            self.add(
                CheckText(
                    self.source, self.reader.scope.then(self.lead), target=target, text=before.text
                )
            )
            return False
        if any(
            isinstance(p, Content)
            and p.text
            or isinstance(p, Head | NewUnit)
            or isinstance(p, Words)
            and p.kind != "loose"
            for p in clause
        ):
            return False  # words quoted or new text with no action: not a place
        set_lead = False
        previous_scope = False
        for piece in clause:
            if isinstance(piece, Place | Scope):
                target = self.scope_of(piece)
                self.lead = self.lead.then(target)
                self.remember(self.lead)
                set_lead = True
            elif isinstance(piece, Words) and piece.kind == "loose" and previous_scope:
                self.lead = self.lead.then(Target((Step("title", title=piece.texts[0]),)))
                set_lead = True
            elif isinstance(piece, Every):
                self.every = True
                if piece.target is not None:
                    self.lead = self.lead.then(piece.target)
                set_lead = True
            elif isinstance(piece, Position):
                self.lead_position = piece
            elif isinstance(piece, Words):
                return False  # prose: "11.1. National Executive Committee Members shall ..."
            previous_scope = isinstance(piece, Scope | Place) or (
                previous_scope and isinstance(piece, Words) and piece.kind == "loose"
            )
        if set_lead and alone and not self.lead_position:
            self.reader.set_scope(self.scope_line(self.lead), self.source, self.alternatives)
            self.lead = Target()
            return True
        return set_lead

    def old_and_new(self, clause: list[Piece]) -> bool:
        """'for "six" read "eight" and for "X" read "Y"', '"two years" to read "one year"',
        '"six" to become "eight"': quoted words as they stand, each followed by what they
        become. False where the clause is not a run of such pairs."""
        pairs: list[tuple[list[Target], str, str]] = []
        places: list[Target] = []
        old: str | None = None
        for piece in clause:
            if isinstance(piece, Place | Scope):
                places.append(self.scope_of(piece))
            elif _old_words(piece) is not None:
                if old is not None:
                    return False
                old = _old_words(piece)
            elif isinstance(piece, Content) and piece.via == "read" and piece.text:
                if old is None:
                    return False
                pairs.append((places, old, piece.text))
                places, old = [], None
            elif isinstance(piece, Content | Words | Head | NewUnit | BeforeText):
                return False
        if old is not None or not pairs:
            return False
        # a place before a pair holds until another is named ("In Rule 4.2 for ... read ...
        # and for ...; in Rule 4.3 for ..."); one after the last pair is every pair's ("for
        # ... read ... in Rule 4.1")
        held = places
        for own, words, new in pairs:
            held = own or held
            self.add(ReplaceWords(self.source, self.scope(*held), words=words, new=new))
        return True

    def fill(self, contents: list[Content]) -> None:
        """ "... and will read '...'": the new words of the change before."""
        self.changes += 1
        previous = self.reader.operations[-1] if self.reader.operations else None
        text = contents[0].text
        if previous is None:
            raise NotUnderstood(_not_understood_message(self.source), self.source)
        if isinstance(previous, CheckText):  # "Old text: '...'  New text: '...'"
            self.add(_Continuation(text, "", self.source))
            return
        if contents[0].via == "give":
            self.complete_last(replace(previous, expect=text))
        elif hasattr(previous, "new") and not previous.new:
            self.complete_last(replace(previous, new=text))
        else:
            raise NotUnderstood(_not_understood_message(self.source), self.source)

    # -- clauses with an action
    def clause(self, head: Head, clause: list[Piece], alone: bool) -> bool:
        at = clause.index(head)
        pre, post = clause[:at], clause[at + 1 :]
        handler = {
            "delete": self.delete,
            "insert": self.insert,
            "add": self.insert,
            "append": self.insert,
            "replace": self.replace_,
            "substitute": self.replace_,
            "change": self.replace_,
            "restate": self.replace_,
            "amend": self.amend,
            "move": self.move,
            "renumber": self.renumber,
        }.get(head.kind)
        if handler is None:
            raise NotUnderstood(_not_understood_message(self.source), self.source)
        return bool(handler(head, pre, post, alone))

    def _split(self, head: Head, pre: list[Piece], post: list[Piece]) -> _Parts:
        parts = _Parts()
        subject_side = pre if head.form in ("passive", "nominal") else []
        # 'Paragraph 1: "fourteen" to be replaced with ...': quoted words before a passive
        # action are what it acts on, not new words
        pre = [
            Words("quoted", (p.text,))
            if head.form == "passive" and isinstance(p, Content) and p.via == "colon" and p.quoted
            else p
            for p in pre
        ]
        # "Rule 5.2: the words 'x' should be changed to 'y'": with words named, a place before
        # the action is where they are, not what changes
        words_named = any(isinstance(p, Words) and p.kind != "loose" for p in pre + post)
        for side, pieces in (("pre", pre), ("post", post)):
            for piece in pieces:
                if isinstance(piece, Place):
                    if side == "pre" and (head.form not in ("passive", "nominal") or words_named):
                        parts.scopes.append(self.scope_of(piece))
                    else:
                        parts.objects.append(piece)
                elif isinstance(piece, Words):
                    parts.words.append(piece)
                elif isinstance(piece, Position):
                    parts.positions.append(piece)
                elif isinstance(piece, Content):
                    parts.contents.append(piece)
                elif isinstance(piece, Scope):
                    if piece.via == "of" and head.form == "nominal" and not parts.objects:
                        parts.objects.append(Place(piece.target))
                    else:
                        parts.scopes.append(self.scope_of(piece))
                elif isinstance(piece, Destination):
                    parts.destinations.append(piece)
                elif isinstance(piece, Every):
                    parts.every = True
                    if piece.target is not None:
                        parts.scopes.append(piece.target)
                elif isinstance(piece, NewUnit):
                    parts.new_unit = piece
                elif isinstance(piece, BeforeText):
                    parts.before = piece.text
                elif isinstance(piece, Mark):
                    parts.marks.add(piece.kind)
        del subject_side
        self.scoped = self.scoped or bool(parts.scopes)
        if self.every:
            parts.every = True
        if not parts.positions and self.lead_position is not None:
            parts.positions.append(self.lead_position)
        return parts

    def delete(self, head: Head, pre: list[Piece], post: list[Piece], alone: bool) -> None:
        parts = self._split(head, pre, post)
        scope = self.scope(*parts.scopes)
        texts = [c for c in parts.contents if c.text and c.via != "give"]
        verify = texts[0].text if texts and parts.objects else ""
        made = False
        for place in parts.objects:
            for target in (self.resolved(place.target), *place.more):
                self._check_bare(target)
                self.add(DeleteUnit(self.source, scope, target=target, verify=verify))
                self.remember(target)
                made = True
        expect = next((c.text for c in parts.contents if c.via == "give"), "")
        for words in parts.words:
            for operation in self.word_changes(words, scope, parts, None):
                self.add(replace(operation, expect=expect) if expect else operation)
                made = True
        if made:
            return
        if texts:
            self.add(_deletion_of_text(self.source, scope, texts[0].text, parts.every))
            return
        target = Target(tuple(s for t in parts.scopes for s in t.steps)) or self.lead
        if target:
            self.add(
                DeleteUnit(
                    self.source,
                    self.reader.scope,
                    target=self.lead.then(Target(tuple(s for t in parts.scopes for s in t.steps)))
                    if parts.scopes
                    else self.lead,
                )
            )
            return
        raise NotUnderstood(_not_understood_message(self.source), self.source)

    def word_changes(
        self, words: Words, scope: Target, parts: _Parts, new: str | None
    ) -> list[Operation]:
        """Deletions (``new`` None) or replacements of the words a phrase names."""
        every = parts.every or words.every
        made: list[Operation] = []
        if words.kind in ("rest", "rest_from"):
            return [
                DeleteRest(
                    self.source,
                    scope,
                    anchor=words.texts[0],
                    including=words.kind == "rest_from",
                    new=new or "",
                )
            ]
        for text in words.texts:
            fields = {
                "words": text,
                "every": every,
                "expected": words.count,
                "nth": words.nth,
                "end_words": words.end if words.kind == "span" else "",
                "to_end_of": words.to_end_of,
            }
            if new is None:
                made.append(DeleteWords(self.source, scope, **fields))
            else:
                made.append(ReplaceWords(self.source, scope, new=new, **fields))
        return made

    def insert(self, head: Head, pre: list[Piece], post: list[Piece], alone: bool) -> bool:
        parts = self._split(head, pre, post)
        scope = self.scope(*parts.scopes)
        position = _chosen(parts.positions)
        destination = parts.destinations[0].target if parts.destinations else None
        if position is None and destination is not None:
            position = Position("end", target=destination)
        if position is None and head.kind == "append":
            position = Position("end")
        texts = [c for c in parts.contents if c.text and c.via != "give"]
        expect = next((c.text for c in parts.contents if c.via == "give"), "")
        noun = next((c.noun for c in parts.contents if c.noun), "")
        if parts.new_unit is not None and parts.new_unit.noun:
            noun = parts.new_unit.noun
        anchor_text = ""
        if (
            position is not None
            and position.target is None
            and position.words is None
            and (position.position in ("after", "before") and len(texts) >= 2)
        ):
            anchor_text, texts = texts[0].text, texts[1:]
        new_words = [
            w
            for w in parts.words
            if w.kind in ("quoted", "punct") or w.kind == "loose" and not _filler(w.texts[0])
        ]
        new = texts[0].text if texts else ""
        if not new and not new_words:
            new, parts.positions = _words_from_a_place(parts.positions)
            position = _chosen(parts.positions) or position
        if not new and new_words:
            new = new_words[0].texts[0]
            new_words = new_words[1:]
        if new_words and not expect and new_words[-1].kind == "quoted":
            expect = new_words[-1].texts[0]
        label = parts.new_unit.label if parts.new_unit is not None else ""
        unit_like = bool(
            noun in _UNIT_NOUNS
            or parts.new_unit is not None
            or "\n\n" in new.strip()
            or _labelled(new)
            and (position is None or position.words is None)
        )
        if noun == "words" or noun == "sentence":
            unit_like = False
        if not new and head.form not in ("passive", "nominal"):
            raise _no_words(self.source)
        if not new and position is None and not label:
            self.lead = self.lead.then(Target(tuple(s for t in parts.scopes for s in t.steps)))
            return False  # "The second insertion will be in section 3": where the next goes
        operation = self._insertion(
            scope, position, new, noun, label, unit_like, anchor_text, head, alone
        )
        if operation is None:
            return False
        if expect and not isinstance(operation, _Continuation):
            operation = replace(operation, expect=expect)
        if isinstance(operation, InsertUnit) and parts.new_unit is not None:
            operation = replace(operation, title=parts.new_unit.title)
        self.add(operation)
        return False

    def _insertion(
        self,
        scope: Target,
        position: Position | None,
        new: str,
        noun: str,
        label: str,
        unit_like: bool,
        anchor_text: str,
        head: Head,
        alone: bool,
    ) -> Operation | _Continuation | None:
        source = self.source
        if anchor_text:
            target = Target((Step("quoted", words=anchor_text),))
            return InsertUnit(
                source,
                scope,
                new=new,
                target=target,
                position=position.position if position else "after",
                noun=noun,
            )
        if position is not None and position.words is not None:
            anchor = position.words.texts[0]
            if position.position == "between" and len(position.words.texts) == 2:
                # 'between "one" and "delegate" insert "voting"': the two stand together
                after = position.words.texts[1]
                return ReplaceWords(
                    source, scope, words=f"{anchor} {after}", new=f"{anchor} {new} {after}"
                )
            if position.position == "place":
                return ReplaceWords(source, scope, words=anchor, new=new)
            if unit_like and noun:
                return InsertUnit(
                    source,
                    scope,
                    new=new,
                    target=Target((Step("quoted", words=anchor),)),
                    position=position.position,
                    noun=noun,
                )
            where = "before" if position.position in ("before", "start") else "after"
            return InsertWords(source, scope, new=new, anchor=anchor, position=where)
        if position is not None and position.target is not None:
            target = self.resolved(position.target)
            self.remember(target)
            if position.position == "place":
                return ReplaceUnit(source, scope, target=target, new=new, noun=noun)
            if position.position in ("end", "start") and not unit_like:
                return AddText(source, scope, target=target, new=new, position=position.position)
            return InsertUnit(
                source,
                scope,
                new=new,
                target=target,
                position=position.position,
                noun=noun,
                label=label,
            )
        if position is not None:
            if position.position == "place":
                return _Continuation(new, noun, source)
            if unit_like:
                return InsertUnit(
                    source, scope, new=new, position=position.position, noun=noun, label=label
                )
            return AddText(source, scope, new=new, position=position.position)
        if label:
            return InsertUnit(source, scope, new=new, noun=noun, label=label)
        if self.made and isinstance(self.made[-1], _DELETIONS):
            return _Continuation(new, noun, source)  # "delete b) and insert: b) ..."
        if noun in _UNIT_NOUNS or unit_like:
            return InsertUnit(source, scope, new=new, position="end", noun=noun)
        if head.kind in ("add", "append"):
            return AddText(source, scope, new=new)
        return _Continuation(new, noun, source)

    def replace_(self, head: Head, pre: list[Piece], post: list[Piece], alone: bool) -> bool | None:
        parts = self._split(head, pre, post)
        scope = self.scope(*parts.scopes)
        texts = [c for c in parts.contents if c.text and c.via != "give"]
        expect = next((c.text for c in parts.contents if c.via == "give"), "")
        objects = list(parts.objects)
        words = [w for w in parts.words]
        olds = [c.text for c in texts if c.via == "for"]
        if head.kind == "substitute" and words and olds:
            # 'substitute "eight" for "six" (and "President" for "Chair")'
            if len(olds) != len(words):
                raise NotUnderstood(_not_understood_message(self.source), self.source)
            for old, new_words in zip(olds, words, strict=True):
                self.add(ReplaceWords(self.source, scope, words=old, new=new_words.texts[0]))
            return
        if not objects and parts.destinations and head.form == "nominal":
            objects = [Place(parts.destinations[0].target)]
        if head.kind == "restate" and not objects and (texts or words):
            # "Rule 4.2 – restate as: '...'", "Rule 4.2: restate as '...'": the part named
            if parts.scopes:
                objects = [Place(parts.scopes.pop())]
            elif self.lead:
                objects, self.lead = [Place(self.lead)], Target()
            scope = self.scope(*parts.scopes)
        if head.kind == "restate" and objects and not texts and len(words) == 1:
            texts, words = [Content(words[0].texts[0], "as", quoted=True)], []  # "restate as 'X'"
        if not objects and texts and texts[0].via == "colon" and (len(texts) >= 2 or words):
            # "Replace: 'the old words'" and the new words after them, with no "with"
            new_text = texts[1].text if len(texts) >= 2 else words[0].texts[0]
            words, texts = [Words("quoted", (texts[0].text,))], [Content(new_text, "with")]
        new = texts[0].text if texts else None
        if (
            new is None
            and words
            and not objects
            and self.made
            and isinstance(self.made[-1], _DELETIONS)
        ):
            # "Leave out 'lobby' and substitute 'picket'": the words put in its place
            self.add(_Continuation(words[0].texts[0], "", self.source, parts.every))
            return
        if new is None and len(words) >= 2 and words[1].kind == "quoted":
            words, new = [words[0]], words[1].texts[0]  # "Replace: 'old' <new words>"
        if new is None and head.form == "nominal" and objects:
            # "The first modification will be of clause 81": what the next sentences change
            self.reader.context["current"] = self.scope(self.resolved(objects[0].target))
            self.changes += 1
            return
        if new is None and head.form == "passive" and objects and not words:
            # "That Rule C.1 be amended by deleting ...": the changes that follow act on it
            return self.amend(head, pre, post, alone)
        if new is None:
            raise _no_words(self.source)
        noun = parts.new_unit.noun if parts.new_unit is not None else ""
        for place in objects:
            for target in (self.resolved(place.target), *place.more):
                self._check_bare(target)
                self.remember(target)
                self.add(
                    ReplaceUnit(
                        self.source,
                        scope,
                        target=target,
                        new=new,
                        noun=noun,
                        verify=parts.before,
                        expect=expect,
                    )
                )
            return
        if len(words) > 1 and len(words) == len(texts):
            # 'replace "four" with "six" and "year" with "month"': a change for each pair
            pairs = list(zip(words, (t.text for t in texts), strict=True))
        else:
            pairs = [(words[0], new)] if words else []
        for old, new_words in pairs:
            for operation in self.word_changes(old, scope, parts, new_words):
                self.add(replace(operation, expect=expect) if expect else operation)
        if pairs:
            return
        current = self.reader.context.get("current")
        if head.form in ("passive", "nominal") and current:
            self.add(
                ReplaceUnit(self.source, self.reader.scope, target=current, new=new, noun=noun)
            )
            return
        previous = self.made[-1] if self.made else (self.reader.operations or [None])[-1]
        if self.lead and not isinstance(previous, _DELETIONS):
            # "Article 2.1(a): replace with '...'": the part named is what is replaced
            target, self.lead = self.lead, Target()
            self.add(ReplaceUnit(self.source, self.scope(), target=target, new=new, noun=noun))
            return
        self.add(_Continuation(new, noun, self.source, parts.every))

    def amend(self, head: Head, pre: list[Piece], post: list[Piece], alone: bool) -> bool:
        parts = self._split(head, pre, post)
        target = parts.objects[0].target if parts.objects else None
        if target is None and parts.destinations:
            target = parts.destinations[0].target
        if target is None and parts.scopes:
            target = parts.scopes[0]
        loose = [w for w in parts.words if w.kind == "loose"]
        if target is None and loose:
            title = _without_article(loose[0].texts[0])
            target = Target((Step("title", title=title, noun="part"),))
        if target is None and self.lead:
            target, self.lead = self.lead, Target()  # "In section 2, amend as follows:"
        texts = [c for c in parts.contents if c.text]
        previous = self.reader.operations[-1] if self.reader.operations else None
        if target is None and texts and isinstance(previous, CheckText):
            # "Rule 5.2 presently says '...'. Amend to read '...'"
            self.add(_Continuation(texts[0].text, "", self.source))
            return False
        if target is None and not texts and any(c.via == "follows" for c in parts.contents):
            return True  # "Amend as follows: delete point 2": the changes that follow say where
        if target is None:
            raise NotUnderstood(_not_understood_message(self.source), self.source)
        target = self.resolved(target)
        if texts and texts[0].via == "follows" and not texts[0].quoted:
            # "Amend section 1 as follows: the alliance ..." is neither a change nor a text
            raise NotUnderstood(_not_understood_message(texts[0].text), texts[0].text)
        if texts:
            self.add(
                ReplaceUnit(
                    self.source, self.scope(), target=target, new=texts[0].text, verify=parts.before
                )
            )
            return False
        self.remember(target)
        if head.form == "nominal":
            self.reader.context["current"] = self.scope(target)
        self.lead = self.lead.then(target)
        if alone:
            self.reader.set_scope(self.scope_line(self.lead), self.source, self.alternatives)
            self.lead = Target()
            return True
        return True

    def move(self, head: Head, pre: list[Piece], post: list[Piece], alone: bool) -> None:
        parts = self._split(head, pre, post)
        becomes = any(c.via == "read" and not c.text for c in parts.contents)
        if becomes and len(parts.objects) == 2 and not parts.positions:
            # "Move Rule 4.3 to become Rule 4.1"
            source, destination = (self.resolved(p.target) for p in parts.objects)
            self.add(
                MoveText(
                    self.source,
                    self.scope(*parts.scopes),
                    target=source,
                    destination=destination,
                    position="become",
                )
            )
            return
        if not parts.objects or not (parts.destinations or parts.positions):
            raise NotUnderstood(_not_understood_message(self.source), self.source)
        scope = self.scope(*parts.scopes)
        position = _chosen(parts.positions)
        destination = parts.destinations[0].target if parts.destinations else position.target
        where = position.position if position is not None else "end"
        self.add(
            MoveText(
                self.source,
                scope,
                target=self.resolved(parts.objects[0].target),
                destination=self.resolved(destination),
                position=where,
            )
        )

    def renumber(self, head: Head, pre: list[Piece], post: list[Piece], alone: bool) -> bool:
        parts = self._split(head, pre, post)
        relabel = _relabelling(parts)
        if relabel is not None:  # "Renumber Rule 4.4 as Rule 4.5": that rule, that number
            target, label = relabel
            self.add(Renumber(self.source, self.scope(*parts.scopes), target=target, label=label))
            return True
        self.reader.renumber = True
        for place in parts.objects:
            last = place.target.last
            if last is not None and (last.noun in ("list", "item") or last.kind == "nth"):
                self.add(Renumber(self.source, self.scope(*parts.scopes), target=place.target))
        return True

    def names_a_place(self) -> bool:
        """Has the amendment named the part its changes act in ("Article 2.2: delete the
        whole clause": the clause is that article)?"""
        return bool(self.lead or self.reader.scope or self.scoped)

    def _check_bare(self, target: Target) -> None:
        last = target.last
        if (
            not self.names_a_place()
            and last is not None
            and last.kind == "bare"
            and last.noun
            in (
                "paragraph",
                "point",
                "line",
                "sentence",
                "bullet point",
                "clause",
                "rule",
                "article",
                "sub-paragraph",
            )
        ):
            raise NotUnderstood(_not_understood_message(self.source), self.source)


def _old_words(piece: Piece) -> str | None:
    """The quoted words a pair's new words replace ("for 'six'", "'six'", ": 'six'")."""
    if isinstance(piece, Words) and piece.kind == "quoted" and len(piece.texts) == 1:
        return piece.texts[0]
    if isinstance(piece, Content) and piece.quoted and piece.via in ("for", "colon"):
        return piece.text
    return None


def _at_each_action(clause: list[Piece]) -> list[list[Piece]]:
    """ "insert '1st April' delete 'first Thursday'": two actions without "and" between them
    are two clauses."""
    heads = [i for i, p in enumerate(clause) if isinstance(p, Head) and p.form != "copula"]
    if len(heads) < 2:
        return [clause]
    cuts = [0, *heads[1:], len(clause)]
    return [clause[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if clause[a:b]]


@dataclass(frozen=True)
class _Alternatives:
    """A scope naming several units ("rules 4.2 and 4.5"): the first, and the others."""

    first: Target
    others: tuple[Target, ...]

    def swapped(self, scope: Target) -> list[Target]:
        """``scope`` with the first unit replaced by each of the others ([] when it does not
        hold the first)."""
        steps, wanted = scope.steps, self.first.steps
        for at in range(len(steps) - len(wanted) + 1):
            if steps[at : at + len(wanted)] == wanted:
                rest = steps[at + len(wanted) :]
                return [Target(steps[:at] + other.steps + rest) for other in self.others]
        return []


@dataclass
class _Parts:
    objects: list[Place] = None  # type: ignore[assignment]
    words: list[Words] = None  # type: ignore[assignment]
    positions: list[Position] = None  # type: ignore[assignment]
    contents: list[Content] = None  # type: ignore[assignment]
    scopes: list[Target] = None  # type: ignore[assignment]
    destinations: list[Destination] = None  # type: ignore[assignment]
    every: bool = False
    new_unit: NewUnit | None = None
    before: str = ""
    marks: set[str] = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.objects, self.words, self.positions, self.contents = [], [], [], []
        self.scopes, self.destinations, self.marks = [], [], set()


def _filler(words: str) -> bool:
    """ "but", "and also": words between the phrases that carry nothing."""
    return all(
        word.lower() in ("but", "and", "or", "also", "then", "so", "yet") for word in words.split()
    )


def _words_from_a_place(positions: list[Position]) -> tuple[str, list[Position]]:
    """ "... before the last paragraph '<new text>'", "... at the end '<new text>'": the
    quotation read as naming the place is the new text when the insertion has no other."""
    for index, position in enumerate(positions):
        words = position.words
        if position.position in ("end", "start") and words and words.kind == "quoted":
            # "Amend point 2 by adding at the end 'and ...'"
            kept = list(positions)
            kept[index] = replace(position, words=None)
            return words.texts[0], kept
        last = position.target.last if position.target else None
        if last is not None and last.kind == "nth" and last.words:
            steps = position.target.steps[:-1] + (replace(last, words=""),)
            kept = list(positions)
            kept[index] = replace(position, target=Target(steps))
            return last.words, kept
    return "", positions


def _labelled(text: str) -> bool:
    """New words that bring their own label or bullet ("d. For those ...", "- Terms of")."""
    from compositing.text import ITEM, parse

    blocks = parse(text.strip()).blocks
    return bool(blocks) and blocks[0].kind == ITEM


def _chosen(positions: list[Position]) -> Position | None:
    """Of several places named for new words, the one with a number ("after clause 89")."""
    if not positions:
        return None
    for position in positions:
        if position.target is not None and any(s.kind == "label" for s in position.target.steps):
            return position
    for position in positions:
        if position.target is not None or position.words is not None:
            return position
    return positions[0]


def _deletion_of_text(source: str, scope: Target, text: str, every: bool) -> Operation:
    """ "Delete:" with the words or the points set out below it."""
    from compositing.text import ITEM, parse

    blocks = parse(text.strip("\n")).blocks
    if blocks and all(block.kind == ITEM and block.bullet for block in blocks):
        return DeleteListed(source, scope, listed=_items_of(text))
    return DeleteWords(source, scope, words=_listed(text), every=every)


def _items_of(text: str) -> tuple[str, ...]:
    """The points set out one per line (bulleted, quoted or not), without bullets or quotes."""
    from compositing.text import parse

    return tuple(_listed(block.text) for block in parse(text.strip("\n")).blocks)


def _listed(line: str) -> str:
    """A line of a list to delete, without its bullet or its quotation marks."""
    stripped = re.sub(r"^\s*[-*+•●–—◦▪■‣⁃·]\s*", "", line.strip())
    if len(stripped) > 1 and stripped[0] in "\"“‘'" and stripped[-1] in "\"”’'":
        stripped = stripped[1:-1]
    return stripped


def _relabelling(parts: _Parts) -> tuple[Target, str] | None:
    """A unit and the number it takes: two places one after the other ("Rule 4.4 as Rule
    4.5", "(d) to become (e)"), the second only a label."""
    places = [p.target for p in parts.objects] + [d.target for d in parts.destinations]
    if len(places) != 2 or len(places[1].steps) != 1:
        return None
    new = places[1].steps[0]
    if new.kind != "label" or not places[0].last or places[0].last.kind != "label":
        return None
    return places[0], new.label


def _replaced(previous: Operation, continuation: _Continuation) -> Operation:
    source = (
        f"{previous.source} {continuation.source}".strip()
        if (continuation.source != previous.source)
        else previous.source
    )
    new = continuation.new
    if isinstance(previous, CheckText):
        # "Rule 5.2 currently reads '...'. Change to '...'": the words it reads are replaced
        scope = previous.scope.then(previous.target)
        return ReplaceWords(source, scope, words=previous.text, new=new)
    if isinstance(previous, DeleteListed):
        return replace(previous, source=source, replacements=_items_of(new))
    if isinstance(previous, DeleteRest | ReplaceWords | ReplaceUnit):
        return replace(previous, source=source, new=new)
    if isinstance(previous, DeleteWords):
        fields = {
            f: getattr(previous, f)
            for f in (
                "scope",
                "expect",
                "near",
                "words",
                "every",
                "expected",
                "nth",
                "end_words",
                "to_end_of",
            )
        }
        fields["every"] = fields["every"] or continuation.every
        return ReplaceWords(source, new=new, **fields)
    assert isinstance(previous, DeleteUnit)
    return ReplaceUnit(
        source,
        previous.scope,
        previous.expect,
        target=previous.target,
        verify=previous.verify,
        new=new,
        noun=continuation.noun,
    )


def _same_place_again(previous: Operation, operation: Operation) -> bool:
    """ "Remove current article 103: ..." then "Add new article 103: ...": one replacement."""
    if not isinstance(previous, DeleteUnit) or type(previous) is not DeleteUnit:
        return False
    if not isinstance(operation, InsertUnit) or not operation.label or operation.target:
        return False
    last = previous.target.last
    return (
        last is not None
        and last.kind == "label"
        and (_comparable(last.label) == _comparable(operation.label))
    )
