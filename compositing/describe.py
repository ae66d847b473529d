"""Write the amendment instructions that turn one text into another.

A submitter may edit a copy of the motion instead of writing instructions; this module writes the
instructions a delegate expects to read on the order paper, in the forms the instruction parser
reads back (``apply_amendment(before, describe_change(before, after)) == after``):

- whole clauses: ``Delete point 2.3.``, ``Delete point 2.3 and replace with: "..."``,
  ``Insert new point after point 2.3: "..."``, ``Add at end: "..."``; unlabelled clauses are
  named by ordinal ("the third paragraph", "paragraph 3");
- words inside a clause: ``In point 1.2, delete "or profit".``,
  ``In point 1.2, delete "X" and replace with "Y".``, ``In point 1.2, after "X" insert "Y".``,
  and, in an unlabelled clause, the same without "In point ...," but quoting enough words to be
  unique in the whole text.

The change is found by a word-token diff (:mod:`compositing.diffs`), first over whole blocks
(headings, paragraphs, list items of :mod:`compositing.text`) and then over the words of each
changed block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from compositing.diffs import BlockRun, Op, _first_difference, block_runs, tokenize, word_diff
from compositing.text import HEADING, ITEM, Block, Document, clause_end, parse, render_block

__all__ = ["describe_change"]

# A block rewritten beyond this share of its words is replaced whole: a delegate reads one
# clean clause more easily than a string of word-level edits.
_REWRITE_SHARE = 0.5
# More separate edits than this in one clause also read better as a replacement of the clause.
_MAX_EDITS_PER_CLAUSE = 3

_PUNCTUATION_WITHOUT_SPACE_BEFORE = ".,;:!?)]}”’"
_WORD = re.compile(r"\w")


def describe_change(before: str, after: str) -> str:
    """The amendment instructions that turn ``before`` into ``after``, one per line.

    Returns "" when the texts are the same. Each changed clause gives one or more instructions,
    in the order of the text.
    """
    if before == after:
        return ""
    old = parse(before)
    first, last, new_blocks = _changed_middle(before, after, old)
    instructions: list[str] = []
    for run in block_runs(old.blocks[first:last], new_blocks):
        placed = BlockRun(run.start + first, run.end + first, run.new_start, run.new_end)
        instructions.extend(_describe_run(old, new_blocks, placed))
    return "\n".join(instructions)


_BLANK_LINE = "\n\n"


def _changed_middle(before: str, after: str, old: Document) -> tuple[int, int, tuple[Block, ...]]:
    """Old blocks ``[first, last)`` that may have changed, and the blocks ``after`` has there.

    Only the part of ``after`` between the unchanged head and tail is parsed: a submitter edits
    a few clauses of a long motion, and parsing is most of the work. Head and tail are cut at a
    blank line between blocks, where a block always ends whatever follows.
    """
    starts, ends = _block_offsets(old)
    head = _first_difference(before, after, min(len(before), len(after)))
    rest = min(len(before), len(after)) - head
    tail = _first_difference(before[::-1], after[::-1], rest)
    first = 0
    for index, end in enumerate(ends):
        if end + len(_BLANK_LINE) > head:
            break
        if before.startswith(_BLANK_LINE, end):
            first = index + 1
    last = len(old.blocks)
    for index in range(len(old.blocks) - 1, first - 1, -1):
        start = starts[index]
        if start - len(_BLANK_LINE) < len(before) - tail:
            break
        if before.startswith(_BLANK_LINE, start - len(_BLANK_LINE)):
            last = index
    cut_head = ends[first - 1] if first else 0
    cut_tail = len(before) - (starts[last] - len(_BLANK_LINE)) if last < len(old.blocks) else 0
    middle = after[cut_head : len(after) - cut_tail]
    return first, last, parse(middle).blocks


def _block_offsets(document: Document) -> tuple[list[int], list[int]]:
    """Where each block starts and ends in the text the document was parsed from."""
    starts, ends = [], []
    position = 0
    for gap, block in zip(document.gaps, document.blocks, strict=True):
        position += len(gap)
        starts.append(position)
        position += len(render_block(block))
        ends.append(position)
    return starts, ends


def _describe_run(old: Document, new_blocks: Sequence[Block], run: BlockRun) -> list[str]:
    old_count = run.end - run.start
    new_count = run.new_end - run.new_start
    paired = min(old_count, new_count)
    instructions: list[str] = []
    for offset in range(paired):
        instructions.extend(
            _describe_block_edit(old, run.start + offset, new_blocks[run.new_start + offset])
        )
    for index in range(run.start + paired, run.end):
        instructions.append(f"Delete {_clause_name(old, index)}.")
    inserted = list(new_blocks[run.new_start + paired : run.new_end])
    if inserted:
        instructions.extend(_describe_insertion(old, run.start + paired - 1, inserted))
    return instructions


# --- naming clauses ---------------------------------------------------------------------------

_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]


def _ordinal(number: int) -> str:
    if number <= len(_ORDINALS):
        return _ORDINALS[number - 1]
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _kind_word(block: Block) -> str:
    if block.kind == HEADING:
        return "heading"
    if block.kind == ITEM and block.bullet:
        return "bullet point"
    if block.kind == ITEM:
        return "point"
    return "paragraph"


def _label_of(block: Block) -> str:
    """The label as a delegate writes it in an instruction: "2.3." -> "2.3"."""
    return block.label.rstrip(".").strip()


def _clause_name(document: Document, index: int) -> str:
    """ "point 2.3" for a labelled clause, else "the third paragraph" (by ordinal)."""
    block = document.blocks[index]
    if _is_labelled(block):
        return f"point {_label_of(block)}"
    return f"the {_ordinal(_ordinal_number(document, index))} {_kind_word(block)}"


def _clause_number(document: Document, index: int) -> str:
    """ "point 2.3" for a labelled clause, else "paragraph 3" (the third of its kind)."""
    block = document.blocks[index]
    if _is_labelled(block):
        return f"point {_label_of(block)}"
    return f"{_kind_word(block)} {_ordinal_number(document, index)}"


def _ordinal_number(document: Document, index: int) -> int:
    """Position of an unlabelled block among the unlabelled blocks of its kind, from 1."""
    kind = _kind_word(document.blocks[index])
    return sum(
        1
        for other in document.blocks[: index + 1]
        if _kind_word(other) == kind and not _is_labelled(other)
    )


def _is_labelled(block: Block) -> bool:
    return bool(block.label) and block.kind == ITEM


# --- quoting ----------------------------------------------------------------------------------


def _quote(text: str) -> str:
    """Wrap text in straight double quotes, or curly ones when it holds a straight quote."""
    if '"' in text:
        return f"“{text}”"
    return f'"{text}"'


def _count(scope: str, needle: str) -> int:
    """Occurrences of needle in a lower-cased scope, ignoring case.

    The parser may match either way, so count strictly: unique ignoring case is unique anyway.
    """
    return scope.count(needle.lower())


# --- whole clauses ----------------------------------------------------------------------------


def _describe_insertion(old: Document, after_index: int, inserted: list[Block]) -> list[str]:
    """Instructions that insert new blocks after old block ``after_index`` (-1: at the start)."""
    instructions = []
    for block in inserted:
        if after_index == len(old.blocks) - 1:
            instructions.append(f"Add at end: {_quote(block.text)}")
            continue
        if after_index < 0:
            # Nothing precedes the new clause: name the clause it goes in front of.
            following = _clause_number(old, 0)
            instructions.append(
                f"Insert new {_kind_word(block)} before {following}: {_quote(block.text)}"
            )
            continue
        previous = _clause_number(old, after_index)
        instructions.append(
            f"Insert new {_kind_word(block)} after {previous}: {_quote(block.text)}"
        )
    return instructions


def _describe_block_edit(old: Document, index: int, new_block: Block) -> list[str]:
    """Instructions that turn old block ``index`` into ``new_block``."""
    old_block = old.blocks[index]
    name = _clause_name(old, index)
    if _marker(old_block) != _marker(new_block) or not old_block.text or not new_block.text:
        return [f"Delete {name} and replace with: {_quote(new_block.text)}"]
    segments = word_diff(old_block.text, new_block.text)
    hunks = _hunks(segments)
    if len(hunks) > _MAX_EDITS_PER_CLAUSE or _changed_share(segments) > _REWRITE_SHARE:
        return [f"Delete {name} and replace with: {_quote(new_block.text)}"]
    wording = _word_instructions(old, index, hunks, new_block.text)
    if wording is None:
        return [f"Delete {name} and replace with: {_quote(new_block.text)}"]
    return wording


def _marker(block: Block) -> tuple[str, str, str]:
    return block.kind, block.label, block.bullet


def _changed_share(segments: list[tuple[Op, str]]) -> float:
    changed = sum(len(tokenize(text)) for op, text in segments if op is not Op.EQUAL)
    total = sum(len(tokenize(text)) for _, text in segments)
    return changed / total if total else 1.0


# --- words inside a clause --------------------------------------------------------------------


@dataclass(frozen=True)
class _Hunk:
    """Old text ``[start, end)`` of a block becomes ``new`` (start == end for an insertion)."""

    start: int
    end: int
    new: str


def _hunks(segments: list[tuple[Op, str]]) -> list[_Hunk]:
    hunks: list[_Hunk] = []
    position = 0
    current: _Hunk | None = None
    for op, text in segments:
        if op is Op.EQUAL:
            if current:
                hunks.append(current)
                current = None
            position += len(text)
            continue
        if current is None:
            current = _Hunk(position, position, "")
        if op is Op.DELETE:
            position += len(text)
            current = _Hunk(current.start, position, current.new)
        else:
            current = _Hunk(current.start, current.end, current.new + text)
    if current:
        hunks.append(current)
    return hunks


def _word_instructions(
    old: Document, index: int, hunks: list[_Hunk], new_text: str
) -> list[str] | None:
    """Word-level instructions for one block, or None when no wording is unique enough."""
    block = old.blocks[index]
    text = block.text
    if _is_labelled(block):
        prefix = f"In {_clause_name(old, index)}, "
        clause = old.blocks[index : clause_end(old.blocks, index)]
        scope = "\n".join(b.text for b in clause).lower()
    else:
        prefix = ""
        scope = _document_scope(old)
    single = [_instruction_for(text, hunk, scope) for hunk in hunks]
    if None in single:
        return None
    merged = _merge_overlapping(text, [i for i in single if i is not None], scope)
    if merged is None:
        return None
    instructions = []
    for instruction in merged:
        wording = instruction.wording
        instructions.append(prefix + (wording[0].lower() + wording[1:] if prefix else wording))
    return instructions


def _document_scope(document: Document) -> str:
    """All the document's words, lower-cased, for checking that quoted words are unique."""
    scope = _SCOPES.get(id(document))
    if scope is None or scope[0] is not document:
        scope = (document, "\n".join(b.text for b in document.blocks).lower())
        _SCOPES[id(document)] = scope
        while len(_SCOPES) > 16:
            del _SCOPES[next(iter(_SCOPES))]
    return scope[1]


# Documents are immutable and parse() caches them, so a document's scope can be reused while the
# document lives; the identity check guards against an id reused by a new object.
_SCOPES: dict[int, tuple[Document, str]] = {}


@dataclass(frozen=True)
class _Instruction:
    start: int  # old text covered by the quoted words, for spotting overlaps
    end: int
    wording: str
    hunk: _Hunk


def _instruction_for(text: str, hunk: _Hunk, scope: str) -> _Instruction | None:
    """The most natural wording for one edit whose quoted words are unique in ``scope``."""
    hunk = _shift_space_to_front(text, hunk)
    expected = text[: hunk.start] + hunk.new + text[hunk.end :]
    if not hunk.new:
        deletion = _deletion_wording(text, hunk, scope, expected)
        if deletion:
            return deletion
    if hunk.start == hunk.end and hunk.new.strip():
        insertion = _insertion_wording(text, hunk, scope, expected)
        if insertion:
            return insertion
    return _replacement(text, hunk, scope)


def _deletion_wording(text: str, hunk: _Hunk, scope: str, expected: str) -> _Instruction | None:
    """ "Delete "or profit"": whole words between spaces, unique, and tidied back exactly."""
    removed = text[hunk.start : hunk.end]
    deleted = removed.strip()
    if not _WORD.search(deleted) or _count(scope, deleted) != 1:
        return None
    start = hunk.start + removed.index(deleted)
    end = start + len(deleted)
    whole_left = start == 0 or text[start - 1].isspace()
    whole_right = end == len(text) or text[end].isspace() or text[end] in _CLOSING_PUNCTUATION
    if not (whole_left and whole_right) or _remove_and_tidy(text, start, end) != expected:
        return None
    return _Instruction(hunk.start, hunk.end, f"Delete {_quote(deleted)}.", hunk)


def _insertion_wording(text: str, hunk: _Hunk, scope: str, expected: str) -> _Instruction | None:
    """ "After "X" insert "Y"", X the fewest whole words before the insertion that are unique."""
    words = hunk.new.strip()
    position = hunk.start
    at_word_end = position > 0 and not text[position - 1].isspace()
    if not at_word_end or _insert_with_space(text, position, words) != expected:
        return None
    spans = _word_spans(text)
    anchor_start: int | None = position
    while True:
        anchor_start = _previous_word_start(anchor_start, spans)
        if anchor_start is None:
            return None
        anchor = text[anchor_start:position]
        if _count(scope, anchor) == 1:
            wording = f"After {_quote(anchor)} insert {_quote(words)}."
            return _Instruction(anchor_start, position, wording, hunk)


def _shift_space_to_front(text: str, hunk: _Hunk) -> _Hunk:
    """Move a pure insertion or deletion left while that keeps the result the same.

    "the big cat" -> "the cat" diffs as deleting "big " after "the "; shifting gives deleting
    " big" after "the", so the quoted words sit between two spaces the parser can tidy.
    """
    start, end, new = hunk.start, hunk.end, hunk.new
    if start == end and new:
        while start > 0 and new[-1].isspace() and text[start - 1] == new[-1]:
            new = new[-1] + new[:-1]
            start -= 1
        return _Hunk(start, start, new)
    if not new:
        while start > 0 and text[end - 1].isspace() and text[start - 1] == text[end - 1]:
            start -= 1
            end -= 1
        return _Hunk(start, end, new)
    return hunk


def _remove_and_tidy(text: str, start: int, end: int) -> str:
    """The text with ``text[start:end]`` deleted and the spacing left behind tidied.

    Mirrors how the parser tidies a deletion: one space where two meet, no space before
    punctuation that follows, none at either end.
    """
    left, right = text[:start], text[end:]
    if left.endswith(" ") and (not right or right.startswith(" ")):
        left = left[:-1]
    if left.endswith(" ") and right[:1] and right[0] in _PUNCTUATION_WITHOUT_SPACE_BEFORE:
        left = left[:-1]
    if not left:
        right = right.lstrip()
    return left + right


def _insert_with_space(text: str, position: int, words: str) -> str:
    """The text with ``words`` put in at ``position``, as the parser's "after X insert Y" does."""
    left, right = text[:position], text[position:]
    glue = "" if words[0] in _PUNCTUATION_WITHOUT_SPACE_BEFORE else " "
    return left + glue + words + right


def _word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every token of ``text`` that holds a letter or digit."""
    spans = []
    position = 0
    for token in tokenize(text):
        if _WORD.search(token):
            spans.append((position, position + len(token)))
        position += len(token)
    return spans


def _previous_word_start(position: int, words: list[tuple[int, int]]) -> int | None:
    """Start of the last word that ends at or before ``position``, or None at the start."""
    found = None
    for start, end in words:
        if end > position:
            break
        found = start
    return found


def _next_word_end(position: int, words: list[tuple[int, int]]) -> int | None:
    """End of the first word that starts at or after ``position``, or None at the end."""
    for start, end in words:
        if start >= position:
            return end
    return None


_CLOSING_PUNCTUATION = ".,;:!?”’)]"
_OPENING_PUNCTUATION = "“‘(["


def _snap_to_words(text: str, hunk: _Hunk) -> tuple[int, int]:
    """Widen an edit that cuts into a run of non-space characters to the whole run.

    "£10/year" -> "£12/year" diffs as "10" -> "12"; a delegate quotes "£10/year". Punctuation
    that closes or opens the run is left out when the edit does not touch it ("profit." is
    quoted as "profit").
    """
    deleted = text[hunk.start : hunk.end]
    start, end = hunk.start, hunk.end
    glued_left = (deleted[:1] or hunk.new[:1] or " ").strip() and (hunk.new[:1] or "x").strip()
    if glued_left:
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while start < hunk.start and text[start] in _OPENING_PUNCTUATION:
            start += 1
    glued_right = (deleted[-1:] or hunk.new[-1:] or " ").strip() and (hunk.new[-1:] or "x").strip()
    if glued_right:
        while end < len(text) and not text[end].isspace():
            end += 1
        while end > hunk.end and text[end - 1] in _CLOSING_PUNCTUATION:
            end -= 1
    return start, end


def _replacement(text: str, hunk: _Hunk, scope: str) -> _Instruction | None:
    """ "Delete "X" and replace with "Y"", X and Y sharing enough unchanged words to be unique.

    None when even the whole clause is not unique in ``scope`` (the same clause twice).
    """
    words = _word_spans(text)
    start, end = _snap_to_words(text, hunk)
    grow_right = True
    while True:
        quoted = text[start:end]
        replacement = text[start : hunk.start] + hunk.new + text[hunk.end : end]
        edges_exact = quoted == quoted.strip() and replacement == replacement.strip()
        if edges_exact and _WORD.search(quoted) and _count(scope, quoted) == 1:
            break
        # Grow by one word at a time, alternating sides for balanced context.
        wider_end = _next_word_end(end, words)
        wider_start = _previous_word_start(start, words)
        if (grow_right or wider_start is None) and wider_end is not None:
            end = wider_end
        elif wider_start is not None:
            start = wider_start
        else:
            return None
        grow_right = not grow_right
    if not replacement:
        wording = f"Delete {_quote(quoted)}."
    else:
        wording = f"Delete {_quote(quoted)} and replace with {_quote(replacement)}."
    return _Instruction(start, end, wording, hunk)


def _merge_overlapping(
    text: str, instructions: list[_Instruction], scope: str
) -> list[_Instruction] | None:
    """Instructions whose quoted words overlap or touch cannot both be applied: merge them.

    The merged edit runs from the first edit's start to the second's end, and is worded as one
    replacement (which quotes the unchanged words between the two edits).
    """
    merged: list[_Instruction] = []
    for instruction in instructions:
        current: _Instruction | None = instruction
        while current and merged and merged[-1].end >= current.start:
            first = merged.pop().hunk
            second = current.hunk
            between = text[first.end : second.start]
            current = _replacement(
                text, _Hunk(first.start, second.end, first.new + between + second.new), scope
            )
        if current is None:
            return None
        merged.append(current)
    return merged
