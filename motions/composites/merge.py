"""Two CAC members on one composite: a change made on an older version is merged into what was
saved meanwhile when the two touch different parts, and refused when they touch the same one.

The parts are the title, the note, each section's number, title and common ground, each option
group of a section, and each clause left out. Changes are compared on the stored form of the
composite (``compositing.composite_io``): a part either side left as it was takes the other
side's state. A list whose length changed on both sides (sections added or removed by both, or
by one while the other edited inside it) is one part: its positions no longer mean the same.
"""

from __future__ import annotations

from typing import Any

Data = dict[str, Any]


class Collision(Exception):
    """Both sides changed the same part differently; ``where`` names it for the CAC."""

    def __init__(self, where: str):
        super().__init__(where)
        self.where = where


def merge(base: Data, mine: Data, theirs: Data) -> Data:
    """The composite with both sides' changes to ``base``; raises :class:`Collision`."""
    merged = dict(theirs)
    for key in ("title", "preamble"):
        merged[key] = _atomic(base[key], mine[key], theirs[key],
                              "the title" if key == "title" else "the note")
    merged["sections"] = _list(base["sections"], mine["sections"], theirs["sections"],
                               "the list of sections (one was added or removed)", _section)
    merged["left_out"] = _left_out(base["left_out"], mine["left_out"], theirs["left_out"])
    return merged


def _atomic(base: Any, mine: Any, theirs: Any, where: str) -> Any:
    if mine == base:
        return theirs
    if theirs in (base, mine):
        return mine
    raise Collision(where)


def _list(base: list, mine: list, theirs: list, where: str, item) -> list:
    if mine == base:
        return theirs
    if theirs in (base, mine):
        return mine
    if not len(base) == len(mine) == len(theirs):
        raise Collision(where)
    return [item(b, m, t) for b, m, t in zip(base, mine, theirs, strict=True)]


def _section(base: Data, mine: Data, theirs: Data) -> Data:
    name = f"section {base['number']} ({base['title']})"
    merged = dict(theirs)
    for key in ("number", "title", "common_ground"):
        merged[key] = _atomic(base[key], mine[key], theirs[key], name)
    merged["groups"] = _list(
        base["groups"], mine["groups"], theirs["groups"],
        f"the option groups of {name} (one was added or removed)",
        lambda b, m, t: _atomic(b, m, t, f"option group {b['number']} of {name}"))
    return merged


def _left_out(base: list[Data], mine: list[Data], theirs: list[Data]) -> list[Data]:
    """Clauses left out, each with its reason, merged clause by clause."""
    def by_clause(entries: list[Data]) -> dict[tuple[str, int], Data]:
        return {(entry["motion"], entry["index"]): entry for entry in entries}

    old, ours, others = by_clause(base), by_clause(mine), by_clause(theirs)
    merged: dict[tuple[str, int], Data | None] = {}
    for clause in [*others, *(c for c in ours if c not in others), *old]:
        if clause in merged:
            continue
        merged[clause] = _atomic(old.get(clause), ours.get(clause), others.get(clause),
                                 f"the reason for leaving out clause {clause[1] + 1} of a "
                                 "motion")
    return [entry for entry in merged.values() if entry is not None]
