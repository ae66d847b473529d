"""Two saved versions of a composite compared for the CAC, part by part: the title and note,
each section, the procedural motion. Each part is shown as the order paper prints it (Markdown
rendered, never raw), paragraph by paragraph: unchanged paragraphs folded, changed ones with
their words struck out and inserted, each change numbered so the page can link to the next.
Changes the order paper does not print (where a motion's clause was placed, why one was left
out) are said in words, so a comparison never shows "no change" when something did change.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markupsafe import Markup

import compositing
from compositing.clauses import split_clauses
from compositing.composite_io import composite_to_markdown
from compositing.diffs import diff_html
from motions.models import Composite, CompositeVersion
from motions.rendering import render_markdown

# Unchanged paragraphs kept in view on each side of a change; longer runs are folded.
CONTEXT = 1


@dataclass
class Row:
    """One line of a part's comparison: unchanged paragraphs (``folded`` when many), or one
    change with its number (``change``)."""

    html: Markup
    change: int = 0
    folded: int = 0  # how many unchanged paragraphs this row holds folded away


@dataclass
class Part:
    title: str
    anchor: str
    rows: list[Row] = field(default_factory=list)

    @property
    def changes(self) -> list[int]:
        return [row.change for row in self.rows if row.change]


@dataclass
class Comparison:
    older: CompositeVersion
    newer: CompositeVersion
    parts: list[Part]
    # What changed that the order paper does not print, in words.
    unprinted: list[str]
    # The versions saved after the older one up to the newer one: who saved what, and why.
    between: list[CompositeVersion]

    @property
    def changes(self) -> int:
        return sum(len(part.changes) for part in self.parts)

    @property
    def identical(self) -> bool:
        return not self.changes and not self.unprinted


def compare(composite: Composite, older: CompositeVersion, newer: CompositeVersion) -> Comparison:
    old, new = older.content, newer.content
    numbering = _Numbering()
    parts = [_part("Title and note", "part-title", _heading_markdown(old),
                   _heading_markdown(new), numbering)]
    for where, (before, after) in enumerate(_paired_sections(old.sections, new.sections)):
        section = after or before
        parts.append(_part(f"Section {section.number}) {section.title}", f"part-s{where}",
                           _section_markdown(before), _section_markdown(after), numbering))
    parts.append(_part("CAC procedural motion", "part-procedure", older.procedural_motion,
                       newer.procedural_motion, numbering))
    first, last = sorted((older.number, newer.number))
    return Comparison(older, newer, parts, _unprinted(composite, old, new),
                      composite.versions[first:last])


# --- the printed parts ------------------------------------------------------------------------


def _heading_markdown(content: compositing.Composite) -> str:
    return f"# {content.title}\n\n{content.preamble}".strip()


def _section_markdown(section: compositing.CompositeSection | None) -> str:
    """The section as the order paper prints it (the engine's printing, one home for it)."""
    if section is None:
        return ""
    printed = composite_to_markdown(compositing.Composite(title="", sections=[section]))
    return printed.split("\n\n", 1)[1] if "\n\n" in printed else ""


def _paired_sections(old: list, new: list) -> list[tuple]:
    """Sections of the two versions side by side: the same title is the same section (numbers
    change when one is added before it); the others in order."""
    pairs: list[tuple] = []
    matcher = difflib.SequenceMatcher(None, [s.title for s in old], [s.title for s in new])
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        befores, afters = old[i1:i2], new[j1:j2]
        for n in range(max(len(befores), len(afters))):
            pairs.append((befores[n] if n < len(befores) else None,
                          afters[n] if n < len(afters) else None))
    return pairs


class _Numbering:
    """Changes numbered through the whole page, for the "next change" links."""

    def __init__(self):
        self.count = 0

    def next(self) -> int:
        self.count += 1
        return self.count


def _part(title: str, anchor: str, before: str, after: str, numbering: _Numbering) -> Part:
    part = Part(title, anchor)
    old, new = _blocks(before), _blocks(after)
    pending: list[str] = []  # unchanged paragraphs not yet shown
    matcher = difflib.SequenceMatcher(None, old, new)  # autojunk: bounded on hostile repeats
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pending.extend(new[j1:j2])
            continue
        part.rows.extend(_unchanged(pending, first=not part.rows, last=False))
        pending = []
        befores, afters = old[i1:i2], new[j1:j2]
        for n in range(max(len(befores), len(afters))):
            part.rows.append(Row(_changed(befores[n] if n < len(befores) else None,
                                          afters[n] if n < len(afters) else None),
                                 change=numbering.next()))
    part.rows.extend(_unchanged(pending, first=not part.rows, last=True))
    return part


def _blocks(markdown: str) -> list[str]:
    return [block.strip() for block in re.split(r"\n[ \t]*\n", markdown or "") if block.strip()]


def _unchanged(blocks: list[str], first: bool, last: bool) -> list[Row]:
    """A run of unchanged paragraphs: the one next to each change in view, the rest folded."""
    keep_before = 0 if first else CONTEXT  # paragraphs after the previous change
    keep_after = 0 if last else CONTEXT  # paragraphs before the next change
    if len(blocks) <= keep_before + keep_after + 1:
        return [Row(_rendered(blocks))] if blocks else []
    head, middle = blocks[:keep_before], blocks[keep_before:len(blocks) - keep_after]
    tail = blocks[len(blocks) - keep_after:]
    rows = [Row(_rendered(head))] if head else []
    rows.append(Row(_rendered(middle), folded=len(middle)))
    if tail:
        rows.append(Row(_rendered(tail)))
    return rows


def _rendered(blocks: list[str]) -> Markup:
    return Markup("").join(_render(block) for block in blocks)


def _render(markdown: str) -> Markup:
    """Rendered Markdown, its headings two levels down: they sit under the page's own (raw
    HTML is off, so every heading tag in it is the renderer's)."""
    return Markup(re.sub(r"<(/?)h([1-6])>",
                         lambda m: f"<{m[1]}h{min(int(m[2]) + 2, 6)}>",
                         str(render_markdown(markdown))))


def _changed(before: str | None, after: str | None) -> Markup:
    if before is None:
        return Markup('<ins class="block">{}</ins>').format(_render(after))
    if after is None:
        return Markup('<del class="block">{}</del>').format(_render(before))
    old_kind, old_text = _visible(before)
    kind, text = _visible(after)
    if old_text == text:
        return Markup('{}<p class="meta">Only its formatting changed, as typed: {}</p>').format(
            _render(after), Markup(diff_html(before, after)))
    return Markup('<div class="changed {}">{}</div>').format(kind, Markup(diff_html(old_text,
                                                                                    text)))


def _visible(markdown: str) -> tuple[str, str]:
    """What a paragraph shows once rendered: its kind ("heading", "list", "prose") and its text
    with list numbers and line breaks, without the Markdown marks."""
    reader = _TextReader()
    reader.feed(render_markdown(markdown))
    return reader.kind or "prose", "".join(reader.text).strip()


class _TextReader(HTMLParser):
    """The text of rendered Markdown, as a reader sees it."""

    BREAKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "blockquote", "pre"}

    def __init__(self):
        super().__init__()
        self.kind = ""
        self.text: list[str] = []
        self.lists: list[list] = []  # [ordered, next number] of each open list

    def handle_starttag(self, tag, attrs):
        if not self.kind:
            self.kind = ("heading" if re.fullmatch(r"h[1-6]", tag)
                         else "list" if tag in ("ol", "ul") else "prose")
        if tag in ("ol", "ul"):
            start = dict(attrs).get("start") or "1"
            self.lists.append([tag == "ol", int(start) if start.isdigit() else 1])
        elif tag == "li" and self.lists:
            ordered, number = self.lists[-1]
            self.text.append(f"{number}. " if ordered else "• ")
            self.lists[-1][1] += 1
        elif tag == "br":
            self.text.append("\n")

    def handle_endtag(self, tag):
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        if tag in self.BREAKS and tag != "br":
            self.text.append("\n")

    def handle_data(self, data):
        self.text.append(data)


# --- what the order paper does not print --------------------------------------------------------


def _unprinted(composite: Composite, old: compositing.Composite,
               new: compositing.Composite) -> list[str]:
    """Where the motions' clauses went and why some were left out, as changed between the two."""
    names = _ClauseNames(composite)
    said: list[str] = []
    before, after = _places(old), _places(new)
    for ref in sorted(set(before) | set(after), key=names.order):
        was, now = before.get(ref, set()), after.get(ref, set())
        if was == now:
            continue
        if now - was:
            said.append(f"{names(ref)} now stands in {_listed(now - was)}"
                        + (f" (no longer in {_listed(was - now)})" if was - now else ""))
        else:
            said.append(f"{names(ref)} no longer stands in {_listed(was - now)}")
    for ref in sorted(set(old.left_out) | set(new.left_out), key=names.order):
        was, now = old.left_out.get(ref), new.left_out.get(ref)
        if was == now:
            continue
        if was is None:
            said.append(f"{names(ref)} left out, the CAC's reason: “{now}”")
        elif now is None:
            said.append(f"{names(ref)} no longer left out (the reason was “{was}”)")
        else:
            said.append(f"the reason for leaving out {names(ref)} changed from “{was}” to "
                        f"“{now}”")
    return said


def _places(content: compositing.Composite) -> dict[tuple[str, int], set[str]]:
    """Each source clause's places in the composite (common ground, options)."""
    places: dict[tuple[str, int], set[str]] = {}
    for section in content.sections:
        common = section.common_ground
        if common is not None:
            for source in common.sources:
                places.setdefault(source.ref, set()).add(f"the common ground {common.number}")
        for group in section.groups:
            for option in group.options:
                where = f"option {option.label} of {group.number}"
                for source in option.sources:
                    places.setdefault(source.ref, set()).add(where)
                for sub in option.sub_options:
                    for source in sub.sources:
                        places.setdefault(source.ref, set()).add(
                            f"option {option.label}{sub.label} of {group.number}")
    return places


def _listed(places: set[str]) -> str:
    return " and ".join(sorted(places))


class _ClauseNames:
    """"clause 5 of motion B (“Members pay a subscription.”)", by the motion's key."""

    def __init__(self, composite: Composite):
        self.motions = {str(motion.id): motion for motion in composite.sources}
        self.texts: dict[tuple[str, int], str] = {}
        for key, motion in self.motions.items():
            for clause in split_clauses(key, motion.text):
                self.texts[clause.ref] = clause.text

    def __call__(self, ref: tuple[str, int]) -> str:
        motion = self.motions.get(ref[0])
        label = f"motion {motion.label}" if motion else "a motion no longer composited"
        words = self.texts.get(ref, "").split()
        quoted = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
        return f"clause {ref[1] + 1} of {label}" + (f" (“{quoted}”)" if quoted else "")

    def order(self, ref: tuple[str, int]):
        motion = self.motions.get(ref[0])
        return (motion.seq if motion else 0, ref[0], ref[1])
