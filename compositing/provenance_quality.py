"""Scoring inferred provenance against a human labelling of where source clauses went.

A labelling names source clauses (each by a quote that occurs in exactly one clause of its
motion, as in :mod:`compositing.align_quality`) and the places of the composite the CAC put
them, by the names coverage gives places ("common ground 2.1", "Option A of 2.2"); ``None``
among them means the CAC left the clause out. Placing a clause in any of its places is right.

* precision: of the labelled clauses given a place, the share given a right one. A wrong
  place is worse than none: the CAC trusts it, where an unplaced clause asks for a reason.
* recall: of the labelled clauses that went somewhere (and may not be left out), the share
  placed right.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from compositing.align_quality import resolve_quote
from compositing.clauses import Clause, split_clauses

ClauseRef = tuple[str, int]


@dataclass(frozen=True)
class ProvenanceLabelling:
    composite: str  # the composite's published text
    motions: dict[str, str]  # key -> text
    places: dict[ClauseRef, frozenset[str | None]]  # clause -> where it may rightly go


@dataclass(frozen=True)
class ProvenanceScore:
    precision: float
    recall: float
    labelled: int
    placed: int  # labelled clauses given a place
    right: int  # ... a right one
    went_somewhere: int  # labelled clauses the CAC put in the composite (recall's base)
    found: int  # ... placed right
    wrong: list[tuple[ClauseRef, str]]  # (clause, the place it was wrongly given)
    missed: list[ClauseRef]  # clauses that went somewhere but were given no place


def load_provenance_labelling(path: Path) -> ProvenanceLabelling:
    """Read a labelling JSON file; the composite and motion files are named relative to it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    motions = {
        key: (path.parent / name).read_text(encoding="utf-8")
        for key, name in data["motions"].items()
    }
    clauses = {key: split_clauses(key, text) for key, text in motions.items()}
    places: dict[ClauseRef, frozenset[str | None]] = {}
    for entry in data["clauses"]:
        ref = resolve_quote(clauses[entry["motion"]], entry["quote"])
        places[ref] = frozenset(entry["places"])
    composite = (path.parent / data["composite"]).read_text(encoding="utf-8")
    return ProvenanceLabelling(composite, motions, places)


def score_placements(
    placements: Mapping[ClauseRef, str], labelling: ProvenanceLabelling
) -> ProvenanceScore:
    """Score ``placements`` (clause -> place name; unplaced clauses absent)."""
    wrong: list[tuple[ClauseRef, str]] = []
    missed: list[ClauseRef] = []
    placed = right = went_somewhere = 0
    for ref, places in sorted(labelling.places.items()):
        place = placements.get(ref)
        if None not in places:
            went_somewhere += 1
        if place is None:
            if None not in places:
                missed.append(ref)
            continue
        placed += 1
        if place in places:
            right += 1
        else:
            wrong.append((ref, place))
    found = sum(
        1
        for ref, places in labelling.places.items()
        if None not in places and placements.get(ref) in places
    )
    return ProvenanceScore(
        precision=right / placed if placed else 1.0,
        recall=found / went_somewhere if went_somewhere else 1.0,
        labelled=len(labelling.places),
        placed=placed,
        right=right,
        went_somewhere=went_somewhere,
        found=found,
        wrong=wrong,
        missed=missed,
    )


def clause_of(labelling: ProvenanceLabelling, ref: ClauseRef) -> Clause:
    return split_clauses(ref[0], labelling.motions[ref[0]])[ref[1]]
