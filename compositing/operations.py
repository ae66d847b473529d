"""What an amendment says to do, as typed values: the places it names and the changes it makes.

The reader (:mod:`compositing.reader`) turns instructions into these values; the planner
(:mod:`compositing.apply`) finds their places in a text (:mod:`compositing.resolve`) and makes
the changes. Nothing here knows about wording: the same change reads the same whether it was
written "Delete point 2.3", "by deleting point 2.3" or "point 2.3 shall be deleted".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from compositing.vocabulary import ordinal_word, plural

__all__ = [
    "AddText",
    "Amendment",
    "CheckText",
    "DeleteListed",
    "DeleteRest",
    "DeleteUnit",
    "DeleteWords",
    "Explanation",
    "InsertUnit",
    "InsertWords",
    "MoveText",
    "Operation",
    "ReplaceUnit",
    "ReplaceWords",
    "Renumber",
    "Step",
    "Target",
]


@dataclass(frozen=True)
class Step:
    """One narrowing of a place, from the outside in: "Rule 5", "paragraph 2", "line 6".

    ``kind`` is one of:

    - ``label``: the unit numbered ``label`` ("point 2.3", "Article 3.2(d)"), ``until`` the
      unit a range ends with ("points 2.3 to 2.5");
    - ``title``: the unit called ``title`` ("Glossary of Terms");
    - ``nth``: the ``nth`` ``noun`` (1 first, -1 last, 0 the only one), ``count`` of them
      ("the last three paragraphs": nth -3, count 3);
    - ``beginning`` / ``containing`` / ``quoted``: the ``noun`` that begins with, contains or
      reads ``words``;
    - ``lines``: printed lines ``first`` to ``last``;
    - ``definition``: the definition of the term ``words``;
    - ``whole``: the whole text (``title`` names the document when the instruction does).
    """

    kind: str
    noun: str = ""
    label: str = ""
    title: str = ""
    nth: int = 0
    count: int = 1
    words: str = ""
    first: int = 0
    last: int = 0
    until: Step | None = None

    def describe(self) -> str:
        noun = self.noun or "point"
        if self.kind == "whole":
            return "the text"
        if self.kind == "title":
            return f"“{self.title}”"
        if self.kind == "lines":
            return (
                f"line {self.first}"
                if self.first == self.last
                else (f"lines {self.first}-{self.last}")
            )
        if self.kind == "definition":
            return f"the definition of “{self.words}”"
        if self.kind in ("beginning", "containing"):
            verb = "beginning" if self.kind == "beginning" else "containing"
            return f"the {noun} {verb} “{self.words}”"
        if self.kind == "quoted":
            return f"the {noun} “{_short(self.words)}”"
        if self.kind == "nth":
            if self.nth == 0:
                return f"the {noun}"
            if self.count > 1:
                direction = "last" if self.nth < 0 else "first"
                return f"the {direction} {self.count} {plural(noun)}"
            return f"the {ordinal_word(self.nth)} {noun}"
        text = f"{noun} {self.label}".strip()
        if self.until is not None:
            text = f"{plural(noun)} {self.label} to {self.until.label}"
        return text


def _short(words: str, size: int = 8) -> str:
    pieces = words.split()
    return " ".join(pieces[:size]) + ("…" if len(pieces) > size else "")


@dataclass(frozen=True)
class Target:
    """A place in the text: its steps, outermost first ("Rule 5", "paragraph 2", "line 6")."""

    steps: tuple[Step, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.steps)

    def then(self, other: Target) -> Target:
        return Target(self.steps + other.steps)

    @property
    def last(self) -> Step | None:
        return self.steps[-1] if self.steps else None

    def describe(self) -> str:
        return " of ".join(step.describe() for step in reversed(self.steps)) or "the text"


@dataclass(frozen=True)
class Operation:
    """One change; ``source`` is its instruction as written, ``scope`` where it acts."""

    source: str
    scope: Target = field(default_factory=Target)
    expect: str = ""  # the text as the amendment says it will read ("... to give '...'")
    scope_source: str = ""  # the line of the amendment that named the scope, as written
    near: Target = field(default_factory=Target)  # the place named just before, to tell
    # "(b)" of 21.7 from another "(b)": "Delete 21.7(c) and remove '; and' from (b)"
    plain: bool = False  # its new words were written without quotation marks, so a full
    # stop ending them may be the instruction's own ("replace with: write to.")

    @property
    def action(self) -> str:
        return _ACTION_NAMES[type(self).__name__]


@dataclass(frozen=True)
class DeleteWords(Operation):
    """Delete ``words`` (every place they appear when ``every``; ``expected`` places when the
    instruction counts them; only the ``nth`` place when it names one)."""

    words: str = ""
    every: bool = False
    expected: int = 0
    nth: int = 0
    end_words: str = ""  # "from 'X' to 'Y'": the span ends with these words (inclusive)
    to_end_of: str = ""  # "from 'X' to the end of the sentence": "sentence" / "paragraph"


@dataclass(frozen=True)
class ReplaceWords(DeleteWords):
    new: str = ""


@dataclass(frozen=True)
class InsertWords(Operation):
    """Insert ``new`` ``position`` ("after" / "before") the words ``anchor``."""

    new: str = ""
    anchor: str = ""
    position: str = "after"


@dataclass(frozen=True)
class DeleteRest(Operation):
    """Delete all after (or, ``including``, from) ``anchor``; put ``new`` there when given."""

    anchor: str = ""
    including: bool = False
    new: str = ""


@dataclass(frozen=True)
class AddText(Operation):
    """Add ``new`` at the end (or start) of ``target``: words that continue its last
    sentence, a new sentence, or new paragraphs at the end of a section or of the text."""

    target: Target = field(default_factory=Target)
    new: str = ""
    position: str = "end"


@dataclass(frozen=True)
class DeleteUnit(Operation):
    """Delete ``target`` (a unit, paragraph, item, sentence or lines). ``verify`` is the text
    the instruction says it has ("Remove current article 103: '...'")."""

    target: Target = field(default_factory=Target)
    verify: str = ""


@dataclass(frozen=True)
class ReplaceUnit(DeleteUnit):
    """Replace ``target`` with ``new`` (its label kept unless ``new`` brings its own; a new
    ``noun`` such as "paragraph" drops it)."""

    new: str = ""
    noun: str = ""


@dataclass(frozen=True)
class InsertUnit(Operation):
    """New text as a unit of its own (a point, paragraph, sentence, list item): ``position``
    ("after", "before", "end", "start") of ``target``; or, with no target, by its ``label``
    ("Insert new D3.2") or at the end of the scope. ``noun`` is what it is called."""

    new: str = ""
    target: Target = field(default_factory=Target)
    position: str = ""
    noun: str = ""
    label: str = ""
    title: str = ""  # on its label's line: "a new Article 5 – Finance: '5.1 ...'"


@dataclass(frozen=True)
class MoveText(Operation):
    """Move ``target`` to the ``position`` of ``destination`` (end, start, after, before, or
    become: into the place, and so the number, the destination has now)."""

    target: Target = field(default_factory=Target)
    destination: Target = field(default_factory=Target)
    position: str = "end"


@dataclass(frozen=True)
class CheckText(Operation):
    """The amendment says ``target`` reads ``text`` now ("This clause currently reads ...")."""

    target: Target = field(default_factory=Target)
    text: str = ""


@dataclass(frozen=True)
class Renumber(Operation):
    """Renumber the points of ``target`` (the whole text when empty) one after another; or,
    given ``label``, give ``target`` that number ("Renumber Rule 4.4 as Rule 4.5")."""

    target: Target = field(default_factory=Target)
    label: str = ""


@dataclass(frozen=True)
class DeleteListed(Operation):
    """Delete each of ``listed`` (whole points, or words); put ``replacements`` in their place."""

    listed: tuple[str, ...] = ()
    replacements: tuple[str, ...] | None = None


_ACTION_NAMES = {
    "DeleteWords": "delete_words",
    "ReplaceWords": "replace_words",
    "InsertWords": "insert_words",
    "DeleteRest": "delete_rest",
    "AddText": "add_text",
    "DeleteUnit": "delete_unit",
    "ReplaceUnit": "replace_unit",
    "InsertUnit": "insert_unit",
    "MoveText": "move_text",
    "DeleteListed": "delete_listed",
    "CheckText": "check_text",
    "Renumber": "renumber",
}


@dataclass(frozen=True)
class Explanation:
    """Words of an amendment that are not instructions, kept as written: its ``kind`` is
    "title", "reason", "note", "mover", "preamble", "context" or "summary"."""

    kind: str
    text: str


@dataclass(frozen=True)
class Amendment:
    operations: tuple[Operation, ...]
    scope: Target = field(default_factory=Target)
    renumber: bool = False
    source: str = ""
    explanation: tuple[Explanation, ...] = ()
    notes: tuple[str, ...] = ()  # how the engine read what it could have read otherwise
    keep_numbers: bool = False  # "without renumbering": the other points keep their numbers

    def to_dict(self) -> dict[str, Any]:
        """A plain description for storing beside the amendment as written."""
        return {
            "scope": self.scope.describe() if self.scope else "",
            "renumber": self.renumber,
            "keep_numbers": self.keep_numbers,
            "operations": [_operation_dict(op) for op in self.operations],
            "explanation": [asdict(part) for part in self.explanation],
            "notes": list(self.notes),
        }


def _operation_dict(operation: Operation) -> dict[str, Any]:
    described: dict[str, Any] = {"action": operation.action}
    for item in fields(operation):
        value = getattr(operation, item.name)
        if isinstance(value, Target):
            value = value.describe() if value else ""
        if value not in ("", (), None, False, 0) or item.name == "source":
            described[item.name] = value
    return described
