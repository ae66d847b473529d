"""What the printable documents say, as plain data: the PDF and the Word builders render the same.

Each function here returns a :class:`Paper`: a title, a few lines about it, and a flat list of
parts (headings, paragraphs, numbered lines, prose, tables). Neither builder decides what goes
on the paper, only how it looks, so the two formats cannot drift apart.

Numbered lines are ``compositing.numbered_lines(text, width=80)``, exactly as the screens number
them, so "Line 12 ..." in an amendment means the same line on paper and on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from markdown_it import MarkdownIt

from compositing import Composite as EngineComposite
from compositing import CompositeSection, GroupKind, Option, OptionGroup
from compositing.text import HEADING, display_marker, numbered_lines, parse
from motions.composites.services import (
    amendable_text,
    order_paper_content,
    published_composites,
)
from motions.models import Composite, Heading, Submission, VotingSession
from motions.models.base import utcnow
from procedure import AgreedText

LINE_WIDTH = 80  # as the screens number lines: never change one without the other
AMENDMENT_NOTE = "Vote for or against"

# --- the parts of a paper ----------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A piece of text in one style (Markdown's **bold**, *italic*, `code`)."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Title:
    text: str
    level: int = 2  # 1: the paper's title; 2: a motion or section; 3, 4: parts of them


@dataclass(frozen=True)
class Para:
    """One paragraph; ``style`` is "body", "meta" (who, when), "note" (procedural) or "flag"."""

    runs: tuple[Run, ...]
    style: str = "body"

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class PrintedLine:
    number: int
    text: str  # with its label or bullet on the first line of a block, as the screens print it
    indent: int  # in characters
    heading: bool = False


@dataclass(frozen=True)
class Lines:
    """Numbered lines, one printed line each: never re-wrapped by a builder."""

    lines: tuple[PrintedLine, ...]


@dataclass(frozen=True)
class ProseBlock:
    marker: str  # "1.", "•", "(a)" or ""
    runs: tuple[Run, ...]
    depth: int = 0
    heading: bool = False


@dataclass(frozen=True)
class Prose:
    """Markdown text as written (an amendment's instructions, an option, an agreed text),
    block by block; the builder wraps it."""

    blocks: tuple[ProseBlock, ...]
    style: str = "body"  # "body", "instruction", "quote"


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Part = Title | Para | Lines | Prose | Table


@dataclass
class Paper:
    title: str
    subtitle: str  # the conference, and which heading
    filename: str  # without extension
    meta: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    draft: bool = False  # not yet published: printed as such on every page

    def title_(self, text: str, level: int = 2) -> None:
        self.parts.append(Title(text, level))

    def para(self, text: str, style: str = "body") -> None:
        self.parts.append(Para((Run(text),), style))

    def lines(self, text: str, skip_first: bool = False) -> None:
        printed = numbered(text)
        self.parts.append(Lines(printed[1:] if skip_first else printed))

    def prose(self, markdown: str, style: str = "body") -> None:
        if markdown.strip():
            self.parts.append(prose(markdown, style))


def numbered(text: str) -> tuple[PrintedLine, ...]:
    return tuple(
        PrintedLine(line.number, line.text, line.indent, line.kind == HEADING)
        for line in numbered_lines(text, width=LINE_WIDTH)
    )


_inline = MarkdownIt("commonmark", {"html": False})


def runs(markdown: str) -> tuple[Run, ...]:
    """The inline Markdown of one block as styled runs (links keep their words, not the URL)."""
    result: list[Run] = []
    bold = italic = 0
    for token in (_inline.parseInline(markdown)[0].children or []):
        kind = token.type
        if kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
        elif kind in ("text", "code_inline", "html_inline"):
            result.append(Run(token.content, bold > 0, italic > 0))
        elif kind in ("softbreak", "hardbreak"):
            result.append(Run(" ", bold > 0, italic > 0))
    return _merged(result) or (Run(markdown),)


def _merged(pieces: list[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for piece in pieces:
        if merged and (merged[-1].bold, merged[-1].italic) == (piece.bold, piece.italic):
            merged[-1] = Run(merged[-1].text + piece.text, piece.bold, piece.italic)
        elif piece.text:
            merged.append(piece)
    return tuple(merged)


def prose(markdown: str, style: str = "body") -> Prose:
    blocks = []
    for block in parse(markdown).blocks:
        if not block.text.strip() and not block.label:
            continue
        blocks.append(ProseBlock(display_marker(block), runs(block.text), block.depth,
                                 block.kind == HEADING))
    return Prose(tuple(blocks), style)


def slug(text: str) -> str:
    words = "".join(c.lower() if c.isalnum() else " " for c in text).split()
    return "-".join(words)[:60] or "paper"


def _stamp() -> str:
    return f"Printed {utcnow().strftime('%d %B %Y, %H:%M UTC')}"


# --- the order paper of a heading -------------------------------------------------------------


def in_order(submissions: list[Submission]) -> list[Submission]:
    """Ruled in order and not withdrawn, in order-paper order: what is put to conference."""
    return sorted((s for s in submissions if s.is_in_order and not s.is_withdrawn),
                  key=lambda s: s.seq)


def heading_order_paper(heading: Heading) -> Paper:
    """The heading's published composite(s) in order-paper form, then its motions ruled in
    order, each with its numbered lines and the amendments ruled in order to it."""
    conference = heading.conference
    paper = Paper(
        title=f"{heading.position}. {heading.title}",
        subtitle=f"{conference.name}: order paper",
        filename=f"order-paper-{heading.position}-{slug(heading.title)}",
        draft=not heading.is_published,
    )
    paper.meta.append(_stamp())
    if heading.description.strip():
        paper.prose(heading.description)
    composites = published_composites(heading)
    for composite in composites:
        add_composite(paper, composite, level=2)
    motions = in_order(heading.motions)
    if composites and motions:
        paper.title_("The original motions", 2)
        for composite in composites:
            if composite.procedural_motion:
                paper.para(f"If the CAC's procedural motion is carried: {composite.carried_label} "
                           f"If it is lost: {composite.lost_label}", "note")
    if not motions and not composites:
        paper.para("No motion under this heading has been ruled in order.", "flag")
    for motion in motions:
        add_motion(paper, motion, level=3 if composites else 2)
    return paper


def add_motion(paper: Paper, motion: Submission, level: int = 2) -> None:
    paper.title_(f"{motion.label}) {motion.title}", level)
    paper.para(_who(motion), "meta")
    paper.lines(motion.text)
    amendments = in_order(motion.amendments)
    if not amendments:
        return
    paper.title_(f"Amendments to motion {motion.label}", level + 1)
    for amendment in amendments:
        add_amendment(paper, amendment, level + 2)
        for sub in in_order(amendment.amendments):
            add_amendment(paper, sub, level + 3)


def add_amendment(paper: Paper, amendment: Submission, level: int) -> None:
    """An amendment as the order paper prints it (one to an amendment, under it)."""
    to = f" to amendment {amendment.target.label}" if amendment.amends_amendment else ""
    paper.title_(f"Amendment {amendment.label}{to} from {amendment.submitted_by}", level)
    if amendment.mover or amendment.seconder:
        paper.para(_moved(amendment), "meta")
    paper.prose(amendment.text, "instruction")
    if amendment.settled is not None:
        paper.para("The CAC has settled its effect as:", "note")
        paper.prose(amendment.settled.wording, "instruction")
    if amendment.amends_amendment:
        paper.para(f"Procedural note: taken before amendment {amendment.target.label}, on its "
                   "wording.", "note")
    else:
        paper.para(f"Procedural note: {AMENDMENT_NOTE}", "note")


def _who(motion: Submission) -> str:
    who = f"Submitted by {motion.submitted_by}"
    if len(motion.names) > 1:
        who += f" ({', '.join(motion.names)})"
    moved = _moved(motion)
    return f"{who}. {moved}" if moved else f"{who}."


def _moved(submission: Submission) -> str:
    parts = []
    if submission.mover:
        parts.append(f"Moved by {submission.mover}")
    if submission.seconder:
        parts.append(f"seconded by {submission.seconder}" if parts
                     else f"Seconded by {submission.seconder}")
    return ", ".join(parts) + "." if parts else ""


# --- a composite in order-paper form ----------------------------------------------------------


def composite_order_paper(composite: Composite) -> Paper:
    heading = composite.heading
    content = order_paper_content(composite)
    paper = Paper(
        title=content.title,
        subtitle=f"{heading.conference.name}: {heading.position}. {heading.title}",
        filename=f"composite-{slug(content.title)}",
        draft=not composite.is_published,
    )
    paper.meta.append(_stamp())
    add_composite(paper, composite, level=1, content=content)
    return paper


def add_composite(paper: Paper, composite: Composite, level: int = 2,
                  content: EngineComposite | None = None) -> None:
    """The composite as the CAC printed the LLA's: its procedural motion, then each section's
    numbered common ground, amendments (the CAC's, then those submitted and ruled in order),
    option groups and their procedural notes."""
    content = content or order_paper_content(composite)
    sub = level + 1
    if level > 1:
        paper.title_(f"O) {content.title}", level)
    sources = ", ".join(f"motion {m.label} ({m.submitted_by})" for m in composite.sources)
    if sources:
        paper.para(f"Composite of {sources}.", "meta")
    paper.prose(content.preamble)
    if composite.procedural_motion:
        paper.title_("CAC procedural motion", sub)
        paper.para("Taken first.", "note")
        paper.prose(composite.procedural_motion)
        paper.para(f"If carried: {composite.carried_label} This composite is taken section by "
                   "section: each section's amendments, then its options; then the whole "
                   "document, with the options agreed, is put for ratification.", "note")
        paper.para(f"If lost: {composite.lost_label}", "note")
    for section in content.sections:
        add_section(paper, section, sub)


def add_section(paper: Paper, section: CompositeSection, level: int) -> None:
    # Lines are numbered from the section's title (line 1, printed as this heading), as the
    # amendments to the section count them and as the screen prints them.
    paper.title_(f"{section.number}) {section.title}", level)
    common = section.common_ground
    if common is not None:
        paper.title_(f"{common.number} Common ground:", level + 1)
        paper.lines(amendable_text(section), skip_first=True)
        for amendment in common.amendments:
            paper.title_(f"Amendment from {amendment.mover}", level + 2)
            paper.prose(amendment.supporting_text)
            paper.prose(amendment.instruction, "instruction")
            paper.para(f"Procedural note: {amendment.procedural_note}", "note")
    for group in section.groups:
        add_group(paper, group, level + 1)


def add_group(paper: Paper, group: OptionGroup, level: int) -> None:
    if group.condition is not None:
        paper.title_(f"{group.number} {group.condition.describe()}:", level)
    elif group.title == "Differences":
        paper.title_(f"{group.number} Differences:", level)
    else:
        paper.title_(f"{group.number} Difference: {group.title}", level)
    paper.prose(group.intro)
    note = f"Procedural note: {group.procedural_note}"
    each = group.kind is GroupKind.FOR_OR_AGAINST_EACH
    for option in group.options:
        add_option(paper, option, level + 1)
        for sub in option.sub_options:
            label = f"{sub.label}. " if sub.label else ""
            text = f"{label}{sub.text} {sub.attribution_text}".strip()
            paper.prose(text, "quote")
            paper.para(note, "note")
        if each and not option.sub_options:
            paper.para(note, "note")
    if not each:
        paper.para(note, "note")


def add_option(paper: Paper, option: Option, level: int) -> None:
    attribution = option.attribution_text if not option.sub_options else ""
    paper.title_(f"Option {option.label}: {attribution}".strip(), level)
    paper.prose(option.text)


# --- agreed text and record of decisions ------------------------------------------------------


def agreed_paper(heading: Heading, voting: VotingSession, agreed: AgreedText,
                 finished: bool, zone=None) -> Paper:
    conference = heading.conference
    paper = Paper(
        title=f"Agreed text: {heading.title}",
        subtitle=f"{conference.name}: {heading.position}. {heading.title}",
        filename=f"agreed-{heading.position}-{slug(heading.title)}",
    )
    paper.meta.append(_stamp())
    if voting.started_at is not None:
        paper.meta.append(f"Voting began {_when(voting.started_at, zone)}")
    if not finished:
        paper.para("Voting is still going on: this text is provisional.", "flag")
    for document in agreed.documents:
        provisional = "" if document.final else " (provisional)"
        paper.title_(f"{document.title}{provisional}", 2)
        paper.prose(document.text)
    if not agreed.documents:
        paper.para("No text has been agreed.", "body")
    paper.title_("Record of decisions", 2)
    rows = []
    for number, decision in enumerate(agreed.record, start=1):
        result = str(decision.result.value)
        if decision.winner:
            result += f" ({decision.winner})"
        said = [decision.explanation]
        if decision.casting_vote:
            said.append(f"Casting vote {decision.casting_vote.choice} by "
                        f"{decision.casting_vote.cast_by}.")
        if decision.referred_to:
            said.append(f"Referred to {decision.referred_to}.")
        if decision.corrected_from:
            said.append(f"Corrected ({decision.correction_reason}, {decision.corrected_by}); "
                        f"first declared: {decision.corrected_from.explanation}")
        rows.append((str(number), decision.title, result, " ".join(s for s in said if s),
                     _counts(decision.counts), decision.rule or ""))
    if rows:
        paper.parts.append(Table(("#", "Item", "Result", "How", "Counts", "Rule"), tuple(rows)))
    else:
        paper.para("Nothing decided yet.", "body")
    if voting.actions:
        paper.title_("Every input, as recorded", 3)
        paper.parts.append(Table(
            ("When", "Who", "What", "Item", "Details"),
            tuple((_when(a.recorded_at, zone), a.recorded_by.name, a.action, a.item, a.payload)
                  for a in voting.actions),
        ))
    return paper


def _counts(counts) -> str:
    if not counts:
        return "—"
    lines = []
    for who, tally in counts.items():
        votes = ", ".join(f"{choice} {n}" for choice, n in tally.items())
        lines.append(f"{who}: {votes}" if len(counts) > 1 else votes)
    return "; ".join(lines)


def _when(moment: datetime | None, zone=None) -> str:
    if moment is None:
        return "—"
    if zone is not None:
        moment = moment.astimezone(zone)
    return moment.strftime("%d %b %Y, %H:%M %Z").strip()
