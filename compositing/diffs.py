"""Word-level diffs of two texts, for screens (HTML) and for the printed order paper.

The diff runs diff-match-patch over *word tokens* rather than characters: every distinct token
(a word, a run of whitespace, or one punctuation character) is mapped to a single private
character, the two character strings are diffed, and the result is mapped back. This is the
"linesToChars" trick of diff-match-patch applied to words. Diffing tokens instead of characters
means a change never starts or ends in the middle of a word ("profit" -> "prophet" is one
replaced word, not three edited letters), and it is much faster than a character diff.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from diff_match_patch import diff_match_patch

from compositing.text import Block, Document, Line, display_marker, parse, render_block


class Op(IntEnum):
    """What a diff segment does; the values are diff-match-patch's own."""

    DELETE = -1
    EQUAL = 0
    INSERT = 1


Segment = tuple[Op, str]

# A word keeps its inner apostrophes and hyphens ("Labour's", "witch-hunt", "anti-Semitism"),
# because delegates quote such words whole. Whitespace runs are one token so that a change to a
# paragraph break is visible; every other character (punctuation, quotes, bullets) stands alone.
_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|\s+|[^\w\s]")


def tokenize(text: str) -> list[str]:
    """Split text into word, whitespace and punctuation tokens; ''.join(tokens) == text."""
    return _TOKEN.findall(text)


def _code_point_char(index: int) -> str:
    # The encoded strings never leave this module, so any distinct characters would do; skip
    # the surrogate block, which cannot stand alone in a str that might be printed or encoded.
    code = 0x100 + index
    if code >= 0xD800:
        code += 0x800
    return chr(code)


def _new_differ() -> diff_match_patch:
    differ = diff_match_patch()
    # No time limit: token strings are short, and a deadline would make results depend on
    # machine load, which a printed order paper must never do.
    differ.Diff_Timeout = 0
    return differ


def word_diff(a: str, b: str) -> list[Segment]:
    """Diff two texts word by word.

    Returns ``(op, text)`` segments in order; joining the EQUAL and DELETE texts gives ``a``,
    joining the EQUAL and INSERT texts gives ``b``. Where a change is both a deletion and an
    insertion, the deletion comes first. Small runs of unchanged tokens between changes (a single
    space, say) are folded into the change, so that "a b c" -> "x y z" reads as one replacement.
    """
    # Most edits touch a few words of a long text: cut the unchanged head and tail off as plain
    # strings first, so that only the changed middle is tokenized and diffed.
    head = _common_head(a, b)
    tail = _common_tail(a[head:], b[head:])
    middle_a = a[head : len(a) - tail]
    middle_b = b[head : len(b) - tail]
    segments: list[Segment] = []
    if head:
        segments.append((Op.EQUAL, a[:head]))
    segments.extend(_token_diff(middle_a, middle_b))
    if tail:
        segments.append((Op.EQUAL, a[len(a) - tail :]))
    return _merge_adjacent(_deletions_first(segments))


def _common_head(a: str, b: str) -> int:
    """Length of a common prefix of a and b that ends on a token boundary in both.

    The cut is made where whitespace meets a non-whitespace character that both texts still
    share, which is a token boundary in each whatever comes after it.
    """
    shared = _first_difference(a, b, min(len(a), len(b)))
    # Keep one shared character past the cut so that a[cut] == b[cut] is known to be non-space.
    for cut in range(shared - 1, 0, -1):
        if a[cut - 1].isspace() and not a[cut].isspace():
            return cut
    return 0


def _common_tail(a: str, b: str) -> int:
    """Length of a common suffix of a and b that starts on a token boundary in both."""
    limit = min(len(a), len(b))
    shared = _first_difference(a[::-1], b[::-1], limit)
    # The suffix a[len(a)-k:] starts at a boundary when its first character is non-space and the
    # character before it, also shared, is whitespace.
    for k in range(shared - 1, 0, -1):
        start = len(a) - k
        if a[start - 1].isspace() and not a[start].isspace():
            return k
    return 0


def _first_difference(a: str, b: str, limit: int) -> int:
    """Index of the first differing character within ``limit`` (binary search on slices)."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _token_diff(a: str, b: str) -> list[Segment]:
    """Diff line by line first, then word by word inside each run of changed lines.

    A long text with edits far apart would make the token diff explore a long middle; diffing
    whole lines first (each line one character, as in diff-match-patch's line mode) confines the
    word diff to the paragraphs that changed.
    """
    lines_a = a.splitlines(keepends=True)
    lines_b = b.splitlines(keepends=True)
    if len(lines_a) < 3 or len(lines_b) < 3:
        return _diff_encoded(tokenize(a), tokenize(b))
    segments: list[Segment] = []
    deleted = inserted = ""
    for op, text in _diff_encoded(lines_a, lines_b):
        if op is Op.EQUAL:
            segments.extend(_diff_encoded(tokenize(deleted), tokenize(inserted)))
            deleted = inserted = ""
            segments.append((op, text))
        elif op is Op.DELETE:
            deleted += text
        else:
            inserted += text
    segments.extend(_diff_encoded(tokenize(deleted), tokenize(inserted)))
    return segments


def _diff_encoded(units_a: list[str], units_b: list[str], semantic: bool = True) -> list[Segment]:
    """Diff two sequences of text units (tokens or lines) by encoding each unit as one char.

    ``semantic`` folds short unchanged runs between changes into the change, which reads well
    for words but would hide an unchanged clause between two changed ones.
    """
    distinct_units = dict.fromkeys(units_a + units_b)
    codes = {unit: _code_point_char(index) for index, unit in enumerate(distinct_units)}
    chars_a = "".join(map(codes.__getitem__, units_a))
    chars_b = "".join(map(codes.__getitem__, units_b))
    differ = _new_differ()
    diffs = differ.diff_main(chars_a, chars_b, False)
    if semantic:
        differ.diff_cleanupSemantic(diffs)
    unit_of = {char: unit for unit, char in codes.items()}
    segments: list[Segment] = []
    for op, chars in diffs:
        text = "".join(map(unit_of.__getitem__, chars))
        if text:
            segments.append((Op(op), text))
    return segments


def _deletions_first(segments: list[Segment]) -> list[Segment]:
    """Within each run of changes, put all deletions before all insertions."""
    ordered: list[Segment] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            ordered.append((Op.DELETE, "".join(deleted)))
        if inserted:
            ordered.append((Op.INSERT, "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for op, text in segments:
        if op is Op.DELETE:
            deleted.append(text)
        elif op is Op.INSERT:
            inserted.append(text)
        else:
            flush()
            ordered.append((op, text))
    flush()
    return ordered


def _merge_adjacent(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for op, text in segments:
        if merged and merged[-1][0] is op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


def diff_html(a: str, b: str) -> str:
    """The word diff as HTML: deleted words in ``<del>``, inserted words in ``<ins>``.

    Every piece of text is HTML-escaped, so the result is safe to render with Jinja's ``|safe``.
    Line breaks are kept as newline characters; render inside an element with
    ``white-space: pre-wrap`` (or the Markdown layout of the page) to show them.
    """
    parts = []
    for op, text in word_diff(a, b):
        escaped = html.escape(text, quote=False)
        if op is Op.DELETE:
            parts.append(f"<del>{escaped}</del>")
        elif op is Op.INSERT:
            parts.append(f"<ins>{escaped}</ins>")
        else:
            parts.append(escaped)
    return "".join(parts)


# --- blocks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BlockRun:
    """Old blocks ``[start, end)`` that became new blocks ``[new_start, new_end)``.

    Either side may be empty (blocks deleted, or blocks inserted before old block ``start``).
    """

    start: int
    end: int
    new_start: int
    new_end: int


def block_runs(old_blocks: Sequence[Block], new_blocks: Sequence[Block]) -> list[BlockRun]:
    """The changed runs of blocks, found by diffing whole blocks (as written) as single units."""
    # Each block is one unit; the separator cannot occur inside a block, so the number of blocks
    # in each diff segment can be counted back from the joined text.
    separator = "\x00"
    old_units = [render_block(block) + separator for block in old_blocks]
    new_units = [render_block(block) + separator for block in new_blocks]
    runs: list[BlockRun] = []
    i = j = 0
    pending: BlockRun | None = None
    for op, text in _diff_encoded(old_units, new_units, semantic=False):
        count = text.count(separator)
        if op is Op.EQUAL:
            if pending:
                runs.append(pending)
                pending = None
            i += count
            j += count
            continue
        if pending is None:
            pending = BlockRun(i, i, j, j)
        if op is Op.DELETE:
            i += count
            pending = BlockRun(pending.start, i, pending.new_start, pending.new_end)
        else:
            j += count
            pending = BlockRun(pending.start, pending.end, pending.new_start, j)
    if pending:
        runs.append(pending)
    return runs


# --- matching edited blocks -----------------------------------------------------------------

# Blocks scoring less than this are not taken for one edited block: the score is the share of
# words they have in common, plus a bonus when they have the same kind of label or bullet.
_SAME_CLAUSE_SCORE = 0.3
_SAME_MARKER_BONUS = 0.5
# Beyond this many candidate pairs, match blocks in order rather than by similarity.
_MAX_MATCHING_CELLS = 2500


def match_blocks(old: list[Block], new: list[Block]) -> list[tuple[int, int]]:
    """Pairs (old, new) of blocks, in order, that are the same clause edited.

    The pairing maximises the total score (a longest-common-subsequence table weighted by
    similarity), so that deleting one paragraph and editing the next is read as exactly that,
    not as the first paragraph rewritten into the second.
    """
    if len(old) * len(new) > _MAX_MATCHING_CELLS:
        return [(i, i) for i in range(min(len(old), len(new)))]
    old_words = [_word_set(block) for block in old]
    new_words = [_word_set(block) for block in new]
    score = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(len(old)):
        for j in range(len(new)):
            best = max(score[i][j + 1], score[i + 1][j])
            pair_score = _similarity(old_words[i], new_words[j])
            if marker(old[i]) == marker(new[j]):
                pair_score += _SAME_MARKER_BONUS
            if pair_score >= _SAME_CLAUSE_SCORE:
                best = max(best, score[i][j] + pair_score)
            score[i + 1][j + 1] = best
    pairs: list[tuple[int, int]] = []
    i, j = len(old), len(new)
    while i and j:
        if score[i][j] == score[i - 1][j]:
            i -= 1
        elif score[i][j] == score[i][j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]


def _word_set(block: Block) -> set[str]:
    return set(re.findall(r"\w+", block.text.lower()))


def _similarity(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def marker(block: Block) -> tuple[str, str, str]:
    """What kind of block it is and how it is marked; a new label is a different marker."""
    return block.kind, block.label, block.bullet


# --- line-numbered diff for the order paper --------------------------------------------------


@dataclass(frozen=True)
class DiffLine:
    """One printed line of a line-numbered diff.

    ``number`` is the line's number in the original text as printed on the order paper
    (:func:`compositing.text.numbered_lines`), or ``None`` for a line that exists only in the
    amended text (a new clause). ``indent`` is the number of spaces to print before the text.
    ``segments`` are the line's pieces, each EQUAL, DELETE or INSERT; the clause's label or
    bullet opens its first line. Words inserted inside a clause are shown on the line where they
    go in, so a line may run longer than the printed width.
    """

    number: int | None
    indent: int
    segments: tuple[Segment, ...]

    @property
    def changed(self) -> bool:
        return any(op is not Op.EQUAL for op, _ in self.segments)

    def marked_text(self) -> str:
        """The line with changes marked as ``[-deleted-]`` and ``{+inserted+}``."""
        return "".join(_mark(op, text) for op, text in self.segments)


def numbered_diff(before: str, after: str, width: int = 80) -> list[DiffLine]:
    """The diff laid out on the original text's numbered lines, as printed on the order paper."""
    old, new = parse(before), parse(after)
    old_lines = _lines_by_block(old, width)
    new_lines = _lines_by_block(new, width)
    result: list[DiffLine] = []
    index = 0  # the next old block to print
    for run in block_runs(old.blocks, new.blocks):
        for unchanged in range(index, run.start):
            result.extend(_unchanged(old_lines[unchanged]))
        pairs = match_blocks(
            list(old.blocks[run.start : run.end]), list(new.blocks[run.new_start : run.new_end])
        )
        old_next, new_next = run.start, run.new_start
        for old_offset, new_offset in [*pairs, (run.end - run.start, run.new_end - run.new_start)]:
            old_index, new_index = run.start + old_offset, run.new_start + new_offset
            for deleted in range(old_next, old_index):
                result.extend(_whole(old_lines[deleted], Op.DELETE))
            for inserted in range(new_next, new_index):
                result.extend(_whole(new_lines[inserted], Op.INSERT))
            if old_index < run.end:
                result.extend(_changed_block(old, old_index, new, new_index, old_lines[old_index]))
            old_next, new_next = old_index + 1, new_index + 1
        index = run.end
    for unchanged in range(index, len(old.blocks)):
        result.extend(_unchanged(old_lines[unchanged]))
    return result


def numbered_diff_text(before: str, after: str, width: int = 80) -> str:
    """The line-numbered diff as plain text: ``[-deleted-]`` and ``{+inserted+}`` words.

    Each line is its number right-aligned in four columns (blank for a new line), two spaces,
    the line's indent, then its marked text.
    """
    rows = []
    for line in numbered_diff(before, after, width):
        number = "" if line.number is None else str(line.number)
        rows.append(f"{number:>4}  {' ' * line.indent}{line.marked_text()}".rstrip())
    return "\n".join(rows)


def _lines_by_block(document: Document, width: int) -> list[list[Line]]:
    grouped: list[list[Line]] = [[] for _ in document.blocks]
    for line in document.lines(width):
        grouped[line.block].append(line)
    return grouped


def _unchanged(lines: list[Line]) -> list[DiffLine]:
    return [DiffLine(line.number, line.indent, ((Op.EQUAL, line.text),)) for line in lines]


def _whole(lines: list[Line], op: Op) -> list[DiffLine]:
    number = (lambda line: line.number) if op is Op.DELETE else (lambda line: None)
    return [DiffLine(number(line), line.indent, ((op, line.text),)) for line in lines]


def _changed_block(
    old: Document, old_index: int, new: Document, new_index: int, lines: list[Line]
) -> list[DiffLine]:
    """A block edited in place: its words diffed and spread over its original lines."""
    old_block, new_block = old.blocks[old_index], new.blocks[new_index]
    old_marker, new_marker = display_marker(old_block), display_marker(new_block)
    opening: list[Segment] = []
    if old_marker == new_marker:
        if old_marker:
            opening.append((Op.EQUAL, old_marker + " "))
    else:
        if old_marker:
            opening.append((Op.DELETE, old_marker))
        if new_marker:
            opening.append((Op.INSERT, new_marker))
        opening.append((Op.EQUAL, " "))
    starts = [line.start for line in lines[1:]]
    per_line: list[list[Segment]] = [[] for _ in lines]
    position = 0
    for op, text in word_diff(old_block.text, new_block.text):
        if op is Op.INSERT:
            per_line[_owner(starts, position, text)].append((op, text))
            continue
        end = position + len(text)
        cursor = position
        while cursor < end:
            owner = _owner(starts, cursor, "")
            limit = starts[owner] if owner < len(starts) else end
            piece_end = min(end, limit)
            per_line[owner].append((op, text[cursor - position : piece_end - position]))
            cursor = piece_end
        position = end
    per_line[0][:0] = opening
    return [
        DiffLine(line.number, line.indent, _tidy_line(segments))
        for line, segments in zip(lines, per_line, strict=True)
    ]


def _owner(next_line_starts: list[int], position: int, inserted: str) -> int:
    """Which line holds ``position``; words inserted right at a line start that begin with a
    space continue the line before."""
    owner = 0
    for number, start in enumerate(next_line_starts, 1):
        if position > start or (position == start and not inserted[:1].isspace()):
            owner = number
    return owner


def _tidy_line(segments: list[Segment]) -> tuple[Segment, ...]:
    """Drop the spaces a line break replaces, and empty pieces."""
    pieces = list(segments)
    if pieces:
        op, text = pieces[-1]
        pieces[-1] = (op, text.rstrip())
    if pieces and pieces[0][0] is Op.EQUAL:
        pieces[0] = (Op.EQUAL, pieces[0][1].lstrip())
    return tuple(_merge_adjacent([(op, text) for op, text in pieces if text]))


def _mark(op: Op, text: str) -> str:
    if op is Op.DELETE:
        return f"[-{text}-]"
    if op is Op.INSERT:
        return f"{{+{text}+}}"
    return text
