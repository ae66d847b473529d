"""Write the amendment instructions that turn one text into another.

A submitter may edit a copy of the motion instead of writing instructions; this module writes the
instructions a delegate expects to read on the order paper, in the forms the instruction parser
reads back, so that ``apply_amendment(before, describe_change(before, after)) == after``:

- whole clauses: ``Delete point 2.3.``, ``Delete point 2.3 and replace with: "..."``,
  ``Insert new point after point 2.3: "..."``, ``Add at end: "..."``; a clause without a label
  is named by ordinal ("the third paragraph", "the eighth bullet point");
- words inside a clause: ``In point 1.2, delete "or profit".``,
  ``In point 1.2, delete "X" and replace with "Y".``, ``In point 1.2, after "X" insert "Y".``;
  in a clause without a label the same without "In point ...," when the quoted words are unique
  in the whole text, else "In the third paragraph, ...".

The change is found by a word-token diff (:mod:`compositing.diffs`), first over whole blocks
(headings, paragraphs, list items of :mod:`compositing.text`) and then over the words of each
changed block. Every operation is placed on the text as it stands before the amendment (as
:mod:`compositing.apply` places them), so each quotation is checked to be unique in that text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

# The wording is only right if it reads back exactly: use the engine's own tidying of the
# spaces and punctuation around deleted and inserted words rather than a copy that could drift.
from compositing.apply import apply_amendment, delete_span, dressed, insert_at
from compositing.diffs import (
    BlockRun,
    Op,
    _first_difference,
    block_runs,
    marker,
    match_blocks,
    tokenize,
    word_diff,
)
from compositing.errors import AmendmentError
from compositing.reader import parse_amendment
from compositing.resolve import Resolver
from compositing.structure import ROOT, Unit, structure_of
from compositing.text import (
    HEADING,
    ITEM,
    PARAGRAPH,
    Block,
    Document,
    clause_end,
    label_noun,
    label_parts,
    label_successor,
    parse,
    render_block,
)

__all__ = ["describe_change"]

# A block rewritten beyond this share of its words is replaced whole: a delegate reads one
# clean clause more easily than a string of word-level edits.
_REWRITE_SHARE = 0.5
# More separate edits than this in one clause also read better as a replacement of the clause.
_MAX_EDITS_PER_CLAUSE = 3

_WORD = re.compile(r"\w")
_CLOSING_PUNCTUATION = ".,;:!?”’)]"
_OPENING_PUNCTUATION = "“‘(["


def describe_change(before: str, after: str) -> str:
    """The amendment instructions that turn ``before`` into ``after``, one per line.

    The instructions follow the order of the text; each changed clause gives one instruction, or
    one per separate edit of its words (several bullets rewritten together give one "Delete:" /
    "Replace with:" list). Returns "" when the texts are the same, or differ only in spacing
    that no instruction can express (blank lines between clauses, spaces at a line's end).
    Windows line endings in ``after`` (as a browser's text area sends them) are read as plain
    newlines.
    """
    if "\r" in after and "\r" not in before:
        # A browser's text area sends "\r\n": line endings are not part of the change.
        after = after.replace("\r\n", "\n").replace("\r", "\n")
    if before == after:
        return ""
    writer = _writer_for(before)
    old = writer.old
    first, last, new_blocks = _changed_middle(before, after, writer)
    instructions: list[str] = []
    for run in block_runs(old.blocks[first:last], new_blocks):
        placed = BlockRun(run.start + first, run.end + first, run.new_start, run.new_end)
        instructions.extend(writer.describe_run(placed, new_blocks))
    wording = "\n".join(instructions)
    if wording and _renumbers_otherwise(before, after, wording):
        wording += "\n" + _KEEP_NUMBERS
    return wording


# The engine moves the points after a new or deleted point up or down; an edited copy that
# kept their numbers says so.
_KEEP_NUMBERS = "Do not renumber."


def _renumbers_otherwise(before: str, after: str, wording: str) -> bool:
    try:
        return (
            apply_amendment(before, wording) != after
            and apply_amendment(before, wording + "\n" + _KEEP_NUMBERS) == after
        )
    except AmendmentError:
        return False


# --- the changed part of the text -------------------------------------------------------------

_BLANK_LINE = "\n\n"


def _changed_middle(before: str, after: str, writer: _Writer) -> tuple[int, int, tuple[Block, ...]]:
    """Old blocks ``[first, last)`` that may have changed, and the blocks ``after`` has there.

    Only the part of ``after`` between the unchanged head and tail is parsed: a submitter edits
    a few clauses of a long motion, and parsing is most of the work. Head and tail are cut at a
    blank line between blocks, where a block always ends whatever follows.
    """
    old = writer.old
    starts, ends = writer.offsets
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


# --- quoting and uniqueness -------------------------------------------------------------------

# The engine matches quoted words with straight and curly quotes, dashes and runs of spaces
# treated alike; uniqueness is counted the same way.
_ALIKE = {"‘": "'", "’": "'", "`": "'", "“": '"', "”": '"', "„": '"', "‐": "-", "‑": "-",
          "–": "-", "—": "-"}  # fmt: skip
_ALIKE_CHARACTERS = re.compile("[" + re.escape("".join(_ALIKE)) + "]")


def _comparable(text: str) -> str:
    # str.translate with a dict walks the text in Python; a few str.replace calls run in C, and
    # only when the text holds such a character at all.
    if _ALIKE_CHARACTERS.search(text):
        for character, alike in _ALIKE.items():
            text = text.replace(character, alike)
    return " ".join(text.split())


def _count(scope: str, needle: str) -> int:
    """How often ``needle`` occurs in a :func:`_comparable` scope.

    Substrings are counted, not whole words, so a count of one is unique for the engine too.
    """
    return scope.count(_comparable(needle))


def _quote(text: str) -> str:
    """Wrap text in straight double quotes, or curly ones when it holds a straight quote."""
    if '"' in text:
        return f"“{text}”"
    return f'"{text}"'


# --- naming clauses ---------------------------------------------------------------------------

_ORDINALS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
]  # fmt: skip


def _ordinal(number: int) -> str:
    if number <= len(_ORDINALS):
        return _ORDINALS[number - 1]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10)
    return f"{number}{suffix or 'th'}"


def _noun(block: Block) -> str:
    """The noun an instruction uses for this kind of block."""
    if block.kind == HEADING:
        return "heading"
    if block.kind == ITEM and block.bullet:
        return "bullet point"
    if block.kind == ITEM:
        return "point"
    return "paragraph"


def _is_kind(block: Block, noun: str) -> bool:
    """Whether the engine counts ``block`` among "the n-th <noun>"."""
    if noun == "paragraph":
        return block.kind == PARAGRAPH
    if noun == "bullet point":
        return block.kind == ITEM and bool(block.bullet)
    if noun == "point":
        return block.kind == ITEM
    return block.kind == HEADING


_LABEL_WORD = re.compile(r"^(rule|clause|article)\s+(.+)$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _label_reference_text(label: str, key: str) -> str | None:
    """ "point 2.3" for "2.3.", "point 7" for "7)", "point (c)", "rule D 6.4"; None when the
    parser would not read the words back as this label."""
    word = _LABEL_WORD.match(label.strip())
    if word:
        words = f"{word.group(1).lower()} {word.group(2).rstrip('.').strip()}"
    elif label.strip().startswith("("):
        words = f"point {label.strip()}"
    else:
        words = f"point {label.strip().rstrip('.)').strip()}"
    try:
        operation = parse_amendment(f"Delete {words}.").operations[0]
    except AmendmentError:
        return None
    step = getattr(operation, "target", None) and operation.target.last
    if step is None or step.kind != "label" or label_parts(step.label) != label_parts(label):
        return None
    return words


def _label_reference(block: Block) -> str | None:
    return _label_reference_text(block.label, block.key)


@dataclass(frozen=True)
class _Ref:
    """How an instruction names a clause, and the blocks ``[start, end)`` the engine takes."""

    words: str
    start: int
    end: int
    labelled: bool = False

    @property
    def whole_block(self) -> bool:
        return self.end == self.start + 1


@lru_cache(maxsize=16)
def _writer_for(before: str) -> _Writer:
    """The writer for one motion, kept while it is edited: what it learns of the text (labels,
    offsets, the text for uniqueness checks) is the same for every edit."""
    return _Writer(parse(before))


class _Writer:
    """Writes the instructions for the changes to one old document."""

    def __init__(self, old: Document) -> None:
        self.old = old
        self.blocks = old.blocks

    @cached_property
    def offsets(self) -> tuple[list[int], list[int]]:
        return _block_offsets(self.old)

    @cached_property
    def label_counts(self) -> Counter[str]:
        return Counter(block.key for block in self.blocks if block.key)

    @cached_property
    def keys(self) -> frozenset[str]:
        """The numbers the points of the old text use."""
        return frozenset(block.key for block in self.blocks if block.key and block.kind == ITEM)

    @cached_property
    def document_scope(self) -> str:
        return _comparable("\n".join(block.text for block in self.blocks))

    def ref(self, index: int) -> _Ref:
        """ "rule B.2.2", "clause II", "point 2.3" for a clause with a label the engine reads
        back as that clause (in the text's own numbering), else "the third paragraph"."""
        block = self.blocks[index]
        if block.kind == ITEM and block.label:
            words = self.name(index)
            if words is not None:
                return _Ref(words, index, self.unit_end(index), labelled=True)
        noun = "point" if block.kind == ITEM and block.label else _noun(block)
        number = self.ordinals[noun][index]
        return _Ref(f"the {_ordinal(number)} {noun}", index, self.unlabelled_extent(index))

    @cached_property
    def names(self) -> dict[int, str | None]:
        return {}

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver(self.old)

    def name(self, index: int) -> str | None:
        """How the text itself would name the unit at ``index``, checked by reading it back."""
        if index not in self.names:
            unit = structure_of(self.old).unit_at(index)
            found = None
            if unit is not None and unit.label:
                found = next((w for w in self.names_for(unit) if self.names_only(w, unit)), None)
            self.names[index] = found
        return self.names[index]

    def names_for(self, unit: Unit) -> Iterator[str]:
        """ "Standing Order 9.1" as printed; "rule B.2.2" under "Rule B"; "point 2.3"; "point
        (a) of rule A.2" where "(a)" alone is not enough."""
        label = unit.label.strip().strip("*").strip()
        shown = label if label.startswith("(") else label.rstrip(".)").strip()
        if label_noun(label):
            yield shown
            return
        named_after = next(
            (
                a
                for a in unit.ancestors()
                if label_noun(a.label) and a.parts and len(unit.parts) > len(a.parts)
                and unit.parts[: len(a.parts)] == a.parts
            ),
            None,
        )  # fmt: skip
        if named_after is not None:  # the noun the text prints, not one the engine supposes
            yield f"{label_noun(named_after.label)} {shown}"
        yield f"point {shown}"
        parent = unit.parent
        if parent is not None and parent.kind != ROOT and parent.head >= 0:
            parent_name = self.name(parent.head)
            if parent_name is not None:
                yield f"point {shown} of {parent_name}"

    def names_only(self, words: str, unit: Unit) -> bool:
        source = f"Delete {words}."
        try:
            target = parse_amendment(source).operations[0].target
            region = self.resolver.region(target, self.resolver.whole, source)
        except (AmendmentError, AttributeError, IndexError):
            return False
        return not region.spans and (region.start, region.end) == (unit.start, unit.end)

    @cached_property
    def ordinals(self) -> dict[str, list[int]]:
        """For each noun, the number of blocks of that kind up to and including each block."""
        counts: dict[str, list[int]] = {}
        for noun in ("paragraph", "bullet point", "point", "heading"):
            running, numbers = 0, []
            for block in self.blocks:
                running += _is_kind(block, noun)
                numbers.append(running)
            counts[noun] = numbers
        return counts

    def unit_end(self, index: int) -> int:
        """End of the blocks the engine takes for a point named by its number: the point and
        the points numbered under it (:mod:`compositing.structure`)."""
        unit = structure_of(self.old).unit_at(index)
        return unit.end if unit is not None else clause_end(self.blocks, index)

    def unlabelled_extent(self, index: int) -> int:
        """End of the blocks the engine takes for a clause named by ordinal: the block and
        what is indented under it."""
        block = self.blocks[index]
        end = index + 1
        while (
            end < len(self.blocks)
            and self.blocks[end].depth > block.depth
            and self.blocks[end].kind != HEADING
        ):
            end += 1
        return end

    def scope_text(self, ref: _Ref) -> str:
        return _comparable("\n".join(b.text for b in self.blocks[ref.start : ref.end]))

    # -- runs of changed blocks

    def describe_run(self, run: BlockRun, new_blocks: Sequence[Block]) -> list[str]:
        """Instructions for old blocks ``run.start:run.end`` that became the run's new blocks.

        Each new block is matched with the old block it was most likely edited from; old blocks
        left over were deleted, new blocks left over were inserted where they stand.
        """
        old_indices = range(run.start, run.end)
        new_indices = range(run.new_start, run.new_end)
        pairs = match_blocks(
            [self.blocks[i] for i in old_indices], [new_blocks[j] for j in new_indices]
        )
        listed = self.listed_replacement(run, new_blocks, pairs)
        if listed is not None:
            return [listed]
        instructions: list[str] = []
        old_next, new_next = run.start, run.new_start
        for old_offset, new_offset in [*pairs, (len(old_indices), len(new_indices))]:
            old_index, new_index = run.start + old_offset, run.new_start + new_offset
            # New blocks go in after the last block kept, ahead of any deleted in between, so
            # that the instruction names a clause that stays.
            if new_next < new_index:
                inserted = list(new_blocks[new_next:new_index])
                instructions.extend(self.describe_insertion(old_next, old_index, inserted))
            instructions.extend(self.describe_deletion(old_next, old_index))
            if old_index < run.end:
                instructions.extend(self.describe_block_edit(old_index, new_blocks[new_index]))
            old_next, new_next = old_index + 1, new_index + 1
        return instructions

    def listed_replacement(
        self, run: BlockRun, new_blocks: Sequence[Block], pairs: list[tuple[int, int]]
    ) -> str | None:
        """ "Delete:" a list of bullets "Replace with:" another, as real amendments put it.

        Used when several bullets of one list are rewritten wholesale (no bullet kept with a
        small edit) into bullets of the same list; None otherwise.
        """
        old = self.blocks[run.start : run.end]
        new = new_blocks[run.new_start : run.new_end]
        if not old or not new or len(old) + len(new) < 3:
            return None
        first = old[0]
        if not first.bullet or any(
            (block.kind, block.bullet, block.indent, block.gap, block.label)
            != (ITEM, first.bullet, first.indent, first.gap, "")
            for block in (*old, *new)
        ):
            return None
        if any(self.ref(index).end != index + 1 for index in range(run.start, run.end)):
            return None  # a bullet with points of its own: they would go with it
        if not self.engine_keeps_gap(run.start, new[0]):
            return None  # a list written straight under its paragraph: the engine spaces it
        for old_offset, new_offset in pairs:
            segments = word_diff(old[old_offset].text, new[new_offset].text)
            if _changed_share(segments) <= _REWRITE_SHARE:
                return None  # a bullet edited, not rewritten: say what changed in it
        whole_texts = Counter(_comparable(block.text).lower() for block in self.blocks)
        if any(whole_texts[_comparable(block.text).lower()] != 1 for block in old):
            return None
        if any(" ".join(block.text.split()) != block.text for block in new):
            return None  # the engine writes listed words with single spaces
        lines = ["Delete:"]
        lines += [f"  {block.bullet} {block.text}" for block in old]
        lines += ["Replace with:"]
        lines += [f"  {block.bullet} {block.text}" for block in new]
        return "\n".join(lines)

    def describe_deletion(self, start: int, end: int) -> list[str]:
        """Delete old blocks ``[start, end)``, naming each clause whose blocks all go."""
        instructions = []
        index = start
        while index < end:
            ref = self.ref(index)
            if ref.end <= end:
                instructions.append(f"Delete {ref.words}.")
                index = ref.end
                continue
            # The clause's own points stay: delete its words, which removes the block alone.
            instructions.append(f"In {ref.words}, delete {_quote(self.blocks[index].text)}.")
            index += 1
        return instructions

    def describe_insertion(self, first: int, last: int, inserted: list[Block]) -> list[str]:
        """Put new blocks where old blocks ``[first, last)`` were deleted (or at ``first``).

        One instruction per new block, all naming the same place, so that the engine dresses
        each like the clause it is put next to. The place is chosen, among "after" the clause
        before and "before" the clause after, at either end of the deleted blocks, as the first
        where the engine's dressing gives each block exactly as written.
        """
        options = []
        for position in dict.fromkeys((first, last)):
            options.extend(self.insertion_places(position))
        where, quotes = options[0][0], [_as_written(block) for block in inserted]
        for place, model, label in options:
            # The engine refuses to give a new point a number already in use (unless told to
            # renumber): a point that repeats one is quoted with its own number.
            dressed = [
                _quote_for(block, model, label, _noun(block), bare=block.key not in self.keys)
                for block in inserted
            ]
            if all(quote is not None for quote in dressed):
                where, quotes = place, [quote or "" for quote in dressed]
                break
        if where == "at end":
            return [f"Add at end: {_quote(quote)}" for quote in quotes]
        return [
            f"Insert new {_noun(block)} {where}: {_quote(quote)}"
            for block, quote in zip(inserted, quotes, strict=True)
        ]

    def insertion_places(self, position: int) -> list[tuple[str, Block | None, str]]:
        """Ways to name the place in front of old block ``position``: (words, model, label).

        ``model`` is the block the engine dresses a new block like, ``label`` the label it gives
        a new point by default.
        """
        if position == len(self.blocks):
            return [("at end", None, "")]
        places: list[tuple[str, Block | None, str]] = []
        if position > 0:
            previous = self.ref(position - 1)
            if previous.end == position:
                model = self.blocks[previous.start]
                label = label_successor(model.label) if model.kind == ITEM and model.label else ""
                places.append((f"after {previous.words}", model, label))
        following = self.blocks[position]
        label = following.label if following.kind == ITEM else ""
        places.append((f"before {self.ref(position).words}", following, label))
        return places

    # -- one block edited in place

    def describe_block_edit(self, index: int, new_block: Block) -> list[str]:
        """Instructions that turn old block ``index`` into ``new_block``."""
        old_block = self.blocks[index]
        ref = self.ref(index)
        can_replace_whole = ref.whole_block and self.engine_keeps_gap(index, new_block)
        quote = _quote_for(new_block, old_block, old_block.label, _noun(old_block), True)
        can_replace_whole = can_replace_whole and quote is not None
        # A heading's words are quoted rather than its Markdown ("## 2. Structures").
        can_replace_whole = can_replace_whole and old_block.kind != HEADING
        replace_whole = [
            f"Delete {ref.words} and replace with: {_quote(quote or _as_written(new_block))}"
        ]
        if marker(old_block) != marker(new_block) or not old_block.text or not new_block.text:
            if can_replace_whole or not old_block.text:
                return replace_whole
            # Another kind of clause in place of one whose own points stay: the new clause goes
            # in, and the old one's words go (which removes it and keeps its points).
            insertion = self.describe_insertion(index, index + 1, [new_block])
            return insertion + self.describe_deletion(index, index + 1)
        segments = word_diff(old_block.text, new_block.text)
        hunks = _hunks(segments)
        if len(hunks) > _MAX_EDITS_PER_CLAUSE or _changed_share(segments) > _REWRITE_SHARE:
            if can_replace_whole:
                return replace_whole
            if _count(self.scope_text(ref), old_block.text) == 1:
                return [self.replace_all_words(ref, old_block, new_block)]
        wording = self.word_instructions(index, ref, hunks)
        if wording is not None:
            return wording
        if can_replace_whole:
            return replace_whole
        return [self.replace_all_words(ref, old_block, new_block)]

    def engine_keeps_gap(self, index: int, new_block: Block) -> bool:
        """Whether a clause replaced whole keeps the line spacing before it.

        The engine puts a replacement one line after a list item when both are list items, and
        after a blank line otherwise; a point written straight under its paragraph would move.
        """
        if index == 0 or self.old.gaps[index] == "\n\n":
            return True
        return self.blocks[index - 1].kind == ITEM and new_block.kind == ITEM

    def replace_all_words(self, ref: _Ref, old_block: Block, new_block: Block) -> str:
        """All the words of a clause replaced, keeping the points that belong to it."""
        return (
            f"In {ref.words}, delete {_quote(old_block.text)} and replace with "
            f"{_quote(new_block.text)}."
        )

    def word_instructions(self, index: int, ref: _Ref, hunks: list[_Hunk]) -> list[str] | None:
        """Word-level instructions for one block, or None when no wording is unique enough.

        A block with a label of its own is always named ("In point 1.2, ..."). Otherwise the
        words are quoted alone when they are unique in the whole text, unless naming the block
        by ordinal ("In the third paragraph, ...") lets the instructions quote fewer words.
        """
        text = self.blocks[index].text
        named = _WordWriter(text, self.scope_text(ref), f"In {ref.words}, ")
        if ref.labelled:
            return named.wording(named.instructions(hunks))
        bare_writer = _WordWriter(text, self.document_scope, "")
        bare = bare_writer.instructions(hunks)
        in_clause = named.instructions(hunks)
        if in_clause is not None and (bare is None or _quoted(in_clause) < _quoted(bare)):
            return named.wording(in_clause)
        return bare_writer.wording(bare)


def _quoted(instructions: list[_Instruction]) -> int:
    """How many characters of the old text the instructions quote."""
    return sum(instruction.end - instruction.start for instruction in instructions)


def _as_written(block: Block) -> str:
    """A new block quoted with its own label or bullet, as the engine reads it back."""
    if block.kind == HEADING:
        return render_block(block).strip()
    marker = block.bullet or block.label
    return f"{marker} {block.text}" if marker else block.text


def _quote_for(
    block: Block,
    model: Block | None,
    label: str,
    noun: str,
    keep_label: bool = False,
    bare: bool = True,
) -> str | None:
    """The words to quote so that the engine makes ``block`` exactly as written, or None.

    The bare words are tried first (the engine numbers and bullets a new point like its
    neighbour) unless ``bare`` is false, then the words with the block's own label or bullet.
    """
    wanted = render_block(block)
    quotes = (block.text, _as_written(block)) if bare else (_as_written(block),)
    for quote in dict.fromkeys(quotes):
        dressed = _dressed(quote, model, label, noun, keep_label)
        if dressed is not None and render_block(dressed) == wanted:
            return quote
    return None


def _dressed(
    quote: str, model: Block | None, label: str, noun: str, keep_label: bool
) -> Block | None:
    """The block the engine makes of quoted words put next to ``model``."""
    parsed = parse(quote.strip("\n")).blocks
    if len(parsed) != 1:
        return None
    return dressed(parsed[0], model, label, noun, keep_label)


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


@dataclass(frozen=True)
class _Instruction:
    start: int  # old text the quoted words cover, for spotting overlaps
    end: int
    wording: str
    hunk: _Hunk


class _WordWriter:
    """Writes the edits of one block's words, quoting enough to be unique in ``scope``."""

    def __init__(self, text: str, scope: str, prefix: str) -> None:
        self.text = text
        self.scope = scope
        self.prefix = prefix
        self.words = _word_spans(text)

    def instructions(self, hunks: list[_Hunk]) -> list[_Instruction] | None:
        single = [self.instruction_for(hunk) for hunk in hunks]
        if any(instruction is None for instruction in single):
            return None
        return self.merge_overlapping([i for i in single if i is not None])

    def wording(self, instructions: list[_Instruction] | None) -> list[str] | None:
        if instructions is None:
            return None
        if not self.prefix:
            return [instruction.wording for instruction in instructions]
        return [self.prefix + i.wording[0].lower() + i.wording[1:] for i in instructions]

    def unique(self, quoted: str) -> bool:
        return bool(_WORD.search(quoted)) and _count(self.scope, quoted) == 1

    def instruction_for(self, hunk: _Hunk) -> _Instruction | None:
        """The most natural wording for one edit: delete, insert after, or replace."""
        hunk = _shift_space_to_front(self.text, hunk)
        if not hunk.new:
            deletion = self.deletion(hunk)
            if deletion:
                return deletion
        if hunk.start == hunk.end and hunk.new.strip():
            insertion = self.insertion(hunk)
            if insertion:
                return insertion
        return self.replacement(hunk)

    def deletion(self, hunk: _Hunk) -> _Instruction | None:
        """ "Delete "or profit"": whole words, unique, and tidied back to the edited text."""
        text = self.text
        removed = text[hunk.start : hunk.end]
        deleted = removed.strip()
        if not self.unique(deleted):
            return None
        start = hunk.start + removed.index(deleted)
        end = start + len(deleted)
        whole_left = start == 0 or text[start - 1].isspace()
        whole_right = end == len(text) or text[end].isspace() or text[end] in _CLOSING_PUNCTUATION
        expected = text[: hunk.start] + text[hunk.end :]
        if not (whole_left and whole_right) or delete_span(text, start, end) != expected:
            return None
        return _Instruction(hunk.start, hunk.end, f"Delete {_quote(deleted)}.", hunk)

    def insertion(self, hunk: _Hunk) -> _Instruction | None:
        """ "After "X" insert "Y"", X the fewest whole words before the insertion."""
        text = self.text
        words = hunk.new.strip()
        position = hunk.start
        expected = text[:position] + hunk.new + text[position:]
        at_word_end = position > 0 and not text[position - 1].isspace()
        if (
            not at_word_end
            or " ".join(words.split()) != words
            or insert_at(text, position, words) != expected
        ):
            return None
        anchor_start: int | None = position
        while True:
            anchor_start = _previous_word_start(anchor_start, self.words)
            if anchor_start is None:
                return None
            anchor = text[anchor_start:position]
            if self.unique(anchor) and _meaningful(anchor):
                wording = f"After {_quote(anchor)} insert {_quote(words)}."
                return _Instruction(anchor_start, position, wording, hunk)

    def replacement(self, hunk: _Hunk) -> _Instruction | None:
        """ "Delete "X" and replace with "Y"", both with enough unchanged words to be unique.

        None when even the whole block is not unique in the scope (the same clause twice).
        """
        text = self.text
        start, end = _snap_to_words(text, hunk)
        grow_right = True
        while True:
            quoted = text[start:end]
            replacement = text[start : hunk.start] + hunk.new + text[hunk.end : end]
            if self.exact_replacement(start, end, quoted, replacement) and self.unique(quoted):
                break
            # Grow by one word at a time, alternating sides for balanced context.
            wider_end = _next_word_end(end, self.words)
            wider_start = _previous_word_start(start, self.words)
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

    def exact_replacement(self, start: int, end: int, quoted: str, replacement: str) -> bool:
        """Whether replacing the quoted words gives exactly the edited text.

        The quotation must not start or end with a space (the engine strips it), the engine
        writes replacement words with single spaces, and an empty replacement is a deletion,
        which the engine tidies.
        """
        if quoted != quoted.strip() or replacement != replacement.strip():
            return False
        if " ".join(replacement.split()) != replacement:
            return False
        if not replacement:
            return delete_span(self.text, start, end) == self.text[:start] + self.text[end:]
        return True

    def merge_overlapping(self, instructions: list[_Instruction]) -> list[_Instruction] | None:
        """Edits whose quoted words overlap cannot both be applied: merge them into one.

        The merged edit runs from the first edit's start to the second's end, and is worded as
        one replacement (which quotes the unchanged words between the two edits).
        """
        merged: list[_Instruction] = []
        for instruction in instructions:
            current: _Instruction | None = instruction
            while current and merged and _clash(merged[-1], current):
                first = merged.pop().hunk
                second = current.hunk
                between = self.text[first.end : second.start]
                hunk = _Hunk(first.start, second.end, first.new + between + second.new)
                current = self.replacement(hunk)
            if current is None:
                return None
            merged.append(current)
        return merged


def _clash(first: _Instruction, second: _Instruction) -> bool:
    """Whether the engine would refuse the two edits as overlapping (or they touch)."""
    return second.start <= first.end


def _meaningful(quoted: str) -> bool:
    """Quoted context a delegate can find: two words, or one word of four letters or more."""
    words = re.findall(r"\w+", quoted)
    return len(words) >= 2 or any(len(word) >= 4 for word in words)


def _shift_space_to_front(text: str, hunk: _Hunk) -> _Hunk:
    """Move a pure insertion or deletion left while that keeps the result the same.

    "the big cat" -> "the cat" diffs as deleting "big " after "the "; shifting gives deleting
    " big" after "the", so the quoted words sit between two spaces the engine tidies.
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


def _snap_to_words(text: str, hunk: _Hunk) -> tuple[int, int]:
    """Widen an edit that cuts into a run of non-space characters to the whole run.

    "£10/year" -> "£12/year" diffs as "10" -> "12"; a delegate quotes "£10/year". Punctuation
    that closes or opens the run is left out when the edit does not touch it ("profit." is
    quoted as "profit").
    """
    deleted = text[hunk.start : hunk.end]
    start, end = hunk.start, hunk.end
    first_changed = (deleted[:1] or hunk.new[:1]).strip() and (hunk.new[:1] or "x").strip()
    if first_changed:
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while start < hunk.start and text[start] in _OPENING_PUNCTUATION:
            start += 1
    last_changed = (deleted[-1:] or hunk.new[-1:]).strip() and (hunk.new[-1:] or "x").strip()
    if last_changed:
        while end < len(text) and not text[end].isspace():
            end += 1
        while end > hunk.end and text[end - 1] in _CLOSING_PUNCTUATION:
            end -= 1
    return start, end
