"""Clause alignment: which clauses of several motions make the same point.

Motions on one subject say the same thing in different words ("opposes the witch-hunt against
Jeremy Corbyn and the left" / "opposes all witch hunts against the left"). Each clause becomes a
TF-IDF weighted bag of stemmed content words; two clauses of different motions are similar by the
cosine of their bags. Clauses are then grouped greedily, most similar pairs first, under two rules:

* a group holds at most one clause of each motion (a clause matches at most one clause per
  other motion), and
* two groups merge only when their clauses are similar *on average* (average linkage) and no
  two of their clauses are nearly unrelated (a floor), so one strong pair cannot drag
  unrelated clauses into a group by chaining.

Document frequency is counted over the clauses of the motions being aligned, so words every
draft repeats ("Labour", "LLA") weigh little and the distinctive words of a point weigh most.
Similarity is discounted a little by distance in the documents (drafts take their points in a
similar order), which settles ties between equally worded candidates.

The thresholds below were chosen on the LLA 2020 drafts against the real CAC's composite
(bench/alignment_quality.py): they sit inside a range where precision and recall both stay at or
above 0.9, but that labelling is small, so treat them as a reasoned start, not a law.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from compositing.clauses import Clause, normalise_space, split_clauses

ClauseRef = tuple[str, int]

# A pair of clauses this similar is a candidate match ...
PAIR_THRESHOLD = 0.3
# ... and two groups merge only if all their cross-motion pairs average at least this.
GROUP_THRESHOLD = 0.22
# ... and every member of a group must resemble every other member at least this much.
LINK_FLOOR = 0.12
# Drafts on one subject tend to take points in a similar order, so a pair's similarity is
# discounted by this much per unit of positional distance (see _discount_by_position): of two
# equally worded candidates, the one in the same part of the document wins.
POSITION_WEIGHT = 0.6
# Pairs this similar are near-verbatim: "anchors" that tell which parts of two motions match.
ANCHOR_THRESHOLD = 0.6
# The work is bounded whatever the texts (bench/hostile.py prints the worst case): at most this
# many clause pairs are scored (real motions score a few thousand; a pasted text that repeats
# one word in every sentence would score every pair of sentences) ...
MAX_PAIRS = 100_000
# ... and a pair looks this many anchors either way for the nearest (see _anchor_distance).
MAX_ANCHOR_STEPS = 8

_STOP_WORD_LIST = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either etc few
    for from further had has have having he her here hers him his how i if in into is it its
    itself just may me might more most must my no nor not now of off on once only or other ought
    our ours out over own same shall she should so some such than that the their theirs them then
    there these they this those through to too under until up upon very via was we were what when
    where whether which while who whom why will with within without would you your yours
"""
_STOP_WORDS = frozenset(_STOP_WORD_LIST.split())

_WORD_RE = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


@dataclass
class Alignment:
    """The result of aligning motions: every clause, and the groups they fall into."""

    clauses: dict[str, list[Clause]]
    # Groups of clause refs (motion, index), ordered by where they fall in the motions. Every
    # clause with a content word is in exactly one group; unmatched clauses form groups of one.
    groups: list[list[ClauseRef]]
    # Position-discounted similarity of clause pairs from different motions sharing a word.
    similarity: dict[tuple[ClauseRef, ClauseRef], float] = field(repr=False)

    def clause(self, ref: ClauseRef) -> Clause:
        return self.clauses[ref[0]][ref[1]]

    def pair_similarity(self, a: ClauseRef, b: ClauseRef) -> float:
        return self.similarity.get((a, b)) or self.similarity.get((b, a)) or 0.0


def align_clauses(motions: Mapping[str, str]) -> list[list[tuple[str, str]]]:
    """Group the clauses of several motions that make the same point.

    ``motions`` maps a key (e.g. "A") to the motion's Markdown or raw pasted text. Each group
    lists its clauses as ``(motion key, clause text as it stands in that motion)``, in the order
    of ``motions``; a group never holds two clauses of one motion. Clauses that match nothing
    come back in groups of their own, so every clause with content appears exactly once.
    """
    alignment = align(motions)
    return [[(ref[0], alignment.clause(ref).text) for ref in group] for group in alignment.groups]


def align(motions: Mapping[str, str]) -> Alignment:
    """Split the motions into clauses and align them (see the module docstring)."""
    clauses = {key: split_clauses(key, text) for key, text in motions.items()}
    return align_split(clauses)


def align_split(clauses: Mapping[str, list[Clause]]) -> Alignment:
    """Align motions already split into clauses."""
    order = {key: position for position, key in enumerate(clauses)}
    alignable = [c for key in clauses for c in clauses[key] if _is_alignable(c)]
    vectors = _tfidf_vectors(alignable)
    lengths = {key: max(len(items), 1) for key, items in clauses.items()}
    similarity = _discount_by_position(_cross_motion_similarities(alignable, vectors), lengths)
    groups = _group(alignable, similarity)
    ordered = sorted(
        (sorted(group, key=lambda ref: order[ref[0]]) for group in groups),
        key=lambda group: _consensus_position(group, lengths),
    )
    return Alignment(dict(clauses), ordered, similarity)


def content_words(text: str) -> list[str]:
    """The stemmed content words of a text: what similarity is measured on."""
    return list(_content_words(text))


@lru_cache(maxsize=1 << 16)  # every clause of the largest texts: each is read several times
def _content_words(text: str) -> tuple[str, ...]:
    text = normalise_space(text).lower()
    # "anti-Semitism" and "antisemitism", "witch-hunt" and "witchhunt" are the same word.
    text = re.sub(r"(?<=[a-z])[-‐‑](?=[a-z])", "", text)
    return tuple(_stem(word) for word in _WORD_RE.findall(text) if word not in _STOP_WORDS)


def _is_alignable(clause: Clause) -> bool:
    """Headings and clauses without a content word ("OR", "and") are not points to align.

    One word is enough: "Chair" in one draft's list of officers is "Chair" in another's.
    """
    return not clause.is_heading and bool(content_words(clause.text))


@lru_cache(maxsize=16384)
def _stem(word: str) -> str:
    """A light suffix stripper: enough to match "organises"/"organise", "members"/"member"."""
    word = word.replace("’", "'").removesuffix("'s")
    for suffix, replacement in (
        ("isation", "ise"),
        ("ization", "ise"),
        ("ations", "ate"),
        ("ation", "ate"),
        ("ities", "ity"),
        ("ies", "y"),
        ("ing", ""),
        ("ised", "ise"),
        ("ized", "ise"),
        ("ed", ""),
        ("es", "e"),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            break
    if word.endswith("ize"):
        word = word[:-3] + "ise"
    return word.rstrip("e") if len(word) > 4 else word


def _tfidf_vectors(clauses: list[Clause]) -> dict[ClauseRef, dict[str, float]]:
    bags = {c.ref: _bag(content_words(c.text)) for c in clauses}
    document_frequency: dict[str, int] = defaultdict(int)
    for bag in bags.values():
        for word in bag:
            document_frequency[word] += 1
    total = max(len(bags), 1)
    vectors: dict[ClauseRef, dict[str, float]] = {}
    for ref, bag in bags.items():
        weights = {
            word: (1.0 + math.log(count)) * math.log(1.0 + total / document_frequency[word])
            for word, count in bag.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors[ref] = {word: weight / norm for word, weight in weights.items()}
    return vectors


def _bag(words: Iterable[str]) -> dict[str, int]:
    bag: dict[str, int] = defaultdict(int)
    for word in words:
        bag[word] += 1
    return dict(bag)


def _cross_motion_similarities(
    clauses: list[Clause], vectors: dict[ClauseRef, dict[str, float]]
) -> dict[tuple[ClauseRef, ClauseRef], float]:
    """Cosine similarity of every pair of clauses from different motions that share a word.

    Walks an inverted index (word -> clauses) instead of comparing all pairs, so the cost grows
    with the shared words, not with the square of the number of clauses. Rare words first: if
    the words shared would make more than MAX_PAIRS pairs, the commonest are left out, which
    weigh least (their document frequency is highest) and only hostile texts reach.
    """
    postings: dict[str, dict[str, list[tuple[ClauseRef, float]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for clause in clauses:
        for word, weight in vectors[clause.ref].items():
            postings[word][clause.motion].append((clause.ref, weight))
    dot: dict[tuple[ClauseRef, ClauseRef], float] = defaultdict(float)
    pairs = 0
    for _cost, word in sorted(
        (_pairs_made(by_motion), word) for word, by_motion in postings.items()
    ):
        pairs += _cost
        if pairs > MAX_PAIRS:
            break
        entries = list(postings[word].values())
        for m, entries_a in enumerate(entries):
            for entries_b in entries[m + 1 :]:
                for ref_a, weight_a in entries_a:
                    for ref_b, weight_b in entries_b:
                        dot[(ref_a, ref_b)] += weight_a * weight_b
    return dict(dot)


def _pairs_made(by_motion: dict[str, list]) -> int:
    """How many cross-motion pairs of clauses one word's postings make."""
    sizes = [len(entries) for entries in by_motion.values()]
    total = sum(sizes)
    return (total * total - sum(size * size for size in sizes)) // 2


def _discount_by_position(
    similarity: dict[tuple[ClauseRef, ClauseRef], float], lengths: Mapping[str, int]
) -> dict[tuple[ClauseRef, ClauseRef], float]:
    """Discount each pair's similarity by how far apart the two clauses sit in their motions.

    The distance is the smaller of two measures, both as fractions of the motions' lengths:
    the difference of the clauses' relative positions (global order), and how far the pair is
    from the nearest anchor pair in both motions (local order: drafts insert and reorder whole
    sections, so "next to clauses that match" says more than "at the same relative place").
    """
    anchors: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for (ref_a, ref_b), score in similarity.items():
        if score >= ANCHOR_THRESHOLD:
            anchors[(ref_a[0], ref_b[0])].append((ref_a[1], ref_b[1]))
    for pairs in anchors.values():
        pairs.sort()
    discounted = {}
    for (ref_a, ref_b), score in similarity.items():
        length_a, length_b = lengths[ref_a[0]], lengths[ref_b[0]]
        distance = abs(ref_a[1] / length_a - ref_b[1] / length_b)
        if score >= PAIR_THRESHOLD:  # only candidates can win a match; spare the rest the search
            distance = min(
                distance,
                _anchor_distance(
                    anchors.get((ref_a[0], ref_b[0]), []),
                    ref_a[1],
                    ref_b[1],
                    length_a,
                    length_b,
                    distance,
                ),
            )
        discounted[(ref_a, ref_b)] = score * (1.0 - POSITION_WEIGHT * distance)
    return discounted


def _anchor_distance(
    anchors: list[tuple[int, int]], a: int, b: int, length_a: int, length_b: int, limit: float
) -> float:
    """Distance of clause pair (a, b) from the nearest anchor, or ``limit`` if none is nearer.

    ``anchors`` are sorted by their first index, so the search walks outwards from ``a`` and
    stops once the first index alone is ``limit`` away, or after MAX_ANCHOR_STEPS anchors (a
    clause that is near-verbatim many others' is a repeated line, not a guide to the order).
    """
    best = limit
    start = bisect.bisect_left(anchors, (a, -1))
    for step in (1, -1):
        position = start if step == 1 else start - 1
        end = position + step * MAX_ANCHOR_STEPS
        while 0 <= position < len(anchors) and position != end:
            anchor_a, anchor_b = anchors[position]
            gap_a = abs(a - anchor_a) / length_a
            if gap_a >= best:
                break
            best = min(best, max(gap_a, abs(b - anchor_b) / length_b))
            position += step
    return best


def _group(
    clauses: list[Clause], similarity: dict[tuple[ClauseRef, ClauseRef], float]
) -> list[list[ClauseRef]]:
    """Greedy average-linkage grouping with at most one clause per motion in a group."""
    group_of: dict[ClauseRef, int] = {c.ref: n for n, c in enumerate(clauses)}
    members: dict[int, list[ClauseRef]] = {n: [c.ref] for n, c in enumerate(clauses)}

    def similar(a: ClauseRef, b: ClauseRef) -> float:
        return similarity.get((a, b)) or similarity.get((b, a)) or 0.0

    candidates = sorted(
        ((score, pair) for pair, score in similarity.items() if score >= PAIR_THRESHOLD),
        key=lambda item: (-item[0], item[1]),
    )
    for _score, (ref_a, ref_b) in candidates:
        group_a, group_b = group_of[ref_a], group_of[ref_b]
        if group_a == group_b:
            continue
        left, right = members[group_a], members[group_b]
        if {ref[0] for ref in left} & {ref[0] for ref in right}:
            continue  # would put two clauses of one motion in one group
        links = [similar(a, b) for a in left for b in right]
        if sum(links) / len(links) < GROUP_THRESHOLD or min(links) < LINK_FLOOR:
            continue
        members[group_a] = left + right
        for ref in right:
            group_of[ref] = group_a
        del members[group_b]
    return list(members.values())


def _consensus_position(group: list[ClauseRef], lengths: dict[str, int]) -> float:
    """Where a group falls, as the mean relative position of its clauses in their motions."""
    return sum(index / lengths[motion] for motion, index in group) / len(group)
