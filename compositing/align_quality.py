"""Scoring a clause alignment against a human labelling (e.g. a real CAC's composite).

A labelling names groups of clauses that correspond, one clause per motion, each clause by a
quote that occurs in exactly one clause of its motion. Scores are over *pairs* of clauses from
different motions that fall in one group:

* recall: of the labelled pairs, the share the engine put in one group;
* precision: of the engine's pairs that involve a labelled clause, the share that are labelled.
  Pairs between clauses the labelling does not mention are outside its scope and not counted.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from compositing.clauses import Clause, normalise_space

ClauseRef = tuple[str, int]
Pair = frozenset[ClauseRef]


class LabellingError(ValueError):
    """A labelled quote does not pick out exactly one clause."""


@dataclass(frozen=True)
class Labelling:
    motions: dict[str, str]  # key -> text
    groups: list[dict[str, str]]  # one dict per group: motion key -> quote


@dataclass(frozen=True)
class AlignmentScore:
    precision: float
    recall: float
    true_pairs: int
    engine_pairs: int  # engine pairs in scope
    labelled_pairs: int
    missed: list[Pair]
    wrong: list[Pair]


def load_labelling(path: Path) -> Labelling:
    """Read a labelling JSON file; its motion files are named relative to it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    motions = {
        key: (path.parent / name).read_text(encoding="utf-8")
        for key, name in data["motions"].items()
    }
    return Labelling(motions, [dict(group["clauses"]) for group in data["groups"]])


def resolve_quote(clauses: list[Clause], quote: str) -> ClauseRef:
    """The one clause whose text contains the quote (whitespace-normalised).

    A quote found in several clauses still picks one out if it is the whole of exactly one of
    them ("Chair" beside "Vice-Chair").
    """
    wanted = normalise_space(quote)
    found = [c for c in clauses if not c.is_heading and wanted in normalise_space(c.text)]
    whole = [c for c in found if normalise_space(c.text) == wanted]
    if len(found) > 1 and len(whole) == 1:
        found = whole
    if len(found) != 1:
        motion = clauses[0].motion if clauses else "?"
        raise LabellingError(
            f"quote {quote!r} matches {len(found)} clauses of motion {motion}"
            + "".join(f"\n  {c.index}: {c.text}" for c in found)
        )
    return found[0].ref


def labelled_pairs(
    labelling: Labelling, clauses: Mapping[str, list[Clause]]
) -> tuple[set[Pair], set[ClauseRef]]:
    """The labelled cross-motion pairs, and every clause the labelling mentions."""
    pairs: set[Pair] = set()
    mentioned: set[ClauseRef] = set()
    for group in labelling.groups:
        refs = [resolve_quote(clauses[key], quote) for key, quote in group.items()]
        mentioned.update(refs)
        pairs.update(_cross_pairs(refs))
    return pairs, mentioned


def score_alignment(
    groups: Iterable[Iterable[ClauseRef]], truth: set[Pair], mentioned: set[ClauseRef]
) -> AlignmentScore:
    """Precision and recall of engine groups against labelled pairs (see module docstring)."""
    engine = {pair for group in groups for pair in _cross_pairs(list(group)) if pair & mentioned}
    true_pairs = engine & truth
    return AlignmentScore(
        precision=len(true_pairs) / len(engine) if engine else 1.0,
        recall=len(true_pairs) / len(truth) if truth else 1.0,
        true_pairs=len(true_pairs),
        engine_pairs=len(engine),
        labelled_pairs=len(truth),
        missed=sorted(truth - engine, key=sorted),
        wrong=sorted(engine - truth, key=sorted),
    )


def _cross_pairs(refs: list[ClauseRef]) -> set[Pair]:
    return {frozenset((a, b)) for a, b in itertools.combinations(refs, 2) if a[0] != b[0]}
