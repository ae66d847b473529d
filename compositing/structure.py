"""The hierarchy of a text: its units (rules, articles, clauses, points) in their own numbering.

A rule book, a constitution or a set of standing orders pasted as a motion's text is read as a
tree of *units* over the blocks of :mod:`compositing.text`, whatever numbering system it uses:

- a heading is a unit running to the next heading of its level or higher ("## Rule 2481",
  "## RULE 5. AFFILIATION FEE", "### Procedure at board meetings"); a short line straight under
  a heading that prints only a label ("## Rule 2481 (Power=2.1)" / "Festival Restrictions") is
  the unit's title, not a paragraph;
- a labelled block is a unit whose parent is found from the numbering, not the indentation
  alone: "2.3" is inside "2" (its prefix), "(a)" after "8.5 ...:" is inside 8.5, "(b)" after
  "(a)" is its sibling, "3" after "2.3" closes both; a letter that continues a lettered list
  ("(i)" after "(h)") is a letter, otherwise "i", "ii", "iv" are roman;
- unlabelled paragraphs and bullets belong to the unit they follow when it introduces them (it
  ends with ":", is a bare label, or is a title such as "4.3 Motions for amendment"), or when
  they are indented under it; otherwise to its parent.

Each unit is known by its *path*, the parts of its label qualified by its parents: "(d)" under
"3.2" is ``("3", "2", "d")``, so "Article 3.2(d)", "3.2 (d)" and "(d)" within 3.2 all find it;
"C.4.2.1", "C 4.2.1" and "Rule C.4.2.1" are all ``("c", "4", "2", "1")``.

Inside a unit the engine counts *paragraphs* (a prose paragraph with the list it introduces is
one paragraph), *lists*, *sentences* and the *printed lines* of the order paper.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from compositing.text import (
    HEADING,
    ITEM,
    PARAGRAPH,
    Block,
    Document,
    Line,
    label_noun,
    label_parts,
    roman_value,
    sentence_spans,
)
from compositing.vocabulary import ANNEX_NOUNS

__all__ = ["Structure", "Unit", "structure_of"]

ROOT = "root"
HEADED = "heading"
CLAUSE = "clause"

_TITLE_WORDS = 12
_META_RE = re.compile(r"^\((?:[^()]{0,80})\)$")  # "(Power=2.1)": printed after a heading's label
_TERMINAL = ".;!?"
_TITLE_SPLIT_RE = re.compile(r"\s+[–—-]\s+")


@dataclass(eq=False)
class Unit:
    """A part of the text with its own place in the hierarchy.

    ``head`` is the block that carries its label or heading (-1 for the whole text); the unit
    spans blocks ``[start, end)``. ``parts`` are its own label's parts, ``path`` the parts
    qualified by its parents. ``title`` is what the text calls it ("Festival Restrictions").
    """

    kind: str
    head: int
    start: int
    end: int = -1
    label: str = ""
    parts: tuple[str, ...] = ()
    path: tuple[str, ...] = ()
    noun: str = ""
    title: str = ""
    title_block: int = -1
    style: str = ""
    level: int = 0
    parent: Unit | None = None
    children: list[Unit] = field(default_factory=list)
    accepting: bool = False  # takes the unlabelled blocks that follow it

    @property
    def heads_a_section(self) -> bool:
        """ "1. Our aims" with its clauses or paragraphs under it: a section, not a point."""
        return bool(self.title) and self.end - self.start > 1

    def ancestors(self) -> list[Unit]:
        found = []
        unit = self.parent
        while unit is not None:
            found.append(unit)
            unit = unit.parent
        return found

    def contains(self, other: Unit) -> bool:
        return self.start <= other.start and other.end <= self.end

    def descendants(self) -> list[Unit]:
        found: list[Unit] = []
        for child in self.children:
            found.append(child)
            found.extend(child.descendants())
        return found

    def shown_label(self) -> str:
        """The label as an instruction writes it: "2.3." -> "2.3", "4)" -> "4", "(c)" stays."""
        label = self.label.strip("*").rstrip(".")
        if label.endswith(")") and not label.startswith("(") and "(" not in label:
            label = label[:-1]
        return label

    def describe(self) -> str:
        if self.kind == ROOT:
            return "the text"
        if self.label:
            shown = self.shown_label()
            noun = self.noun or (
                "section" if self.kind == HEADED or self.heads_a_section else "point"
            )
            if shown.lower().startswith(noun):
                return shown
            return f"{noun} {shown}"
        return f"the section “{self.title}”" if self.title else "the section"


# Numbering styles -------------------------------------------------------------------------

_DOTTED_RE = re.compile(r"^\**(?:[A-Za-z]\s?\.?\s?)?\d+(?:\.\d+)*\.?\**$")


def _style(label: str, block_context: list[Unit]) -> str:
    """The numbering family of a label: siblings share it; a new family nests."""
    fixed = _fixed_style(label)
    if fixed is not None:
        return fixed
    text = label.strip().strip("*").strip()
    match = re.match(r"^(\()?([A-Za-z]+)([.)])?$", text)
    assert match is not None
    opening, token, closing = match.groups()
    shape = ("(" if opening else "") + "{}" + (closing or "")
    kind = _letters_kind(token, shape, block_context)
    return shape.format(kind.upper() if token.isupper() else kind)


@lru_cache(maxsize=16384)
def _fixed_style(label: str) -> str | None:
    """The style of a label that does not depend on its neighbours (None for letters, which
    may be roman numerals)."""
    text = label.strip().strip("*").strip()
    noun = label_noun(label)
    if noun:
        return f"named:{noun}"
    if _DOTTED_RE.match(text) or re.match(r"^\d+(?:\.\d+)*\(", text):
        return "dotted"
    match = re.match(r"^(\()?([A-Za-z]+|\d+)([.)])?$", text)
    if not match:
        return "other"
    opening, token, closing = match.groups()
    if token.isdigit():
        return ("(" if opening else "") + "d" + (closing or "")
    return None


def _letters_kind(token: str, shape: str, open_units: list[Unit]) -> str:
    """ "l" for a letter, "r" for a roman numeral: "(i)" after "(h)" is a letter."""
    lowered = token.lower()
    if len(token) > 1:
        return "r" if roman_value(lowered) else "l"
    for unit in reversed(open_units):
        if unit.kind != CLAUSE or not unit.parts:
            continue
        last = unit.parts[-1]
        letter_style = shape.format("L" if token.isupper() else "l")
        roman_style = shape.format("R" if token.isupper() else "r")
        if unit.style == letter_style and len(last) == 1 and ord(last) + 1 == ord(lowered):
            return "l"
        if unit.style == roman_style and roman_value(last) + 1 == roman_value(lowered):
            return "r"
    return "r" if lowered == "i" else "l"


def _first_of_sequence(parts: tuple[str, ...]) -> bool:
    return bool(parts) and parts[-1] in ("1", "a", "i")


# Titles -----------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _is_title(text: str) -> bool:
    """A short line naming what follows: "Festival Restrictions", "4.3 Motions for amendment"."""
    words = text.split()
    return (
        0 < len(words) <= _TITLE_WORDS
        and not text[0].islower()
        and text.rstrip()[-1] not in _TERMINAL + ",:"
        and ";" not in text
    )


@lru_cache(maxsize=8192)
def _clause_title(text: str) -> str:
    """ "Withdrawal of motions – A motion may be ..." -> "Withdrawal of motions"."""
    if _is_title(text):
        return text.strip()
    pieces = _TITLE_SPLIT_RE.split(text, maxsplit=1)
    if len(pieces) == 2 and _is_title(pieces[0]):
        return pieces[0].strip()
    return ""


def comparable_title(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


# The structure -------------------------------------------------------------------------------


class Structure:
    """The units of one document, built once per document (see :func:`structure_of`)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.blocks = document.blocks
        self.root = Unit(ROOT, -1, 0, len(self.blocks))
        self.units: list[Unit] = []
        # For each block, the unit that holds it directly (its own unit for a head block).
        self.owner: list[Unit] = [self.root] * len(self.blocks)
        self._build()

    # -- building
    def _build(self) -> None:
        stack: list[Unit] = [self.root]
        blocks = self.blocks
        skip_title = -1
        for index, block in enumerate(blocks):
            if index == skip_title:
                self.owner[index] = stack[-1]
                continue
            if block.kind == HEADING:
                while stack[-1].kind != ROOT and (
                    stack[-1].kind == CLAUSE or stack[-1].level >= block.level
                ):
                    self._close(stack.pop(), index)
                unit = self._open_heading(index, block, stack[-1])
                stack.append(unit)
                if unit.title_block >= 0:
                    skip_title = unit.title_block
                continue
            if block.label:
                parts = label_parts(block.label)
                style = _style(block.label, stack)
                while not self._can_hold(stack[-1], block, parts, style, stack):
                    self._close(stack.pop(), index)
                stack.append(self._open_clause(index, block, parts, style, stack[-1]))
                continue
            while stack[-1].kind == CLAUSE and not self._takes(stack[-1], block):
                self._close(stack.pop(), index)
            self.owner[index] = stack[-1]
        while len(stack) > 1:
            self._close(stack.pop(), len(blocks))

    def _close(self, unit: Unit, end: int) -> None:
        unit.end = end

    def _attach(self, unit: Unit, parent: Unit) -> Unit:
        unit.parent = parent
        parent.children.append(unit)
        self.units.append(unit)
        self.owner[unit.head] = unit
        return unit

    def _open_heading(self, index: int, block: Block, parent: Unit) -> Unit:
        parts = label_parts(block.label) if block.label else ()
        title = block.text.strip()
        title_block = -1
        if not title or _META_RE.match(title):
            following = index + 1
            if (
                following < len(self.blocks)
                and self.blocks[following].kind == PARAGRAPH
                and not self.blocks[following].label
                and _is_title(self.blocks[following].text)
            ):
                title_block = following
                title = self.blocks[following].text.strip()
            else:
                title = ""
        unit = Unit(
            HEADED,
            index,
            index,
            label=block.label,
            parts=parts,
            path=_qualified(parent, parts),
            noun=label_noun(block.label) or ("section" if parts else ""),
            title=title,
            title_block=title_block,
            style=_style(block.label, []) if block.label else "",
            level=block.level,
        )
        return self._attach(unit, parent)

    def _open_clause(
        self, index: int, block: Block, parts: tuple[str, ...], style: str, parent: Unit
    ) -> Unit:
        title = _clause_title(block.text)
        unit = Unit(
            CLAUSE,
            index,
            index,
            label=block.label,
            parts=parts,
            path=_qualified(parent, parts),
            noun=label_noun(block.label),
            title=title,
            style=style,
            accepting=not block.text.strip()
            or block.text.rstrip().endswith(":")
            or _is_title(block.text),
        )
        return self._attach(unit, parent)

    def _can_hold(
        self,
        parent: Unit,
        block: Block,
        parts: tuple[str, ...],
        style: str,
        stack: list[Unit],
    ) -> bool:
        if parent.kind != CLAUSE:
            return True
        head = self.blocks[parent.head]
        if block.depth > head.depth and block.kind == ITEM and head.kind == ITEM:
            return True
        introduces = head.text.rstrip().endswith(":")
        if style == parent.style:
            if style != "dotted":
                return False
            # "2.3 We want:" then "1. ..." is a list of its own, not the next clause.
            return _is_prefix(parent.parts, parts) or (introduces and parts == ("1",))
        if style.startswith("named"):
            if len(parts) > 1 and not _is_prefix(parent.path, parts):
                return False  # "Standing Order 9.1" after "Clause III": numbered in its own right
            if not parent.style.startswith("named") or style.removeprefix("named:") in ANNEX_NOUNS:
                return False  # "Schedule 1" after clause 4.3 of Article 4: a part of its own
        # A style already open further out: the numbering returns to that level.
        return not any(unit.style == style for unit in stack if unit.kind == CLAUSE)

    def _takes(self, unit: Unit, block: Block) -> bool:
        """Does the clause ``unit`` take the unlabelled ``block`` that follows it?"""
        head = self.blocks[unit.head]
        if block.depth > head.depth:
            return True
        return unit.accepting

    # -- looking up
    @cached_property
    def _by_head(self) -> dict[int, Unit]:
        return {unit.head: unit for unit in self.units}

    def unit_at(self, block: int) -> Unit | None:
        """The unit whose label or heading is block ``block``."""
        return self._by_head.get(block)

    def innermost(self, block: int) -> Unit:
        """The smallest unit that contains block ``block``."""
        return self.owner[block]

    def within(self, scope: Unit | None) -> list[Unit]:
        if scope is None or scope.kind == ROOT:
            return list(self.units)
        return scope.descendants()

    @cached_property
    def _series(self) -> dict[tuple, list[Unit]]:
        return _grouped([u for u in self.units if u.label], series_key)

    def series_of(self, unit: Unit) -> list[Unit]:
        """The labelled units numbered in one series with ``unit``, in order."""
        return self._series.get(series_key(unit), [])

    def by_parts(
        self, parts: tuple[str, ...], scope: Unit | None = None, noun: str = ""
    ) -> list[Unit]:
        """Units a label names, best match first: the whole qualified path, then the unit's own
        label, then the end of its path ("(b)" inside the scope named). With the noun the
        instruction gives, a label's first number belongs to a unit of that noun: in a book of
        chapters over rules, "Rule 1.2" is point 2 of Rule 1, not Rule 2 of Chapter 1."""
        if not parts:
            return []
        limited = scope is not None and scope.kind != ROOT

        def inside(units: list[Unit]) -> list[Unit]:
            if not limited:
                return units
            return [u for u in units if u is not scope and scope.contains(u)]

        size = len(parts)
        tiers = [
            lambda: inside(self._by_path.get(scope.path + parts, [])) if limited else [],
            lambda: inside(self._by_path.get(parts, [])),
            lambda: inside(self._by_own_parts.get(parts, [])),
            lambda: inside(
                [
                    u
                    for u in self._by_last_part.get(parts[-1], [])
                    if size < len(u.path) and u.path[-size:] == parts
                ]
            ),
        ]
        first: list[Unit] = []
        for tier in tiers:
            units = tier()
            if not (noun and size > 1):
                if units:
                    return units
                continue
            named = [u for u in units if _named_by(u, parts, noun)]
            if named:
                return named
            first = first or units
        return first

    @cached_property
    def _by_path(self) -> dict[tuple[str, ...], list[Unit]]:
        return _grouped(self.units, lambda unit: unit.path)

    @cached_property
    def _by_own_parts(self) -> dict[tuple[str, ...], list[Unit]]:
        return _grouped(self.units, lambda unit: unit.parts)

    @cached_property
    def _by_last_part(self) -> dict[str, list[Unit]]:
        return _grouped([u for u in self.units if u.path], lambda unit: unit.path[-1])

    def by_title(self, title: str, scope: Unit | None = None) -> list[Unit]:
        wanted = comparable_title(title)
        if not wanted:
            return []
        return [
            u
            for u in self.within(scope)
            if u.title
            and comparable_title(u.title) == wanted
            or (u.kind == HEADED and comparable_title(self.blocks[u.head].text) == wanted)
        ]

    # -- inside a unit
    def body(self, unit: Unit) -> range:
        """The blocks of a unit without its heading and title line (a clause keeps its head)."""
        start = unit.start
        if unit.kind == HEADED:
            start = max(unit.head, unit.title_block) + 1
        return range(start, unit.end)

    def elements(self, unit: Unit) -> list[tuple[int, int, str]]:
        """The unit's direct parts in order, as (start, end, kind): its own unlabelled blocks
        ("paragraph", "item") and its child units ("unit")."""
        found: list[tuple[int, int, str]] = []
        index = self.body(unit).start
        children = {child.head: child for child in unit.children}
        while index < unit.end:
            child = children.get(index)
            if child is not None:
                found.append((child.start, child.end, "unit"))
                index = child.end
                continue
            block = self.blocks[index]
            if index == unit.head:
                kind = "title" if _is_title(block.text) else "paragraph"
            else:
                kind = "paragraph" if block.kind == PARAGRAPH else "item"
            found.append((index, index + 1, kind))
            index += 1
        return [element for element in found if element[2] != "title"]

    def paragraphs(self, unit: Unit) -> list[tuple[int, int]]:
        """The unit's paragraphs as block ranges: a prose paragraph together with the list it
        introduces (it ends with ":", or the list follows it without a blank line) is one."""
        chunks: list[list[int]] = []
        open_for_items = False
        gaps = self.document.gaps
        for start, end, kind in self.elements(unit):
            if kind == "paragraph":
                chunks.append([start, end])
                text = self.blocks[start].text.rstrip()
                follows_tight = end < len(self.blocks) and gaps[end].count("\n") < 2
                open_for_items = text.endswith(":") or follows_tight
                continue
            if chunks and open_for_items:
                chunks[-1][1] = end
                continue
            chunks.append([start, end])
            open_for_items = False
        return [(start, end) for start, end in chunks]

    def lists(self, unit: Unit) -> list[tuple[int, int]]:
        """Runs of list items (bullets or labelled points) directly in the unit."""
        runs: list[list[int]] = []
        previous_end = -1
        for start, end, kind in self.elements(unit):
            is_item = kind == "item" or (
                kind == "unit" and self.blocks[start].kind == ITEM and self.blocks[start].label
            )
            if not is_item:
                previous_end = -1
                continue
            if runs and previous_end == start:
                runs[-1][1] = end
            else:
                runs.append([start, end])
            previous_end = end
        return [(start, end) for start, end in runs]

    def items(self, unit: Unit) -> list[tuple[int, int]]:
        """The list items directly in the unit, each with what is nested under it."""
        found = []
        for start, end, kind in self.elements(unit):
            if kind == "item":
                found.append((start, self._nested_end(start, end, unit)))
            elif kind == "unit" and self.blocks[start].kind == ITEM:
                found.append((start, end))
        # Sub-items were listed whole with their item; keep only the outermost ones.
        outer: list[tuple[int, int]] = []
        for start, end in found:
            if outer and start < outer[-1][1]:
                continue
            outer.append((start, end))
        return outer

    def _nested_end(self, start: int, end: int, unit: Unit) -> int:
        depth = self.blocks[start].depth
        while end < unit.end and self.blocks[end].kind == ITEM and self.blocks[end].depth > depth:
            end += 1
        return end

    def sentences(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """(block, start, end) of each sentence of blocks ``[start, end)`` (headings and title
        lines have none)."""
        titles = {u.title_block for u in self.units if u.title_block >= 0}
        return [
            (index, s, e)
            for index in range(start, end)
            if self.blocks[index].kind != HEADING and index not in titles
            for s, e in sentence_spans(self.blocks[index].text)
        ]

    def lines(self, start: int, end: int) -> list[Line]:
        """The printed lines of blocks ``[start, end)``, in order."""
        return [line for line in self.document.lines() if start <= line.block < end]


def _named_by(unit: Unit, parts: tuple[str, ...], noun: str) -> bool:
    """Is ``unit`` what "<noun> <parts>" names: its own label printed in full, or a part of the
    unit of that noun whose label is the first of ``parts``?"""
    if unit.parts == parts:
        return True
    covered = len(unit.parts)
    ancestor = unit.parent
    while ancestor is not None and ancestor.parts and covered < len(parts):
        covered += len(ancestor.parts)
        if covered == len(parts):
            return ancestor.noun == noun or not ancestor.noun
        ancestor = ancestor.parent
    return False


def _grouped(units: list[Unit], key: Callable[[Unit], Any]) -> dict[Any, list[Unit]]:
    found: dict[Any, list[Unit]] = {}
    for unit in units:
        found.setdefault(key(unit), []).append(unit)
    return found


def series_key(unit: Unit) -> tuple:
    """Points numbered in one series: the same style under the same parent number ("2.1",
    "2.2"; "Rule D 6.1", "Rule D 6.2"), lettered or roman points under the same point."""
    numbered = unit.style == "dotted" or unit.style.startswith("named")
    parent = 0 if numbered or unit.parent is None else id(unit.parent)
    return (unit.style, unit.path[:-1], parent)


def _qualified(parent: Unit, parts: tuple[str, ...]) -> tuple[str, ...]:
    if not parts:
        return parent.path
    if _is_prefix(parent.path, parts) or not parent.path:
        return parts
    if len(parts) > 1 and parts[0] != parent.path[0]:
        return parts  # "11.1.1" under a heading "Rules": a label complete in itself
    return parent.path + parts


def _is_prefix(prefix: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    return len(prefix) < len(parts) and parts[: len(prefix)] == prefix


def structure_of(document: Document) -> Structure:
    """The document's structure, built once and kept with the (immutable) document."""
    cached = document._cache.get("structure")
    if cached is None:
        cached = Structure(document)
        document._cache["structure"] = cached
    return cached
