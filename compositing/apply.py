"""Apply amendment instructions to a motion's text.

Every operation of an amendment is placed on the text *as it stood before the amendment*
(that is how delegates read "Line 12" or "point 2.3" on the order paper); the places are then
checked for overlaps and all edits are made in one pass. Words are found exactly, with
straight and curly quotes, apostrophes, dashes and runs of spaces treated alike; a case-blind
match is used only when there is no exact one. A missing or repeated anchor is an error that
names the places, never a guess.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache

from compositing.errors import (
    AmbiguousAnchor,
    AmendmentError,
    AnchorNotFound,
    ClauseNotFound,
    NotUnderstood,
    OverlappingChanges,
    RepeatedNumber,
)
from compositing.instructions import Amendment, Operation, Ref, parse_amendment
from compositing.text import (
    HEADING,
    ITEM,
    PARAGRAPH,
    Block,
    Document,
    clause_end,
    is_section_start,
    label_successor,
    normalise_label,
    parse,
    roman_numeral,
    roman_value,
    sentence_spans,
)

__all__ = ["apply_amendment", "apply_parsed", "renumber"]


def apply_amendment(text: str, instruction: str) -> str:
    """``text`` with the amendment applied. Raises :class:`AmendmentError` if it cannot be.

    A new point is numbered like its neighbours: after point 2.1 it is 2.2, before point 2.1
    it takes 2.1, at the end of a list the next number. When that number is already used by a
    point of the same list ("Insert new point before point 2.1", or after 2.1 when 2.2 exists),
    the amendment decides:

    - with "renumber accordingly", the points are renumbered 1, 2, 3... so that no number
      repeats;
    - without it, nothing is changed and an :class:`AmendmentError` says which number would
      repeat, and asks for "renumber accordingly" or for the new number to be given
      explicitly. The text is never renumbered unasked: later amendments and the debate refer
      to the points by the numbers printed on the order paper.

    A number the instruction names ("Insert new point 2.2: ...") is checked the same way. A
    quotation that starts with its own number ("Insert new point after point 2.3: '2.4 ...'")
    is the submitter's text and is taken as written, number included: that is how to give the
    new point its number explicitly.
    """
    return apply_parsed(text, parse_amendment(instruction))


def apply_parsed(text: str, amendment: Amendment) -> str:
    document = parse(text)
    planner = _Planner(document, amendment)
    for operation in amendment.operations:
        planner.plan(operation)
    planner.check_overlaps()
    result = planner.build()
    if amendment.renumber:
        result = renumber(result)
    else:
        planner.check_new_numbers(result)
    return result.render()


# --- places -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Region:
    """Blocks ``[start, end)``; ``windows`` limits where a match may start in some blocks."""

    start: int
    end: int
    name: str
    windows: tuple[tuple[int, int, int], ...] = ()  # (block, from, to)
    spans: tuple[tuple[int, int, int], ...] = ()  # sentence/line spans when the ref names words


@dataclass
class _WordEdit:
    block: int
    start: int
    end: int
    text: str
    kind: str  # "replace" | "insert" | "append" | "rest" | "join"
    operation: Operation
    order: int = 0
    tail: str = ""  # "join": the words after a span that ends in a later clause


@dataclass
class _BlockEdit:
    start: int
    end: int
    new: list[Block]
    operation: Operation
    gaps: list[str] = field(default_factory=list)
    order: int = 0


_QUOTE_CLASSES = {
    "'": "['‘’`]", "‘": "['‘’`]", "’": "['‘’`]", "`": "['‘’`]",
    '"': "[\"“”„]", "“": "[\"“”„]", "”": "[\"“”„]", "„": "[\"“”„]",
    "-": "[-‐‑–—]", "–": "[-‐‑–—]", "—": "[-‐‑–—]",
}  # fmt: skip


def _scan(pattern: re.Pattern[str], text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """Spans of ``pattern`` in ``text[start:stop]``.

    The word-boundary lookbehind stops the regex engine from skipping ahead by the pattern's
    first literal, so for long texts the literal is found with ``str.find`` first.
    """
    prefix = _prefix_of(pattern)
    if not prefix:
        return [m.span() for m in pattern.finditer(text, start, stop)]
    haystack = text
    if pattern.flags & re.IGNORECASE:
        haystack = _lowered(text)
        if len(haystack) != len(text):
            return [m.span() for m in pattern.finditer(text, start, stop)]
    spans = []
    position = haystack.find(prefix, start, stop)
    while position != -1:
        match = pattern.match(text, position, stop)
        if match:
            spans.append(match.span())
        position = haystack.find(prefix, position + 1, stop)
    return spans


@lru_cache(maxsize=8)
def _lowered(text: str) -> str:
    return text.lower()


@lru_cache(maxsize=4096)
def _prefix_of(pattern: re.Pattern[str]) -> str:
    """The literal text every match of an anchor pattern starts with ("" if none)."""
    literal = re.match(r"(?:\(\?<!\\w\))?([\w ,;:!?/&%£$@]*\w)", pattern.pattern)
    if not literal or "\\" in literal.group(1):
        return ""
    prefix = literal.group(1).split(" ")[0]
    return prefix.lower() if pattern.flags & re.IGNORECASE else prefix


@lru_cache(maxsize=4096)
def _anchor_pattern(anchor: str, ignore_case: bool) -> re.Pattern[str]:
    parts: list[str] = []
    for piece in re.split(r"(\s+)", anchor.strip()):
        if not piece:
            continue
        if piece.isspace():
            parts.append(r"\s+")
            continue
        parts.append("".join(_QUOTE_CLASSES.get(char, re.escape(char)) for char in piece))
    body = "".join(parts)
    stripped = anchor.strip()
    if stripped and (stripped[0].isalnum() or stripped[0] == "_"):
        body = r"(?<!\w)" + body
    if stripped and (stripped[-1].isalnum() or stripped[-1] == "_"):
        body += r"(?!\w)"
    return re.compile(body, re.IGNORECASE if ignore_case else 0)


class _Planner:
    def __init__(self, document: Document, amendment: Amendment) -> None:
        self.document = document
        self.blocks = document.blocks
        self.word_edits: list[_WordEdit] = []
        self.block_edits: list[_BlockEdit] = []
        self.order = 0
        self.new_gaps: list[str] = []  # spacing between the blocks new_blocks() last made
        self.quoted_label = ""  # the label the new text new_blocks() last read was written with
        self.numbered: dict[int, Operation] = {}  # id of a new block numbered by the engine
        self.origins: list[int] = []  # for each block built, its old index (-1 when new)
        whole = _Region(0, len(self.blocks), "the text")
        self.base = whole
        if amendment.scope is not None:
            source = f"amend {amendment.scope.describe()} as follows"
            self.base = self.region(amendment.scope, whole, source)

    # -- naming places in messages
    def place(self, block: int, offset: int = 0) -> str:
        line = self.document.line_at(block, offset)
        node = self.blocks[block]
        if node.label and node.kind == ITEM:
            return f"point {_shown(node.label)} (line {line})"
        if node.kind == HEADING:
            return f"the heading {node.text[:40]!r} (line {line})"
        section = self.document.section_of(block)
        if section is not None and section.start != block and section.key[:1].isdigit():
            return f"line {line} (in section {section.key})"
        return f"line {line}"

    # -- regions
    def region(self, ref: Ref, within: _Region, source: str) -> _Region:
        if ref.within is not None:
            within = self.region(ref.within, within, source)
            ref = replace(ref, within=None)
        if ref.noun == "text":
            return within
        if ref.noun == "line":
            return self.lines_region(ref, within, source)
        if ref.noun == "sentence":
            return self.sentence_region(ref, within, source)
        if ref.words:
            return self.paragraph_beginning(ref, within, source)
        if ref.ordinal:
            index = self.ordinal_block(ref, within, source)
            return _Region(index, self.own_extent(index), ref.describe())
        return self.label_region(ref, within, source)

    def label_region(self, ref: Ref, within: _Region, source: str) -> _Region:
        key = normalise_label(ref.label)
        if ref.noun == "section":
            sections = [
                s
                for s in self.document.sections()
                if s.key == key and within.start <= s.start and s.end <= within.end
            ]
            if len(sections) == 1:
                return _Region(sections[0].start, sections[0].end, ref.describe())
            if len(sections) > 1:
                raise self.ambiguous_label(ref, [s.start for s in sections], source)
        found = [i for i in range(within.start, within.end) if self.blocks[i].key == key]
        if not found and ref.noun == "paragraph" and key.isdigit():
            ordinal = Ref("paragraph", ordinal=int(key))
            index = self.ordinal_block(ordinal, within, source)
            return _Region(index, self.extent(index, introduced=False), ref.describe())
        if not found and ref.noun in ("bullet point", "heading") and key.isdigit():
            index = self.ordinal_block(Ref(ref.noun, ordinal=int(key)), within, source)
            return _Region(index, self.extent(index, introduced=False), ref.describe())
        if not found:
            raise ClauseNotFound(
                f"Cannot apply {source!r}: there is no {ref.noun} {_shown(ref.label)} "
                f"in {within.name}.{self.labels_hint(within)}",
                source,
            )
        if len(found) > 1:
            raise self.ambiguous_label(ref, found, source)
        start = found[0]
        end = self.extent(start, introduced=True)
        if ref.until is not None:
            last = self.label_region(ref.until, within, source)
            if last.start < start:
                raise ClauseNotFound(
                    f"Cannot apply {source!r}: {ref.until.describe()} comes before "
                    f"{ref.noun} {ref.label}.",
                    source,
                )
            end = last.end
        return _Region(start, end, ref.describe())

    def labels_hint(self, within: _Region) -> str:
        labels = [_shown(b.label) for b in self.blocks[within.start : within.end] if b.label]
        if not labels:
            return " It has no numbered points."
        shown = ", ".join(labels[:12]) + (", ..." if len(labels) > 12 else "")
        return f" Its numbered points are: {shown}."

    def ambiguous_label(self, ref: Ref, found: list[int], source: str) -> AmendmentError:
        places = "; ".join(self.place(i) for i in found)
        return AmbiguousAnchor(
            f"Cannot apply {source!r}: there are {len(found)} places numbered "
            f"{_shown(ref.label)}: {places}. Say which one, e.g. by its line number.",
            source,
        )

    def extent(self, index: int, introduced: bool) -> int:
        if introduced or self.blocks[index].kind == ITEM and self.blocks[index].label:
            return clause_end(self.blocks, index)
        return self.own_extent(index)

    def own_extent(self, index: int) -> int:
        """The block and the items nested under it: "the third bullet point" and its sub-points."""
        end = index + 1
        depth = self.blocks[index].depth
        while (
            end < len(self.blocks)
            and self.blocks[end].depth > depth
            and self.blocks[end].kind != HEADING
        ):
            end += 1
        return end

    def ordinal_block(self, ref: Ref, within: _Region, source: str) -> int:
        candidates = [
            i for i in range(within.start, within.end) if _is_kind(self.blocks[i], ref.noun)
        ]
        if ref.noun == "paragraph" and not candidates:
            candidates = [
                i
                for i in range(within.start, within.end)
                if self.blocks[i].kind != HEADING and self.blocks[i].depth == 0
            ]
        position = ref.ordinal - 1 if ref.ordinal > 0 else len(candidates) + ref.ordinal
        if not 0 <= position < len(candidates):
            raise ClauseNotFound(
                f"Cannot apply {source!r}: {within.name} has {len(candidates)} "
                f"{_plural(ref.noun, len(candidates))}, so it has no {_without_the(ref)}.",
                source,
            )
        return candidates[position]

    def sentence_region(self, ref: Ref, within: _Region, source: str) -> _Region:
        spans = [
            (i, start, end)
            for i in range(within.start, within.end)
            if self.blocks[i].kind != HEADING
            for start, end in sentence_spans(self.blocks[i].text)
        ]
        if ref.words:
            return self.sentence_beginning(ref, spans, within, source)
        position = ref.ordinal - 1 if ref.ordinal > 0 else len(spans) + ref.ordinal
        if not 0 <= position < len(spans):
            raise ClauseNotFound(
                f"Cannot apply {source!r}: {within.name} has {len(spans)} "
                f"{_plural('sentence', len(spans))}, so it has no {_without_the(ref)}.",
                source,
            )
        block, start, end = spans[position]
        name = ref.describe() + ("" if within.name == "the text" else f" of {within.name}")
        return _Region(
            block, block + 1, name, windows=((block, start, end),), spans=((block, start, end),)
        )

    def sentence_beginning(
        self, ref: Ref, spans: list[tuple[int, int, int]], within: _Region, source: str
    ) -> _Region:
        pattern = _anchor_pattern(ref.words, False)
        found = [
            (block, start, end)
            for block, start, end in spans
            if pattern.match(self.blocks[block].text, start, end)
        ]
        if not found:
            raise AnchorNotFound(
                f"Cannot apply {source!r}: no sentence in {within.name} begins with "
                f"{ref.words!r}. Check the words against the text as it now stands.",
                source,
            )
        if len(found) > 1:
            places = "; ".join(self.place(b, s) for b, s, _ in found)
            raise AmbiguousAnchor(
                f"Cannot apply {source!r}: {len(found)} sentences in {within.name} begin with "
                f"{ref.words!r}: {places}. Quote more of the opening words, or say which point.",
                source,
            )
        block, start, end = found[0]
        return _Region(block, block + 1, ref.describe(), windows=(found[0],), spans=(found[0],))

    def paragraph_beginning(self, ref: Ref, within: _Region, source: str) -> _Region:
        pattern = _anchor_pattern(ref.words, False)
        found = [
            i
            for i in range(within.start, within.end)
            if _is_kind(self.blocks[i], ref.noun) and pattern.match(self.blocks[i].text)
        ]
        if len(found) != 1:
            raise (AnchorNotFound if not found else AmbiguousAnchor)(
                f"Cannot apply {source!r}: {len(found)} {_plural(ref.noun, len(found))} in "
                f"{within.name} begin with {ref.words!r}"
                + (": " + "; ".join(self.place(i) for i in found) if found else "")
                + ". Quote the opening words exactly as they stand.",
                source,
            )
        return _Region(found[0], self.own_extent(found[0]), ref.describe())

    def lines_region(self, ref: Ref, within: _Region, source: str) -> _Region:
        lines = self.document.lines()
        if ref.first_line < 1 or ref.last_line > len(lines) or ref.first_line > ref.last_line:
            raise ClauseNotFound(
                f"Cannot apply {source!r}: the text has {len(lines)} numbered lines, so it "
                f"has no {ref.describe()}.",
                source,
            )
        chosen = lines[ref.first_line - 1 : ref.last_line]
        spans: dict[int, list[int]] = {}
        for line in chosen:
            span = spans.setdefault(line.block, [line.start, line.end])
            span[1] = line.end
        ordered = tuple((b, s, e) for b, (s, e) in spans.items())
        first, last = ordered[0][0], ordered[-1][0]
        if first < within.start or last >= within.end:
            raise ClauseNotFound(
                f"Cannot apply {source!r}: {ref.describe()} is not in {within.name}.", source
            )
        return _Region(first, last + 1, ref.describe(), windows=ordered, spans=ordered)

    # -- finding words
    def find(self, anchor: str, region: _Region, source: str) -> list[tuple[int, int, int]]:
        if not anchor.strip():
            raise NotUnderstood(f"Cannot apply {source!r}: the quoted words are empty.", source)
        for ignore_case in (False, True):
            found = self._matches(_anchor_pattern(anchor, ignore_case), region)
            if found:
                return found
        return []

    def _matches(self, pattern: re.Pattern[str], region: _Region) -> list[tuple[int, int, int]]:
        found = []
        if region.windows:
            for block, start, end in region.windows:
                text = self.blocks[block].text
                for match in pattern.finditer(text):
                    if start <= match.start() < max(end, start + 1):
                        found.append((block, match.start(), match.end()))
            return found
        if region.start >= region.end:
            return found
        joined, offsets = self.document.joined()
        last = region.end - 1
        stop = offsets[last] + len(self.blocks[last].text)
        for start, end in _scan(pattern, joined, offsets[region.start], stop):
            block = bisect_right(offsets, start) - 1
            found.append((block, start - offsets[block], end - offsets[block]))
        return found

    def find_one(self, anchor: str, region: _Region, source: str) -> tuple[int, int, int]:
        found = self.find(anchor, region, source)
        if len(found) == 1:
            return found[0]
        if not found:
            elsewhere = self.find(anchor, self.base, source) if region != self.base else []
            where = ""
            if elsewhere:
                where = (
                    " They are found elsewhere: "
                    + "; ".join(self.place(b, s) for b, s, _ in elsewhere[:6])
                    + "."
                )
            raise AnchorNotFound(
                f"Cannot apply {source!r}: the words {anchor!r} are not in {region.name}."
                f"{where} Check the spelling against the text as it now stands.",
                source,
            )
        places = "; ".join(
            f"{self.place(b, s)} “{_excerpt(self.blocks[b].text, s, e)}”" for b, s, e in found[:10]
        )
        more = f" and {len(found) - 10} more" if len(found) > 10 else ""
        raise AmbiguousAnchor(
            f"Cannot apply {source!r}: the words {anchor!r} appear {len(found)} times in "
            f"{region.name}: {places}{more}. Quote more of the surrounding words, or say "
            "which point or line, so that they match only one place.",
            source,
        )

    # -- planning operations
    def scope_of(self, operation: Operation) -> _Region:
        region = self.base
        if operation.scope is not None:
            region = self.region(operation.scope, region, operation.source)
        if operation.target is not None and operation.action in ("delete_words", "replace_words"):
            region = self.region(operation.target, region, operation.source)
        return region

    def plan(self, operation: Operation) -> None:
        handler = getattr(self, f"_plan_{operation.action}")
        handler(operation)

    def add_word_edit(
        self, block: int, start: int, end: int, text: str, kind: str, operation: Operation
    ) -> None:
        self.order += 1
        self.word_edits.append(_WordEdit(block, start, end, text, kind, operation, self.order))

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

    def _plan_delete_words(self, operation: Operation) -> None:
        self._plan_replace_words(operation)

    def _plan_replace_words(self, operation: Operation) -> None:
        region = self.scope_of(operation)
        text = _inline(operation)
        if operation.end_anchor:
            self.plan_range(region, operation, text)
            return
        if operation.every:
            found = self.find(operation.anchor, region, operation.source)
            if not found:
                self.find_one(operation.anchor, region, operation.source)  # raises: not found
            for block, start, end in found:
                self.add_word_edit(block, start, end, text, "replace", operation)
            return
        block, start, end = self.find_one(operation.anchor, region, operation.source)
        self.add_word_edit(block, start, end, text, "replace", operation)

    def plan_range(self, region: _Region, operation: Operation, text: str) -> None:
        """ "Delete from 'X' to 'Y'": from the start of X to the end of Y, both included.

        X and Y must each be found once (in the scope named); Y must not start before X. A span
        across clauses keeps the first clause's words before X, joined to the last clause's
        words after Y; the clauses between go.
        """
        source = operation.source
        block, start, first_end = self.find_one(operation.anchor, region, source)
        last_block, last_start, end = self.find_one(operation.end_anchor, region, source)
        if (last_block, last_start) < (block, start):
            raise AnchorNotFound(
                f"Cannot apply {source!r}: the words {operation.end_anchor!r} come before "
                f"{operation.anchor!r} (at {self.place(last_block, last_start)} and "
                f"{self.place(block, start)}), so there is no span from the one to the other. "
                "Quote the words the span starts with first, then the words it ends with.",
                source,
            )
        if last_block == block:
            self.add_word_edit(block, start, max(end, first_end), text, "replace", operation)
            return
        tail = self.blocks[last_block].text[end:]
        self.add_word_edit(block, start, len(self.blocks[block].text), text, "join", operation)
        self.word_edits[-1].tail = tail
        self.add_block_edit(block + 1, last_block + 1, [], operation)

    def _plan_insert_words(self, operation: Operation) -> None:
        region = self.scope_of(operation)
        block, start, end = self.find_one(operation.anchor, region, operation.source)
        at = end if operation.position == "after" else start
        self.add_word_edit(block, at, at, _inline(operation), "insert", operation)

    def _plan_delete_rest(self, operation: Operation) -> None:
        region = self.scope_of(operation)
        block, start, end = self.find_one(operation.anchor, region, operation.source)
        cut = start if operation.including else end
        paragraphs = [p for p in re.split(r"\n\s*\n", operation.text.strip()) if p.strip()]
        first = " ".join(paragraphs[0].split()) if paragraphs else ""
        text_end = len(self.blocks[block].text)
        self.add_word_edit(block, cut, text_end, first, "rest", operation)
        rest = "\n\n".join(paragraphs[1:])
        new = self.new_blocks(rest, self.blocks[block], "", "") if rest else []
        self.add_block_edit(block + 1, region.end, new, operation)

    def _plan_append_words(self, operation: Operation) -> None:
        assert operation.target is not None
        region = self.region(operation.target, self.scope_of(operation), operation.source)
        if region.spans:
            block, _, end = region.spans[-1]
        else:
            block = region.start
            end = len(self.blocks[block].text)
        self.add_word_edit(block, end, end, _inline(operation), "append", operation)

    def _plan_delete_clause(self, operation: Operation) -> None:
        assert operation.target is not None
        region = self.region(operation.target, self.scope_of(operation), operation.source)
        if region.spans:
            self.delete_spans(region, operation, "")
            return
        self.add_block_edit(region.start, region.end, [], operation)

    def delete_spans(self, region: _Region, operation: Operation, replacement: str) -> None:
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

    def _plan_replace_clause(self, operation: Operation) -> None:
        assert operation.target is not None
        region = self.region(operation.target, self.scope_of(operation), operation.source)
        if region.spans:
            self.delete_spans(region, operation, " ".join(operation.text.split()))
            return
        model = self.blocks[region.start]
        if operation.noun:
            label = model.label if operation.noun in ("point", "rule") else ""
            new = self.new_blocks(operation.text, model, label, operation.noun)
        else:
            new = self.new_blocks(
                operation.text, model, model.label, _noun_of(model), keep_label=True
            )
        self.add_block_edit(region.start, region.end, new, operation)

    def _plan_insert_clause(self, operation: Operation) -> None:
        scope = self.scope_of(operation)
        if operation.target is not None:
            region = self.region(operation.target, scope, operation.source)
            if region.spans:
                self.insert_sentence(region, operation)
                return
            self.insert_near(region, operation)
            return
        if operation.label:
            self.insert_by_label(scope, operation)
            return
        self.add_at_end(scope, operation)

    def insert_sentence(self, region: _Region, operation: Operation) -> None:
        block, start, end = region.spans[-1]
        at = end if operation.position != "before" else start
        text = _inline(operation)
        if operation.position == "before":
            text = text + " "
        self.add_word_edit(block, at, at, text, "insert", operation)

    def insert_near(self, region: _Region, operation: Operation) -> None:
        position = operation.position or "after"
        if position in ("after", "end"):
            at = region.end
            model = (
                self.blocks[region.start] if position == "after" else self.blocks[region.end - 1]
            )
            label = operation.label or (
                label_successor(model.label) if model.label and model.kind == ITEM else ""
            )
        else:
            at = region.start if position == "before" else region.start + 1
            model = self.blocks[region.start]
            label = operation.label or (model.label if model.kind == ITEM else "")
        new = self.new_blocks(operation.text, model, label, operation.noun)
        self.mark_numbered(new, label, operation)
        self.add_block_edit(at, at, new, operation)

    def insert_by_label(self, scope: _Region, operation: Operation) -> None:
        key = normalise_label(operation.label)
        before = _predecessor_key(key)
        blocks = range(scope.start, scope.end)
        previous = [i for i in blocks if before and self.blocks[i].key == before]
        same = [i for i in blocks if self.blocks[i].key == key]
        if len(previous) == 1:
            index = previous[0]
            model = self.blocks[index]
            label = label_successor(model.label)
            if normalise_label(label) != key:
                label = operation.label
            new = self.new_blocks(operation.text, model, label, operation.noun)
            self.mark_numbered(new, label, operation)
            at = self.extent(index, introduced=True)
            self.add_block_edit(at, at, new, operation)
            return
        if len(same) == 1:
            model = self.blocks[same[0]]
            new = self.new_blocks(operation.text, model, operation.label, operation.noun)
            self.mark_numbered(new, operation.label, operation)
            self.add_block_edit(same[0], same[0], new, operation)
            return
        raise ClauseNotFound(
            f"Cannot apply {operation.source!r}: cannot tell where new {operation.noun} "
            f"{operation.label} goes, because the text has no single {operation.noun} "
            f"{_label_predecessor(operation.label)} to put it after. Say where, e.g. "
            f"'Insert new {operation.noun} {operation.label} after point ...'.",
            operation.source,
        )

    def add_at_end(self, scope: _Region, operation: Operation) -> None:
        last = self.blocks[scope.end - 1] if scope.end > scope.start else None
        label = operation.label
        if not label and last is not None and operation.noun in ("point", "rule") and last.label:
            label = label_successor(last.label)
        model = last if operation.noun else None
        new = self.new_blocks(operation.text, model, label, operation.noun)
        self.mark_numbered(new, label, operation)
        self.add_block_edit(scope.end, scope.end, new, operation)

    def mark_numbered(self, new: list[Block], label: str, operation: Operation) -> None:
        """Note a new point numbered by the engine or by the instruction ("new point 2.2"),
        not by its own quoted text, whose words (number included) are taken as written."""
        if label and not self.quoted_label and new[0].label == label:
            self.numbered[id(new[0])] = operation

    def check_new_numbers(self, document: Document) -> None:
        """Refuse a number the engine chose for a new point when its list already uses it."""
        blocks = document.blocks
        for position, block in enumerate(blocks):
            operation = self.numbered.get(id(block))
            if operation is None:
                continue
            for other in _same_list(blocks, position):
                if other != position and blocks[other].key == block.key:
                    raise self.repeated_number(operation, block, self.origins[other])

    def repeated_number(self, operation: Operation, block: Block, old: int) -> AmendmentError:
        noun = operation.noun if operation.noun in ("point", "rule", "section") else "point"
        number = _shown(block.label)
        where = f"{self.place(old)} already has it" if old >= 0 else (
            "another new point of this amendment has it too"
        )
        return RepeatedNumber(
            f"Cannot apply {operation.source!r}: the new {noun} would be numbered {number}, "
            f"and {where}, so the number would repeat. Add “renumber accordingly” to the "
            f"amendment to renumber the points, or give the new {noun} its number "
            "explicitly, at the start of its quoted text.",
            operation.source,
        )

    def _plan_add(self, operation: Operation) -> None:
        scope = self.scope_of(operation)
        if operation.target is not None:
            scope = self.region(operation.target, scope, operation.source)
        new = self.new_blocks(operation.text, None, "", "")
        self.add_block_edit(scope.end, scope.end, new, operation)

    def _plan_delete_listed(self, operation: Operation) -> None:
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

    def find_listed(self, item: str, region: _Region, operation: Operation) -> tuple[int, bool]:
        wanted = _comparable(item)
        whole = [
            i for i in range(region.start, region.end) if _comparable(self.blocks[i].text) == wanted
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

    def replace_listed_blocks(self, indices: list[int], operation: Operation) -> None:
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
                self.styled(block, model, model.label if n == 0 else "", _noun_of(model))
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
    def new_blocks(
        self, text: str, model: Block | None, label: str, noun: str, keep_label: bool = False
    ) -> list[Block]:
        parsed = parse(text.strip("\n"))
        if not parsed.blocks:
            raise NotUnderstood("The new text is empty.", text)
        self.quoted_label = parsed.blocks[0].label
        blocks = [self.styled(parsed.blocks[0], model, label, noun, keep_label)]
        blocks.extend(_plain(block) for block in parsed.blocks[1:])
        self.new_gaps = ["\n" if gap.count("\n") == 1 else "\n\n" for gap in parsed.gaps]
        return blocks

    def styled(
        self, block: Block, model: Block | None, label: str, noun: str, keep_label: bool = False
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
                return replace(block, indent=model.indent, depth=model.depth)
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
        if label and (noun in ("point", "rule", "section", "") or keep_label):
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

    def list_gap(self, index: int) -> str:
        """The spacing a list uses between its items, from the item at ``index``."""
        gaps = self.document.gaps
        if index + 1 < len(self.blocks) and self.blocks[index + 1].kind == ITEM:
            return gaps[index + 1]
        if index > 0 and self.blocks[index - 1].kind == ITEM:
            return gaps[index]
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
        by_block: dict[int, list[_WordEdit]] = {}
        for edit in self.word_edits:
            if edit.block in deleted and deleted[edit.block].operation is not edit.operation:
                raise _overlap(
                    deleted[edit.block].operation, edit.operation, self.place(edit.block)
                )
            by_block.setdefault(edit.block, []).append(edit)
        for block, edits in by_block.items():
            edits.sort(key=lambda e: (e.start, e.end))
            for a, b in zip(edits, edits[1:], strict=False):
                if _spans_clash(a, b):
                    raise _overlap(a.operation, b.operation, self.place(block, b.start))

    def build(self) -> Document:
        blocks = list(self.blocks)
        by_block: dict[int, list[_WordEdit]] = {}
        for edit in self.word_edits:
            by_block.setdefault(edit.block, []).append(edit)
        emptied: set[int] = set()
        for index, edits in by_block.items():
            text = blocks[index].text
            for edit in sorted(edits, key=lambda e: (e.start, e.end, e.order), reverse=True):
                text = _edit_text(text, edit)
            if not text.strip():
                emptied.add(index)
            blocks[index] = blocks[index].with_text(text)
        return self.assemble(blocks, emptied)

    def assemble(self, blocks: list[Block], emptied: set[int]) -> Document:
        gaps = self.document.gaps
        count = len(blocks)
        deleted = [False] * count
        for index in emptied:
            deleted[index] = True
        inserts: dict[int, list[_BlockEdit]] = {}
        for edit in sorted(self.block_edits, key=lambda e: e.order):
            for index in range(edit.start, edit.end):
                deleted[index] = True
            if edit.new:
                inserts.setdefault(edit.start, []).append(edit)
        out_blocks: list[Block] = []
        out_gaps: list[str] = []
        origins = self.origins = []
        carried_gap = ""
        replaced_until = -1  # blocks up to here were replaced: their spacing is not carried
        for index in range(count + 1):
            for edit in inserts.get(index, []):
                for n, block in enumerate(edit.new):
                    if n:
                        gap = edit.gaps[n] if edit.gaps[n].count("\n") else "\n\n"
                        gap = (
                            gap if block.kind == ITEM and edit.new[n - 1].kind == ITEM else ("\n\n")
                        )
                    else:
                        gap = self.gap_before_new(out_blocks, block, index, edit)
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
            if deleted[index]:
                if index >= replaced_until:
                    carried_gap = _wider(carried_gap, gaps[index])
                continue
            out_blocks.append(blocks[index])
            out_gaps.append(_wider(gaps[index], carried_gap) if carried_gap else gaps[index])
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


_SIMPLE_KEY = re.compile(r"^(?:\d+|[a-z]|[ivxlc]+)$")


def _same_list(blocks: tuple[Block, ...], position: int) -> list[int]:
    """Blocks whose numbers a new point at ``position`` must not repeat.

    A number with parts ("2.3", "Rule D 6.4") is unique in the whole text; a plain one ("3",
    "(c)", "iv") only among the points of its own list: the items next to it at its depth,
    up to a heading, a paragraph or a point it belongs to.
    """
    block = blocks[position]
    if not _SIMPLE_KEY.match(block.key):
        return [i for i, other in enumerate(blocks) if other.kind == ITEM]
    found = [position]
    for step in (-1, 1):
        index = position + step
        while 0 <= index < len(blocks):
            other = blocks[index]
            if other.kind != ITEM or other.depth < block.depth:
                break
            if other.depth == block.depth:
                found.append(index)
            index += step
    return found


def _shown(label: str) -> str:
    """A label as an instruction writes it: "2.3." -> "2.3", "1)" -> "1", "(c)" stays."""
    label = label.rstrip(".")
    if label.endswith(")") and not label.startswith("("):
        label = label[:-1]
    return label


def _wider(a: str, b: str) -> str:
    return a if a.count("\n") >= b.count("\n") else b


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


def _edit_text(text: str, edit: _WordEdit) -> str:
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
    if edit.kind == "insert":
        return insert_at(text, edit.start, edit.text)
    if not edit.text:
        return delete_span(text, edit.start, edit.end)
    return text[: edit.start] + edit.text + text[edit.end :]


def _append(text: str, new: str) -> str:
    """Add words at the end of a clause: a new sentence after its full stop, but words that
    continue the sentence ("and its causes") before it."""
    body = text.rstrip()
    if new.strip()[:1].islower() or new.strip()[:1] in ",;":
        stop = re.search(r"[.;:!?]+[\"'”’)]*$", body)
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
    new = new.strip()
    left, right = text[:at], text[at:]
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


def _inline(operation: Operation) -> str:
    return " ".join(operation.text.split())


# --- helpers ------------------------------------------------------------------------------


def _is_kind(block: Block, noun: str) -> bool:
    if noun == "paragraph":
        return block.kind == PARAGRAPH
    if noun == "bullet point":
        return block.kind == ITEM and bool(block.bullet)
    if noun in ("point", "rule"):
        return block.kind == ITEM
    if noun == "heading":
        return block.kind == HEADING
    if noun == "section":
        return is_section_start(block)
    return False


def _plural(noun: str, count: int) -> str:
    return noun if count == 1 else noun + "s"


def _noun_of(block: Block) -> str:
    if block.kind == HEADING:
        return "heading"
    if block.bullet:
        return "bullet point"
    if block.kind == ITEM:
        return "point"
    return "paragraph"


def _plain(block: Block) -> Block:
    """A block from an instruction, drawn afresh: no source, no stray indentation."""
    if block.kind == HEADING:
        return replace(block, source=None, indent="", gap=" ")
    return replace(
        block,
        source=None,
        indent="  " * block.depth if block.kind == ITEM else "",
        gap=" " if block.gap.strip(" \t\u00a0") == "" else block.gap,
    )


def _blocks_of(text: str) -> Block:
    parsed = parse(text.strip())
    if len(parsed.blocks) != 1:
        return Block(PARAGRAPH, " ".join(text.split()))
    return parsed.blocks[0]


_COMPARABLE_TRANSLATION = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "}
)


def _comparable(text: str) -> str:
    return " ".join(text.translate(_COMPARABLE_TRANSLATION).split()).strip().lower()


def _predecessor_key(key: str) -> str:
    match = re.search(r"(\d+)$", key)
    if not match:
        return ""
    number = int(match.group(1))
    if number <= 1:
        return key[: match.start()].rstrip(".")
    return key[: match.start()] + str(number - 1)


def _label_predecessor(label: str) -> str:
    match = re.search(r"(\d+)(\D*)$", label)
    if not match or int(match.group(1)) <= 1:
        return label
    return label[: match.start()] + str(int(match.group(1)) - 1) + match.group(2)


def _without_the(ref: Ref) -> str:
    return ref.describe().removeprefix("the ")


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


# Renumbering ----------------------------------------------------------------------------

_NUMBER_AT_END = re.compile(r"(\d+)(\D*)$")
_LETTERS_AT_END = re.compile(r"(?<![A-Za-z])([A-Za-z]+)([^A-Za-z0-9]*)$")


def renumber(document: Document) -> Document:
    """Number each run of sibling points 1, 2, 3... (0, 1, 2... where the text uses "1.0");
    lettered points (a), (b), (c)... and roman ones i, ii, iii... in their own style."""
    blocks = list(document.blocks)
    expected: dict[tuple[int, str], int] = {}
    prefix_map: dict[str, str] = {}
    deepest = 0  # the depth of the last numbered point: no count deeper than it is kept
    for index, block in enumerate(blocks):
        if block.kind == HEADING:
            expected.clear()
            continue
        if block.kind != ITEM or not block.label:
            continue
        match = _NUMBER_AT_END.search(block.label)
        if not match:
            new_label = _next_letter_label(block, expected)
            if new_label and new_label != block.label:
                blocks[index] = block.with_label(new_label)
            deepest = max(deepest, block.depth)
            continue
        head = block.label[: match.start()]
        # The longest renumbered parent the label starts with ("2." of "2.3"): prefixes end
        # in ".", so only the head's own "."-ended prefixes are looked up.
        for cut in range(len(head), 0, -1):
            if head[cut - 1] != ".":
                continue
            new = prefix_map.get(head[:cut])
            if new is not None and new != head[:cut]:
                head = new + head[cut:]
                break
        template = (block.depth, head + "{}" + match.group(2))
        number = expected.get(template, min(int(match.group(1)), 1))
        expected[template] = number + 1
        if block.depth < deepest:  # back out of sub-points: their counts start afresh
            for stale in [t for t in expected if t[0] > block.depth]:
                del expected[stale]
        deepest = block.depth
        new_label = head + str(number) + match.group(2)
        old_prefix = block.label.rstrip(".)") + "."
        prefix_map[old_prefix] = new_label.rstrip(".)") + "."
        if new_label != block.label:
            blocks[index] = block.with_label(new_label)
    return Document(tuple(blocks), document.gaps, document.trailing)


def _next_letter_label(block: Block, expected: dict[tuple[int, str], int]) -> str:
    """The label a lettered or roman-numbered point takes in its run, or "" for neither.

    A run is roman when its first point is "i" or any numeral of two letters or more, else
    lettered; the run's style is kept in the template so that "(v)" after "(iv)" stays roman.
    """
    match = _LETTERS_AT_END.search(block.label)
    if not match or len(match.group(1)) > 1 and not roman_value(match.group(1)):
        return ""
    token, head, tail = match.group(1), block.label[: match.start()], match.group(2)
    for stale in [t for t in expected if t[0] > block.depth]:
        del expected[stale]
    for style in ("roman", "letter"):
        template = (block.depth, f"{head}{{{style}}}{tail}")
        if template in expected:
            break
    else:
        style = "roman" if token.lower() == "i" or len(token) > 1 else "letter"
        template = (block.depth, f"{head}{{{style}}}{tail}")
    number = expected.get(template, 1)
    expected[template] = number + 1
    if style == "roman":
        return head + roman_numeral(number, token.isupper()) + tail
    if number > 26:
        return block.label
    letter = chr(ord("a") + number - 1)
    return head + (letter.upper() if token.isupper() else letter) + tail
