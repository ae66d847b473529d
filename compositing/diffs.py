"""Word-level diffs of two texts, for screens (HTML) and for the printed order paper.

The diff runs diff-match-patch over *word tokens* rather than characters: every distinct token
(a word, a run of whitespace, or one punctuation character) is mapped to a single private
character, the two character strings are diffed, and the result is mapped back. This is the
"linesToChars" trick of diff-match-patch applied to words. Diffing tokens instead of characters
means a change never starts or ends in the middle of a word ("profit" -> "prophet" is one
replaced word, not three edited letters), and it is much faster than a character diff.

The work is bounded whatever the texts (bench/hostile.py prints the worst case): lines are
diffed before words, and words only inside changed lines; long stretches are cut at units that
occur once in each text (patience diffing), so that the exact diff only ever runs on short
stretches, within a fixed budget per call. A stretch beyond the budget, which only texts with
almost nothing in common reach, is shown as replaced whole: the result is still a correct diff
(it rebuilds both texts), just not the smallest one, and it never depends on the machine's speed.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections import Counter
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
    # No time limit: a deadline would make results depend on machine load, which a printed
    # order paper must never do. The work is bounded by the stretch sizes instead (DiffBudget).
    differ.Diff_Timeout = 0
    return differ


# The exact diff (diff-match-patch's Myers) of stretches a and b takes about
# (len(a) + len(b)) * D steps, D the number of units changed: up to len(a) * len(b) ("cells")
# when they have little in common. It runs on stretches of up to EXACT_CELLS (a paragraph of
# some 800 characters against another), on longer ones once they are cut at shared unique units,
# and on no more than CALL_CELLS' worth in one call (about 0.2 s). Cutting costs a pass over
# the stretch; one call makes at most CUT_PASSES passes' worth over its units, MAX_CUT_DEPTH deep.
EXACT_CELLS = 60_000
CALL_CELLS = 200_000
CUT_PASSES = 8
MAX_CUT_DEPTH = 40


class DiffBudget:
    """The work one diff call may still do (see EXACT_CELLS), shared by the diffs it makes.

    A caller that diffs many pieces of one text (numbered_diff: each edited block) passes one
    budget to all, so that their total, not each, is bounded. ``size`` is how long the texts
    are together (characters, or units if fewer): the cutting passes are in proportion.
    """

    def __init__(self, size: int):
        self.cells = CALL_CELLS
        self.cut_units = CUT_PASSES * max(size, 1)

    def exact(self, differ: diff_match_patch, a: str, b: str, semantic: bool) -> Diff | None:
        """The exact diff of ``a`` and ``b``, or None if they are too long or it is not left.

        Reserved at the worst case, charged at its real cost: a paragraph edited in a few words
        costs little of the budget.
        """
        cells = len(a) * len(b)
        if cells > EXACT_CELLS or cells > self.cells:
            return None
        diffs = differ.diff_main(a, b, False)
        changed = sum(len(text) for op, text in diffs if op)
        self.cells -= min(cells, (len(a) + len(b)) * changed)
        if semantic:
            differ.diff_cleanupSemantic(diffs)
        return [(op, text) for op, text in diffs if text]

    def cut(self, a: str, b: str, depth: int) -> bool:
        if depth > MAX_CUT_DEPTH or self.cut_units <= 0:
            return False
        self.cut_units -= len(a) + len(b)
        return True


def word_diff(a: str, b: str, budget: DiffBudget | None = None) -> list[Segment]:
    """Diff two texts word by word.

    Returns ``(op, text)`` segments in order; joining the EQUAL and DELETE texts gives ``a``,
    joining the EQUAL and INSERT texts gives ``b``. Where a change is both a deletion and an
    insertion, the deletion comes first. Small runs of unchanged tokens between changes (a single
    space, say) are folded into the change, so that "a b c" -> "x y z" reads as one replacement.
    ``budget`` is the work left to a caller that diffs many pieces (see DiffBudget).
    """
    if budget is None:
        budget = DiffBudget(len(a) + len(b))
    # Most edits touch a few words of a long text: cut the unchanged head and tail off as plain
    # strings first, so that only the changed middle is tokenized and diffed.
    head = _common_head(a, b)
    tail = _common_tail(a[head:], b[head:])
    middle_a = a[head : len(a) - tail]
    middle_b = b[head : len(b) - tail]
    segments: list[Segment] = []
    if head:
        segments.append((Op.EQUAL, a[:head]))
    segments.extend(_token_diff(middle_a, middle_b, budget))
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


def _token_diff(a: str, b: str, budget: DiffBudget) -> list[Segment]:
    """Diff line by line first, then word by word inside each run of changed lines.

    A long text with edits far apart would make the token diff explore a long middle; diffing
    whole lines first (each line one character, as in diff-match-patch's line mode) confines the
    word diff to the paragraphs that changed.
    """
    lines_a = a.splitlines(keepends=True)
    lines_b = b.splitlines(keepends=True)
    if len(lines_a) < 3 or len(lines_b) < 3:
        return _diff_encoded(tokenize(a), tokenize(b), budget=budget)
    segments: list[Segment] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def changed_words() -> None:
        words = _diff_encoded(
            tokenize("".join(deleted)), tokenize("".join(inserted)), budget=budget
        )
        segments.extend(words)
        deleted.clear()
        inserted.clear()

    for op, text in _diff_encoded(lines_a, lines_b, budget=budget):
        if op is Op.EQUAL:
            changed_words()
            segments.append((op, text))
        else:
            (deleted if op is Op.DELETE else inserted).append(text)
    changed_words()
    return segments


def _diff_encoded(
    units_a: list[str], units_b: list[str], semantic: bool = True, budget: DiffBudget | None = None
) -> list[Segment]:
    """Diff two sequences of text units (tokens or lines) by encoding each unit as one char.

    ``semantic`` folds short unchanged runs between changes into the change, which reads well
    for words but would hide an unchanged clause between two changed ones.
    """
    diffs, unit_of = _unit_diff(units_a, units_b, semantic, budget)
    segments: list[Segment] = []
    for op, chars in diffs:
        text = "".join(map(unit_of.__getitem__, chars))
        if text:
            segments.append((Op(op), text))
    return segments


Diff = list[tuple[int, str]]  # diff-match-patch's (op, encoded units): one char per unit


def _unit_diff(
    units_a: list[str], units_b: list[str], semantic: bool, budget: DiffBudget | None
) -> tuple[Diff, dict[str, str]]:
    """The encoded diff of two sequences of units, and each code's unit."""
    if not units_a and not units_b:
        return [], {}
    distinct_units = dict.fromkeys(units_a + units_b)
    codes = {unit: _code_point_char(index) for index, unit in enumerate(distinct_units)}
    chars_a = "".join(map(codes.__getitem__, units_a))
    chars_b = "".join(map(codes.__getitem__, units_b))
    if budget is None:
        budget = DiffBudget(len(chars_a) + len(chars_b))
    differ = _new_differ()
    diffs = budget.exact(differ, chars_a, chars_b, semantic)
    if diffs is None:
        diffs = _diff_chars(differ, chars_a, chars_b, budget, semantic, 0)
    return diffs, {char: unit for unit, char in codes.items()}


def _diff_chars(
    differ: diff_match_patch, a: str, b: str, budget: DiffBudget, semantic: bool, depth: int
) -> Diff:
    """The diff of two encoded stretches: the shared head and tail cut off, then the middle."""
    head = differ.diff_commonPrefix(a, b)
    tail = differ.diff_commonSuffix(a[head:], b[head:])
    middle_a, middle_b = a[head : len(a) - tail], b[head : len(b) - tail]
    diffs: Diff = [(0, a[:head])] if head else []
    if not middle_a or not middle_b:
        diffs += [(-1, middle_a)] if middle_a else []
        diffs += [(1, middle_b)] if middle_b else []
    else:
        exact = budget.exact(differ, middle_a, middle_b, semantic)
        diffs += (
            exact
            if exact is not None
            else _diff_long(differ, middle_a, middle_b, budget, semantic, depth)
        )
    if tail:
        diffs.append((0, a[len(a) - tail :]))
    return diffs


def _diff_long(
    differ: diff_match_patch, a: str, b: str, budget: DiffBudget, semantic: bool, depth: int
) -> Diff:
    """Two long stretches that differ at both ends: cut at the units each holds once, in the
    order both hold them, and diff between the cuts; without such units, exactly if small
    enough, else as replaced whole."""
    anchors = _unique_anchors(a, b) if budget.cut(a, b, depth) else []
    if not anchors:
        exact = budget.exact(differ, a, b, semantic)
        return exact if exact is not None else [(-1, a), (1, b)]
    diffs: Diff = []
    i = j = 0
    for x, y in anchors:
        diffs += _diff_chars(differ, a[i:x], b[j:y], budget, semantic, depth + 1)
        diffs.append((0, a[x]))
        i, j = x + 1, y + 1
    diffs += _diff_chars(differ, a[i:], b[j:], budget, semantic, depth + 1)
    return diffs


# Units found as often in each stretch, and at most this often, are anchors: the first in one
# with the first in the other, and so on (a clause's number and the words that repeat it).
MAX_ANCHOR_REPEATS = 4


def _unique_anchors(a: str, b: str) -> list[tuple[int, int]]:
    """Positions (in a, in b) of units found as often in each, and rarely, paired in order; the
    longest run of them in the same order in both (patience diffing's anchors, widened from
    units found once to units found a few times, which numbered texts repeat)."""
    count_a, count_b = Counter(a), Counter(b)
    rare = {unit for unit, n in count_a.items()
            if n <= MAX_ANCHOR_REPEATS and count_b.get(unit) == n}
    if not rare:
        return []
    in_b: dict[str, list[int]] = {}
    for j, unit in enumerate(b):
        if unit in rare:
            in_b.setdefault(unit, []).append(j)
    seen: Counter[str] = Counter()
    pairs = []
    for i, unit in enumerate(a):
        if unit in rare:
            pairs.append((i, in_b[unit][seen[unit]]))
            seen[unit] += 1
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (in order of their first item) whose second items
    increase: patience sorting, O(n log n)."""
    tops: list[int] = []  # the second item ending the best run of each length
    ends: list[int] = []  # index in pairs of that run's last pair
    previous: list[int] = [-1] * len(pairs)
    for index, (_i, j) in enumerate(pairs):
        length = bisect.bisect_left(tops, j)
        if length == len(tops):
            tops.append(j)
            ends.append(index)
        else:
            tops[length], ends[length] = j, index
        previous[index] = ends[length - 1] if length else -1
    run: list[tuple[int, int]] = []
    index = ends[-1] if ends else -1
    while index >= 0:
        run.append(pairs[index])
        index = previous[index]
    return run[::-1]


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
    # Joined once per run: adding one piece at a time would copy a long run over and over.
    return [
        (op, "".join(text for _, text in run))
        for op, run in itertools.groupby(segments, key=lambda segment: segment[0])
    ]


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


def block_runs(
    old_blocks: Sequence[Block], new_blocks: Sequence[Block], budget: DiffBudget | None = None
) -> list[BlockRun]:
    """The changed runs of blocks, found by diffing whole blocks (as written) as single units.

    ``budget`` is the work left to a caller that diffs many pieces (see DiffBudget).
    """
    # Each block is one unit, one character in the encoded diff: a segment's length is its
    # number of blocks (no separator a text could hold, such as a NUL, to miscount).
    old_units = [render_block(block) for block in old_blocks]
    new_units = [render_block(block) for block in new_blocks]
    runs: list[BlockRun] = []
    i = j = 0
    pending: BlockRun | None = None
    diffs, _units = _unit_diff(old_units, new_units, False, budget)
    for op, text in diffs:
        count = len(text)
        if op == Op.EQUAL:
            if pending:
                runs.append(pending)
                pending = None
            i += count
            j += count
            continue
        if pending is None:
            pending = BlockRun(i, i, j, j)
        if op == Op.DELETE:
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
    budget = DiffBudget(len(before) + len(after))  # for all the word diffs of the blocks
    result: list[DiffLine] = []
    index = 0  # the next old block to print
    for run in block_runs(old.blocks, new.blocks, budget):
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
                result.extend(
                    _changed_block(old, old_index, new, new_index, old_lines[old_index], budget)
                )
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
    old: Document,
    old_index: int,
    new: Document,
    new_index: int,
    lines: list[Line],
    budget: DiffBudget,
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
    for op, text in word_diff(old_block.text, new_block.text, budget):
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
    space continue the line before. ``next_line_starts`` increase (a binary search)."""
    if inserted[:1].isspace():
        return bisect.bisect_left(next_line_starts, position)
    return bisect.bisect_right(next_line_starts, position)


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
