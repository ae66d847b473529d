"""Read a published composite (raw text, as the LLA 2020 CAC put it on the web) into the model.

The layout it reads, line by line:

* ``1) Aims`` starts a section; ``1.1 Common ground:`` its common ground;
  ``2.2 Difference: Political orientation/eligibility`` (or ``1.2 Differences:``) an option group;
* ``Amendment from Rotherham Left Momentum`` starts an amendment to the common ground: the
  movers' reasons, then the instructions from the first line that gives one ("Therefore, amend
  section 1 as follows:", "Add:"), up to its ``Procedural note``;
* ``Option A:``, ``Option A        [London LL]``, ``Option A: [Dulwich]`` start options; an
  attribution in square brackets may also end the option's text or stand on a line of its own;
* ``Procedural note: ...`` gives the kind of the group (the wording of
  :data:`compositing.composite.PROCEDURAL_NOTES`); a note after each option means each is voted
  for or against; lines after a note that belong to no new option, closed by a note of their
  own, are a sub-option of the option above (the LLA's "1. Free movement of people");
* ``Procedural note 2: If Option A or E is agreed:`` starts a conditional group whose options
  follow (``Option 1: ...``).

Anything it cannot place raises :class:`CompositeImportError` naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compositing.composite import (
    PROCEDURAL_NOTES,
    CommonGround,
    Composite,
    CompositeAmendment,
    CompositeSection,
    Condition,
    GroupKind,
    Option,
    OptionGroup,
)
from compositing.text import parse_marker, to_markdown

_MD_HEADING_RE = re.compile(r"^#{1,6}\s+")
_SECTION_RE = re.compile(r"^(?P<number>\d+)\)\s+(?P<title>\S.*)$")
_SUBSECTION_RE = re.compile(
    r"^(?P<number>\d+\.\d+)\.?\s+(?P<kind>common ground|differences?)\s*"
    r"(?::\s*(?P<title>.*?))?\s*:?\s*$",
    re.IGNORECASE,
)
_AMENDMENT_RE = re.compile(r"^Amendments?\s+(?:from|by)\s+(?P<mover>.+?):?\s*$", re.IGNORECASE)
_OPTION_RE = re.compile(r"^Option\s+(?P<label>[A-Z0-9]{1,3})\b\s*:?\s*(?P<rest>.*)$")
_NOTE_RE = re.compile(r"^Procedural note(?:\s+\d+)?\s*:\s*(?P<note>.*)$", re.IGNORECASE)
_CONDITION_RE = re.compile(
    r"^If Options?\s+(?P<labels>.+?)\s+(?:of\s+(?P<group>\d+(?:\.\d+)*)\s+)?"
    r"(?:is|are) agreed\s*:?$",
    re.IGNORECASE,
)
_TRAILING_ATTRIBUTION_RE = re.compile(r"\s*\[(?P<names>[^\[\]]+)\]\s*$")
_INSTRUCTION_START_RE = re.compile(
    r"^(?:therefore,?\s+)?(?:amend|add|delete|insert|leave out|replace|in (?:point|line|section))",
    re.IGNORECASE,
)


class CompositeImportError(ValueError):
    """The text has a line the importer cannot place."""


def import_composite(raw: str, title: str | None = None) -> Composite:
    """Read a composite published as raw text (see the module docstring) into a Composite."""
    lines = [line.rstrip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    first_section = next(
        (n for n, line in enumerate(lines) if _SECTION_RE.match(_MD_HEADING_RE.sub("", line))),
        None,
    )
    if first_section is None:
        raise CompositeImportError("no section heading such as '1) Aims' found")
    found_title, preamble = _title_and_preamble(lines[:first_section])
    builder = _Builder(Composite(title or found_title, preamble=preamble))
    for number, line in enumerate(lines[first_section:], start=first_section + 1):
        try:
            builder.feed(line)
        except CompositeImportError as error:
            raise CompositeImportError(f"line {number}: {error}: {line.strip()!r}") from None
    builder.finish()
    return builder.composite


def _title_and_preamble(lines: list[str]) -> tuple[str, str]:
    """The composite's title (the last short line naming a composite) and the note after it."""
    title_at = None
    for n, line in enumerate(lines):
        if "composite" in line.lower() and len(line.strip()) <= 80:
            title_at = n
    if title_at is None:
        return "Composite", ""
    title = re.sub(r"^(?:#{1,6}\s+)?(?:[A-Z]\)\s*)?", "", lines[title_at].strip())
    kept = [line for line in lines[title_at + 1 :] if not line.strip().startswith("Download")]
    return title, to_markdown("\n".join(kept)).strip()


@dataclass
class _OptionDraft:
    label: str
    lines: list[str] = field(default_factory=list)
    attribution: list[str] = field(default_factory=list)
    noted: bool = False  # a procedural note has followed it
    sub_blocks: list[list[str]] = field(default_factory=list)  # lines closed by their own note
    pending: list[str] = field(default_factory=list)  # lines after its note, not yet closed


@dataclass
class _GroupDraft:
    number: str
    title: str
    options: list[_OptionDraft] = field(default_factory=list)
    kinds: list[GroupKind] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
    condition: Condition | None = None


class _Builder:
    """Walks the lines once, keeping what it is in the middle of."""

    def __init__(self, composite: Composite) -> None:
        self.composite = composite
        self.section: CompositeSection | None = None
        self.common_lines: list[str] | None = None
        self.amendment: tuple[str, list[str]] | None = None  # (mover, lines)
        self.group: _GroupDraft | None = None

    # -- dispatch ----------------------------------------------------------------------------

    def feed(self, line: str) -> None:
        # Markdown heading marks are layout, not content ("## 1) Aims" is "1) Aims").
        stripped = _MD_HEADING_RE.sub("", line.strip())
        if match := _SECTION_RE.match(stripped):
            self._close_section()
            self.section = CompositeSection(match["number"], match["title"].strip())
            self.composite.sections.append(self.section)
            return
        if self.section is None:
            raise CompositeImportError("text before the first section")
        if match := _SUBSECTION_RE.match(stripped):
            self._close_subsection()
            if match["kind"].lower() == "common ground":
                self.common_lines = []
                self.section.common_ground = CommonGround(match["number"], "")
            else:
                title = (match["title"] or "").strip() or "Differences"
                self.group = _GroupDraft(match["number"], title)
            return
        if self.amendment is not None or (
            self.common_lines is not None and _AMENDMENT_RE.match(stripped)
        ):
            self._feed_amendment(stripped, line)
            return
        if self.common_lines is not None:
            self.common_lines.append(line)
            return
        if self.group is not None:
            self._feed_group(stripped, line)
            return
        if stripped:
            raise CompositeImportError("text outside common ground or an option group")

    # -- amendments --------------------------------------------------------------------------

    def _feed_amendment(self, stripped: str, line: str) -> None:
        if self.amendment is None:
            match = _AMENDMENT_RE.match(stripped)
            assert match is not None  # feed() only sends a new amendment when it matches
            self.amendment = (match["mover"].strip(), [])
            return
        mover, lines = self.amendment
        note = _NOTE_RE.match(stripped)
        if note is None:
            lines.append(line)
            return
        supporting, instruction = _split_amendment(lines)
        if not instruction:
            raise CompositeImportError(f"amendment from {mover} gives no instruction")
        common = self.section.common_ground if self.section else None
        assert common is not None  # amendments are only read inside common ground
        common.amendments.append(
            CompositeAmendment(mover, instruction, supporting, note["note"].strip())
        )
        self.amendment = None

    # -- option groups -----------------------------------------------------------------------

    def _feed_group(self, stripped: str, line: str) -> None:
        group = self.group
        assert group is not None
        if note := _NOTE_RE.match(stripped):
            self._apply_note(group, note["note"].strip())
            return
        if option := _OPTION_RE.match(stripped):
            draft = _OptionDraft(option["label"])
            rest = option["rest"].strip()
            rest, draft.attribution = _take_attribution(rest)
            if rest:
                draft.lines.append(rest)
            group.options.append(draft)
            return
        if not group.options:
            group.intro.append(line)
            return
        current = group.options[-1]
        if stripped and _TRAILING_ATTRIBUTION_RE.fullmatch(stripped) and not current.noted:
            _text, current.attribution = _take_attribution(stripped)
            return
        (current.pending if current.noted else current.lines).append(line)

    def _apply_note(self, group: _GroupDraft, note: str) -> None:
        if condition := _CONDITION_RE.match(note):
            self._close_group()
            labels = re.split(r",\s*|\s+or\s+|\s+and\s+", condition["labels"])
            parent = condition["group"] or group.number
            self.group = _GroupDraft(
                f"{group.number}a",
                f"If Option {condition['labels']} is agreed",
                condition=Condition(parent, labels),
            )
            return
        kind = kind_of_note(note)
        group.kinds.append(kind)
        if not group.options:
            return
        current = group.options[-1]
        if current.noted and any(line.strip() for line in current.pending):
            current.sub_blocks.append(current.pending)
            current.pending = []
        current.noted = True

    # -- closing -----------------------------------------------------------------------------

    def _close_subsection(self) -> None:
        if self.amendment is not None:
            raise CompositeImportError(f"amendment from {self.amendment[0]} has no procedural note")
        if self.common_lines is not None and self.section and self.section.common_ground:
            self.section.common_ground.text = to_markdown("\n".join(self.common_lines)).strip()
        self.common_lines = None
        self._close_group()

    def _close_group(self) -> None:
        group, self.group = self.group, None
        if group is None or self.section is None:
            return
        if not group.options:
            raise CompositeImportError(f"option group {group.number} has no options")
        self.section.groups.append(
            OptionGroup(
                group.number,
                group.title,
                _group_kind(group),
                [_build_option(draft) for draft in group.options],
                to_markdown("\n".join(group.intro)).strip(),
                group.condition,
            )
        )

    def _close_section(self) -> None:
        self._close_subsection()

    def finish(self) -> None:
        self._close_section()


def kind_of_note(note: str) -> GroupKind:
    """The group kind a printed procedural note stands for."""
    wanted = _plain(note)
    for kind, wording in PROCEDURAL_NOTES.items():
        if _plain(wording) == wanted:
            return kind
    if "against each other" in wanted:
        return (
            GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER
            if "neither" in wanted
            else GroupKind.AGAINST_EACH_OTHER
        )
    if "for or against" in wanted:
        return GroupKind.FOR_OR_AGAINST_EACH
    raise CompositeImportError(f"procedural note not understood: {note!r}")


def _plain(text: str) -> str:
    text = re.sub(r"[‘’“”'\"]", "", text.lower())
    return " ".join(text.split()).rstrip(".")


def _group_kind(group: _GroupDraft) -> GroupKind:
    kinds = set(group.kinds)
    # A group whose options are each voted for or against (and may carry their own notes) is
    # that kind; otherwise the note the group ends with decides. A conditional group printed
    # without a note offers alternatives of which one is chosen: taken against each other.
    if len(kinds) > 1:
        raise CompositeImportError(f"option group {group.number} has notes of different kinds")
    return kinds.pop() if kinds else GroupKind.AGAINST_EACH_OTHER


def _build_option(draft: _OptionDraft) -> Option:
    if not draft.sub_blocks:
        text, attribution = _take_attribution(_markdown(draft.lines + draft.pending))
        return Option(draft.label, text, attribution or draft.attribution)
    # The option heads sub-options: its own lines are an intro, then the first sub-option
    # (the first list item onwards); each later block closed by a note is another.
    intro, first = _split_intro(draft.lines)
    sub_options = []
    for number, block in enumerate([first, *draft.sub_blocks], start=1):
        text, attribution = _take_attribution(_markdown([_strip_marker(line) for line in block]))
        sub_options.append(Option(str(number), text, attribution))
    return Option(draft.label, _markdown(intro), draft.attribution, sub_options=sub_options)


def _split_intro(lines: list[str]) -> tuple[list[str], list[str]]:
    for n, line in enumerate(lines):
        if line.strip() and parse_marker(line):
            return lines[:n], lines[n:]
    return [], lines


def _strip_marker(line: str) -> str:
    marker = parse_marker(line)
    if not marker:
        return line
    indent, bullet, label, gap = marker
    return line[len(indent) + len(bullet or label) + len(gap) :]


def _markdown(lines: list[str]) -> str:
    return to_markdown("\n".join(lines)).strip()


def _take_attribution(text: str) -> tuple[str, list[str]]:
    """Split "... [LAW/SLL, Tees Valley LL]" into the text and ["LAW/SLL", "Tees Valley LL"]."""
    match = _TRAILING_ATTRIBUTION_RE.search(text)
    if not match:
        return text, []
    names = [name.strip() for name in match["names"].split(",") if name.strip()]
    return text[: match.start()].rstrip(), names


def _split_amendment(lines: list[str]) -> tuple[str, str]:
    """The movers' reasons and the instructions, each as Markdown."""
    for n, line in enumerate(lines):
        if _INSTRUCTION_START_RE.match(line.strip()):
            first = re.sub(r"^therefore,?\s+", "", line.strip(), flags=re.IGNORECASE)
            instruction = [first[0].upper() + first[1:], *lines[n + 1 :]]
            return _markdown(lines[:n]), _markdown(instruction)
    return _markdown(lines), ""
