"""Text model of a motion: blocks with their labels, sections, sentences and printed lines.

A motion arrives either as Markdown or as text pasted from a Word file or a web page (odd
bullets, "1.2." labels, labels alone on a line, non-breaking spaces). Both are read by
:func:`parse` into a :class:`Document`. ``render(parse(text)) == text`` for any input: blocks
keep the exact source they were read from until an amendment edits them.

Line numbers (:func:`numbered_lines`) are the ones printed on the order paper, so that
"Line 12, after ..." in an amendment means the same thing to a delegate and to the engine.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import Any

from compositing.vocabulary import LABEL_NOUNS, UNIT_NOUNS

__all__ = [
    "Block",
    "Document",
    "Line",
    "Section",
    "clause_end",
    "display_marker",
    "label_noun",
    "label_parts",
    "label_shifted",
    "label_successor",
    "normalise_label",
    "numbered_lines",
    "parse",
    "parse_marker",
    "render",
    "render_block",
    "sentence_spans",
    "sentences",
    "to_markdown",
]

HEADING = "heading"
PARAGRAPH = "paragraph"
ITEM = "item"

BULLET_CHARS = "-*+•●–—◦▪■‣⁃·"
_SPACE = r"[ \t\u00a0]"

# Labels with the nouns rule books print before them: "Rule C.4", "ARTICLE 3", "SO 9.1".
# Title case or capitals only: "rule 5 says" at the start of a line is prose, not a label.
_NOUN_ALTERNATIVES = "|".join(
    re.escape(form).replace("\\ ", "\\ +")
    for noun in LABEL_NOUNS
    for form in dict.fromkeys((noun, noun.upper(), noun.title() if noun != "SO" else noun))
)
_NUMBER = r"\d+(?:\.\d+)*"
_SUBLABEL = r"(?:\((?:\d+|[a-z]|[ivxlc]+)\))"
# A label of a clause as people write it at the start of a line. Every alternative starts with
# a literal and has no nested repetition, so a hostile line cannot make it backtrack.
_PLAIN_LABEL = rf"""
    (?:(?:{_NOUN_ALTERNATIVES})\ +
        (?:[A-Z](?:\.?\ ?{_NUMBER})?(?![\w])|{_NUMBER}[A-Z]?|[IVXLC]+(?![\w]))(?:{_SUBLABEL})*\.?
        (?![ \t\u00a0]+[a-z]))
  | \(\d+(?:\.\d+)*\)
  | \d+(?:\.\d+)*{_SUBLABEL}+(?:[ivx]+(?![\w]))?\.?
  | \d+(?:\.\d+)+\.?\)?
  | \d+[.)]
  | \d+(?:\.\d+)*[A-Z](?:[.)]|(?=\ +[A-Z]))
  | [A-Z]\.\d+(?:\.\d+)*[A-Z]?{_SUBLABEL}*\.?
  | [A-Z]\d+(?:\.\d+)+[A-Z]?\.?
  | [A-Z]\ \d+(?:\.\d+)+\.?
  | \((?:[ivxlcdm]+|[IVXLCDM]+|[a-zA-Z])\)
  | (?:[ivxlcdm]+|[IVXLCDM]+|[a-zA-Z])[.)]
  | \d{{1,3}}(?=\ +[A-Z])
"""
_LABEL = rf"(?:{_PLAIN_LABEL}|\*\*(?:{_PLAIN_LABEL})\*\*)"
_MARKER_RE = re.compile(
    rf"""(?P<indent>{_SPACE}*)
    (?:
        (?P<bullet>[{re.escape(BULLET_CHARS)}])(?P<bgap>{_SPACE}+|$)
      | (?P<label>{_LABEL})(?P<lgap>{_SPACE}+|$)
    )""",
    re.VERBOSE,
)
_HEADING_RE = re.compile(r"(?P<indent> {0,3})(?P<hashes>#{1,6})(?P<gap>[ \t]+|$)")
# A heading's label may be set off from its title by a colon or a dash: "Article 8: The Board".
_LABEL_ONLY_RE = re.compile(
    rf"(?P<label>{_LABEL})(?P<gap>{_SPACE}*[:–—-]{_SPACE}+|{_SPACE}+|$)", re.VERBOSE
)
_LABEL_WORDS_RE = re.compile(
    r"^(?:rule|clause|article|standing order|point|paragraph|para|section|item|bullet)\s*"
)
_TOP_LEVEL_KEY_RE = re.compile(r"^\d+(?:\.0)?$")
_WORD_RE = re.compile(r"\S+")


# Treat as immutable (change a block with ``with_text``/``replace``): parsed documents are cached
# and shared. It is not ``frozen`` only because frozen construction costs a third of a parse,
# and the live preview parses long motions on every keystroke.
@dataclass(slots=True, unsafe_hash=True)
class Block:
    """One heading, paragraph or list item.

    ``text`` is the content without its marker, continuation lines joined by single spaces.
    ``source`` is the block exactly as written; it is dropped (None) once the block is edited,
    and the block is then rendered from ``indent``, marker, ``gap`` and ``text``.
    """

    kind: str
    text: str
    label: str = ""
    key: str = ""
    bullet: str = ""
    depth: int = 0
    level: int = 0
    indent: str = ""
    gap: str = " "
    source: str | None = None
    tail: str = ""  # trailing spaces of the source, kept when the block is edited
    # Offsets in ``text`` where the source starts a new line: the paper prints those lines.
    breaks: tuple[int, ...] = ()
    label_gap: str = " "  # a heading's label and title: "Article 8: The Board" has ": "
    wrap_indent: str = ""  # what starts the source's continuation lines, kept after an edit

    def but(self, **changes: object) -> Block:
        """A copy with ``changes`` (what dataclasses.replace does, at a fraction of its cost:
        a long new text makes thousands of blocks)."""
        fields = {name: getattr(self, name) for name in _BLOCK_FIELDS}
        fields.update(changes)
        return Block(**fields)  # type: ignore[arg-type]

    def with_text(self, text: str, breaks: tuple[int, ...] = ()) -> Block:
        """The block with new words; ``breaks`` (offsets in ``text``) are the source's line
        breaks the edit kept, printed where they were."""
        return self.but(
            text=text,
            source=None,
            tail=self._source_tail(),
            breaks=breaks,
            wrap_indent=self._wrap_indent() if breaks else "",
        )

    def _wrap_indent(self) -> str:
        if self.source is None or "\n" not in self.source:
            return self.wrap_indent
        second = self.source.split("\n", 2)[1]
        return second[: len(second) - len(second.lstrip(" \t\u00a0"))]

    def with_label(self, label: str) -> Block:
        """The block renumbered: the label is changed where the source prints it, so the rest
        of the source (its line breaks, its spacing) is kept."""
        source = self.source
        if source is not None and self.label:
            first_line = source.split("\n", 1)[0]
            at = first_line.find(self.label)
            source = source[:at] + label + source[at + len(self.label) :] if at >= 0 else None
        tail = self.tail if source is not None else self._source_tail()
        return self.but(label=label, key=normalise_label(label), source=source, tail=tail)

    def _source_tail(self) -> str:
        """An edit changes words, not the stray spaces a pasted line ended with."""
        if self.source is None:
            return self.tail
        return self.source[len(self.source.rstrip(" \t\u00a0\r")) :]


_BLOCK_FIELDS = tuple(Block.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line of the order paper.

    ``text`` includes the block's label or bullet on its first line; print it after
    ``indent`` spaces. ``start``/``end`` are offsets of the line's words in the block's text.
    """

    number: int
    text: str
    block: int
    kind: str
    depth: int
    indent: int
    start: int
    end: int

    def __str__(self) -> str:
        return " " * self.indent + self.text


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    gaps: tuple[str, ...]
    trailing: str = ""
    # Derived data (printed lines per width, sections) computed on first use.
    _cache: dict[object, Any] = field(default_factory=dict, compare=False, repr=False)

    def render(self) -> str:
        drawn = [b.source if b.source is not None else render_block(b) for b in self.blocks]
        return "".join(chain.from_iterable(zip(self.gaps, drawn, strict=True))) + self.trailing

    def lines(self, width: int = 80) -> tuple[Line, ...]:
        cached = self._cache.get(("lines", width))
        if cached is None:
            cached = tuple(_number_lines(self.blocks, width))
            self._cache[("lines", width)] = cached
        return cached

    def first_line_of_blocks(self, width: int = 80) -> list[int]:
        """Line number on which each block starts."""
        self._first_line(len(self.blocks) - 1, width)
        return list(self._cache[("firsts", width)])

    def _first_line(self, block: int, width: int) -> int:
        """The line number block ``block`` starts on, counting the lines of the blocks before
        it only (an error naming a place near the start of a long text stays cheap)."""
        firsts: list[int] = self._cache.setdefault(("firsts", width), [])
        number = firsts[-1] + _line_count(self.blocks[len(firsts) - 1], width) if firsts else 1
        while len(firsts) <= block:
            firsts.append(number)
            number += _line_count(self.blocks[len(firsts) - 1], width)
        return firsts[block] if block >= 0 else 1

    def joined(self) -> tuple[str, list[int]]:
        """All block texts joined by NUL (which no search pattern crosses), with their offsets.

        Searching one string once is much faster than searching each block in turn.
        """
        cached = self._cache.get("joined")
        if cached is None:
            offsets = []
            position = 0
            for block in self.blocks:
                offsets.append(position)
                position += len(block.text) + 1
            cached = ("\0".join(block.text for block in self.blocks), offsets)
            self._cache["joined"] = cached
        return cached

    def line_at(self, block: int, offset: int, width: int = 80) -> int:
        """The printed line number showing character ``offset`` of block ``block``."""
        if not 0 <= block < len(self.blocks):
            return 0
        key = ("block lines", width, block)
        block_lines = self._cache.get(key)
        if block_lines is None:
            first = self._first_line(block, width)
            block_lines = _block_lines(block, self.blocks[block], first, width)
            self._cache[key] = block_lines
        starts = [line.start for line in block_lines]
        return block_lines[max(0, bisect_right(starts, offset) - 1)].number

    def sections(self) -> list[Section]:
        cached = self._cache.get("sections")
        if cached is None:
            cached = tuple(_sections(self.blocks))
            self._cache["sections"] = cached
        return list(cached)

    def section_of(self, index: int) -> Section | None:
        found = None
        for section in self.sections():
            if section.start <= index < section.end:
                found = section
        return found


def _section_key(key: str) -> str:
    return key[:-2] if key.endswith(".0") else key


def is_section_start(block: Block) -> bool:
    """Could start a section: a heading, or an unindented top-level number ("1.", "2)")."""
    if block.kind == HEADING:
        return True
    return (
        block.kind == ITEM
        and block.depth == 0
        and not block.indent
        and bool(_TOP_LEVEL_KEY_RE.match(block.key))
    )


def _sections(blocks: tuple[Block, ...]) -> list[Section]:
    """Headings, and top-level numbers that head a part of the text.

    A number heads a section when its clauses ("1.1", "1.2") follow it, or when it is a short
    title ("1. Our aims") followed by paragraphs and no numbered section shares its number. A
    lone "1." item inside a section (a one-point list) does not start a section.
    """
    candidates = [i for i, b in enumerate(blocks) if is_section_start(b)]
    starts: list[int] = []
    titles: list[int] = []
    for n, start in enumerate(candidates):
        following = candidates[n + 1] if n + 1 < len(candidates) else len(blocks)
        if blocks[start].kind == HEADING or _has_subclauses(blocks, start, following):
            starts.append(start)
        elif (
            _is_title(blocks[start])
            and start + 1 < following
            and blocks[start + 1].kind == PARAGRAPH
        ):
            titles.append(start)
    numbered = {_section_key(blocks[i].key) for i in starts}
    starts = sorted(starts + [i for i in titles if _section_key(blocks[i].key) not in numbered])
    result = []
    for n, start in enumerate(starts):
        block = blocks[start]
        end = next(
            (later for later in starts[n + 1 :] if _ends_section(block, blocks[later])),
            len(blocks),
        )
        key = block.key if block.key else block.text.strip().lower()
        result.append(Section(_section_key(key), block.text, start, end))
    return result


def _is_title(block: Block) -> bool:
    text = block.text.strip()
    return 0 < len(text.split()) <= 8 and text[-1] not in ".;:,!?"


def _ends_section(head: Block, block: Block) -> bool:
    """A heading's section runs to the next heading of its level or higher ("### Notes" inside
    "## 1. Aims" does not end it); a numbered section ends at the next section of any kind."""
    if head.kind == HEADING:
        return block.kind == HEADING and block.level <= head.level
    return True


def _has_subclauses(blocks: tuple[Block, ...] | list[Block], start: int, end: int) -> bool:
    prefix = _section_key(blocks[start].key) + "."
    return any(blocks[i].key.startswith(prefix) for i in range(start + 1, end))


def clause_end(blocks: tuple[Block, ...] | list[Block], index: int) -> int:
    """End (exclusive) of the clause that starts at ``index``: the block and what belongs to it.

    A section number takes its whole section; deeper items always belong to a clause;
    unlabelled paragraphs and bullets belong to it only when the clause introduces them (its
    text ends with ":" or it is a label standing alone, as in "1.1 Common ground:").
    """
    head = blocks[index]
    if is_section_start(head) and head.kind == ITEM:
        following = _next_section_start(blocks, index)
        if _has_subclauses(blocks, index, following):
            return following
    introduces = not head.text or head.text.rstrip().endswith(":")
    end = index + 1
    while end < len(blocks):
        block = blocks[end]
        if block.kind == HEADING or is_section_start(block):
            break
        if block.depth > head.depth:
            end += 1
            continue
        if block.label or not introduces:
            break
        end += 1
    return end


def _next_section_start(blocks: tuple[Block, ...] | list[Block], index: int) -> int:
    for j in range(index + 1, len(blocks)):
        if is_section_start(blocks[j]):
            return j
    return len(blocks)


@lru_cache(maxsize=16384)
def normalise_label(label: str) -> str:
    """ "1.2." -> "1.2", "(c)" -> "c", "Rule D 6.4" -> "d6.4", "iv." -> "iv"."""
    key = label.strip().lower()
    if key[:1].isalpha():  # only a label that starts with a letter can start with a noun
        key = _LABEL_WORDS_RE.sub("", key)
    key = key.strip().strip("()").rstrip(".):").strip()
    return "".join(key.split())


_PART_RE = re.compile(r"\d+|[A-Za-z]+")
_NOUN_WORDS = frozenset(
    word for forms in UNIT_NOUNS.values() for form in forms for word in form.split()
) | frozenset(word.lower() for noun in LABEL_NOUNS for word in noun.split())


@lru_cache(maxsize=16384)
def label_parts(label: str) -> tuple[str, ...]:
    """The parts of a label, whatever its punctuation: "Rule C.4.2.1", "C 4.2.1" and "c.4.2.1"
    are ("c", "4", "2", "1"); "Article 3.2(d)" is ("3", "2", "d"); "25(b)i" ("25", "b", "i");
    "Clause 10 ii) a)" ("10", "ii", "a"); "3A" ("3", "a")."""
    parts = [part.lower() for part in _PART_RE.findall(label)]
    return tuple(part for part in parts if len(part) == 1 or part not in _NOUN_WORDS)


_NOUN_OF_FORM = {form: noun for noun, forms in UNIT_NOUNS.items() for form in forms}


@lru_cache(maxsize=16384)
def label_noun(label: str) -> str:
    """The noun a label is printed with ("Rule C.4" -> "rule", "SO 9.1" -> "standing order")."""
    bare = label.strip("* ")
    if not bare[:1].isalpha():
        return ""  # "12.", "(c)": no noun
    words = bare.split()
    for size in (2, 1):
        noun = _NOUN_OF_FORM.get(" ".join(words[:size]).lower())
        if noun and size <= len(words) - 1:
            return noun
    return ""


_LAST_NUMBER = re.compile(r"(\d+)(?=\D*$)")
_LAST_ROMAN = re.compile(r"(?<![A-Za-z])([ivxlcIVXLC]+)(?=[^A-Za-z]*$)")
_LAST_LETTER = re.compile(r"(?<![A-Za-z])([A-Za-z])(?=[^A-Za-z]*$)")


def label_shifted(label: str, shift: int, roman: bool = False) -> str:
    """The label ``shift`` places on in its own style: "2.3." +1 -> "2.4.", "(c)" -1 -> "(b)",
    "ii." +1 -> "iii.". A lone "i", "v" or "x" is a letter unless ``roman`` (its series has
    roman numerals: "Clause I", "Clause II")."""
    match = _LAST_NUMBER.search(label)
    if match:
        value = max(0, int(match.group(1)) + shift)
        return label[: match.start()] + str(value) + label[match.end() :]
    match = _LAST_ROMAN.search(label)
    if match and roman_value(match.group(1)) and (roman or len(match.group(1)) > 1):
        value = max(1, roman_value(match.group(1)) + shift)
        numeral = roman_numeral(value, match.group(1).isupper())
        return label[: match.start()] + numeral + label[match.end() :]
    match = _LAST_LETTER.search(label)
    if match:
        letter = match.group(1)
        base = ord("A") if letter.isupper() else ord("a")
        value = min(25, max(0, ord(letter) - base + shift))
        return label[: match.start()] + chr(base + value) + label[match.end() :]
    return label


def label_successor(label: str, roman: bool = False) -> str:
    """The label that follows ``label`` in its own style (see :func:`label_shifted`)."""
    return label_shifted(label, 1, roman)


_ROMAN = [(100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
          (4, "iv"), (1, "i")]  # fmt: skip


def roman_numeral(value: int, upper: bool = False) -> str:
    """ "iv" for 4 (up to 399)."""
    out = []
    for amount, numeral in _ROMAN:
        while value >= amount:
            out.append(numeral)
            value -= amount
    text = "".join(out)
    return text.upper() if upper else text


def roman_value(text: str) -> int:
    """The value of a well-formed roman numeral ("iv" -> 4), else 0."""
    lowered = text.lower()
    total, position = 0, 0
    for amount, numeral in _ROMAN:
        while lowered.startswith(numeral, position):
            total += amount
            position += len(numeral)
    if position != len(lowered) or not total or roman_numeral(total) != lowered:
        return 0
    return total


def parse_marker(line: str) -> tuple[str, str, str, str] | None:
    """(indent, bullet, label, gap) if ``line`` starts with a bullet or a label, else None."""
    match = _MARKER_RE.match(line)
    if not match:
        return None
    if match.group("bullet"):
        return match.group("indent"), match.group("bullet"), "", match.group("bgap")
    return match.group("indent"), "", match.group("label"), match.group("lgap")


def _indent_width(indent: str) -> int:
    return len(indent.replace("\t", "    "))


def display_marker(block: Block) -> str:
    if block.kind == HEADING:
        return block.label
    if block.bullet:
        return "•"
    return block.label


def render_block(block: Block) -> str:
    if block.source is not None:
        return block.source
    return _drawn(block) + block.tail


def _drawn(block: Block) -> str:
    text = _with_breaks(block)
    if block.kind == HEADING:
        label = f"{block.label}{block.label_gap}" if block.label else ""
        return f"{block.indent}{'#' * block.level}{block.gap}{label}{text}"
    marker = block.bullet or block.label
    if not marker:
        return f"{block.indent}{text}"
    if not text:
        return f"{block.indent}{marker}"
    return f"{block.indent}{marker}{block.gap or ' '}{text}"


def _line_starts(block: Block) -> tuple[int, ...]:
    """Where the block's printed lines start: 0 and its line breaks (offsets that do not fall
    between words of this text were not made for it, and are left out)."""
    text = block.text
    return (0, *(b for b in block.breaks if 0 < b < len(text) and text[b - 1] == " "))


def _with_breaks(block: Block) -> str:
    starts = _line_starts(block)
    if len(starts) == 1:
        return block.text
    ends = (*starts[1:], len(block.text))
    lines = [block.text[a:b].rstrip() for a, b in zip(starts, ends, strict=True)]
    return f"\n{block.wrap_indent}".join(lines)


def kept_breaks(old: str, new: str, breaks: tuple[int, ...]) -> tuple[int, ...]:
    """The line breaks of ``old`` (offsets of the words that start its lines) that stand
    outside the part an edit changed, moved to their place in ``new``."""
    if not breaks:
        return ()
    prefix = len(os.path.commonprefix((old, new)))
    longest_suffix = min(len(old), len(new)) - prefix
    suffix = len(os.path.commonprefix((old[::-1], new[::-1])))
    suffix = min(suffix, longest_suffix)
    shift = len(new) - len(old)
    kept = []
    for offset in breaks:
        if offset <= prefix:
            moved = offset
        elif offset >= len(old) - suffix:
            moved = offset + shift
        else:
            continue  # the edit changed the words around this break
        if 0 < moved < len(new) and new[moved - 1] == " " and new[moved] != " ":
            kept.append(moved)
    return tuple(kept)


def render(document: Document) -> str:
    return document.render()


class _Builder:
    """Collects lines into blocks while :func:`parse` walks the text once.

    Kept lean (plain lists, no per-line allocation beyond the lines themselves): the live
    amendment preview parses long motions on every keystroke.
    """

    __slots__ = ("blocks", "gaps", "pending_gap", "current", "list_indents")

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.gaps: list[str] = []
        self.pending_gap: list[str] = []
        # [kind, first, label, key, bullet, depth, level, indent, gap, lines, gap_before,
        #  label_gap]
        self.current: list | None = None
        self.list_indents: list[int] = []

    def start(
        self,
        line: str,
        kind: str,
        first: str,
        label: str = "",
        key: str = "",
        bullet: str = "",
        depth: int = 0,
        level: int = 0,
        indent: str = "",
        gap: str = " ",
        label_gap: str = " ",
    ) -> None:
        if self.current is not None:
            self.flush()
        pending = self.pending_gap
        gap_before = ("\n" + "\n".join(pending) + "\n") if pending else "\n"
        if pending:
            self.pending_gap = []
        self.current = [
            kind,
            first,
            label,
            key,
            bullet,
            depth,
            level,
            indent,
            gap,
            [line],
            gap_before,
            label_gap,
        ]

    def flush(self) -> None:
        current = self.current
        if current is None:
            return
        self.current = None
        kind, first, label, key, bullet, depth, level, indent, gap, lines, gap_before, label_gap = (
            current
        )
        text = first.strip()
        breaks: tuple[int, ...] = ()
        if len(lines) > 1:
            text, breaks = _join_lines(text, lines)
        self.gaps.append(gap_before)
        self.blocks.append(
            Block(
                kind,
                text,
                label,
                key,
                bullet,
                depth,
                level,
                indent,
                gap,
                "\n".join(lines),
                breaks=breaks,
                label_gap=label_gap,
            )
        )

    def finish(self) -> tuple[tuple[Block, ...], tuple[str, ...], str]:
        self.flush()
        trailing = ""
        if self.pending_gap:
            trailing = "\n" + "\n".join(self.pending_gap)
        gaps = self.gaps
        if gaps:
            gaps[0] = gaps[0][1:]  # nothing precedes the first block, so no line to end
        elif self.pending_gap:
            trailing = "\n".join(self.pending_gap)
        return tuple(self.blocks), tuple(gaps), trailing

    def continues_with_number(self, label: str | None) -> bool:
        """A bare number starting a line inside a block is a wrapped line, not a label, unless
        the block is itself a clause numbered that way ("43 ...", "44 ...")."""
        if not label or not label.isdigit() or self.current is None:
            return False
        return not self.current[2].isdigit()

    def item_depth(self, indent: int) -> int:
        stack = self.list_indents
        while stack and stack[-1] > indent:
            stack.pop()
        if not stack or stack[-1] < indent:
            stack.append(indent)
        return len(stack) - 1


@lru_cache(maxsize=64)
def parse(text: str) -> Document:
    """Read Markdown or raw pasted text into blocks. Cached: documents are immutable."""
    builder = _Builder()
    heading_match = _HEADING_RE.match
    marker_match = _MARKER_RE.match
    for line in text.split("\n"):
        if not line or line.isspace():
            builder.flush()
            builder.pending_gap.append(line)
            continue
        heading = heading_match(line) if line[0] in " #" else None
        if heading:
            builder.list_indents.clear()
            label, key, label_gap, content = _split_label(line[heading.end() :])
            builder.start(
                line,
                HEADING,
                content,
                label,
                key,
                level=len(heading.group("hashes")),
                indent=heading.group("indent"),
                gap=heading.group("gap"),
                label_gap=label_gap,
            )
            continue
        marker = marker_match(line)
        if marker and builder.continues_with_number(marker.group("label")):
            marker = None  # "31 July of the year ..." wrapped inside a paragraph
        if marker:
            indent = marker.group("indent")
            bullet = marker.group("bullet") or ""
            label = "" if bullet else marker.group("label")
            gap = marker.group("bgap") if bullet else marker.group("lgap")
            depth = builder.item_depth(_indent_width(indent))
            builder.start(
                line,
                ITEM,
                line[marker.end() :],
                label,
                normalise_label(label) if label else "",
                bullet,
                depth,
                indent=indent,
                gap=gap,
            )
            continue
        current = builder.current
        if current is not None and current[0] != HEADING:
            current[9].append(line)  # a continuation line of the block
            continue
        indent = line[: len(line) - len(line.lstrip(" \t\u00a0"))]
        if not indent:
            builder.list_indents.clear()
            depth = 0
        else:
            width = _indent_width(indent)
            depth = len([i for i in builder.list_indents if i < width])
        builder.start(line, PARAGRAPH, line, depth=depth, indent=indent)
    blocks, gaps, trailing = builder.finish()
    return Document(blocks, gaps, trailing)


def _split_label(content: str) -> tuple[str, str, str, str]:
    """(label, key, what sets the label off from the title, the title) of a heading's text."""
    match = _LABEL_ONLY_RE.match(content)
    if not match or not match.group("gap"):
        return "", "", " ", content
    label = match.group("label")
    return label, normalise_label(label), match.group("gap"), content[match.end() :]


def _join_lines(first: str, lines: list[str]) -> tuple[str, tuple[int, ...]]:
    """A block's continuation lines joined to its first by single spaces, and where each
    continuation line starts in the joined text."""
    text = first
    breaks = []
    for line in lines[1:]:
        piece = line.strip()
        if not piece:
            continue
        if text:
            text += " "
        breaks.append(len(text))
        text += piece
    return text, tuple(breaks)


# --- printed lines -------------------------------------------------------------------------


def _number_lines(blocks: tuple[Block, ...], width: int) -> list[Line]:
    """Each block's lines as the paper prints them: the source's own lines while the block is
    as written (a rule book pasted with its line breaks), else wrapped at ``width``."""
    lines: list[Line] = []
    for index, block in enumerate(blocks):
        lines.extend(_block_lines(index, block, len(lines) + 1, width))
    return lines


def _layout_of(block: Block, width: int) -> tuple[str, int, int, tuple[int, ...], int]:
    """How ``block`` is laid out: its marker, indent, hang, source line starts, wrap width."""
    marker = display_marker(block)
    indent = 2 * block.depth
    hang = indent + (len(marker) + 1 if marker else 0)
    starts = _line_starts(block)
    # A source printed line by line keeps its lines whole, however long: the amendments to it
    # count them as printed.
    wrap_at = max(20, width - hang) if len(starts) == 1 else 1_000_000
    return marker, indent, hang, starts, wrap_at


def _block_lines(index: int, block: Block, first_number: int, width: int) -> list[Line]:
    marker, indent, hang, starts, wrap_at = _layout_of(block, width)
    text = block.text
    ends = (*starts[1:], len(text))
    lines: list[Line] = []
    for segment_start, segment_end in zip(starts, ends, strict=True):
        for start, end, words in _wrap(text, segment_start, segment_end, wrap_at):
            first = not lines
            shown = f"{marker} {words}".rstrip() if first and marker else words
            lines.append(
                Line(
                    first_number + len(lines),
                    shown,
                    index,
                    block.kind,
                    block.depth,
                    indent if first else hang,
                    start,
                    end,
                )
            )
    return lines


def _line_count(block: Block, width: int) -> int:
    """How many lines ``block`` prints on, without laying them out when it fits on one."""
    *_, starts, wrap_at = _layout_of(block, width)
    if len(block.text) <= wrap_at and len(starts) == 1:
        return 1
    return len(_block_lines(0, block, 1, width))


def _wrap(text: str, start: int, stop: int, width: int) -> list[tuple[int, int, str]]:
    """Greedy word wrap of ``text[start:stop]`` keeping the offsets of each line in ``text``."""
    result: list[tuple[int, int, str]] = []
    words: list[str] = []
    line_start = end = length = start
    length = 0
    for match in _WORD_RE.finditer(text, start, stop):
        word = match.group()
        if words and length + 1 + len(word) > width:
            result.append((line_start, end, " ".join(words)))
            words = []
        if not words:
            line_start, length = match.start(), len(word)
        else:
            length += 1 + len(word)
        words.append(word)
        end = match.end()
    if words or not result:
        result.append((line_start, end, " ".join(words)))
    return result


def numbered_lines(text: str, width: int = 80) -> list[Line]:
    """The order paper's numbered lines of ``text``: blank lines between blocks are not counted."""
    return list(parse(text).lines(width))


# --- sentences ----------------------------------------------------------------------------

_ABBREVIATIONS = (
    "e.g.",
    "i.e.",
    "etc.",
    "eg.",
    "ie.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "St.",
    "No.",
    "cf.",
    "vs.",
    "approx.",
)
_SENTENCE_END_RE = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]*[A-Z0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``; the end includes its full stop."""
    spans: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip())
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.end()
        tail = text[max(start, end - 10) : end]  # abbreviations are short: look no further
        if (
            tail.endswith(_ABBREVIATIONS)
            or _INITIAL_RE.search(tail)
            and (end - 2 == start or text[end - 3 : end - 2].isspace())
        ):
            continue
        spans.append((start, end))
        following = _LEADING_SPACE_RE.match(text, end)
        start = following.end() if following else end
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


_INITIAL_RE = re.compile(r"[A-Z]\.$")
_LEADING_SPACE_RE = re.compile(r"\s*")


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


# --- raw pasted text to Markdown -----------------------------------------------------------

_TIGHT_LABEL_RE = re.compile(r"^\d+[.)]$")


def to_markdown(raw: str) -> str:
    """Clean Markdown from text pasted from a Word file or web page, keeping labels as written.

    Every line becomes its own block; odd bullets become "- " nested by indentation; runs of
    spaces and non-breaking spaces collapse; a label standing alone on its line ("1.1") is
    joined to the paragraph that follows it.
    """
    entries: list[tuple[str, str, int]] = []  # (kind: bullet/ordered/label/para, markdown, depth)
    indents: list[int] = []
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for line in lines:
        if not line.strip(" \t\u00a0\u200b\ufeff"):
            continue
        marker = parse_marker(line)
        if marker is None:
            indents.clear()
            content = _clean(line)
            if entries and entries[-1][0] == "alone":
                _, label, depth = entries.pop()
                entries.append(("label", f"{label} {content}", depth))
            else:
                entries.append(("para", content, 0))
            continue
        indent, bullet, label, _gap = marker
        content = _clean(line[_marker_length(line, marker) :])
        if bullet:
            depth = _depth(indents, _indent_width(indent.replace("\u00a0", " ")))
            entries.append(("bullet", f"{'  ' * depth}- {content}".rstrip(), depth))
            continue
        indents.clear()
        if not content:
            entries.append(("alone", label, 0))
        elif _TIGHT_LABEL_RE.match(label):
            entries.append(("ordered", f"{label} {content}", 0))
        else:
            entries.append(("label", f"{label} {content}", 0))
    return _join_entries(entries)


def _marker_length(line: str, marker: tuple[str, str, str, str]) -> int:
    indent, bullet, label, gap = marker
    return len(indent) + len(bullet or label) + len(gap)


def _depth(indents: list[int], indent: int) -> int:
    while indents and indents[-1] > indent:
        indents.pop()
    if not indents or indents[-1] < indent:
        indents.append(indent)
    return len(indents) - 1


def _clean(text: str) -> str:
    text = text.replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def _join_entries(entries: list[tuple[str, str, int]]) -> str:
    parts: list[str] = []
    previous = ""
    for kind, markdown, _ in entries:
        if kind == "alone":
            kind = "label"
        if parts:
            tight = kind == previous and kind in ("bullet", "ordered")
            parts.append("\n" if tight else "\n\n")
        parts.append(markdown)
        previous = kind
    return "".join(parts) + ("\n" if parts else "")
