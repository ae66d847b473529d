"""Composites: one text built by the CAC from several motions, and the draft the engine proposes.

A composite has sections; each section has **common ground** (text all or most motions share,
which conference may amend) and **option groups** for the differences. A group's kind decides
how it is voted, and the procedural note printed on the order paper is generated from the kind,
never typed. A group may be *conditional*: taken only if certain options of another group win.

Every clause of every source motion must be accounted for (**coverage**): included verbatim,
included changed (with the word diff), in an option, or left out with the CAC's reason. A
composite with an unaccounted clause must not be published: :func:`unaccounted_clauses`.
"""

from __future__ import annotations

import copy
import difflib
import math
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from compositing.align import _STOP_WORDS, Alignment, align, content_words
from compositing.clauses import Clause, normalise_space, split_clauses
from compositing.diffs import diff_html

ClauseRef = tuple[str, int]  # (motion key, index of the clause among the motion's clauses)


@dataclass(frozen=True)
class Source:
    """A source clause that went into a part of the composite.

    ``wording`` is what the clause became in the composite's common ground (one sentence or
    item of it), so coverage can tell "included verbatim" from "included changed" and notice
    when later editing removed it; "" when the whole part stands for the clause (options).
    """

    motion: str
    index: int
    wording: str = ""

    @property
    def ref(self) -> ClauseRef:
        return (self.motion, self.index)


# A source clause whose best-matching composite sentence is at least this similar (share of
# content words in common, in order) counts as included with changes; below it, as missing.
CHANGED_MATCH_THRESHOLD = 0.5


class GroupKind(StrEnum):
    """How the options of a group are put to the vote."""

    AGAINST_EACH_OTHER_WITH_NEITHER = "against_each_other_with_neither"
    AGAINST_EACH_OTHER = "against_each_other"
    FOR_OR_AGAINST_EACH = "for_or_against_each"


# Wording as the LLA 2020 CAC printed it on its composite.
PROCEDURAL_NOTES: dict[GroupKind, str] = {
    GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER: (
        "They will be taken against each other as they are incompatible, "
        "with an additional option of ‘Neither’."
    ),
    GroupKind.AGAINST_EACH_OTHER: (
        "They will be taken against each other as they are incompatible."
    ),
    GroupKind.FOR_OR_AGAINST_EACH: "Vote for or against",
}
AMENDMENT_PROCEDURAL_NOTE = "Vote for or against"


@dataclass
class Option:
    """One option: its text, the motions it came from, and optional sub-options.

    Sub-options are voted one by one (as "Free movement of people" [LAW/Sheffield LL] inside
    Option A of the LLA composite's 1.2); an option with sub-options is a heading for them.
    """

    label: str  # "A", "1"
    text: str  # Markdown
    attribution: list[str] = field(default_factory=list)  # ["Dulwich LL"]
    sources: list[Source] = field(default_factory=list)
    sub_options: list[Option] = field(default_factory=list)

    @property
    def attribution_text(self) -> str:
        """ "[LAW/SLL, Tees Valley LL, London LLA]", or "" when unattributed."""
        return f"[{', '.join(self.attribution)}]" if self.attribution else ""

    def walk(self) -> Iterator[Option]:
        yield self
        for sub in self.sub_options:
            yield from sub.walk()


@dataclass
class Condition:
    """A conditional group is taken only if one of these options of another group is agreed."""

    group: str  # number of the group it depends on, "3.2"
    options: list[str]  # labels of the options, any of which makes it hold: ["A", "E"]

    def describe(self) -> str:
        """ "If Option A or E of 3.2 is agreed"."""
        labels = self.options
        joined = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"
        return f"If Option {joined} of {self.group} is agreed"

    def holds(self, agreed: Collection[str]) -> bool:
        """Whether the condition holds, given the labels of the options agreed in its group."""
        return any(label in agreed for label in self.options)


@dataclass
class OptionGroup:
    number: str  # "2.2"
    title: str  # "Political orientation/eligibility"
    kind: GroupKind
    options: list[Option] = field(default_factory=list)
    intro: str = ""
    condition: Condition | None = None

    @property
    def procedural_note(self) -> str:
        note = PROCEDURAL_NOTES[self.kind]
        if self.condition is None:
            return note
        return f"{self.condition.describe()}: {note[0].lower()}{note[1:]}"

    @property
    def has_neither(self) -> bool:
        return self.kind is GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER

    def option(self, label: str) -> Option:
        for option in self.options:
            if option.label == label:
                return option
        raise KeyError(f"group {self.number} has no option {label!r}")

    def votable_options(self) -> list[Option]:
        """The options as voted: sub-options in place of an option that only heads them."""
        votable: list[Option] = []
        for option in self.options:
            votable.extend(option.sub_options or [option])
        return votable


@dataclass
class CompositeAmendment:
    """An amendment to a section's common ground, written as instructions."""

    mover: str  # "Rotherham Left Momentum"
    instruction: str  # "Amend section 1 as follows: ...", "Add: ..."
    supporting_text: str = ""  # the movers' reasons, printed before the instructions
    procedural_note: str = AMENDMENT_PROCEDURAL_NOTE


@dataclass
class CommonGround:
    number: str  # "1.1"
    text: str  # Markdown
    sources: list[Source] = field(default_factory=list)
    amendments: list[CompositeAmendment] = field(default_factory=list)


@dataclass
class CompositeSection:
    number: str  # "1"
    title: str  # "Aims"
    common_ground: CommonGround | None = None
    groups: list[OptionGroup] = field(default_factory=list)


@dataclass
class Composite:
    title: str
    sections: list[CompositeSection] = field(default_factory=list)
    preamble: str = ""
    # Source clauses the CAC left out, with the reason it gives.
    left_out: dict[ClauseRef, str] = field(default_factory=dict)

    def groups(self) -> Iterator[OptionGroup]:
        for section in self.sections:
            yield from section.groups

    def group(self, number: str) -> OptionGroup:
        for group in self.groups():
            if group.number == number:
                return group
        raise KeyError(f"no option group {number!r}")

    def conditional_groups(self) -> list[OptionGroup]:
        return [group for group in self.groups() if group.condition is not None]

    def amendments(self) -> Iterator[tuple[CompositeSection, CompositeAmendment]]:
        for section in self.sections:
            if section.common_ground:
                for amendment in section.common_ground.amendments:
                    yield section, amendment

    def problems(self) -> list[str]:
        """What would make the order paper ambiguous; publish only when there are none.

        Numbers of sections and groups must be unique, options must have a label unique in
        their group and some text, a group must offer a choice, and a condition must name a
        group that comes before it and options that group has.
        """
        problems: list[str] = []
        problems += [
            f"section {n} appears more than once"
            for n in _repeated(s.number for s in self.sections)
        ]
        seen_groups: dict[str, OptionGroup] = {}
        for group in self.groups():
            where = f"option group {group.number}"
            if group.number in seen_groups:
                problems.append(f"{where} appears more than once")
            problems += [
                f"{where}: option {label} appears more than once"
                for label in _repeated(option.label for option in group.options)
            ]
            votable = group.votable_options()
            if len(votable) < 2 and group.kind is not GroupKind.FOR_OR_AGAINST_EACH:
                problems.append(f"{where} is taken against each other but has one option")
            problems += [
                f"{where}: option {option.label} has no text"
                for option in votable
                if not option.text.strip()
            ]
            if group.condition is not None:
                problems += _condition_problems(where, group.condition, seen_groups)
            seen_groups[group.number] = group
        return problems


def _condition_problems(
    where: str, condition: Condition, earlier: Mapping[str, OptionGroup]
) -> list[str]:
    target = earlier.get(condition.group)
    if target is None:
        return [f"{where} depends on group {condition.group}, which does not come before it"]
    labels = {option.label for option in target.options}
    return [
        f"{where} depends on option {label} of {condition.group}, which has no such option"
        for label in condition.options
        if label not in labels
    ]


def _repeated(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for item in items:
        if item in seen and item not in repeated:
            repeated.append(item)
        seen.add(item)
    return repeated


# --- coverage ---------------------------------------------------------------------------------


class CoverageStatus(StrEnum):
    VERBATIM = "included verbatim"
    CHANGED = "included changed"
    IN_OPTION = "in option"
    LEFT_OUT = "left out"
    UNACCOUNTED = "unaccounted"


@dataclass(frozen=True)
class ClauseCoverage:
    """Where one source clause went."""

    clause: Clause
    status: CoverageStatus
    place: str = ""  # "common ground 1.1", "Option B of 2.2"
    composite_text: str = ""  # the composite wording it matched
    diff_html: str = ""  # word diff from the source wording to the composite's (CHANGED)
    reason: str = ""  # the CAC's reason (LEFT_OUT), or what is wrong (UNACCOUNTED)

    @property
    def accounted(self) -> bool:
        return self.status is not CoverageStatus.UNACCOUNTED


def coverage(composite: Composite, motions: Mapping[str, str]) -> list[ClauseCoverage]:
    """Account for every clause of every source motion, in motion and clause order.

    A clause is placed by the composite's provenance (the ``sources`` of common ground and
    options) or by the CAC's ``left_out`` reasons; failing both, a clause whose exact wording
    appears in the composite is found by that wording. Anything else is unaccounted.
    """
    places = _provenance(composite)
    result: list[ClauseCoverage] = []
    for key, text in motions.items():
        for clause in split_clauses(key, text):
            result.append(_cover(clause, composite, places.get(clause.ref)))
    return result


def unaccounted_clauses(composite: Composite, motions: Mapping[str, str]) -> list[ClauseCoverage]:
    """The source clauses the composite does not account for; publish only when empty."""
    return [item for item in coverage(composite, motions) if not item.accounted]


@dataclass(frozen=True)
class _Place:
    name: str  # "common ground 1.1", "Option B of 2.2"
    text: str  # the whole text of that part
    is_common_ground: bool
    wording: str = ""  # the recorded wording the clause became there, if any


def _provenance(composite: Composite) -> dict[ClauseRef, _Place]:
    places: dict[ClauseRef, _Place] = {}
    for section in composite.sections:
        common = section.common_ground
        if common:
            for source in common.sources:
                name = f"common ground {common.number}"
                places[source.ref] = _Place(name, common.text, True, source.wording)
        for group in section.groups:
            for top in group.options:
                for option in top.walk():
                    for source in option.sources:
                        name = _option_place(group, top, option)
                        places[source.ref] = _Place(name, option.text, False)
    return places


def _option_place(group: OptionGroup, top: Option, option: Option) -> str:
    label = top.label if option is top else f"{top.label}.{option.label}"
    return f"Option {label} of {group.number}"


def _cover(clause: Clause, composite: Composite, place: _Place | None) -> ClauseCoverage:
    if place is None:
        if clause.ref in composite.left_out:
            return ClauseCoverage(
                clause, CoverageStatus.LEFT_OUT, reason=composite.left_out[clause.ref]
            )
        place = _find_verbatim(clause, composite)
        if place is None:
            return ClauseCoverage(
                clause, CoverageStatus.UNACCOUNTED, reason="not in the composite, no reason given"
            )
    name, text = place.name, place.text
    if not place.is_common_ground:
        return ClauseCoverage(clause, CoverageStatus.IN_OPTION, name, text)
    if place.wording and _comparable(place.wording) in _comparable_sentences(text):
        # The recorded wording is still there: that is where the clause went.
        best, score = place.wording, 1.0
    else:
        best, score = best_matching_sentence(clause.text, text)
    if same_wording(clause.text, best):
        return ClauseCoverage(clause, CoverageStatus.VERBATIM, name, best)
    if score >= CHANGED_MATCH_THRESHOLD:
        return ClauseCoverage(
            clause, CoverageStatus.CHANGED, name, best, diff_html(clause.text, best)
        )
    return ClauseCoverage(
        clause,
        CoverageStatus.UNACCOUNTED,
        name,
        reason=f"assigned to {name}, but no wording there matches it any more",
    )


def _find_verbatim(clause: Clause, composite: Composite) -> _Place | None:
    if clause.is_heading:  # a heading's words in a sentence ("Individual supporters are ...")
        return None
    wanted = _comparable(clause.text)
    if len(wanted) < 12:  # too short to be found by its wording alone ("Chair", "OR")
        return None
    for section in composite.sections:
        common = section.common_ground
        if common and wanted in _comparable(common.text):
            return _Place(f"common ground {common.number}", common.text, True)
        for group in section.groups:
            for top in group.options:
                for option in top.walk():
                    if wanted in _comparable(option.text):
                        return _Place(_option_place(group, top, option), option.text, False)
    return None


def same_wording(a: str, b: str) -> bool:
    """Equal but for spacing, case and the punctuation that ends a list item or sentence."""
    return _comparable(a) == _comparable(b)


def _comparable(text: str) -> str:
    text = normalise_space(text).lower().replace("’", "'").replace("‘", "'")
    text = text.replace("“", '"').replace("”", '"')
    return text.rstrip(" .;,:")


def best_matching_sentence(wording: str, text: str) -> tuple[str, float]:
    """The clause of ``text`` closest in wording to ``wording``, and how close (0..1)."""
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(content_words(wording))
    best, best_score = "", 0.0
    for sentence, words in _sentences_of(text):
        matcher.set_seq1(words)
        if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
            continue
        score = matcher.ratio()
        if score > best_score:
            best, best_score = sentence, score
    return best, best_score


@lru_cache(maxsize=256)
def _comparable_sentences(text: str) -> frozenset[str]:
    return frozenset(_comparable(sentence) for sentence, _words in _sentences_of(text))


@lru_cache(maxsize=256)
def _sentences_of(text: str) -> tuple[tuple[str, list[str]], ...]:
    """The clauses of a composite text with their content words, computed once per text."""
    return tuple(
        (clause.text, content_words(clause.text))
        for clause in split_clauses("", text)
        if not clause.is_heading
    )


# --- provenance of a composite built elsewhere -------------------------------------------------

# A source clause goes where the composite clause most like it stands, if it is this similar
# (see _provenance_scores) ...
PLACE_THRESHOLD = 0.5
# ... and no clause of another part comes within this of it: an ambiguous clause stays for the
# CAC to place, since a wrong place is worse than none.
PLACE_MARGIN = 0.1
# A clause next to one already placed (list items, sentences of one paragraph) joins it in its
# part if it is at least this similar to a clause of that part and no other part is nearer.
CONTEXT_THRESHOLD = 0.35
# ... (and no other part within this of it) ...
CONTEXT_MARGIN = 0.05
# ... or this similar, if it is the next sentence of the same paragraph or item.
SAME_BLOCK_THRESHOLD = 0.3
# An option credited to a motion none of whose clauses is placed there takes the motion's
# clause most like it, if at least this similar (with the attribution bonus).
CREDIT_THRESHOLD = 0.3


def infer_sources(
    composite: Composite, motions: Mapping[str, str], names: Mapping[str, str] | None = None
) -> Composite:
    """A copy of ``composite`` with its sources found by comparing it with the source motions.

    For a composite made by hand (or imported from a published paper) there is no record of
    which source clause went where. Each source clause is compared with every clause of the
    composite's common ground and options (:func:`_provenance_scores`: how much of the source
    clause's distinctive wording the composite clause keeps). It goes to the part of the most
    similar clause when that is clearly similar and clearly nearer than any other part; a
    clause beside one placed so (the next item of a list, the next sentence) follows it into
    its part on weaker evidence. An option's attribution ("[Dulwich LL]") counts too: a
    clause goes more readily to an option credited to its motion, and less readily to one
    credited only to other motions (a CAC may forget a name). Motions are known by ``names``
    (key -> submitter, as attributions name them) and by their first line. Several source
    clauses may go to one composite clause (a CAC merges sentences), and a source clause goes
    to one part at most. Headings and clauses without content are left out with that reason.
    Clauses it finds no place for stay unaccounted until the CAC gives a reason: a wrong place
    would hide them. Sources and reasons already recorded are kept.
    """
    result = copy.deepcopy(composite)
    targets: list[tuple[CommonGround | Option, str]] = []  # (part, a clause's wording)
    for part in _parts(result):
        for clause in split_clauses("", part.text):
            if not clause.is_heading and content_words(clause.text):
                targets.append((part, clause.text))
    recorded = {source.ref for part in _parts(result) for source in part.sources}
    recorded |= set(result.left_out)
    sources: list[Clause] = []
    for key, text in motions.items():
        for clause in split_clauses(key, text):
            if clause.ref in recorded:
                continue
            if clause.is_heading or not content_words(clause.text):
                reason = "heading, not a clause" if clause.is_heading else "no content of its own"
                result.left_out[clause.ref] = reason
            else:
                sources.append(clause)
    acronyms = _acronyms([*motions.values(), *(part.text for part in _parts(result))])
    scores = _provenance_scores(sources, [wording for _part, wording in targets], acronyms)
    credited = _credited_motions(result, motions, names or {}, acronyms)
    for source, target in list(scores):
        credit = credited.get(id(targets[target][0]))
        if credit is None:
            continue
        if source[0] in credit:
            scores[(source, target)] += ATTRIBUTION_BONUS
        else:
            scores[(source, target)] -= ATTRIBUTION_PENALTY
    # Per source clause: the best score in each part, and the wording that got it.
    best: dict[ClauseRef, dict[int, tuple[float, int]]] = {}
    for (source, target), score in scores.items():
        by_part = best.setdefault(source, {})
        part_id = id(targets[target][0])
        if score > by_part.get(part_id, (0.0, -1))[0]:
            by_part[part_id] = (score, target)

    placed: dict[ClauseRef, int] = {}  # source clause -> target clause
    for clause in sources:
        ranked = sorted(best.get(clause.ref, {}).values(), reverse=True)
        if ranked and ranked[0][0] >= PLACE_THRESHOLD:
            runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
            if ranked[0][0] - runner_up >= PLACE_MARGIN:
                placed[clause.ref] = ranked[0][1]
    _place_by_credit(sources, best, placed, targets, credited)
    _keep_near_the_best(placed, scores)
    _place_by_context(sources, best, placed, targets)
    _keep_near_the_best(placed, scores)

    for clause in sources:
        target = placed.get(clause.ref)
        if target is None:
            continue
        part, wording = targets[target]
        is_common = isinstance(part, CommonGround)
        part.sources.append(Source(clause.motion, clause.index, wording if is_common else ""))
    return result


# How much nearer a source clause is to an option credited to its motion, and how much
# further from one credited to other motions only (a CAC may forget to credit one).
ATTRIBUTION_BONUS = 0.1
ATTRIBUTION_PENALTY = 0.2


def _credited_motions(
    composite: Composite,
    motions: Mapping[str, str],
    names: Mapping[str, str],
    acronyms: Mapping[str, str],
) -> dict[int, set[str]]:
    """The motions each attributed option credits (by ``id`` of the option).

    A motion is known by the words of its name and first line that no other motion's name or
    first line has ("Dulwich" and not "Labour"); an attribution credits the motions whose
    words it uses ("[LAW/SLL, Tees Valley LL]": Sheffield Labour Left, Tees). An option
    without attribution takes its parent's. One whose attribution credits none of the motions
    credits nothing if every motion's name is known (it came from a group not among the
    sources), and is left out of the reckoning if not (the names may be missing).
    """
    known = bool(motions) and all(names.get(key) for key in motions)
    identities: dict[str, frozenset[str]] = {}
    for key, text in motions.items():
        first = next((c.text for c in split_clauses(key, text)[:1]), "")
        identity = f"{names.get(key, '')} {first}"
        identities[key] = _provenance_words(identity, acronyms) | _initials(identity)
    distinctive = {
        key: words.difference(*(other for k, other in identities.items() if k != key))
        for key, words in identities.items()
    }
    credited: dict[int, set[str]] = {}
    for group in composite.groups():
        for top in group.options:
            for option in top.walk():
                attribution = option.attribution or top.attribution
                said = " ".join(attribution)
                words = _provenance_words(said, acronyms) | set(_ACRONYM_RE.findall(said))
                credit = {key for key, own in distinctive.items() if own & words}
                if credit or (attribution and known):
                    credited[id(option)] = credit
    return credited


_LINK_WORDS = frozenset({"the", "of", "and", "for"})


def _initials(text: str) -> set[str]:
    """The acronyms a name may go by: "Sheffield Labour Left" is "SLL" (and "LL")."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’]*", text) if w.lower() not in _LINK_WORDS]
    return {
        "".join(word[0] for word in words[start : start + size]).upper()
        for size in range(2, 6)
        for start in range(len(words) - size + 1)
    }


def _place_by_credit(
    sources: list[Clause],
    best: Mapping[ClauseRef, Mapping[int, tuple[float, int]]],
    placed: dict[ClauseRef, int],
    targets: list[tuple[CommonGround | Option, str]],
    credited: Mapping[int, set[str]],
) -> None:
    """An option credited to a motion holds some clause of it: if none is placed there yet,
    place the motion's clause nearest the option, if it is at least
    :data:`CREDIT_THRESHOLD` similar and clearly nearer to it than to any other part."""
    holding = {(id(targets[target][0]), ref[0]) for ref, target in placed.items()}
    for part_id, motions in credited.items():
        for motion in sorted(motions):
            if (part_id, motion) in holding:
                continue
            candidates = []
            for clause in sources:
                if clause.motion != motion or clause.ref in placed or not best.get(clause.ref):
                    continue
                by_part = best[clause.ref]
                score, target = by_part.get(part_id, (0.0, -1))
                others = [other for part, (other, _t) in by_part.items() if part != part_id]
                if score >= CREDIT_THRESHOLD and score - max(others, default=0.0) >= PLACE_MARGIN:
                    candidates.append((score, clause.ref, target))
            if candidates:
                _score, ref, target = max(candidates)
                placed[ref] = target
                holding.add((part_id, motion))


# Clauses of one motion this close to each other (in clauses) may go to one composite clause.
MERGE_DISTANCE = 2


def _keep_near_the_best(
    placed: dict[ClauseRef, int], scores: Mapping[tuple[ClauseRef, int], float]
) -> None:
    """Of the clauses of one motion placed at one composite clause, keep the most similar and
    those next to it (a CAC merges neighbouring sentences into one), and drop the rest: a
    motion that repeats a list (its AGM's members, then its OG's) put one copy there."""
    by_target: dict[tuple[int, str], list[ClauseRef]] = {}
    for ref, target in placed.items():
        by_target.setdefault((target, ref[0]), []).append(ref)
    for (target, _motion), refs in by_target.items():
        if len(refs) < 2:
            continue
        kept = [max(refs, key=lambda ref: (scores.get((ref, target), 0.0), -ref[1]))]
        rest = sorted(set(refs) - set(kept), key=lambda ref: ref[1])
        grown = True
        while grown:
            grown = False
            for ref in list(rest):
                if any(abs(ref[1] - other[1]) <= MERGE_DISTANCE for other in kept):
                    kept.append(ref)
                    rest.remove(ref)
                    grown = True
        for ref in rest:
            del placed[ref]


def _place_by_context(
    sources: list[Clause],
    best: Mapping[ClauseRef, Mapping[int, tuple[float, int]]],
    placed: dict[ClauseRef, int],
    targets: list[tuple[CommonGround | Option, str]],
) -> None:
    """Place clauses next to placed ones in their neighbours' part, until nothing changes.

    Neighbours are the clauses before and after in the motion. The clause must be at least
    :data:`CONTEXT_THRESHOLD` similar to a clause of that part (:data:`SAME_BLOCK_THRESHOLD`
    for the next sentence of one paragraph or item) and :data:`CONTEXT_MARGIN` nearer to it
    than to any other part.
    """
    changed = True
    while changed:
        changed = False
        for n, clause in enumerate(sources):
            if clause.ref in placed or not best.get(clause.ref):
                continue
            by_part = best[clause.ref]
            ranked = sorted(by_part.values(), reverse=True)
            score, target = ranked[0]
            if score < SAME_BLOCK_THRESHOLD:
                continue
            if len(ranked) > 1 and score - ranked[1][0] < CONTEXT_MARGIN:
                continue
            part_id = id(targets[target][0])
            for neighbour in (n - 1, n + 1):
                if not 0 <= neighbour < len(sources):
                    continue
                other = sources[neighbour]
                if other.motion != clause.motion or abs(other.index - clause.index) > 2:
                    continue
                if other.block != clause.block and score < CONTEXT_THRESHOLD:
                    continue
                if other.ref in placed and id(targets[placed[other.ref]][0]) == part_id:
                    placed[clause.ref] = target
                    changed = True
                    break


def _provenance_words(text: str, acronyms: Mapping[str, str]) -> frozenset[str]:
    """Content words, with acronyms spelt out ("OG": "Organising Group") and compounds also
    taken apart ("broad-based" is "broad based" too)."""
    if acronyms:
        text = _ACRONYM_RE.sub(lambda m: acronyms.get(m["acronym"], m[0]), text)
    words = set(content_words(text))
    words.update(content_words(re.sub(r"[-‐‑–—/]", " ", text)))
    return frozenset(words)


_ACRONYM_RE = re.compile(r"\b(?P<acronym>[A-Z]{2,5})s?\b")
_DEFINITION_RE = re.compile(r"(?P<phrase>(?:[A-Za-z][\w'’-]*\s+){1,6})\((?P<acronym>[A-Z]{2,5})\)")
_PHRASE_WORD_RE = re.compile(r"[A-Za-z][a-z]+|[A-Z]+")


def _acronyms(texts: Iterable[str]) -> dict[str, str]:
    """What the acronyms of the texts stand for: "OG" -> "Organising Group".

    From a definition ("The Organising Group (OG)") if any text gives one; else from the
    phrase whose initials spell it ("steering group" for "SG"), if the texts use it at least
    twice and three times as often as any other such phrase. Words written in capitals
    ("OR") are not acronyms.
    """
    texts = list(texts)
    defined: dict[str, str] = {}
    used: set[str] = set()
    phrases: dict[str, dict[str, int]] = {}  # initials -> phrase -> how often
    for text in texts:
        for match in _DEFINITION_RE.finditer(text):
            acronym = match["acronym"]
            words = match["phrase"].split()[-len(acronym) :]
            if "".join(word[0] for word in words).upper() == acronym:
                defined.setdefault(acronym, " ".join(words))
        used.update(m["acronym"] for m in _ACRONYM_RE.finditer(text))
        words = _PHRASE_WORD_RE.findall(text)
        for size in range(2, 6):
            for start in range(len(words) - size + 1):
                phrase = words[start : start + size]
                if any(word.lower() in _STOP_WORDS for word in phrase):
                    continue
                initials = "".join(word[0] for word in phrase).upper()
                counts = phrases.setdefault(initials, {})
                key = " ".join(phrase).lower()
                counts[key] = counts.get(key, 0) + 1
    result: dict[str, str] = {}
    for acronym in used:
        if acronym.lower() in _CAPITAL_WORDS:
            continue
        if acronym in defined:
            result[acronym] = defined[acronym]
        elif acronym in phrases:
            ranked = sorted(phrases[acronym].items(), key=lambda item: -item[1])
            runner_up = ranked[1][1] if len(ranked) > 1 else 0
            if ranked[0][1] >= max(2, 3 * runner_up):
                result[acronym] = ranked[0][0]
    return result


# Words written in capitals for emphasis, not acronyms.
_CAPITAL_WORDS = frozenset(
    {"or", "and", "of", "the", "to", "in", "on", "at", "by", "for", "not", "all", "any", "new"}
    | {"one", "two", "three", "four", "five", "six", "ten"}
)


def _provenance_scores(
    sources: list[Clause], targets: list[str], acronyms: Mapping[str, str]
) -> dict[tuple[ClauseRef, int], float]:
    """Similarity of each source clause to each composite clause sharing a word with it.

    Words weigh by inverse document frequency over all the clauses, so words every draft uses
    ("Labour", "LLA") count for little. The score is the larger of the cosine of the weighted
    word sets and (see :data:`CONTAINMENT_DISTINCTIVE`) a little less than the share of the source
    clause's weight the composite clause keeps (a CAC often merges a clause into a longer one).
    """
    source_words = {clause.ref: _provenance_words(clause.text, acronyms) for clause in sources}
    target_words = [_provenance_words(text, acronyms) for text in targets]
    frequency: dict[str, int] = {}
    for words in [*source_words.values(), *target_words]:
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    total = len(source_words) + len(target_words)
    weight = {word: math.log(1.0 + total / count) for word, count in frequency.items()}
    postings: dict[str, list[int]] = {}
    for n, words in enumerate(target_words):
        for word in words:
            postings.setdefault(word, []).append(n)
    target_norms = [math.sqrt(sum(weight[w] ** 2 for w in words)) for words in target_words]
    distinctive = CONTAINMENT_DISTINCTIVE * math.log(1.0 + total)  # a word of one clause: 1.0
    scores: dict[tuple[ClauseRef, int], float] = {}
    for ref, words in source_words.items():
        shared: dict[int, float] = {}
        count: dict[int, int] = {}  # distinctive words shared
        for word in words:
            for target in postings.get(word, ()):
                shared[target] = shared.get(target, 0.0) + weight[word] ** 2
                count[target] = count.get(target, 0) + (weight[word] >= distinctive)
        if not shared:
            continue
        norm = math.sqrt(sum(weight[w] ** 2 for w in words))
        mass = sum(weight[w] ** 2 for w in words)
        for target, dot in shared.items():
            score = dot / (norm * target_norms[target])
            if count.get(target, 0) >= 2:
                score = max(score, CONTAINMENT_WEIGHT * dot / mass)
            scores[(ref, target)] = score
    return scores


# How much a source clause wholly kept inside a longer composite clause counts, against the
# cosine that a verbatim copy gets (1.0) ...
CONTAINMENT_WEIGHT = 0.8
# ... if they share two distinctive words or more: words whose weight (inverse document
# frequency) is at least this share of a word found in one clause only. Sharing one word
# ("Women"), or only the words every draft uses ("LLA", "Labour", "conference"), is not
# containment.
CONTAINMENT_DISTINCTIVE = 0.5


def _parts(composite: Composite) -> Iterator[CommonGround | Option]:
    for section in composite.sections:
        if section.common_ground is not None:
            yield section.common_ground
        for group in section.groups:
            for option in group.options:
                yield from option.walk()


# --- the draft composite the engine proposes --------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """One motion's wording of a common-ground point."""

    ref: ClauseRef
    text: str
    diff_html: str  # from this wording to the suggested one


@dataclass(frozen=True)
class CommonPoint:
    """A point all or most motions make, with each motion's wording and a suggested one."""

    section: str  # number of the common ground it is proposed for, "1.1"
    suggested: str
    variants: tuple[Variant, ...]

    @property
    def motions(self) -> list[str]:
        return [variant.ref[0] for variant in self.variants]

    @property
    def wording_differs(self) -> bool:
        return any(not same_wording(v.text, self.suggested) for v in self.variants)


@dataclass
class DraftComposite:
    """The engine's proposal: a composite to edit, the evidence behind it, and its coverage."""

    composite: Composite
    common_points: list[CommonPoint]
    coverage: list[ClauseCoverage]

    @property
    def unaccounted(self) -> list[ClauseCoverage]:
        return [item for item in self.coverage if not item.accounted]


def draft_composite(
    motions: Mapping[str, str],
    names: Mapping[str, str] | None = None,
    title: str = "Draft composite",
) -> DraftComposite:
    """Propose a composite of ``motions`` (key -> Markdown or raw pasted text).

    Points shared by more than half of the motions (and at least two) become common ground,
    worded as the variant closest to all the others (the CAC then splices in words from the
    rest; each variant's word diff to the suggestion is given). Common ground keeps the
    structure of the spine motion (the one with the most common ground): its order, its
    paragraphs (shared sentences of one paragraph stay one paragraph) and its lists (shared
    bullets and numbered points become a Markdown list). Other clauses become candidate
    options attributed to their motions (``names`` maps keys to names such as "Dulwich LL";
    default: the key), consecutive unmatched clauses of one motion kept together as one option.
    They are grouped as "each for or against" for the CAC to regroup. Sections follow the
    headings of the motion with the most common ground. Headings and clauses without content
    are left out with that reason, so every source clause is accounted for from the start.
    """
    names = dict(names or {})
    alignment = align(motions)
    majority = max(2, len(motions) // 2 + 1)
    common = [g for g in alignment.groups if len({ref[0] for ref in g}) >= majority]
    spine = _spine_motion(common, list(motions))
    sections = _sections_by_heading(alignment, spine)

    composite = Composite(title=title)
    common_points: list[CommonPoint] = []
    for number, (heading, groups) in enumerate(sections, start=1):
        section = CompositeSection(str(number), heading or "Composite")
        shared = _in_spine_order(alignment, [group for group in groups if group in common], spine)
        section_points = [_common_point(alignment, group, f"{number}.1") for group in shared]
        if section_points:
            section.common_ground = CommonGround(
                f"{number}.1",
                _markdown_of(
                    [
                        (_structure_clause(alignment, group, spine), point.suggested)
                        for group, point in zip(shared, section_points, strict=True)
                    ]
                ),
                [
                    Source(*variant.ref, wording=point.suggested)
                    for point in section_points
                    for variant in point.variants
                ],
            )
        options = _candidate_options(alignment, [g for g in groups if g not in common], names)
        if options:
            section.groups.append(
                OptionGroup(f"{number}.2", "Differences", GroupKind.FOR_OR_AGAINST_EACH, options)
            )
        composite.sections.append(section)
        common_points.extend(section_points)

    grouped = {ref for group in alignment.groups for ref in group}
    for clauses in alignment.clauses.values():
        for clause in clauses:
            if clause.ref not in grouped:
                composite.left_out[clause.ref] = (
                    "heading, not a clause" if clause.is_heading else "no content of its own"
                )
    return DraftComposite(composite, common_points, coverage(composite, motions))


def _spine_motion(common: list[list[ClauseRef]], keys: list[str]) -> str:
    """The motion taking part in the most common-ground points: its headings make sections."""
    counts = {key: 0 for key in keys}
    for group in common:
        for motion, _index in group:
            counts[motion] += 1
    return max(keys, key=lambda key: counts[key]) if keys else ""


def _sections_by_heading(
    alignment: Alignment, spine: str
) -> list[tuple[str, list[list[ClauseRef]]]]:
    """Groups, in consensus order, gathered under the spine motion's headings."""
    sections: dict[str, list[list[ClauseRef]]] = {}
    current = ""
    for group in alignment.groups:
        for motion, index in group:
            if motion == spine:
                current = alignment.clauses[motion][index].heading
        sections.setdefault(current, []).append(group)
    return list(sections.items())


def _medoid(alignment: Alignment, group: list[ClauseRef]) -> ClauseRef:
    """The clause closest to all the others in the group; ties go to the earlier motion."""

    def closeness(ref: ClauseRef) -> float:
        return sum(alignment.pair_similarity(ref, other) for other in group if other != ref)

    return max(group, key=closeness)


def _medoid_wording(alignment: Alignment, group: list[ClauseRef]) -> str:
    """The wording closest to all the others in the group."""
    return alignment.clause(_medoid(alignment, group)).text


def _in_spine_order(
    alignment: Alignment, groups: list[list[ClauseRef]], spine: str
) -> list[list[ClauseRef]]:
    """The groups in the spine motion's order.

    A group the spine takes no part in follows the spine point before it in the consensus
    order, and after the rest of that point's paragraph or item, so it never splits one.
    """
    spine_refs = [next((ref for ref in group if ref[0] == spine), None) for group in groups]
    block_ends: dict[int, int] = {}  # the spine's block -> its last clause among the groups
    for ref in spine_refs:
        if ref is not None:
            block = alignment.clause(ref).block
            block_ends[block] = max(block_ends.get(block, -1), ref[1])
    keys: list[tuple[int, int, int]] = []
    previous = -1
    for n, ref in enumerate(spine_refs):
        if ref is not None:
            keys.append((ref[1], 0, n))
            previous = block_ends[alignment.clause(ref).block]
        else:
            keys.append((previous, 1, n))
    return [groups[n] for *_, n in sorted(keys)]


def _structure_clause(alignment: Alignment, group: list[ClauseRef], spine: str) -> Clause:
    """The clause whose place in its motion (paragraph or list item) a common point takes:
    the spine motion's, or if it has none, the suggested wording's."""
    ref = next((ref for ref in group if ref[0] == spine), None)
    return alignment.clause(ref or _medoid(alignment, group))


def _markdown_of(pieces: list[tuple[Clause, str]]) -> str:
    """Wordings as Markdown in the structure of the clauses they stand for.

    ``pieces`` pairs each wording with the clause whose place it takes. Wordings of clauses of
    one paragraph or list item run on in one block (a term takes its description after a
    colon); bulleted items become "- " items and numbered or lettered ones "1." points,
    numbered afresh in each list; anything else is a paragraph, which ends a list.
    """
    blocks: list[tuple[str, str]] = []  # (item kind, text)
    previous: Clause | None = None
    for clause, wording in pieces:
        if previous is not None and (clause.motion, clause.block) == (
            previous.motion,
            previous.block,
        ):
            kind, text = blocks[-1]
            blocks[-1] = (kind, _run_on(text, wording, after_term=previous.term))
        else:
            blocks.append((clause.item, wording))
        previous = clause
    parts: list[str] = []
    number = 0
    previous_kind = None
    for kind, text in blocks:
        if not kind:  # a paragraph of sentences, though a wording was a list item elsewhere
            text = _as_sentence(text)
        number = number + 1 if kind == previous_kind else 1
        marker = {"bullet": "- ", "number": f"{number}. "}.get(kind, "")
        separator = "\n" if kind and kind == previous_kind else "\n\n"
        parts.append((separator if parts else "") + marker + text)
        previous_kind = kind
    return "".join(parts)


_SENTENCE_ENDS = (".", "!", "?", ".”", '."', ".’", "?”", "!”", ".)")


def _run_on(text: str, wording: str, after_term: bool) -> str:
    """``wording`` run on after ``text`` in one block, as a new sentence (or a description)."""
    if after_term:
        return f"{text.rstrip(' :')}: {wording}"
    if not text.endswith(_SENTENCE_ENDS):
        text = text.rstrip(" ;,:") + "."
    return f"{text} {_as_sentence(wording)}"


def _as_sentence(text: str) -> str:
    """A list item's wording as a sentence: capital first, no "; " or "," at the end."""
    text = text[:1].upper() + text[1:]
    return text[:-1] + "." if text.endswith((";", ",")) else text


def _common_point(alignment: Alignment, group: list[ClauseRef], number: str) -> CommonPoint:
    suggested = _medoid_wording(alignment, group)
    variants = tuple(
        Variant(ref, alignment.clause(ref).text, diff_html(alignment.clause(ref).text, suggested))
        for ref in group
    )
    return CommonPoint(number, suggested, variants)


def _candidate_options(
    alignment: Alignment, groups: list[list[ClauseRef]], names: Mapping[str, str]
) -> list[Option]:
    options: list[Option] = []
    for group in groups:
        previous = options[-1] if options else None
        if (
            previous is not None
            and len(group) == 1
            and {source.motion for source in previous.sources} == {group[0][0]}
            and previous.sources[-1].index + 1 == group[0][1]
        ):
            # The next clause of the same motion, matched by nothing: same option.
            previous.sources.append(Source(*group[0]))
            previous.text = _join_clauses(alignment, [s.ref for s in previous.sources])
            continue
        motions = list(dict.fromkeys(ref[0] for ref in group))
        options.append(
            Option(
                label=_option_label(len(options)),
                text=_medoid_wording(alignment, group),
                attribution=[names.get(key, key) for key in motions],
                sources=[Source(*ref) for ref in group],
            )
        )
    return options


def _join_clauses(alignment: Alignment, refs: list[ClauseRef]) -> str:
    """Consecutive clauses of one motion as Markdown: sentences of a block run on, and list
    items stay list items."""
    return _markdown_of([(alignment.clause(ref), alignment.clause(ref).text) for ref in refs])


def _option_label(position: int) -> str:
    """A, B, ..., Z, AA, AB, ..."""
    label = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        label = chr(ord("A") + remainder) + label
    return label
