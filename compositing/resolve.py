"""Find the places an amendment names in a text: each :class:`~operations.Step` in turn.

A place is a :class:`Region`: a run of blocks, and where the instruction names words rather than
blocks (sentences, printed lines, a definition), the spans of text inside them. Each step is
looked for inside the region the step before it found, in the text's own structure
(:mod:`compositing.structure`): "Rule 5" finds the unit numbered 5, "paragraph 2" its second
paragraph, "line 6" its sixth printed line. A place that is not there, or is there more than
once, is an error that says what the text has instead; the only guess ever made is none: a
scope naming a part the text does not have at all (an excerpt of "standing order 1.1" that
prints only its "b)") is taken as naming the document, and the reading says so.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cached_property

from compositing.errors import AmbiguousAnchor, AnchorNotFound, ClauseNotFound, NotUnderstood
from compositing.operations import Step, Target
from compositing.search import comparable, find_all, starts_at
from compositing.structure import (
    CLAUSE,
    HEADED,
    ROOT,
    Structure,
    Unit,
    comparable_title,
    structure_of,
)
from compositing.text import HEADING, ITEM, PARAGRAPH, Document, label_parts, sentence_spans
from compositing.vocabulary import UNIT_NOUNS, ordinal_word, plural

__all__ = ["Region", "Resolver", "find_words"]


@dataclass(frozen=True)
class Region:
    """Blocks ``[start, end)``; ``spans`` are (block, from, to) when the place is words."""

    start: int
    end: int
    name: str
    unit: Unit | None = None
    spans: tuple[tuple[int, int, int], ...] = ()
    lines: bool = False  # the spans are printed lines: words found must start on them

    @property
    def whole_blocks(self) -> bool:
        return not self.spans


def find_words(document: Document, words: str, region: Region) -> list[tuple[int, int, int]]:
    """Every place the words are in the region (exactly; case-blind only if nowhere exact).
    In a region of sentences or printed lines, the places that start in them."""
    if not words.strip():
        return []
    for ignore_case in (False, True):
        found = _places(document, words, region, ignore_case)
        if found:
            return found
    return []


def _places(
    document: Document, words: str, region: Region, ignore_case: bool
) -> list[tuple[int, int, int]]:
    blocks = document.blocks
    if region.spans:
        found = []
        for block, start, end in region.spans:
            text = blocks[block].text
            for s, e in find_all(text, words, ignore_case, start, max(end, start + 1)):
                found.append((block, s, e))
        return list(dict.fromkeys(found))
    if region.start >= region.end:
        return []
    # One search of all the blocks joined (by a character no instruction can quote).
    joined, offsets = document.joined()
    last = region.end - 1
    stop = offsets[last] + len(blocks[last].text)
    found = []
    for start, end in find_all(joined, words, ignore_case, offsets[region.start], stop):
        block = bisect_right(offsets, start) - 1
        found.append((block, start - offsets[block], end - offsets[block]))
    return found


_ITEM_NOUNS = ("item", "point", "bullet point", "list", "sub-paragraph")
_UNIT_NAMED = ("clause", "rule", "section", "article", "standing order", "chapter", "part",
               "schedule", "bylaw", "regulation", "appendix")  # fmt: skip


_ITEM_NOUNS = ("bullet point", "point", "item", "sub-paragraph")


class Resolver:
    """Finds the steps of targets in one document, for one instruction (named in errors)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.blocks = document.blocks
        self.whole = Region(0, len(self.blocks), "the text")
        self.notes: list[str] = []

    @cached_property
    def structure(self) -> Structure:
        """Built only when an instruction names a part of the text, not for quoted words."""
        return structure_of(self.document)

    # -- naming places in messages
    def place(self, block: int, offset: int = 0) -> str:
        line = self.document.line_at(block, offset)
        unit = self.structure.unit_at(block)
        node = self.blocks[block]
        if unit is not None and unit.kind == CLAUSE:
            return f"{_point_name(unit)} (line {line})"
        if node.kind == HEADING:
            return f"the heading {node.text[:40]!r} (line {line})"
        owner = self.structure.innermost(block)
        if owner.kind != ROOT and owner.label:
            return f"line {line} (in {owner.describe()})"
        return f"line {line}"

    def labels_hint(self, region: Region) -> str:
        units = [u for u in self.structure.units if u.label and region.start <= u.head < region.end]
        if not units:
            return " It has no numbered points."
        shown = ", ".join(u.shown_label() for u in units[:12])
        shown += ", ..." if len(units) > 12 else ""
        return f" Its numbered points are: {shown}."

    # -- targets
    def region(
        self,
        target: Target,
        within: Region,
        source: str,
        near: Target | None = None,
        as_scope: bool = False,
    ) -> Region:
        region = within
        for step in target.steps:
            if step.noun in _ITEM_NOUNS:
                region = self.with_its_list(region)
            region = self.step(step, region, source, near, as_scope)
        return region

    def with_its_list(self, region: Region) -> Region:
        """ "In the first paragraph, delete the second bullet point": the paragraph with the
        list it introduces ("Conference notes:" and its points)."""
        if region.end - region.start != 1 or region.spans or region.unit is not None:
            return region
        head = self.blocks[region.start]
        if head.kind != PARAGRAPH or not head.text.rstrip().endswith(":"):
            return region
        end = region.end
        while end < len(self.blocks) and self.blocks[end].kind == ITEM:
            end += 1
        return replace(region, end=end)

    def step(
        self, step: Step, within: Region, source: str, near: Target | None, as_scope: bool
    ) -> Region:
        kind = step.kind
        if kind == "whole":
            return self.whole_document(step, within)
        if kind == "label":
            return self.by_label(step, within, source, near, as_scope)
        if kind == "title":
            return self.by_title(step, within, source, as_scope)
        if kind == "lines":
            return self.lines(step, within, source)
        if kind in ("nth", "nth_beginning", "nth_containing"):
            return self.nth(step, within, source)
        if kind in ("beginning", "containing", "quoted"):
            return self.by_words(step, within, source)
        if kind == "definition":
            return self.definition(step, within, source)
        if kind == "like":
            return self.like(step, within, source)
        if kind == "bare":
            return self.bare(step, within, source)
        raise NotUnderstood(f"Cannot tell which part of the text {source!r} means.", source)

    def unit_of(self, region: Region) -> Unit:
        if region.unit is not None:
            return region.unit
        if region is self.whole:
            return self.structure.root
        return (
            self.structure.innermost(region.start)
            if region.start < len(self.blocks)
            else (self.structure.root)
        )

    def unit_region(self, unit: Unit, name: str = "") -> Region:
        return Region(unit.start, unit.end, name or unit.describe(), unit)

    def whole_document(self, step: Step, within: Region) -> Region:
        title = step.title
        if title and title != title.lower():
            found = [
                u
                for u in self.structure.by_title(title, self.unit_of(within))
                if within.start <= u.start and u.end <= within.end
            ]
            if len(found) == 1:
                return self.unit_region(found[0])
        if title and within is self.whole:
            self.notes.append(f"“{title}” is read as the name of the document the text is from.")
        return within

    # -- by label
    def by_label(
        self, step: Step, within: Region, source: str, near: Target | None, as_scope: bool
    ) -> Region:
        parts = label_parts(step.label)
        scope_unit = self.unit_of(within)
        found = [
            u
            for u in self.structure.by_parts(parts, scope_unit, step.noun)
            if within.start <= u.start and u.end <= within.end and u is not scope_unit
        ]
        if len(found) > 1:
            found = self.narrowed(found, step, near, within, source)
        if found and step.noun == "bullet point" and parts[-1].isdigit():
            # "Bullet point 2" of a text with bullets and numbered points: the second bullet
            found = [u for u in found if self.blocks[u.head].bullet]
        if step.title and found:
            titled = [u for u in found if _title_matches(u, step.title, self.blocks)]
            if not titled:
                raise self.title_mismatch(step, found[0], within, source)
            found = titled
        if not found:
            return self.label_not_found(step, parts, within, source, as_scope)
        if len(found) > 1:
            raise self.ambiguous_label(step, found, source)
        unit = found[0]
        if step.until is not None:
            last = self.by_label(step.until, within, source, near, as_scope)
            if last.start < unit.start:
                raise ClauseNotFound(
                    f"Cannot apply {source!r}: {step.until.describe()} comes before "
                    f"{_noun_for(step)} {step.label}.",
                    source,
                )
            return Region(unit.start, last.end, step.describe(), unit)
        return self.unit_region(unit, _unit_name(unit, step))

    def narrowed(
        self, found: list[Unit], step: Step, near: Target | None, within: Region, source: str
    ) -> list[Unit]:
        """Several units with the label: the one the instruction's noun, the printed style of
        the label, or the place named just before it picks out."""
        if step.noun:
            named = [u for u in found if u.noun == step.noun]
            if named:
                found = named
        if len(found) > 1 and step.noun == "section":
            sections = [u for u in found if u.kind == HEADED or u.heads_a_section]
            if sections:
                found = sections
        if len(found) > 1:
            shaped = [u for u in found if _same_shape(u.label, step.label)]
            if shaped:
                found = shaped
        if len(found) > 1 and near:
            try:
                neighbour = self.region(near, within, source)
            except (ClauseNotFound, AnchorNotFound, AmbiguousAnchor, NotUnderstood):
                neighbour = None
            if neighbour is not None and neighbour.unit is not None:
                parent = neighbour.unit.parent
                close = [u for u in found if u.parent is parent]
                if close:
                    found = close
        return found

    def label_not_found(
        self, step: Step, parts: tuple[str, ...], within: Region, source: str, as_scope: bool
    ) -> Region:
        noun = _noun_for(step)
        counted = ("paragraph", "bullet point", "heading", "item", "point", "sub-paragraph")
        # "Point 2" of a text whose points are unnumbered is its second point; where the
        # points carry numbers, a missing number is missing (one an earlier amendment deleted
        # is not its neighbour's).
        if (
            step.noun in counted
            and len(parts) == 1
            and parts[0].isdigit()
            and (step.noun in ("paragraph", "bullet point") or not self.numbered_points(within))
        ):
            ordinal = Step("nth", noun=step.noun, nth=int(parts[0]))
            try:
                return replace(self.nth(ordinal, within, source), name=step.describe())
            except ClauseNotFound:
                if step.noun != "paragraph":
                    raise
        group = self.implied_group(parts, within)
        if group is not None:
            return group
        if step.title:
            titled = [u for u in self.structure.by_title(step.title)]
            if titled:
                raise ClauseNotFound(
                    f"Cannot apply {source!r}: there is no {noun} {step.label} in "
                    f"{within.name}, and the {noun} called “{step.title}” is "
                    f"{titled[0].describe()}. Say which is meant.",
                    source,
                )
        if as_scope and self.names_the_document(parts, step, within):
            self.notes.append(
                f"The text has no {noun} numbered like {step.label}: “{step.describe()}” is read "
                "as naming the document the text is from."
            )
            return within
        raise ClauseNotFound(
            f"Cannot apply {source!r}: there is no {noun} {_shown(step.label)} in "
            f"{within.name}.{self.labels_hint(within)}",
            source,
        )

    def numbered_points(self, within: Region) -> bool:
        return any(
            u.label and u.parts[-1].isdigit()
            for u in self.structure.units
            if within.start <= u.head < within.end
        )

    def implied_group(self, parts: tuple[str, ...], within: Region) -> Region | None:
        """ "Section 2.3" of a text that numbers only 2.3.1, 2.3.2 ...: those clauses."""
        if not parts:
            return None
        members = [
            u
            for u in self.structure.units
            if len(u.path) > len(parts)
            and u.path[: len(parts)] == parts
            and within.start <= u.start
            and u.end <= within.end
        ]
        if not members:
            return None
        start = min(u.start for u in members)
        end = max(u.end for u in members)
        return Region(start, end, "section " + ".".join(parts), None)

    def names_the_document(self, parts: tuple[str, ...], step: Step, within: Region) -> bool:
        """The scope names a part the text has nothing like: the text is an excerpt of it."""
        depth = len(parts)
        for unit in self.structure.units:
            if not (within.start <= unit.start < within.end):
                continue
            if step.noun and unit.noun == step.noun:
                return False
            if len(unit.path) == depth and unit.style == "dotted" and parts[-1].isdigit():
                return False
        return True

    def title_mismatch(self, step: Step, unit: Unit, within: Region, source: str) -> Exception:
        titled = self.structure.by_title(step.title)
        elsewhere = ""
        if titled:
            elsewhere = f" The {_noun_for(step)} called “{step.title}” is {titled[0].describe()}."
        return ClauseNotFound(
            f"Cannot apply {source!r}: {unit.describe()} is called “{unit.title}”, not "
            f"“{step.title}”.{elsewhere} Check the number and the title.",
            source,
        )

    def ambiguous_label(self, step: Step, found: list[Unit], source: str) -> Exception:
        places = "; ".join(self.place(u.head) for u in found)
        return AmbiguousAnchor(
            f"Cannot apply {source!r}: there are {len(found)} places numbered "
            f"{_shown(step.label)}: {places}. Say which one, e.g. by its line number.",
            source,
        )

    # -- by title
    def by_title(self, step: Step, within: Region, source: str, as_scope: bool) -> Region:
        scope_unit = self.unit_of(within)
        found = [
            u
            for u in self.structure.by_title(step.title, scope_unit)
            if within.start <= u.start and u.end <= within.end
        ]
        if len(found) == 1:
            return self.unit_region(found[0], f"“{step.title}”")
        if len(found) > 1:
            places = "; ".join(self.place(u.head) for u in found)
            raise AmbiguousAnchor(
                f"Cannot apply {source!r}: {len(found)} parts of the text are called "
                f"“{step.title}”: {places}.",
                source,
            )
        proper = step.title[:1].isupper()
        if as_scope and proper:
            self.notes.append(
                f"“{step.title}” is not a heading of the text: it is read as the name of the "
                "document the text is from."
            )
            return within
        raise NotUnderstood(
            f"Cannot tell which part of the text {step.title!r} is, in {source!r}. Name it as, "
            "e.g., 'section 1' or 'point 2.3'.",
            source,
        )

    # -- ordinals
    def candidates(self, noun: str, within: Region) -> list[tuple[int, int]]:
        """The parts of a region an ordinal counts, as block ranges.

        Inside a unit ("the second paragraph of Rule 103") its paragraphs are counted as the
        unit sets them out, a paragraph with the list it introduces being one; in the whole
        text every paragraph block counts. Points and bullet points are counted wherever they
        are in the region, each with what is indented under it.
        """
        unit = self.unit_of(within)
        structure = self.structure
        if within.spans:
            return [(b, b + 1) for b in dict.fromkeys(b for b, _, _ in within.spans)]
        blocks = range(within.start, within.end)
        if noun == "paragraph":
            if unit.kind != ROOT and unit.start == within.start and unit.end == within.end:
                return structure.paragraphs(unit)
            inside_unit = (
                [
                    c
                    for c in structure.paragraphs(unit)
                    if within.start <= c[0] and c[1] <= within.end
                ]
                if unit.kind != ROOT
                else []
            )
            if inside_unit and within.unit is None:
                return inside_unit
            found = [(i, i + 1) for i in blocks if self.blocks[i].kind == PARAGRAPH]
            return found or [
                (i, i + 1)
                for i in blocks
                if self.blocks[i].kind != HEADING and self.blocks[i].depth == 0
            ]
        if noun in ("item", "point", "bullet point", "sub-paragraph"):
            # "The first point" is the point itself (and what is indented under it), not the
            # clauses its number heads.
            return [
                (i, self.own_extent(i))
                for i in blocks
                if self.blocks[i].kind == ITEM and (noun != "bullet point" or self.blocks[i].bullet)
            ]
        if noun == "list":
            return [r for r in structure.lists(unit) if within.start <= r[0] and r[1] <= within.end]
        if noun == "heading":
            return [(i, i + 1) for i in blocks if self.blocks[i].kind == HEADING]
        if noun in _UNIT_NAMED:
            children = [u for u in unit.children if within.start <= u.start and u.end <= within.end]
            return [(u.start, u.end) for u in children]
        return []

    def nth(self, step: Step, within: Region, source: str) -> Region:
        noun = step.noun or "point"
        if noun == "sentence":
            return self.sentences(step, within, source)
        if noun == "line":
            lines = self.printed_lines(within)
            number = step.nth if step.nth > 0 else len(lines) + step.nth + 1
            return self.lines(Step("lines", first=number, last=number), within, source)
        candidates = self.candidates(noun, within)
        if step.kind in ("nth_beginning", "nth_containing") or step.words:
            candidates = [c for c in candidates if self.says(c, step)]
        return self.counted(step, noun, candidates, within, source)

    def counted(
        self, step: Step, noun: str, candidates: list[tuple[int, int]], within: Region, source: str
    ) -> Region:
        if step.nth == 0:
            if len(candidates) != 1:
                where = within.name
                raise (ClauseNotFound if not candidates else AmbiguousAnchor)(
                    f"Cannot apply {source!r}: {where} has {len(candidates)} "
                    f"{plural(noun, len(candidates))}, so “the {noun}” does not say which.",
                    source,
                )
            start, end = candidates[0]
            return Region(start, end, f"the {noun} of {within.name}")
        count = max(step.count, 1)
        first = step.nth - 1 if step.nth > 0 else len(candidates) + step.nth
        chosen = candidates[first : first + count] if first >= 0 else []
        if len(chosen) != count:
            raise ClauseNotFound(
                f"Cannot apply {source!r}: {within.name} has {len(candidates)} "
                f"{plural(noun, len(candidates))}, so it has no "
                f"{step.describe().removeprefix('the ')}.",
                source,
            )
        name = step.describe() + ("" if within is self.whole else f" of {within.name}")
        unit = self.structure.unit_at(chosen[0][0])
        exact = None
        if unit is not None and (unit.start, unit.end) == chosen[0] and count == 1:
            exact = unit
        return Region(chosen[0][0], chosen[-1][1], name, exact)

    def says(self, extent: tuple[int, int], step: Step) -> bool:
        text = self.blocks[extent[0]].text
        words = step.words
        if step.kind in ("nth_beginning",):
            return starts_at(text, words)
        if step.kind == "nth_containing":
            return bool(find_all(text, words))
        return comparable(text) == comparable(words) or comparable(
            self.blocks[extent[0]].label + " " + text
        ) == comparable(words)

    # -- sentences
    def sentences(self, step: Step, within: Region, source: str) -> Region:
        spans = self.sentence_spans(within)
        if step.words and step.kind in ("beginning", "nth_beginning"):
            spans = [s for s in spans if starts_at(self.blocks[s[0]].text, step.words, s[1])]
        count = max(step.count, 1)
        if step.kind == "bare" or step.nth == 0 and step.kind == "nth":
            if len(spans) != 1:
                raise AmbiguousAnchor(
                    f"Cannot apply {source!r}: {within.name} has {len(spans)} sentences.", source
                )
            chosen = spans
        else:
            first = step.nth - 1 if step.nth > 0 else len(spans) + step.nth
            chosen = spans[first : first + count] if first >= 0 else []
        if len(chosen) != count:
            raise ClauseNotFound(
                f"Cannot apply {source!r}: {within.name} has {len(spans)} "
                f"{plural('sentence', len(spans))}, so it has no "
                f"{step.describe().removeprefix('the ')}.",
                source,
            )
        if (
            step.words
            and step.kind == "nth"
            and not _says_sentence(self.blocks, chosen, step.words)
        ):
            raise AnchorNotFound(
                f"Cannot apply {source!r}: {step.describe()} of {within.name} does not read "
                f"“{step.words}”.",
                source,
            )
        name = step.describe() + ("" if within is self.whole else f" of {within.name}")
        blocks = [b for b, _, _ in chosen]
        return Region(min(blocks), max(blocks) + 1, name, spans=tuple(chosen))

    def sentence_spans(self, within: Region) -> list[tuple[int, int, int]]:
        if within.spans:
            found = []
            for block, start, end in within.spans:
                for s, e in sentence_spans(self.blocks[block].text):
                    if start <= s and e <= max(end, s):
                        found.append((block, s, e))
            return found
        body = range(within.start, within.end)
        unit = within.unit
        if unit is not None and unit.kind == HEADED:
            body = self.structure.body(unit)
        return self.structure.sentences(body.start, body.stop)

    # -- printed lines
    def printed_lines(self, within: Region) -> list:
        if within.spans:
            return [
                line
                for line in self.document.lines()
                if any(
                    b == line.block and line.start < e and s < max(line.end, line.start + 1)
                    for b, s, e in within.spans
                )
            ]
        return self.structure.lines(within.start, within.end)

    def lines(self, step: Step, within: Region, source: str) -> Region:
        lines = (
            self.printed_lines(within) if within is not self.whole else list(self.document.lines())
        )
        first, last = step.first, step.last
        if first < 1 or last > len(lines) or first > last:
            where = "the text" if within is self.whole else within.name
            raise ClauseNotFound(
                f"Cannot apply {source!r}: {where} has {len(lines)} numbered lines, so it has "
                f"no {step.describe()}.",
                source,
            )
        chosen = lines[first - 1 : last]
        spans: dict[int, list[int]] = {}
        for line in chosen:
            span = spans.setdefault(line.block, [line.start, line.end])
            span[1] = line.end
        ordered = tuple((b, s, e) for b, (s, e) in spans.items())
        name = step.describe() + ("" if within is self.whole else f" of {within.name}")
        return Region(ordered[0][0], ordered[-1][0] + 1, name, spans=ordered, lines=True)

    # -- by the words a part says
    def elements(self, noun: str, within: Region) -> list[tuple[int, int]]:
        if noun in ("", "words"):
            return [(i, self.extent_of(i)) for i in range(within.start, within.end)]
        if noun == "paragraph":
            blocks = [
                (i, i + 1)
                for i in range(within.start, within.end)
                if self.blocks[i].kind == PARAGRAPH
            ]
            return blocks + [c for c in self.candidates("paragraph", within) if c not in blocks]
        if noun in ("item", "point", "bullet point", "sub-paragraph", "list"):
            return self.candidates("item", within)
        if noun in _UNIT_NAMED or noun == "heading":
            return [
                (u.start, u.end)
                for u in self.structure.units
                if within.start <= u.start and u.end <= within.end
            ]
        return [(i, self.extent_of(i)) for i in range(within.start, within.end)]

    def own_extent(self, index: int) -> int:
        end = index + 1
        depth = self.blocks[index].depth
        while (
            end < len(self.blocks)
            and self.blocks[end].kind != HEADING
            and (self.blocks[end].depth > depth)
        ):
            end += 1
        return end

    def extent_of(self, index: int) -> int:
        unit = self.structure.unit_at(index)
        if unit is not None:
            return unit.end
        end = index + 1
        depth = self.blocks[index].depth
        while (
            end < len(self.blocks)
            and self.blocks[end].kind == ITEM
            and (self.blocks[end].depth > depth)
        ):
            end += 1
        return end

    def by_words(self, step: Step, within: Region, source: str) -> Region:
        noun = step.noun
        if noun == "sentence":
            return self.sentence_by_words(step, within, source)
        if noun in _UNIT_NAMED and step.kind == "quoted":
            titled = [
                u
                for u in self.structure.by_title(step.words, self.unit_of(within))
                if within.start <= u.start and u.end <= within.end
            ]
            if len(titled) == 1:
                return self.unit_region(titled[0], f"the {noun} “{step.words}”")
        elements = self.elements(noun, within)
        found = [(s, e) for s, e in elements if self.block_says(s, step)]
        if not found:  # case-blind only when nothing matches exactly
            found = [(s, e) for s, e in elements if self.block_says(s, step, ignore_case=True)]
        found = list(dict.fromkeys(found))
        if step.kind == "quoted" and not found:
            found = self.blocks_reading(step.words, within)
        if len(found) != 1:
            what = {"beginning": "begin with", "containing": "contain", "quoted": "read"}[step.kind]
            noun_name = noun or "part"
            places = "; ".join(self.place(s) for s, _ in found[:8])
            raise (AnchorNotFound if not found else AmbiguousAnchor)(
                f"Cannot apply {source!r}: {len(found)} {plural(noun_name, len(found))} in "
                f"{within.name} {what} {step.words!r}"
                + (f": {places}" if found else "")
                + ". Quote the words exactly as they stand.",
                source,
            )
        start, end = found[0]
        unit = self.structure.unit_at(start)
        exact = unit if unit is not None and unit.end == end else None
        return Region(start, end, step.describe(), exact)

    def block_says(self, index: int, step: Step, ignore_case: bool = False) -> bool:
        block = self.blocks[index]
        if block.kind == HEADING and step.noun not in ("heading", "section", ""):
            return False
        text = block.text
        words = step.words
        if step.kind == "beginning":
            return starts_at(text, words, 0, ignore_case) or starts_at(
                f"{block.label} {text}".strip(), words, 0, ignore_case
            )
        if step.kind == "containing":
            return bool(find_all(text, words, ignore_case))
        wanted = comparable(words)
        return (
            comparable(text) == wanted
            or comparable(f"{block.label} {text}") == wanted
            or (comparable(re.sub(r"^\s*[-*+•●–—◦▪■‣⁃·]\s*", "", words)) == comparable(text))
        )

    def blocks_reading(self, words: str, within: Region) -> list[tuple[int, int]]:
        """Whole blocks quoted together ("the list item '2. ...'" written over two lines)."""
        wanted = comparable(words)
        found = []
        for start in range(within.start, within.end):
            joined = ""
            for end in range(start, min(within.end, start + 20)):
                block = self.blocks[end]
                joined = (joined + " " + comparable(f"{block.label} {block.text}")).strip()
                if joined == wanted:
                    found.append((start, end + 1))
                    break
                if not wanted.startswith(joined):
                    break
        return found

    def sentence_by_words(self, step: Step, within: Region, source: str) -> Region:
        spans = self.sentence_spans(within)
        if step.kind == "beginning":
            found = [s for s in spans if starts_at(self.blocks[s[0]].text, step.words, s[1])]
        elif step.kind == "containing":
            found = [
                s for s in spans if find_all(self.blocks[s[0]].text, step.words, False, s[1], s[2])
            ]
        else:
            wanted = comparable(step.words).rstrip(".")
            found = [
                s
                for s in spans
                if comparable(self.blocks[s[0]].text[s[1] : s[2]]).rstrip(".") == wanted
            ]
        if not found:
            raise AnchorNotFound(
                f"Cannot apply {source!r}: no sentence in {within.name} "
                f"{'begins with' if step.kind == 'beginning' else 'reads'} {step.words!r}. "
                "Check the words against the text as it now stands.",
                source,
            )
        if len(found) > 1:
            places = "; ".join(self.place(b, s) for b, s, _ in found)
            raise AmbiguousAnchor(
                f"Cannot apply {source!r}: {len(found)} sentences in {within.name} begin with "
                f"{step.words!r}: {places}. Quote more of the opening words, or say which point.",
                source,
            )
        block, start, end = found[0]
        return Region(block, block + 1, step.describe(), spans=(found[0],))

    # -- definitions
    def definition(self, step: Step, within: Region, source: str) -> Region:
        term = step.words
        found = []
        for index in range(within.start, within.end):
            text = self.blocks[index].text
            opening = len(text) - len(text.lstrip("\"“‘'"))
            places = find_all(text, term, True, opening, opening + 1)
            if not places:
                continue
            after = _DEFINES.match(text, places[0][1])
            if after:
                found.append((index, after.end(), len(text)))
        if len(found) != 1:
            raise (AnchorNotFound if not found else AmbiguousAnchor)(
                f"Cannot apply {source!r}: {len(found)} definitions of “{term}” in {within.name}.",
                source,
            )
        block = found[0][0]
        return Region(block, block + 1, step.describe(), spans=(found[0],))

    # -- a part as it will read: the one it is close to
    def like(self, step: Step, within: Region, source: str) -> Region:
        wanted = comparable(step.words)
        scored = []
        for index in range(within.start, within.end):
            block = self.blocks[index]
            if block.kind == HEADING or not block.text.strip():
                continue
            ratio = SequenceMatcher(None, comparable(block.text), wanted, autojunk=False).ratio()
            scored.append((ratio, index))
        scored.sort(reverse=True)
        clear = (
            bool(scored)
            and scored[0][0] >= 0.6
            and (len(scored) == 1 or scored[1][0] <= scored[0][0] - 0.1)
        )
        if not clear:
            raise AnchorNotFound(
                f"Cannot apply {source!r}: no single part of {within.name} is close enough to "
                "the quoted words to be the part they restate. Say which part they replace.",
                source,
            )
        index = scored[0][1]
        return Region(index, index + 1, self.place(index))

    # -- "the list", "the Annexe"
    def bare(self, step: Step, within: Region, source: str) -> Region:
        noun = step.noun
        if noun in ("list", "item"):
            return self.counted(
                Step("nth", noun="list", nth=0),
                "list",
                self.candidates("list", within),
                within,
                source,
            )
        if noun in _UNIT_NAMED:
            forms = UNIT_NOUNS.get(noun, (noun,))
            found = [
                u
                for u in self.structure.units
                if within.start <= u.start
                and u.end <= within.end
                and u.title
                and comparable_title(u.title).split()[:1]
                and comparable_title(u.title).split()[0] in forms
            ]
            if len(found) == 1:
                return self.unit_region(found[0], f"“{found[0].title}”")
        if (
            within is not self.whole
            and (within.unit is not None)
            and (not noun or within.unit.noun in (noun, "") or noun in ("section", "clause"))
        ):
            return within
        raise NotUnderstood(
            f"Cannot tell which {noun or 'part'} {source!r} means: name it by its number.", source
        )


_DEFINES = re.compile(r"[\"”’']?\s*(?::|[-–—]|\bmeans\b|\bis\b)\s*", re.IGNORECASE)


def _items_in(structure: Structure, unit: Unit, within: Region) -> list[tuple[int, int]]:
    items = [r for r in structure.items(unit) if within.start <= r[0] and r[1] <= within.end]
    if items:
        return items
    found = []
    for child in unit.children:
        if within.start <= child.start and child.end <= within.end:
            found.extend(r for r in structure.items(child))
    return found


def _says_sentence(blocks, chosen, words: str) -> bool:
    joined = " ".join(blocks[b].text[s:e] for b, s, e in chosen)
    return comparable(joined).rstrip(".") == comparable(words).rstrip(".")


def _title_matches(unit: Unit, title: str, blocks) -> bool:
    wanted = comparable_title(title)
    candidates = [unit.title, blocks[unit.head].text]
    return any(
        comparable_title(c) == wanted or comparable_title(c).startswith(wanted + " ")
        for c in candidates
        if c
    )


def _same_shape(printed: str, written: str) -> bool:
    def shape(label: str) -> str:
        return re.sub(r"[A-Za-z0-9]+", "x", label.strip("* ").rstrip("."))

    return shape(printed) == shape(written)


def _shown(label: str) -> str:
    label = label.strip().rstrip(".")
    if label.endswith(")") and not label.startswith("(") and "(" not in label:
        label = label[:-1]
    return label


def _noun_for(step: Step) -> str:
    return step.noun or "point"


def _point_name(unit: Unit) -> str:
    label = unit.shown_label()
    if unit.noun and not label.lower().startswith(unit.noun):
        return f"{unit.noun} {label}"
    return f"point {label}"


def _unit_name(unit: Unit, step: Step) -> str:
    noun = step.noun or unit.noun or ("section" if unit.kind == HEADED else "point")
    shown = unit.shown_label()
    if shown.lower().startswith(noun):
        return shown
    return f"{noun} {_shown(step.label)}"


__all__ += ["ordinal_word"]
