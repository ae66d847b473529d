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

from markupsafe import Markup

import compositing
from compositing.clauses import split_clauses
from compositing.composite_io import composite_to_markdown
from compositing.diffs import diff_html
from motions.models import Composite, CompositeVersion
from motions.rendering import RenderedBlock, render_blocks, render_markdown

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
    printed = [("Title and note", "part-title", _heading_markdown(old), _heading_markdown(new))]
    for where, (before, after) in enumerate(_paired_sections(old.sections, new.sections)):
        section = after or before
        printed.append((f"Section {section.number}) {section.title}", f"part-s{where}",
                        _section_markdown(before), _section_markdown(after)))
    printed.append(("CAC procedural motion", "part-procedure", older.procedural_motion,
                    newer.procedural_motion))
    first, last = sorted((older.number, newer.number))
    return Comparison(older, newer, _parts(printed), _unprinted(composite, old, new),
                      composite.versions[first:last])


# The page shows at most this many changes one by one; what differs after them is shown as one
# last change, so that any two versions within the size limits compare in bounded time.
MAX_CHANGES = 200
# A run of more changed paragraphs than this is shown whole, struck out and inserted.
MAX_PAIRS = 100
# Consecutive unchanged parts beyond this many are folded together.
FOLD_PARTS = 3


def _parts(printed: list[tuple[str, str, str, str]]) -> list[Part]:
    parts: list[Part] = []
    numbering = _Numbering(MAX_CHANGES)
    n = 0
    while n < len(printed):
        title, anchor, before, after = printed[n]
        if numbering.remaining <= 1:  # the last change takes all that still differs, whole
            rest = printed[n:]
            parts.append(_rest(_titles(rest), anchor, _joined(rest, 2), _joined(rest, 3),
                               numbering))
            break
        same = n
        while same < len(printed) and printed[same][2] == printed[same][3]:
            same += 1
        if same - n >= FOLD_PARTS:
            run = printed[n:same]
            parts.append(Part(_titles(run), anchor,
                              [Row(_render(_joined(run, 3)))]))
            n = same
            continue
        parts.append(_part(title, anchor, before, after, numbering))
        n += 1
    return parts


def _titles(run: list[tuple[str, str, str, str]]) -> str:
    return run[0][0] if len(run) == 1 else f"{run[0][0]} to {run[-1][0]}"


def _joined(run: list[tuple[str, str, str, str]], side: int) -> str:
    return "\n\n".join(item[side] for item in run if item[side])


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

    def __init__(self, limit: int):
        self.count = 0
        self.limit = limit

    @property
    def remaining(self) -> int:
        return self.limit - self.count

    def next(self) -> int:
        self.count += 1
        return self.count


def _part(title: str, anchor: str, before: str, after: str, numbering: _Numbering) -> Part:
    """The part paragraph by paragraph; paragraphs compare as rendered, so a change that shows
    (a word, a link's address, bold) is a change, and one that does not (``*`` for ``_``) is
    not."""
    part = Part(title, anchor)
    if before == after:
        part.rows = [Row(_render(after))] if after else []
        return part
    old, new = render_blocks(before), render_blocks(after)
    pending: list[RenderedBlock] = []  # unchanged paragraphs not yet shown
    # autojunk (the default) keeps hostile repetition (thousands of equal paragraphs) bounded.
    matcher = difflib.SequenceMatcher(None, [b.html for b in old], [b.html for b in new])
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pending.extend(new[j1:j2])
            continue
        part.rows.extend(_unchanged(pending, first=not part.rows, last=False))
        pending = []
        if numbering.remaining <= 2:  # all the rest of the part; the last number is _rest's
            part.rows.append(Row(_changed(old[i1:], new[j1:]), change=numbering.next()))
            return part
        part.rows.append(Row(_changed(old[i1:i2], new[j1:j2]), change=numbering.next()))
    part.rows.extend(_unchanged(pending, first=not part.rows, last=True))
    return part


def _rest(title: str, anchor: str, before: str, after: str, numbering: _Numbering) -> Part:
    """What still differs after the most changes a page shows: struck out and inserted whole."""
    if before == after:
        return Part(title, anchor, [Row(_render(after))] if after else [])
    shown = Markup('<p class="meta">More changes than one page shows one by one: the rest is '
                   'shown whole, as it was and as it is. Compare versions nearer each other to '
                   'see them word by word.</p><del class="block">{}</del><ins class="block">{}'
                   '</ins>').format(_render(before), _render(after))
    return Part(title, anchor, [Row(shown, change=numbering.next())])


def _unchanged(blocks: list[RenderedBlock], first: bool, last: bool) -> list[Row]:
    """A run of unchanged paragraphs: the one next to each change in view, the rest folded."""
    keep_before = 0 if first else CONTEXT  # paragraphs after the previous change
    keep_after = 0 if last else CONTEXT  # paragraphs before the next change
    if len(blocks) <= keep_before + keep_after + 1:
        return [Row(_html(blocks))] if blocks else []
    head, middle = blocks[:keep_before], blocks[keep_before:len(blocks) - keep_after]
    tail = blocks[len(blocks) - keep_after:]
    rows = [Row(_html(head))] if head else []
    rows.append(Row(_html(middle), folded=len(middle)))
    if tail:
        rows.append(Row(_html(tail)))
    return rows


def _html(blocks: list[RenderedBlock]) -> Markup:
    return _demoted("".join(block.html for block in blocks))


def _render(markdown: str) -> Markup:
    return _demoted(str(render_markdown(markdown)))


def _demoted(html: str) -> Markup:
    """Rendered Markdown with its headings two levels down, under the page's own (raw HTML is
    off, so every heading tag in it is the renderer's)."""
    return Markup(re.sub(r"<(/?)h([1-6])>", lambda m: f"<{m[1]}h{min(int(m[2]) + 2, 6)}>",
                         html))


def _changed(before: list[RenderedBlock], after: list[RenderedBlock]) -> Markup:
    if not before:
        return Markup('<ins class="block">{}</ins>').format(_html(after))
    if not after:
        return Markup('<del class="block">{}</del>').format(_html(before))
    # Paragraphs first, words within them: as many paragraphs on each side are taken as the
    # same paragraphs edited, one by one; otherwise the run's words are compared together.
    if len(before) == len(after) <= MAX_PAIRS:
        pairs = [([old], [new]) for old, new in zip(before, after, strict=True)]
    elif len(before) + len(after) > MAX_PAIRS:  # a rewrite, not an edit: shown whole
        return Markup('<del class="block">{}</del><ins class="block">{}</ins>').format(
            _html(before), _html(after))
    else:
        pairs = [(before, after)]
    shown: list[str] = []
    for old, new in pairs:
        old_text, text = _text(old), _text(new)
        if old_text == text:
            typed = diff_html(_source(old), _source(new))
            shown.append(Markup('{}<p class="meta">Only its formatting changed; as typed: '
                                '<span class="changed">{}</span></p>').format(_html(new),
                                                                              Markup(typed)))
        else:
            shown.append(Markup('<div class="changed {}">{}</div>').format(
                new[0].kind, Markup(diff_html(old_text, text))))
    return Markup("".join(shown))


def _text(blocks: list[RenderedBlock]) -> str:
    return "\n\n".join(block.text for block in blocks)


def _source(blocks: list[RenderedBlock]) -> str:
    return "\n\n".join(block.source for block in blocks)


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
