"""Clauses of a motion: the units the compositing engine aligns and accounts for.

A clause is one sentence of a paragraph or list item, so that a composite which keeps one
draft's sentence and drops its neighbour can be traced clause by clause. Numbering labels and
bullets are kept apart from the wording; headings are kept (so coverage can show them) but
flagged, because a heading is not a point anyone votes on.

Blocks and sentences come from the shared text model (``compositing.text``), which reads
Markdown and the raw text people paste from web pages and Word files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from compositing.text import HEADING, ITEM, Block, parse, sentences


class ClauseKind(Enum):
    SENTENCE = "sentence"
    HEADING = "heading"


@dataclass(frozen=True)
class Clause:
    """One clause of one motion, as it stands in that motion."""

    motion: str
    index: int  # position among the motion's clauses: the clause's identity within the motion
    text: str  # the wording, without bullet or numbering label
    label: str = ""  # numbering label of the block it starts, e.g. "2.3" or "(c)"
    kind: ClauseKind = ClauseKind.SENTENCE
    heading: str = ""  # nearest heading above it, "" if none
    block: int = 0  # index of the paragraph or list item it belongs to
    # What its block is: "bullet" (a bulleted item), "number" (an item of a numbered or
    # lettered list: "1.", "b)", "(iv)"), "" (a paragraph or heading, and a clause numbered as
    # a document numbers its clauses: "1.2.", "Rule D 6.4", which a composite renumbers).
    item: str = ""
    term: bool = False  # the term a "Term: description" item starts with ("Chair")

    @property
    def ref(self) -> tuple[str, int]:
        return (self.motion, self.index)

    @property
    def is_heading(self) -> bool:
        return self.kind is ClauseKind.HEADING


_NUMBERED_HEADING_RE = re.compile(r"^\d+(?:\.0)?$")
# The label of one point of a numbered or lettered list: "1.", "2)", "(3)", "b.", "(iv)".
_LIST_LABEL_RE = re.compile(
    r"^(?:(?:\d+|[a-z]|[ivxlcdm]+)[.)]|\((?:\d+|[a-z]|[ivxlcdm]+)\))$", re.IGNORECASE
)


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace (including non-breaking spaces) to single spaces."""
    return " ".join(text.split())


def split_clauses(motion: str, text: str) -> list[Clause]:
    """Split one motion's text into its clauses, in reading order.

    Blocks come from the shared text model (:func:`compositing.text.parse`); a label standing
    alone on its line ("2.3" above the clause, as Word exports have it) numbers the next block.
    """
    clauses: list[Clause] = []
    heading = ""
    pending_label = ""
    for block_index, block in enumerate(parse(text).blocks):
        body = normalise_space(block.text)
        label = block.label or block.bullet
        if not body:
            pending_label = label or pending_label
            continue
        label, pending_label = label or pending_label, ""
        if _is_heading(block, body):
            heading = body
            clauses.append(
                Clause(motion, len(clauses), body, label, ClauseKind.HEADING, heading, block_index)
            )
            continue
        item = "bullet" if block.bullet else "number" if _LIST_LABEL_RE.match(label) else ""
        parts, has_term = _term_and_sentences(block, body)
        for position, sentence in enumerate(parts):
            clauses.append(
                Clause(
                    motion,
                    len(clauses),
                    sentence,
                    label if position == 0 else "",
                    ClauseKind.SENTENCE,
                    heading,
                    block_index,
                    item,
                    has_term and position == 0,
                )
            )
    return clauses


# "Chair: Prepares agendas and chairs meetings" - a list item naming a term, then saying what it
# is. The term is a point of its own (the post), apart from the description (its duties).
_TERM_RE = re.compile(r"^(?P<term>[A-Z][\w'’/&-]*(?: [\w'’/&()-]+){0,3}):\s+(?P<rest>\S.*)$")


def _term_and_sentences(block: Block, body: str) -> tuple[list[str], bool]:
    """The block's clauses, and whether the first is the term of a "Term: description" item."""
    match = _TERM_RE.match(body) if block.kind == ITEM else None
    if match is None:
        return sentences(body), False
    return [match["term"], *sentences(match["rest"])], True


def _is_heading(block: Block, body: str) -> bool:
    """Markdown headings, and the headings of pasted text: "2. Structure", "OBJECTIVES".

    Bullets and lettered items are list items however short ("Chair", "Women"), so that a
    list of officers is never mistaken for a run of headings.
    """
    if block.kind == HEADING:
        return True
    if block.bullet or (block.label and not _NUMBERED_HEADING_RE.match(block.key)):
        return False
    words = body.split()
    if len(words) > 8 or body[-1] in '.;:,!?”"':
        return False
    letters = [c for c in body if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return True
    return bool(block.label) and body[0].isupper()
