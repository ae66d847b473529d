"""Apply amendment instructions to a motion's text (a motion, a composite, a whole rule book).

The reader (:mod:`compositing.reader`) turns the instruction into typed operations; each one is
placed on the text *as it stood before the amendment* (that is how delegates read "Line 12" or
"point 2.3" on the order paper) by :mod:`compositing.resolve`; the places are checked for
overlaps and all edits are made in one pass. Words are found exactly, with straight and curly
quotes, apostrophes, dashes and runs of spaces treated alike; a case-blind match is used only
when there is no exact one. A missing or repeated place is an error that names the places,
never a guess.

Inserting or deleting a numbered point renumbers the points after it in the same series, as a
conference secretary prints the result ("Insert new clause after clause 46" makes it 47 and
the old 47 becomes 48; deleting (b) makes (c) the new (b)), and references to the renumbered
points in the text follow ("clause 81" becomes "clause 82").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import cached_property

from compositing.errors import (
    AmbiguousAnchor,
    AmendmentError,
    AnchorNotFound,
    ClauseNotFound,
    NotUnderstood,
    OverlappingChanges,
)
from compositing.operations import (
    AddText,
    Amendment,
    CheckText,
    DeleteListed,
    DeleteRest,
    DeleteUnit,
    DeleteWords,
    InsertUnit,
    InsertWords,
    MoveText,
    Operation,
    Renumber,
    ReplaceUnit,
    Target,
)
from compositing.reader import parse_amendment
from compositing.resolve import Region, Resolver, find_words
from compositing.search import comparable
from compositing.structure import (
    CLAUSE,
    HEADED,
    ROOT,
    Structure,
    Unit,
    series_key,
    structure_of,
)
from compositing.text import (
    HEADING,
    ITEM,
    PARAGRAPH,
    Block,
    Document,
    kept_breaks,
    label_parts,
    label_shifted,
    label_successor,
    normalise_label,
    parse,
    roman_value,
    sentence_spans,
)
from compositing.vocabulary import UNIT_NOUNS

__all__ = ["apply_amendment", "apply_parsed", "delete_span", "insert_at", "renumber"]


def apply_amendment(text: str, instruction: str) -> str:
    """``text`` with the amendment applied. Raises :class:`AmendmentError` if it cannot be.

    A new point is numbered like its neighbours: after point 2.1 it is 2.2, before point 2.1
    it takes 2.1, at the end of a list the next number; the points after it in the same series
    move up by one (and those after a deleted point down by one), and the text's references to
    them follow. A quotation that starts with its own number ("Insert new point after point
    2.3: '2.4 ...'") is the submitter's text and is taken as written, number included.
    """
    return apply_parsed(text, parse_amendment(instruction))


def apply_in_turn(text: str, amendments: Sequence[Amendment]) -> str:
    """Amendments applied one after another, each to the text as the ones before left it.

    Each names clauses by the numbers of the text as published (the order paper's numbers do
    not change during the debate), so the numbers stand while they are applied; the series
    whose numbering they broke (a point deleted, a new one, a point moved) are renumbered
    once, at the end. An amendment that says "Do not renumber" keeps every number.
    """
    if len(amendments) == 1:
        return apply_parsed(text, amendments[0])
    current = text
    for amendment in amendments:
        current = apply_parsed(current, replace(amendment, keep_numbers=True))
    if any(amendment.keep_numbers for amendment in amendments):
        return current
    return renumbered_like(text, current)


def renumbered_like(published: str, amended: str) -> str:
    """``amended`` with each series of numbered points that ran on in ``published`` (1, 2, 3;
    (a), (b), (c); I, II, III) running on again, from the same first number; the text's
    references to the points renumbered follow."""
    document = parse(amended)
    structure = structure_of(document)
    before = structure_of(parse(published))
    runs_on = {_signature(u) for u in before.units if u.label and _runs_on(before.series_of(u))}
    series = _Series(document, structure, document, list(range(len(document.blocks))))
    for members in {id(m[0]): m for u in structure.units if (m := structure.series_of(u))}.values():
        first = _first_value(before, members[0])
        if _signature(members[0]) not in runs_on or (
            _runs_on(members) and _value(members[0].parts) == first
        ):
            continue
        for offset, member in enumerate(members):
            wanted = first + offset - _value(member.parts)
            if wanted:
                series.shift([member.head], wanted, members)
    return series.apply().render()


def _signature(unit: Unit) -> tuple:
    """A series as two versions of a text share it: its style and the number it is under."""
    return (unit.style, unit.path[:-1])


def _runs_on(series: list[Unit]) -> bool:
    values = [_value(u.parts) for u in series]
    return all(b == a + 1 for a, b in itertools.pairwise(values))


def _first_value(structure: Structure, unit: Unit) -> int:
    same = [u for u in structure.units if u.label and _signature(u) == _signature(unit)]
    return _value(same[0].parts) if same else 1


def apply_parsed(text: str, amendment: Amendment) -> str:
    document = parse(text)
    planner = _Planner(document, amendment)
    for operation in amendment.operations:
        planner.plan(operation)
    planner.check_overlaps()
    result = planner.build()
    result = planner.renumbered(result)
    planner.check_expectations(result)
    return result.render()


@dataclass
class _WordEdit:
    block: int
    start: int
    end: int
    text: str
    kind: str  # "replace" | "insert" | "append" | "rest" | "join" | "prepend"
    operation: Operation
    order: int = 0
    tail: str = ""  # "join": the words after a span that ends in a later clause
    optional: bool = False  # one of "every place": dropped where another change removes it


@dataclass
class _BlockEdit:
    start: int
    end: int
    new: list[Block]
    operation: Operation
    gaps: list[str] = field(default_factory=list)
    order: int = 0


_CLOSE_ENOUGH = 0.9
# New text called one of these takes the number of the point it follows.
_NUMBERED_NOUNS = frozenset(
    (
        "",
        "point",
        "rule",
        "section",
        "item",
        "clause",
        "article",
        "standing order",
        "bylaw",
        "regulation",
        "sub-paragraph",
    )
)  # a text quoted "as it currently reads" with a slip still names its clause


class _Planner:
    def __init__(self, document: Document, amendment: Amendment) -> None:
        self.document = document
        self.blocks = document.blocks
        self.resolver = Resolver(document)
        self.amendment = amendment
        self.word_edits: list[_WordEdit] = []
        self.block_edits: list[_BlockEdit] = []
        self.order = 0
        self.new_gaps: list[str] = []  # spacing between the blocks new_blocks() last made
        self.quoted_label = ""  # the label the new text new_blocks() last read was written with
        self.origins: list[int] = []  # for each block built, its old index (-1 when new)
        self.new_positions: list[int] = []  # where the blocks built new are
        self.moved: set[int] = set()  # ids of the head blocks of units moved whole
        self.relabels: list[tuple[int, Renumber]] = []  # heads given a number by the amendment
        self.deleted_ranges: list[tuple[int, int]] = []  # blocks deleted with nothing in place
        self.expectations: list[tuple[Operation, int]] = []
        self.base = self.resolver.whole
        self._lower_case: frozenset[str] | None = None

    @property
    def structure(self) -> Structure:
        return self.resolver.structure

    def deleted_units(self) -> list[int]:
        """Heads of the numbered units the amendment deletes whole."""
        heads = []
        for start, end in self.deleted_ranges:
            for index in range(start, end):
                unit = self.structure.unit_at(index)
                if unit is not None and unit.label and unit.end <= end:
                    heads.append(index)
        return heads

    # -- places
    def place(self, block: int, offset: int = 0) -> str:
        return self.resolver.place(block, offset)

    def scope_of(self, operation: Operation) -> Region:
        region = self.base
        if operation.scope:
            source = operation.scope_source or operation.source
            region = self.resolver.region(operation.scope, region, source, as_scope=True)
        return region

    def region_of(self, operation: Operation, target: Target) -> Region:
        scope = self.scope_of(operation)
        if not target:
            return scope
        return self.resolver.region(target, scope, operation.source, near=operation.near)

    # -- finding words
    def find(self, words: str, region: Region, source: str) -> list[tuple[int, int, int]]:
        if not words.strip():
            raise NotUnderstood(f"Cannot apply {source!r}: the quoted words are empty.", source)
        return find_words(self.document, words, region)

    def find_one(self, words: str, region: Region, source: str) -> tuple[int, int, int]:
        found = self.find(words, region, source)
        if len(found) == 1:
            return found[0]
        if not found:
            raise self.not_found(words, region, source)
        places = "; ".join(
            f"{self.place(b, s)} “{_excerpt(self.blocks[b].text, s, e)}”" for b, s, e in found[:10]
        )
        more = f" and {len(found) - 10} more" if len(found) > 10 else ""
        raise AmbiguousAnchor(
            f"Cannot apply {source!r}: the words {words!r} appear {len(found)} times in "
            f"{region.name}: {places}{more}. Quote more of the surrounding words, or say "
            "which point or line, so that they match only one place.",
            source,
        )

    def not_found(self, words: str, region: Region, source: str) -> AmendmentError:
        elsewhere = self.find(words, self.base, source) if region != self.base else []
        where = ""
        if elsewhere:
            where = (
                " They are found elsewhere: "
                + "; ".join(self.place(b, s) for b, s, _ in elsewhere[:6])
                + "."
            )
        return AnchorNotFound(
            f"Cannot apply {source!r}: the words {words!r} are not in {region.name}."
            f"{where} Check the spelling against the text as it now stands.",
            source,
        )

    # -- recording edits
    def add_word_edit(
        self,
        block: int,
        start: int,
        end: int,
        text: str,
        kind: str,
        operation: Operation,
        optional: bool = False,
    ) -> _WordEdit:
        self.order += 1
        edit = _WordEdit(block, start, end, text, kind, operation, self.order, optional=optional)
        self.word_edits.append(edit)
        return edit

    def add_block_edit(
        self,
        start: int,
        end: int,
        new: list[Block],
        operation: Operation,
        gaps: list[str] | None = None,
    ) -> None:
        self.order += 1
        if gaps is None:
            gaps = self.new_gaps if len(self.new_gaps) == len(new) else ["\n\n"] * len(new)
        self.block_edits.append(_BlockEdit(start, end, new, operation, gaps, self.order))
        self.new_gaps = []
        if not new and start < end:
            self.deleted_ranges.append((start, end))

    def expect(self, operation: Operation, block: int) -> None:
        if operation.expect:
            self.expectations.append((operation, block))

    # -- planning
    def plan(self, operation: Operation) -> None:
        handler = getattr(self, "_plan_" + operation.action)
        handler(operation)

    def _plan_check_text(self, operation: CheckText) -> None:
        if not operation.target and not operation.scope:
            # "Old text: '...'" naming no place: the words must be in the text
            if not self.find(operation.text, self.base, operation.source):
                raise self.not_found(operation.text, self.base, operation.source)
            return
        region = self.region_of(operation, operation.target)
        self.verify(region, operation.text, operation)

    def verify(self, region: Region, quoted: str, operation: Operation) -> None:
        """The text the amendment quotes as standing there must be what stands there (a slip of
        a word or two is noted, not refused: the clause is named by its number)."""
        actual = self.region_text(region)
        wanted = comparable(quoted)
        have = comparable(actual)
        if have == wanted or have.endswith(wanted) and len(wanted) > 0.9 * len(have):
            return
        if _close_enough(have, wanted):
            self.resolver.notes.append(
                f"The amendment quotes {region.name} as “{quoted.strip()}”; the text reads "
                f"“{actual.strip()}”."
            )
            return
        raise AnchorNotFound(
            f"Cannot apply {operation.source!r}: the amendment quotes {region.name} as "
            f"“{_short(quoted)}”, but it reads “{_short(actual)}”. Check the number and the "
            "words against the text as it now stands.",
            operation.source,
        )

    def quotes_a_part(self, region: Region, operation: ReplaceUnit) -> bool:
        """Are the words quoted as standing in the unit only a part of it, found there once?"""
        wanted = comparable(operation.verify)
        whole = comparable(self.region_text(region))
        if not wanted or wanted == whole or _close_enough(whole, wanted):
            return False
        return len(self.find(operation.verify, region, operation.source)) == 1

    def region_text(self, region: Region) -> str:
        if region.spans:
            return " ".join(self.blocks[b].text[s:e] for b, s, e in region.spans)
        return " ".join(
            self.blocks[i].text
            for i in range(region.start, region.end)
            if self.blocks[i].kind != HEADING
        )

    def _plan_renumber(self, operation: Renumber) -> None:
        region = self.region_of(operation, operation.target)  # it must be there, only once
        if not operation.label:
            return
        if region.unit is None or region.spans or region.unit.head < 0:
            raise AmendmentError(
                f"Cannot apply {operation.source!r}: {region.name} is not a numbered part "
                "of the text, so it has no number to change.",
                operation.source,
            )
        self.relabels.append((region.unit.head, operation))

    def _plan_delete_words(self, operation: DeleteWords) -> None:
        self._plan_replace_words(operation)

    def _plan_replace_words(self, operation: DeleteWords) -> None:
        region = self.scope_of(operation)
        new = _inline(getattr(operation, "new", ""))
        source = operation.source
        if operation.end_words:
            self.plan_span(region, operation, new)
            return
        if operation.to_end_of:
            self.plan_to_end(region, operation, new)
            return
        found = self.find(operation.words, region, source)
        if operation.every or operation.expected:
            if not found:
                raise self.not_found(operation.words, region, source)
            if operation.expected and len(found) != operation.expected:
                raise AmbiguousAnchor(
                    f"Cannot apply {source!r}: it names {operation.expected} places of "
                    f"{operation.words!r}, but {region.name} has {len(found)}.",
                    source,
                )
            for block, start, end in found:
                edit = self.add_word_edit(
                    block,
                    start,
                    end,
                    new,
                    "replace",
                    operation,
                    optional=operation.every and not operation.expected,
                )
                self.expect(operation, edit.block)
            return
        if operation.nth:
            if not found or abs(operation.nth) > len(found):
                raise self.not_found(operation.words, region, source)
            block, start, end = found[operation.nth - 1 if operation.nth > 0 else operation.nth]
        else:
            block, start, end = self.find_one(operation.words, region, source)
            if not new and self.is_whole_block(block, start, end):
                # "Delete: <a whole paragraph>": the paragraph goes, not just its words
                self.add_block_edit(block, block + 1, [], operation)
                return
        self.add_word_edit(block, start, end, new, "replace", operation)
        self.expect(operation, block)

    def is_whole_block(self, block: int, start: int, end: int) -> bool:
        text = self.blocks[block].text
        return start == 0 and end >= len(text.rstrip())

    def plan_span(self, region: Region, operation: DeleteWords, text: str) -> None:
        """ "Delete from 'X' to 'Y'": from the start of X to the end of Y, both included."""
        source = operation.source
        block, start, first_end = self.find_one(operation.words, region, source)
        last_block, last_start, end = self.find_one(operation.end_words, region, source)
        if (last_block, last_start) < (block, start):
            raise AnchorNotFound(
                f"Cannot apply {source!r}: the words {operation.end_words!r} come before "
                f"{operation.words!r} (at {self.place(last_block, last_start)} and "
                f"{self.place(block, start)}), so there is no span from the one to the other. "
                "Quote the words the span starts with first, then the words it ends with.",
                source,
            )
        if last_block == block:
            self.add_word_edit(block, start, max(end, first_end), text, "replace", operation)
            return
        tail = self.blocks[last_block].text[end:]
        edit = self.add_word_edit(
            block, start, len(self.blocks[block].text), text, "join", operation
        )
        edit.tail = tail
        self.add_block_edit(block + 1, last_block + 1, [], operation)

    def plan_to_end(self, region: Region, operation: DeleteWords, text: str) -> None:
        """ "Leave out from 'X' to the end of the sentence / paragraph / line"."""
        source = operation.source
        block, start, _ = self.find_one(operation.words, region, source)
        body = self.blocks[block].text
        if operation.to_end_of == "sentence":
            end = next((e for s, e in sentence_spans(body) if s <= start < e), len(body))
        elif operation.to_end_of == "line":
            if not region.lines:
                raise AmendmentError(
                    f"Cannot apply {source!r}: “the end of the line” depends on how the paper "
                    "printed its lines, and the amendment does not say which line. Name the "
                    'line ("Line 5, leave out from ... to end of line") or quote the words '
                    "the deletion ends with.",
                    source,
                )
            end = next(e for b, s, e in region.spans if b == block and s <= start <= e)
        else:
            end = len(body)
        text += _closing_mark(body[:start] + text, body[start:end])
        if text in _CLOSING_MARKS:  # the mark ends the words before: "the General Secretary."
            start = len(body[:start].rstrip())
        self.add_word_edit(block, start, end, text, "replace", operation)

    def _plan_insert_words(self, operation: InsertWords) -> None:
        region = self.scope_of(operation)
        block, start, end = self.find_one(operation.anchor, region, operation.source)
        at = end if operation.position == "after" else start
        self.add_word_edit(block, at, at, _inline(operation.new), "insert", operation)
        self.expect(operation, block)

    def _plan_delete_rest(self, operation: DeleteRest) -> None:
        region = self.scope_of(operation)
        block, start, end = self.find_one(operation.anchor, region, operation.source)
        cut = start if operation.including else end
        paragraphs = [p for p in re.split(r"\n\s*\n", operation.new.strip()) if p.strip()]
        first = " ".join(paragraphs[0].split()) if paragraphs else ""
        text = self.blocks[block].text
        if cut < len(text):
            first += _closing_mark(text[:cut] + first, text[cut:])
        self.add_word_edit(block, cut, len(text), first, "rest", operation)
        rest = "\n\n".join(paragraphs[1:])
        new = self.new_blocks(rest, self.blocks[block], "", "") if rest else []
        end_block = region.end if region.end > block + 1 else block + 1
        self.add_block_edit(block + 1, end_block, new, operation)

    def _plan_add_text(self, operation: AddText) -> None:
        region = self.region_of(operation, operation.target)
        new = operation.new
        if region.spans:
            block, start, end = region.spans[-1]
            at = end if operation.position == "end" else start
            kind = "insert" if operation.position == "start" else "append_at"
            self.add_word_edit(block, at, at, _inline(new), kind, operation)
            self.expect(operation, block)
            return
        last = self.own_last_block(region)
        paragraph = region.unit is None or region.unit.kind == CLAUSE
        joins = last is not None and (
            _continues_sentence(new)
            or operation.target
            and paragraph
            and region is not self.base
            or self.is_clause_region(region)
        )
        if joins and "\n\n" not in new.strip() and last is not None:
            if operation.position == "start":
                self.add_word_edit(last, 0, 0, _inline(new), "insert", operation)
            else:
                self.add_word_edit(
                    last,
                    len(self.blocks[last].text),
                    len(self.blocks[last].text),
                    _inline(new),
                    "append",
                    operation,
                )
            self.expect(operation, last)
            return
        blocks = self.new_blocks(new, None, "", "")
        at = region.end if operation.position != "start" else region.start
        self.add_block_edit(at, at, blocks, operation)

    def is_clause_region(self, region: Region) -> bool:
        return region.unit is not None and region.unit.kind == CLAUSE

    def own_last_block(self, region: Region) -> int | None:
        """Where words added at the end of a unit go: its own last words, not a sub-clause's
        ("Rule B.2, add at the end" joins B.2's text, not B.2.2's); after a titled unit's
        sub-clauses, nowhere in them (a new paragraph closes the unit)."""
        unit = region.unit
        if unit is None or unit.kind != CLAUSE or not unit.children:
            return self.last_text_block(region)
        if unit.title:
            return None
        first_child = min(child.start for child in unit.children)
        return next(
            (
                index
                for index in range(first_child - 1, region.start - 1, -1)
                if self.blocks[index].kind != HEADING and self.blocks[index].text.strip()
            ),
            None,
        )

    def last_text_block(self, region: Region) -> int | None:
        for index in range(region.end - 1, region.start - 1, -1):
            if self.blocks[index].kind != HEADING and self.blocks[index].text.strip():
                return index
        return None

    def _plan_delete_unit(self, operation: DeleteUnit) -> None:
        region = self.region_of(operation, operation.target)
        if operation.verify:
            self.verify(region, operation.verify, operation)
        if region.spans and not _defined_term(operation.target):
            self.delete_spans(region, operation, "")
            return
        self.add_block_edit(region.start, region.end, [], operation)

    def delete_spans(self, region: Region, operation: Operation, replacement: str) -> None:
        """Delete sentences or parts of lines; whole blocks covered go as blocks."""
        first = True
        for block, start, end in region.spans:
            text = self.blocks[block].text
            whole = start == 0 and end >= len(text.rstrip())
            new_text = replacement if first else ""
            if whole and not (replacement and first):
                self.add_block_edit(block, block + 1, [], operation)
            else:
                self.add_word_edit(block, start, end, new_text, "replace", operation)
            first = False

    def _plan_replace_unit(self, operation: ReplaceUnit) -> None:
        region = self.region_of(operation, operation.target)
        if operation.verify and self.quotes_a_part(region, operation):
            # "Rule 5.2: the current text 'may meet online' should be changed to '...'":
            # the words quoted are part of the unit, and only they change
            block, start, end = self.find_one(operation.verify, region, operation.source)
            self.add_word_edit(block, start, end, _inline(operation.new), "replace", operation)
            return
        if operation.verify:
            self.verify(region, operation.verify, operation)
        if region.spans and _restates_term(operation):
            region = replace(region, spans=())
        if region.spans:
            if operation.noun in ("paragraph",) or "\n\n" in operation.new.strip():
                self.replace_spans_with_blocks(region, operation)
                return
            self.delete_spans(region, operation, " ".join(operation.new.split()))
            self.expect(operation, region.spans[0][0])
            return
        model = self.blocks[region.start]
        if operation.noun:
            label = model.label if operation.noun in ("point", "rule") else ""
            new = self.new_blocks(operation.new, model, label, operation.noun)
        else:
            new = self.new_blocks(
                operation.new, model, model.label, _noun_of(model), keep_label=True
            )
        self.add_block_edit(region.start, region.end, new, operation)

    def replace_spans_with_blocks(self, region: Region, operation: ReplaceUnit) -> None:
        """A sentence replaced by a paragraph of its own: "delete the sentence ... and insert
        the following paragraph in its place"."""
        block, start, end = region.spans[-1]
        text = self.blocks[block].text
        self.delete_spans(region, operation, "")
        new = self.new_blocks(operation.new, None, "", "paragraph")
        rest = text[end:].strip()
        if rest:
            self.word_edits[-1].end = len(text) if self.word_edits else end
            new.append(self.blocks[block].but(text=rest, source=None, label="", key=""))
        self.add_block_edit(block + 1, block + 1, new, operation)

    def _plan_insert_unit(self, operation: InsertUnit) -> None:
        scope = self.scope_of(operation)
        if operation.target:
            region = self.resolver.region(
                operation.target, scope, operation.source, near=operation.near
            )
            if region.spans:
                self.insert_sentence(region, operation)
                return
            self.insert_near(region, operation)
            return
        if operation.label:
            self.insert_by_label(scope, operation)
            return
        self.insert_at_end(scope, operation)

    def insert_sentence(self, region: Region, operation: InsertUnit) -> None:
        block, start, end = region.spans[-1]
        at = end if operation.position != "before" else region.spans[0][1]
        text = _inline(operation.new)
        if operation.position == "before":
            text = text + " "
        self.add_word_edit(block, at, at, text, "insert", operation)

    def insert_near(self, region: Region, operation: InsertUnit) -> None:
        position = operation.position or "after"
        last_item = self.last_item(region)
        if position in ("after", "end"):
            at = region.end
            if position == "end" and self.blocks[region.start].kind == HEADING and last_item < 0:
                model = self.blocks[region.end - 1]
            else:
                model = self.blocks[
                    last_item if last_item >= 0 and position == "end" else region.start
                ]
            if position == "end":
                model = self.labelled_like(region, operation.new) or model
            label = (
                _label_like(operation.label, model.label)
                if operation.label and model.label
                else operation.label
            ) or (label_successor(model.label) if model.label and model.kind == ITEM else "")
            if position == "after" and region.unit is not None and region.unit.kind == HEADED:
                label = operation.label or ""
        elif position == "start":
            at = region.start + (1 if self.blocks[region.start].kind == HEADING else 0)
            model = self.blocks[min(at, len(self.blocks) - 1)]
            label = operation.label or (model.label if model.kind == ITEM else "")
        else:
            at = region.start
            model = self.blocks[region.start]
            label = operation.label or (model.label if model.kind == ITEM else "")
        noun = operation.noun
        named = operation.target.last.noun if operation.target.last is not None else ""
        if noun == named == "paragraph" and model.kind == ITEM and model.label:
            noun = "point"  # "a new paragraph after paragraph 2" where paragraphs are numbered
        new = self.new_blocks(operation.new, model, label, noun)
        self.add_block_edit(at, at, new, operation)

    def last_item(self, region: Region) -> int:
        for index in range(region.end - 1, region.start - 1, -1):
            if self.blocks[index].kind == ITEM and self.blocks[index].depth == (
                self.blocks[region.start].depth if self.blocks[region.start].kind == ITEM else 0
            ):
                return index
        return -1

    def insert_by_label(self, scope: Region, operation: InsertUnit) -> None:
        """ "Insert new D3.2": before the D3.2 the text has (it moves up), or after D3.1."""
        # "a new paragraph 4.5" is numbered like the 4.4 it follows
        noun = "point" if operation.noun == "paragraph" else operation.noun
        parts = label_parts(operation.label)
        same = self.labelled_within(parts, scope)
        previous: list[Unit] = []
        for before in _predecessor_parts(parts):
            previous = self.labelled_within(before, scope)
            if previous:
                break
        printed_before = len(previous) == 1 and len(previous[0].parts) == len(parts)
        if len(same) == 1 and (same[0].parts == parts or not printed_before):
            model = self.blocks[same[0].head]
            label = _label_like(operation.label, model.label)
            new = self.new_unit_blocks(operation, model, label, noun)
            self.add_block_edit(same[0].start, same[0].start, new, operation)
            return
        if len(previous) == 1:
            model = self.blocks[previous[0].head]
            label = label_successor(model.label)
            if label_parts(label) != parts:
                label = _label_like(operation.label, model.label)
            new = self.new_unit_blocks(operation, model, label, noun)
            self.add_block_edit(previous[0].end, previous[0].end, new, operation)
            return
        if scope is not self.base:
            self.insert_at_end(scope, replace(operation, noun=noun))
            return
        noun = operation.noun or "point"
        raise ClauseNotFound(
            f"Cannot apply {operation.source!r}: cannot tell where new {noun} "
            f"{operation.label} goes, because the text has no single {noun} "
            f"{_label_predecessor(operation.label)} to put it after. Say where, e.g. "
            f"'Insert new {noun} {operation.label} after point ...'.",
            operation.source,
        )

    def labelled_within(self, parts: tuple[str, ...], scope: Region) -> list[Unit]:
        """The units in ``scope`` a label names, those that print it whole first: a new clause
        1.2 goes by the 1.1 of Article 1, not by paragraph 1 of Schedule 1 (whose path is 1.1
        too)."""
        units = [
            u
            for u in self.structure.by_parts(parts, self.resolver.unit_of(scope))
            if scope.start <= u.start and u.end <= scope.end
        ]
        return [u for u in units if u.parts == parts] or units

    def insert_at_end(self, scope: Region, operation: InsertUnit) -> None:
        last_index = scope.end - 1
        last = self.blocks[last_index] if scope.end > scope.start else None
        label = operation.label
        item = self.last_item(scope) if scope.end > scope.start else -1
        model = self.blocks[item] if item >= 0 else last
        if (
            not label
            and model is not None
            and operation.noun in ("point", "rule", "item")
            and (model.label)
        ):
            label = label_successor(model.label)
        sibling = self.labelled_like(scope, operation.new)
        if sibling is not None:  # "add: '(e) ...'" joins the (a) to (d) the rule has
            model = sibling
        new = self.new_blocks(
            operation.new,
            model if operation.noun or sibling is not None else None,
            label,
            operation.noun,
        )
        at = scope.end if operation.position != "start" else scope.start
        self.add_block_edit(at, at, new, operation)

    def _plan_move_text(self, operation: MoveText) -> None:
        source = self.region_of(operation, operation.target)
        destination = self.region_of(operation, operation.destination)
        if self.moves_whole_units(source, destination, operation):
            return
        moved = self.region_text(source)
        if source.spans:
            self.delete_spans(source, operation, "")
        else:
            self.add_block_edit(source.start, source.end, [], operation)
        last = self.last_text_block(destination)
        if destination.spans or last is None:
            raise NotUnderstood(
                f"Cannot apply {operation.source!r}: the place to move it to "
                "is not a paragraph or a point.",
                operation.source,
            )
        at = len(self.blocks[last].text) if operation.position in ("end", "after") else 0
        kind = "append" if at else "insert"
        self.add_word_edit(last, at, at, _inline(moved), kind, operation)

    def moves_whole_units(self, source: Region, destination: Region, operation: MoveText) -> bool:
        """ "Move rule B.3 to after rule B.1": the unit's blocks, as written, go to their new
        place (and take its number there, see renumbered)."""
        if source.spans or destination.spans or source.unit is None or destination.unit is None:
            return False
        position = operation.position
        if position == "become":  # "to become Rule 4.1": the place that number has now
            position = "before" if destination.start < source.start else "after"
        if position not in ("after", "before", "end"):
            return False
        at = destination.start if position == "before" else destination.end
        if source.start <= at <= source.end:
            if at in (source.start, source.end):
                return True  # already there
            raise NotUnderstood(
                f"Cannot apply {operation.source!r}: the place to move it to is inside it.",
                operation.source,
            )
        copies = [self.blocks[i].but() for i in range(source.start, source.end)]
        gaps = [self.document.gaps[i] for i in range(source.start, source.end)]
        self.add_block_edit(source.start, source.end, [], operation)
        self.add_block_edit(at, at, copies, operation, gaps=gaps)
        if copies[0].label:
            self.moved.add(id(copies[0]))
        return True

    def _plan_delete_listed(self, operation: DeleteListed) -> None:
        region = self.scope_of(operation)
        found = [self.find_listed(item, region, operation) for item in operation.listed]
        if all(whole for _, whole in found):
            indices = sorted(index for index, _ in found)
            self.replace_listed_blocks(indices, operation)
            return
        replacements = operation.replacements
        if replacements is not None and len(replacements) != len(operation.listed):
            raise NotUnderstood(
                f"Cannot apply {operation.source!r}: it lists {len(operation.listed)} passages "
                f"to delete and {len(replacements)} to put in their place, and they are not "
                "whole points, so it is not clear which replaces which.",
                operation.source,
            )
        for n, item in enumerate(operation.listed):
            block, start, end = self.find_one(item, region, operation.source)
            text = replacements[n] if replacements is not None else ""
            self.add_word_edit(block, start, end, text, "replace", operation)

    def find_listed(self, item: str, region: Region, operation: Operation) -> tuple[int, bool]:
        wanted = comparable(item)
        whole = [
            i for i in range(region.start, region.end) if comparable(self.blocks[i].text) == wanted
        ]
        if len(whole) == 1:
            return whole[0], True
        if len(whole) > 1:
            places = "; ".join(self.place(i) for i in whole)
            raise AmbiguousAnchor(
                f"Cannot apply {operation.source!r}: the point {item!r} appears "
                f"{len(whole)} times in {region.name}: {places}.",
                operation.source,
            )
        block, _, _ = self.find_one(item, region, operation.source)
        return block, False

    def replace_listed_blocks(self, indices: list[int], operation: DeleteListed) -> None:
        runs: list[list[int]] = []
        for index in indices:
            if runs and index == runs[-1][-1] + 1:
                runs[-1].append(index)
            else:
                runs.append([index])
        new: list[Block] = []
        if operation.replacements:
            model = self.blocks[indices[0]]
            new = [
                dressed(block, model, model.label if n == 0 else "", _noun_of(model))
                for n, block in enumerate(_blocks_of(item) for item in operation.replacements)
            ]
        for n, run in enumerate(runs):
            self.add_block_edit(
                run[0],
                run[-1] + 1,
                new if n == 0 else [],
                operation,
                gaps=[self.list_gap(run[0])] * len(new) if n == 0 else None,
            )

    # -- new blocks
    def new_unit_blocks(
        self, operation: InsertUnit, model: Block, label: str, noun: str
    ) -> list[Block]:
        """The new unit's blocks; with a title ("a new Article 5 – Finance: '5.1 ...'") and
        words that do not print the label themselves, a label line set like ``model``'s
        comes first."""
        blocks = self.new_blocks(operation.new, model, label, noun)
        own, quoted = label_parts(label), label_parts(self.quoted_label)
        # "a new Article 5: '5.1 ...'": the words start inside the unit, under its label
        inside = len(quoted) > len(own) and quoted[: len(own)] == own
        if not (operation.title and quoted != own or inside):
            return blocks
        body = self.new_blocks(operation.new, None, "", "")
        gaps = self.new_gaps
        lead = re.match(r"[\s\-–—:.]*", model.text).group() if operation.title else ""
        head = model.but(
            text=lead + operation.title,
            label=label,
            key=normalise_label(label),
            source=None,
            breaks=(),
        )
        self.new_gaps = ["", "\n\n", *gaps[1:]]
        return [head, *body]

    def labelled_like(self, scope: Region, new: str) -> Block | None:
        """The last item in ``scope`` numbered in the style the new text's own label has."""
        parsed = parse(new.strip("\n"))
        if not parsed.blocks or not parsed.blocks[0].label:
            return None
        shape = _label_shape(parsed.blocks[0])
        for index in range(scope.end - 1, scope.start - 1, -1):
            block = self.blocks[index]
            if block.kind == ITEM and block.label and _label_shape(block) == shape:
                return block
        return None

    def new_blocks(
        self, text: str, model: Block | None, label: str, noun: str, keep_label: bool = False
    ) -> list[Block]:
        parsed = parse(text.strip("\n"))
        if not parsed.blocks:
            raise NotUnderstood("The new text is empty.", text)
        self.quoted_label = parsed.blocks[0].label
        blocks = [dressed(parsed.blocks[0], model, label, noun, keep_label)]
        blocks.extend(_plain(block) for block in parsed.blocks[1:])
        self.new_gaps = ["\n" if gap.count("\n") == 1 else "\n\n" for gap in parsed.gaps]
        return blocks

    def list_gap(self, index: int) -> str:
        """The spacing a list uses between its items, from the item at ``index``."""
        gaps, blocks = self.document.gaps, self.blocks
        # the item's own list first: "(e)" after "(d)" is spaced like "(d)" after "(c)", not
        # like the "2.2" that follows the list
        neighbours = [(index + 1, index + 1), (index - 1, index)]
        if index > 0 and _label_shape(blocks[index - 1]) == _label_shape(blocks[index]):
            neighbours.reverse()
        for neighbour, gap in neighbours:
            if 0 <= neighbour < len(blocks) and blocks[neighbour].kind == ITEM:
                return gaps[gap]
        return "\n"

    # -- overlaps and building
    def check_overlaps(self) -> None:
        deleted: dict[int, _BlockEdit] = {}
        for edit in self.block_edits:
            for index in range(edit.start, edit.end):
                if index in deleted and deleted[index].operation is not edit.operation:
                    raise _overlap(deleted[index].operation, edit.operation, self.place(index))
                deleted[index] = edit
        for edit in self.block_edits:
            if edit.start == edit.end:
                inside = deleted.get(edit.start)
                if (
                    inside is not None
                    and inside.start < edit.start
                    and (inside.operation is not edit.operation)
                ):
                    raise _overlap(inside.operation, edit.operation, self.place(edit.start))
        kept: list[_WordEdit] = []
        replaced = [e for e in self.word_edits if not e.optional]
        for edit in self.word_edits:
            if edit.block in deleted and deleted[edit.block].operation is not edit.operation:
                if edit.optional:
                    continue  # "throughout": this place is gone with another change
                raise _overlap(
                    deleted[edit.block].operation, edit.operation, self.place(edit.block)
                )
            if edit.optional and any(
                other.block == edit.block
                and other.operation is not edit.operation
                and other.start < edit.end
                and edit.start < other.end
                for other in replaced
            ):
                continue
            kept.append(edit)
        self.word_edits = kept
        by_block: dict[int, list[_WordEdit]] = {}
        for edit in self.word_edits:
            by_block.setdefault(edit.block, []).append(edit)
        for block, edits in by_block.items():
            edits.sort(key=lambda e: (e.start, e.end))
            for a, b in zip(edits, edits[1:], strict=False):
                if _spans_clash(a, b):
                    raise _overlap(a.operation, b.operation, self.place(block, b.start))

    def lower_case_words(self) -> frozenset[str]:
        """The words the text writes in lower case somewhere (read once, when first asked)."""
        if self._lower_case is None:
            joined, _ = self.document.joined()
            self._lower_case = frozenset(_LOWER_WORD.findall(joined))
        return self._lower_case

    def build(self) -> Document:
        blocks = list(self.blocks)
        by_block: dict[int, list[_WordEdit]] = {}
        for edit in self.word_edits:
            by_block.setdefault(edit.block, []).append(edit)
        emptied: set[int] = set()
        for index, edits in by_block.items():
            text, breaks = blocks[index].text, blocks[index].breaks
            for edit in sorted(edits, key=lambda e: (e.start, e.end, e.order), reverse=True):
                edited = _edit_text(text, edit, self.lower_case_words)
                breaks = kept_breaks(text, edited, breaks)
                text = edited
            if not text.strip():
                emptied.add(index)
            blocks[index] = blocks[index].with_text(text, breaks)
        return self.assemble(blocks, emptied)

    def assemble(self, blocks: list[Block], emptied: set[int]) -> Document:
        gaps = self.document.gaps
        count = len(blocks)
        deleted = set(emptied)
        inserts: dict[int, list[_BlockEdit]] = {}
        for edit in sorted(self.block_edits, key=lambda e: e.order):
            deleted.update(range(edit.start, edit.end))
            if edit.new:
                inserts.setdefault(edit.start, []).append(edit)
        out_blocks: list[Block] = []
        out_gaps: list[str] = []
        origins = self.origins = []
        self.new_positions = []
        carried_gap = ""
        replaced_until = -1  # blocks up to here were replaced: their spacing is not carried
        # Only where something is deleted or inserted is there anything to decide: the blocks
        # between are copied as runs (a long rule book, one changed clause).
        events = sorted(deleted | set(inserts) | {count})
        copied = 0
        for index in events:
            if copied < index:
                first_gap = len(out_gaps)
                out_blocks.extend(blocks[copied:index])
                out_gaps.extend(gaps[copied:index])
                origins.extend(range(copied, index))
                if carried_gap:
                    out_gaps[first_gap] = _wider(gaps[copied], carried_gap)
                    carried_gap = ""
            copied = index + 1
            for edit in inserts.get(index, []):
                for n, block in enumerate(edit.new):
                    if n:
                        gap = edit.gaps[n] if edit.gaps[n].count("\n") else "\n\n"
                        gap = (
                            gap if block.kind == ITEM and edit.new[n - 1].kind == ITEM else ("\n\n")
                        )
                    else:
                        gap = self.gap_before_new(out_blocks, block, index, edit)
                    self.new_positions.append(len(out_blocks))
                    out_blocks.append(block)
                    out_gaps.append(gap)
                    origins.append(-1)
                replaced_until = max(replaced_until, edit.end)
                # The new blocks took their own spacing: what was carried (the gap of a block
                # deleted before them, or the gap owed after an earlier insertion here) is
                # spent, and only the gap after the last new block is owed to what follows.
                carried_gap = ""
                if edit.new and edit.end < count:
                    carried_gap = self.gap_after_new(edit.new[-1], edit.end)
            if index == count:
                break
            if index in deleted:
                if index >= replaced_until:
                    carried_gap = _wider(carried_gap, gaps[index])
                continue
            gap = _wider(gaps[index], carried_gap) if carried_gap else gaps[index]
            if origins and origins[-1] < 0 and out_blocks[-1].kind == ITEM == blocks[index].kind:
                gap = self.list_gap(index)  # a point put before the first keeps the list tight
            out_blocks.append(blocks[index])
            out_gaps.append(gap)
            origins.append(index)
            carried_gap = ""
        if not out_blocks:
            return Document((), (), "")
        out_gaps[0] = gaps[0] if gaps else ""
        return Document(tuple(out_blocks), tuple(out_gaps), self.document.trailing)

    def gap_before_new(
        self, out_blocks: list[Block], block: Block, index: int, edit: _BlockEdit
    ) -> str:
        if not out_blocks:
            return ""
        previous = out_blocks[-1]
        if previous.kind == ITEM and block.kind == ITEM:
            if edit.start < edit.end:
                return self.document.gaps[edit.start] if edit.start > 0 else "\n"
            return self.list_gap(min(index, len(self.blocks)) - 1)
        return "\n\n"

    def gap_after_new(self, last_new: Block, index: int) -> str:
        following = self.blocks[index]
        if last_new.kind == ITEM and following.kind == ITEM:
            return ""
        return "\n\n"

    # -- numbering after the change
    def renumbered(self, document: Document) -> Document:
        """Points after a new or deleted point in the same series move up or down by one, and
        the text's references to them follow ("clause 81" becomes "clause 82")."""
        new_numbered = [
            i
            for i in self.new_positions
            if document.blocks[i].kind in (ITEM, HEADING) and document.blocks[i].label
        ]
        moved = [i for i in new_numbered if id(document.blocks[i]) in self.moved]
        new_numbered = [i for i in new_numbered if i not in moved]
        deleted = self.deleted_units() if self.deleted_ranges else []
        if self.amendment.keep_numbers:
            new_numbered, deleted, moved = [], [], []
        if not new_numbered and not deleted and not moved and not self.relabels:
            return document
        series = _Series(self.document, self.structure, document, self.origins)
        for index in new_numbered:
            series.inserted(index)
        for head in deleted:
            series.deleted(head)
        for index in moved:  # numbered after the others have moved up or down
            series.moved(index)
        for head, operation in self.relabels:  # the numbers the amendment gives, as given
            series.given(head, operation)
        renumbered = series.apply()
        if self.relabels:
            _check_numbers_once(renumbered, series, self.relabels)
        return renumbered

    # -- what the amendment says the text will read
    def check_expectations(self, document: Document) -> None:
        for operation, block in self.expectations:
            new_index = next((i for i, o in enumerate(self.origins) if o == block), -1)
            if new_index < 0:
                continue
            result = document.blocks[new_index]
            got = comparable(result.text)
            wanted = comparable(operation.expect)
            if got == wanted or comparable(f"{result.label} {result.text}") == wanted:
                continue
            raise AmendmentError(
                f"Cannot apply {operation.source!r}: the amendment says the text will read "
                f"“{_short(operation.expect)}”, but the change gives “{_short(result.text)}”.",
                operation.source,
            )


class _Series:
    """The numbered points of a text in their series (same numbering style, same parent
    number), shifted where an amendment added or removed one."""

    def __init__(
        self, before: Document, structure: Structure, document: Document, origins: list[int]
    ) -> None:
        self.document = document
        self.planner_document = before
        self.old_structure = structure
        self.blocks = list(document.blocks)
        self.origins = origins
        self.new_index = dict(zip(self.origins, range(len(self.origins)), strict=True))
        self.new_index.pop(-1, None)
        self.shifts: dict[int, int] = {}  # new block index -> shift of its number
        self.relabelled: dict[int, str] = {}  # new block index -> label it takes (moved units)
        self.roman: set[int] = set()  # new block indices numbered in roman numerals

    @cached_property
    def whole(self) -> Structure:
        return structure_of(self.document)

    def new_unit(self, index: int) -> tuple[Unit, Structure, int] | None:
        """The unit new block ``index`` heads, in a structure of the smallest part of the new
        text that holds its whole series (with that part's offset): a rule book is not
        rebuilt whole for one new clause."""
        start, end = self.window(index)
        if end - start < len(self.blocks):
            part = Document(tuple(self.blocks[start:end]), self.document.gaps[start:end])
            structure = Structure(part)
            unit = structure.unit_at(index - start)
            if unit is not None and _series_within_parent(unit):
                return unit, structure, start
        unit = self.whole.unit_at(index)
        return (unit, self.whole, 0) if unit is not None else None

    def window(self, index: int) -> tuple[int, int]:
        """New blocks ``[start, end)``: the top-level unit of the old text beside new block
        ``index``, with the new blocks around it (the whole text when there is none)."""
        origins = self.origins
        before = (origins[i] for i in range(index - 1, -1, -1))
        neighbour = next((o for o in before if o >= 0), -1)
        if neighbour < 0:
            after = (origins[i] for i in range(index, len(origins)))
            neighbour = next((o for o in after if o >= 0), -1)
        if neighbour < 0:
            return 0, len(self.blocks)
        unit = self.old_structure.innermost(neighbour)
        while unit.parent is not None and unit.parent.kind != ROOT:
            unit = unit.parent
        if unit.kind == ROOT:
            return 0, len(self.blocks)
        kept = [self.new_index[i] for i in range(unit.head, unit.end) if i in self.new_index]
        if not kept:
            return 0, len(self.blocks)
        start, end = kept[0], kept[-1] + 1
        while start > 0 and self.origins[start - 1] < 0:
            start -= 1
        while end < len(self.blocks) and self.origins[end] < 0:
            end += 1
        return (start, end) if start <= index < end else (0, len(self.blocks))

    def inserted(self, index: int) -> None:
        found = self.new_unit(index)
        if found is None or not found[0].parts:
            return
        unit, structure, offset = found
        later = [u for u in structure.series_of(unit) if u.head + offset > index]
        if not later:
            return
        first = later[0]
        mine = label_parts(self.current_label(index))
        if label_parts(first.label) != mine and _value(first.parts) != _value(mine):
            return  # numbered into a gap: nothing repeats
        self.shift([member.head + offset for member in later], 1, structure.series_of(unit))

    def deleted(self, old_head: int) -> None:
        old_unit = self.old_structure.unit_at(old_head)
        if old_unit is None or not old_unit.parts:
            return
        members = self.old_structure.series_of(old_unit)
        followers = [self.new_index.get(m.head) for m in members if m.head > old_head]
        self.shift([i for i in followers if i is not None], -1, members)

    def shift(self, heads: list[int], by: int, series: list[Unit]) -> None:
        if _has_interpolations(series):
            return
        roman = _in_romans(series)
        for head in heads:
            self.shifts[head] = self.shifts.get(head, 0) + by
            if roman:
                self.roman.add(head)

    def current_label(self, index: int) -> str:
        return self.blocks[index].label

    def final_label(self, index: int) -> str:
        if index in self.relabelled:
            return self.relabelled[index]
        shift = self.shifts.get(index, 0)
        return label_shifted(self.blocks[index].label, shift, index in self.roman)

    def moved(self, index: int) -> None:
        """A unit moved whole takes the number after the point it now follows in its series
        (the first number when it now leads), and the points after it move down."""
        found = self.new_unit(index)
        if found is None or not found[0].parts:
            return
        unit, structure, offset = found
        members = [u for u in structure.series_of(unit) if u.head + offset != index]
        before = [u for u in members if u.head + offset < index]
        later = [u for u in members if u.head + offset > index]
        roman = _in_romans(members)
        if before:
            label = label_successor(self.final_label(before[-1].head + offset), roman)
        elif later:
            label = self.final_label(later[0].head + offset)
        else:
            return
        self.relabelled[index] = _label_like(label, self.blocks[index].label)
        mine = label_parts(label)
        if later and label_parts(self.final_label(later[0].head + offset)) == mine:
            self.shift([member.head + offset for member in later], 1, members)

    def given(self, old_head: int, operation: Renumber) -> None:
        index = self.new_index.get(old_head)
        if index is None:
            raise AmendmentError(
                f"Cannot apply {operation.source!r}: the part it renumbers is deleted by the "
                "amendment.",
                operation.source,
            )
        self.shifts.pop(index, None)
        label = self.blocks[index].label
        self.relabelled[index] = _with_prefix(
            label, label_parts(label), label_parts(operation.label)
        )

    def apply(self) -> Document:
        if not self.shifts and not self.relabelled:
            return self.document
        renamed: dict[str, str] = {}
        prefixes: dict[tuple[str, ...], tuple[str, ...]] = {}
        for index in sorted({*self.shifts, *self.relabelled}):
            block = self.blocks[index]
            new_label = self.final_label(index)
            if new_label == block.label:
                continue
            old_parts = label_parts(block.label)
            new_parts = label_parts(new_label)
            renamed[_reference_key(block.label)] = _reference_form(new_label)
            prefixes[old_parts] = new_parts
            self.blocks[index] = block.with_label(new_label)
        self.relabel_descendants(prefixes, renamed)
        self.update_references(renamed)
        return Document(tuple(self.blocks), self.document.gaps, self.document.trailing)

    def relabel_descendants(self, prefixes: dict, renamed: dict[str, str]) -> None:
        """ "18." became "17.": its "18.1" becomes "17.1"."""
        if not prefixes:
            return
        longest = max(len(old) for old in prefixes)
        for index in self.descendants_oflabel_shifted():
            block = self.blocks[index]
            if not block.label or index in self.shifts or index in self.relabelled:
                continue
            parts = label_parts(block.label)
            for size in range(min(longest, len(parts) - 1), 0, -1):
                old = parts[:size]
                if old in prefixes:
                    label = _with_prefix(block.label, old, prefixes[old])
                    if label != block.label:
                        renamed[_reference_key(block.label)] = _reference_form(label)
                        self.blocks[index] = block.with_label(label)
                    break

    def descendants_oflabel_shifted(self) -> list[int]:
        """The blocks inside the renumbered points (every block when one of them is new)."""
        found: list[int] = []
        for index in {*self.shifts, *self.relabelled}:
            unit = self.old_structure.unit_at(self.origins[index])
            if self.origins[index] < 0 or unit is None:
                return list(range(len(self.blocks)))
            heads = (self.new_index.get(u.head) for u in unit.descendants())
            found.extend(head for head in heads if head is not None)
        return found

    def update_references(self, renamed: dict[str, str]) -> None:
        """The text's own references to renumbered points ("as in clause 81")."""
        if not renamed:
            return

        def swap(match: re.Match[str]) -> str:
            new = renamed.get(match.group("label").rstrip("."))
            return match.group("noun") + new if new is not None else match.group()

        for old_index in _referring_blocks(self.planner_document):
            index = self.new_index.get(old_index)
            if index is None:
                continue
            block = self.blocks[index]
            text = _REFERENCE.sub(swap, block.text)
            if text != block.text:
                self.blocks[index] = block.with_text(text)


# "Rule 3A", "12A.", "B.1A": a point slotted in between two others.
_INTERPOLATED = re.compile(r"\d[A-Z][^\w]*$")


def _has_interpolations(series: list[Unit]) -> bool:
    """A series with a point slotted in as "3A" between 3 and 4 keeps its numbers: numbering
    like that is there so that the other points need not change."""
    parent = series[0].parent if series else None
    siblings = parent.children if parent is not None else series
    return any(_INTERPOLATED.search(unit.label) for unit in siblings)


def _in_romans(series: list[Unit]) -> bool:
    """Is the series numbered in roman numerals ("Clause I", "Clause II")?"""
    return any(
        len(unit.parts[-1]) > 1 and roman_value(unit.parts[-1]) for unit in series if unit.parts
    )


def _series_within_parent(unit: Unit) -> bool:
    """Is the unit's whole series under its parent? Lettered points are numbered within their
    clause, "C.4.2" among the clauses of rule C.4; "47" may be numbered across the sections."""
    parent = unit.parent
    if parent is None or parent.kind == ROOT:
        return False
    if series_key(unit)[2]:
        return True
    return bool(parent.path) and unit.path[:-1] == parent.path


_REFERENCE_NOUNS = sorted(
    {
        form
        for noun in (
            "clause",
            "article",
            "rule",
            "section",
            "paragraph",
            "point",
            "standing order",
            "sub-paragraph",
        )
        for form in UNIT_NOUNS[noun]
        if form.isalpha() or " " in form or "-" in form
    },
    key=len,
    reverse=True,
)
_REFERENCE = re.compile(
    r"(?P<noun>\b(?:" + "|".join(re.escape(n) for n in _REFERENCE_NOUNS) + r")\s+)"
    r"(?P<label>\d+(?:\.\d+)*(?:\([a-z0-9]+\))*)(?![\w.]\d)",
    re.IGNORECASE,
)


_HAS_DIGIT = re.compile(r"\d")


_CLOSING_MARKS = frozenset(".;:!?")


def _closing_mark(kept: str, deleted: str) -> str:
    """The full stop (or semicolon ...) that ended what was deleted to the end of a clause,
    kept to end what remains: "may meet online." less all after "meet" is "may meet."."""
    mark = deleted.rstrip()[-1:]
    if mark in _CLOSING_MARKS and kept.rstrip()[-1:] not in ".;:!?,":
        return mark
    return ""


def _close_enough(have: str, wanted: str) -> bool:
    """Do two wordings differ by a slip? Compared word by word, and only when their lengths
    allow it (the cheap bounds first), so a long quotation costs no more than reading it."""
    have_words, wanted_words = have.split(), wanted.split()
    if len(have_words) > _LONGEST_COMPARED or len(wanted_words) > _LONGEST_COMPARED:
        return False
    matcher = SequenceMatcher(None, have_words, wanted_words, autojunk=False)
    return (
        matcher.real_quick_ratio() >= _CLOSE_ENOUGH
        and matcher.quick_ratio() >= _CLOSE_ENOUGH
        and matcher.ratio() >= _CLOSE_ENOUGH
    )


_LONGEST_COMPARED = 2000  # words


def _referring_blocks(document: Document) -> list[int]:
    """The blocks whose text refers to a numbered point ("as in clause 81"), found once per
    text: renumbering looks only at those."""
    found = document._cache.get("referring blocks")
    if found is None:
        found = [
            i
            for i, block in enumerate(document.blocks)
            if _HAS_DIGIT.search(block.text) and _REFERENCE.search(block.text)
        ]
        document._cache["referring blocks"] = found
    return found


def _reference_key(label: str) -> str:
    return _reference_form(label)


def _reference_form(label: str) -> str:
    """How a text refers to a label: "81" for "81", "2.3" for "2.3.", "C.4" for "Rule C.4"."""
    shown = label.strip("* ").rstrip(".")
    shown = re.sub(r"^[A-Za-z][A-Za-z -]*\s+(?=[A-Z]?\d)", "", shown)
    return shown


def _value(parts: tuple[str, ...]) -> int:
    if not parts:
        return 0
    last = parts[-1]
    if last.isdigit():
        return int(last)
    if len(last) > 1 and roman_value(last):
        return roman_value(last)
    if len(last) == 1:
        return ord(last.lower()) - ord("a") + 1
    return roman_value(last)


def _with_prefix(label: str, old: tuple[str, ...], new: tuple[str, ...]) -> str:
    """ "18.1" with prefix ("18",) -> ("17",) gives "17.1", in the label's own punctuation."""
    pieces = re.split(r"(\d+|[A-Za-z]+)", label)
    out = []
    position = 0
    for piece in pieces:
        if (
            piece
            and re.fullmatch(r"\d+|[A-Za-z]+", piece)
            and position < len(old)
            and (piece.lower() == old[position])
        ):
            out.append(new[position] if not piece.isupper() else new[position].upper())
            position += 1
            continue
        out.append(piece)
    return "".join(out)


def _predecessor_parts(parts: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The parts of the point a new one follows: 4 for 5, (d) for (e); both "iv" and "u"
    for a lone "v", whose series the text tells."""
    if not parts or _value(parts) <= 1:
        return []
    last = parts[-1]
    shifted = dict.fromkeys(label_shifted(last, -1, roman) for roman in (False, True))
    return [parts[:-1] + (label,) for label in shifted if label != last]


_SIMPLE_LABEL = re.compile(r"^\(?(?:[A-Za-z]{1,4}|\d{1,4})[.)]?$")


def _label_like(wanted: str, model: str) -> str:
    """The label an instruction gives ("D3.2", "20.2") in the style of its neighbour's: a
    rule book that prints Rule 3's points as "4." prints the new point 3.5 as "5."."""
    own, theirs = label_parts(wanted), label_parts(model)
    if theirs and len(theirs) < len(own):
        return _with_prefix(model, theirs, own[-len(theirs) :])
    if len(own) == len(theirs) == 1 and _SIMPLE_LABEL.match(wanted) and _SIMPLE_LABEL.match(model):
        return _with_prefix(model, theirs, own)  # "(c)" in a list lettered "a)", "b)" is "c)"
    if model.endswith(".") and not wanted.endswith("."):
        return wanted + "."
    return wanted


def _label_predecessor(label: str) -> str:
    parts = _predecessor_parts(label_parts(label))
    return label_shifted(label, -1) if parts else label


def _noun_of(block: Block) -> str:
    if block.kind == HEADING:
        return "heading"
    if block.bullet:
        return "bullet point"
    if block.kind == ITEM:
        return "point"
    return "paragraph"


def _inline(text: str) -> str:
    return " ".join(text.split())


def _continues_sentence(new: str) -> bool:
    stripped = new.strip()
    return bool(stripped) and (stripped[0].islower() or stripped[0] in ",;")


def _short(text: str, words: int = 12) -> str:
    pieces = text.split()
    return " ".join(pieces[:words]) + ("…" if len(pieces) > words else "")


def _excerpt(text: str, start: int, end: int, words: int = 3) -> str:
    """The matched words with a few words either side, to tell matches apart."""
    before = text[:start].split()[-words:]
    after = text[end:].split()[:words]
    lead = "…" if len(text[:start].split()) > words else ""
    tail = "…" if len(text[end:].split()) > words else ""
    middle = text[start:end]
    joined_before = " ".join(before) + (" " if before and text[start - 1 : start].isspace() else "")
    joined_after = (" " if after and text[end : end + 1].isspace() else "") + " ".join(after)
    return f"{lead}{joined_before}{middle}{joined_after}{tail}"


def renumber(document: Document) -> Document:
    """Number each run of sibling points 1, 2, 3... in its own style (for a text whose points
    a CAC asks to be renumbered as a whole)."""
    structure = structure_of(document)
    blocks = list(document.blocks)
    seen: set[tuple] = set()
    for unit in structure.units:
        if not unit.parts or unit.style in ("other",) or unit.style.startswith("named"):
            continue
        parent = unit.parent
        key = (unit.style, id(parent))
        if key in seen:
            continue
        seen.add(key)
        siblings = [u for u in (parent.children if parent else []) if u.style == unit.style]
        for position, sibling in enumerate(siblings, start=1):
            value = _value(sibling.parts)
            first = _value(siblings[0].parts)
            start = 0 if first == 0 else 1
            wanted = position - 1 + start
            if value != wanted:
                blocks[sibling.head] = blocks[sibling.head].with_label(
                    label_shifted(blocks[sibling.head].label, wanted - value)
                )
    return Document(tuple(blocks), document.gaps, document.trailing)


def _wider(a: str, b: str) -> str:
    return a if a.count("\n") >= b.count("\n") else b


def _check_numbers_once(
    document: Document, series: _Series, relabels: list[tuple[int, Renumber]]
) -> None:
    """A number the amendment gives must not be one another part keeps."""
    structure = structure_of(document)
    for head, operation in relabels:
        index = series.new_index[head]
        unit = structure.unit_at(index)
        if unit is None:
            continue
        twins = [u for u in structure.series_of(unit) if u.parts == unit.parts]
        if len(twins) > 1:
            raise AmendmentError(
                f"Cannot apply {operation.source!r}: the text would have two parts numbered "
                f"{document.blocks[index].label}. Say what the other one becomes too.",
                operation.source,
            )


def _label_shape(block: Block) -> str:
    """ "(d)" and "(c)" have one shape, "2.2" another."""
    return re.sub(r"\d+", "1", re.sub(r"[A-Za-z]+", "a", block.label))


def _defined_term(target: Target) -> str:
    """The term when ``target`` is a definition: deleting it takes the whole entry."""
    last = target.steps[-1] if target.steps else None
    return last.words if last is not None and last.kind == "definition" else ""


def _restates_term(operation: ReplaceUnit) -> bool:
    """New words that name the term again ('"Executive" means ...') are the whole entry;
    others are what the term now means."""
    term = _defined_term(operation.target)
    new = operation.new.lstrip(_OPENING + "\"'")
    return bool(term) and new[: len(term)].casefold() == term.casefold()


def _spans_clash(a: _WordEdit, b: _WordEdit) -> bool:
    if a.operation is b.operation:
        return False
    if a.start == a.end or b.start == b.end:
        point, span = (a, b) if a.start == a.end else (b, a)
        return span.start < point.start < span.end
    return b.start < a.end


def _overlap(first: Operation, second: Operation, place: str) -> AmendmentError:
    return OverlappingChanges(
        f"Two changes in this amendment overlap at {place}: {first.source!r} and "
        f"{second.source!r}. Each change must act on different words; combine them into one "
        "change or split them into separate amendments.",
        second.source,
    )


# --- editing words -----------------------------------------------------------------------

_CLOSING = ".,;:!?)]}”’"
_OPENING = "([{“‘"


def _edit_text(text: str, edit: _WordEdit, lower_case: Callable[[], frozenset[str]]) -> str:
    if edit.operation.plain and edit.text:
        edit = replace(edit, text=_without_instruction_stop(edit.text, _after_edit(text, edit)))
    if edit.kind == "join":  # the rest of the clause goes; the words after the span join it
        if edit.text:
            return text[: edit.start] + edit.text + edit.tail
        if not edit.tail.strip():
            return delete_span(text, edit.start, edit.end)
        return delete_span(text[: edit.end] + edit.tail, edit.start, edit.end)
    if edit.kind == "rest" and edit.text:
        left = text[: edit.start].rstrip()
        return insert_at(left, len(left), edit.text)
    if edit.kind == "append":
        return _append(text, edit.text)
    if edit.kind == "append_at":  # at the end of a sentence inside the block
        return _append(text[: edit.start], edit.text) + text[edit.start :]
    if edit.kind == "insert":
        if _starts_sentence(text, edit.start) and not _ends_sentence(edit.text):
            return _leading_words(text, edit.start, edit.text, lower_case)
        return insert_at(text, edit.start, edit.text)
    if not edit.text:
        return delete_span(text, edit.start, edit.end)
    after = text[edit.end :]
    if edit.text[-1:] in ".!?" and after[:1] == edit.text[-1:]:
        after = after[1:]  # the new words bring the full stop the old ones left out
    new = edit.text
    if _starts_sentence(text, edit.start) and _capital_not_written(edit):
        new = _capitalised(new, text[edit.start])  # "every family" -> "Everyone"
    before = text[: edit.start]
    if new[:1] in ",;:" and before[-1:] == " ":
        before = before.rstrip()  # "and groups" -> ", groups and faith groups" joins the word
    return before + new + after


def _leading_words(text: str, at: int, new: str, lower_case: Callable[[], frozenset[str]]) -> str:
    """Words put before a sentence that run into it ("Subject to Rule 4.1, each branch ..."):
    the sentence's capital moves to them, and its first word loses its own where the text
    writes that word in lower case elsewhere (a name or a defined term keeps it)."""
    rest = text[at:]
    word = _FIRST_WORD.match(rest)
    if word and word.group()[1:].islower() and word.group().lower() in lower_case():
        rest = rest[0].lower() + rest[1:]
    if word and new[:1].islower():
        new = new[0].upper() + new[1:]
    return insert_at(text[:at] + rest, at, new)


def _ends_sentence(words: str) -> bool:
    return words.rstrip().rstrip("\"'”’)")[-1:] in (".", "!", "?")


_FIRST_WORD = re.compile(r"[A-Z][a-z]*\b")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")


def _capital_not_written(edit: _WordEdit) -> bool:
    """The text's words start with a capital the amendment did not write: quoting "But" and
    replacing it with "the" lower-cases on purpose; quoting "every family" for "Every family"
    does not."""
    written = getattr(edit.operation, "words", "").lstrip(_OPENING)
    return written[:1].islower()


def _starts_sentence(text: str, at: int) -> bool:
    """At a clause's start or after a full stop inside it."""
    before = text[:at].rstrip()
    return not before or before[-1] in ".!?"


def _after_edit(text: str, edit: _WordEdit) -> str:
    """What will follow the new words of ``edit`` in its clause."""
    if edit.kind == "join":
        return edit.tail
    if edit.kind == "rest":
        return ""
    if edit.kind in ("append", "append_at"):
        body = (text[: edit.start] if edit.kind == "append_at" else text).rstrip()
        continues = _continues_sentence(edit.text) and _STOP_AT_END.search(body)
        return body[-1] if continues else ""  # words that continue go before the stop
    return text[edit.end :]


_STOP_AT_END = re.compile(r"[.;:!?]+[\"'”’)]*$")
_ABBREVIATION_AT_END = re.compile(r"(?:\b(?:etc|e\.g|i\.e|viz|al|[A-Za-z]))\.$")


def _without_instruction_stop(new: str, following: str) -> str:
    """Unquoted new words that end with a full stop inside a sentence ("replace 'lobby' with:
    write to." in "to lobby the council;"): the stop ended the instruction, not the words."""
    if not new.endswith(".") or new.endswith("..") or _ABBREVIATION_AT_END.search(new):
        return new
    rest = following.lstrip()
    if rest and (rest[0].islower() or rest[0] in ".,;:!?)"):
        return new[:-1]
    return new


def _append(text: str, new: str) -> str:
    """Add words at the end of a clause: a new sentence after its full stop, but words that
    continue the sentence ("and its causes") before it."""
    body = text.rstrip()
    if new.strip()[:1].islower() or new.strip()[:1] in ",;":
        stop = _STOP_AT_END.search(body)
        if stop:
            return insert_at(body, stop.start(), new) + text[len(body) :]
    return insert_at(text, len(body), new)


def delete_span(text: str, start: int, end: int) -> str:
    """Remove words and tidy the spaces and punctuation left around them."""
    removed = text[start:end]
    left = text[:start].rstrip()
    right = text[end:].lstrip()
    if not left:
        return _capitalised(right, removed)
    if not right:
        return left.rstrip(",;") if removed[-1:].isalnum() else left
    if left[-1] in ".!?" and right[0] == "." and right[1:2] != ".":
        # A sentence deleted without its full stop: the stop before it ends the sentence.
        right = right[1:].lstrip()
        if not right:
            return left
        if right[0] in _CLOSING:
            return left + right
        return left + " " + right
    if right[0] in _CLOSING:
        if left[-1] in ",;:" and right[0] in ".,;:!?":
            left = left[:-1]
        return left + right
    if left[-1] in _OPENING:
        return left + right
    if left[-1] in ".!?" and right[:1].islower() and removed[:1].isupper():
        right = right[0].upper() + right[1:]
    return left + " " + right


def _capitalised(right: str, removed: str) -> str:
    if removed[:1].isupper() and right[:1].islower():
        return right[0].upper() + right[1:]
    return right


def insert_at(text: str, at: int, new: str) -> str:
    """``new`` inserted at ``at``, spaced as a person would: "after 'D01' insert 'D13 and
    D12,'" goes after the comma that follows D01; ", Mayor candidate" before "member" goes
    before the comma that precedes it."""
    new = new.strip()
    left, right = text[:at], text[at:]
    if new.endswith(",") and right.lstrip().startswith(","):
        comma = at + len(right) - len(right.lstrip())
        left, right = text[: comma + 1], text[comma + 1 :]
    elif new.startswith(",") and left.rstrip().endswith(","):
        stripped = left.rstrip()
        left, right = stripped[:-1], "," + left[len(stripped) :] + right
    before = (
        ""
        if (not left or left[-1].isspace() or left[-1] in _OPENING or new[:1] in _CLOSING)
        else " "
    )
    after = (
        ""
        if (not right or right[0].isspace() or right[0] in _CLOSING or new[-1:] in _OPENING)
        else " "
    )
    return f"{left}{before}{new}{after}{right}"


def dressed(
    block: Block, model: Block | None, label: str, noun: str, keep_label: bool = False
) -> Block:
    """Dress a new block like its neighbour: same bullet, indentation and numbering style."""
    block = _plain(block)
    if block.kind == HEADING:
        return block
    if noun == "heading" and model is not None and model.kind == HEADING and keep_label:
        return Block(HEADING, block.text, model.label, model.key, level=model.level, gap=" ")
    if noun == "paragraph" and not block.label and not block.bullet:
        return block
    if noun == "heading":
        level = model.level if model is not None and model.kind == HEADING else 2
        return Block(HEADING, block.text, level=level, gap=" ")
    if block.label or block.bullet:
        if model is not None and model.kind == ITEM:
            return block.but(indent=model.indent, depth=model.depth)
        return block
    wants_bullet = noun == "bullet point" or (
        model is not None and model.bullet and noun in ("", "point", "bullet point")
    )
    if wants_bullet:
        bullet = model.bullet if model is not None and model.bullet else "-"
        indent = model.indent if model is not None and model.kind == ITEM else ""
        depth = model.depth if model is not None and model.kind == ITEM else 0
        gap = model.gap if model is not None and model.bullet else " "
        return Block(ITEM, block.text, bullet=bullet, indent=indent, depth=depth, gap=gap)
    if label and (noun in _NUMBERED_NOUNS or keep_label):
        indent = model.indent if model is not None and model.kind == ITEM else ""
        gap = model.gap if model is not None and model.kind == ITEM else " "
        depth = model.depth if model is not None and model.kind == ITEM else 0
        return Block(
            ITEM,
            block.text,
            label=label,
            key=normalise_label(label),
            indent=indent,
            gap=gap or " ",
            depth=depth,
        )
    return block


def _plain(block: Block) -> Block:
    """A block from an instruction, drawn afresh: no source, no stray indentation."""
    if block.kind == HEADING:
        return block.but(source=None, indent="", gap=" ")
    return block.but(
        source=None,
        indent="  " * block.depth if block.kind == ITEM else "",
        gap=" " if block.gap.strip(" \t\u00a0") == "" else block.gap,
    )


def _blocks_of(text: str) -> Block:
    parsed = parse(text.strip())
    if len(parsed.blocks) != 1:
        return Block(PARAGRAPH, " ".join(text.split()))
    return parsed.blocks[0]
