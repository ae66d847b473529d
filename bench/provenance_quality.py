"""How well infer_sources finds where the source clauses of the real LLA 2020 composite went.

The composite (tests/compositing/fixtures/lla_cac_composite.txt) is imported as published,
with no record of provenance; infer_sources aligns it with the four draft constitutions and
motion E. Prints how many source clauses it places, and precision and recall against the hand
labelling (tests/compositing/fixtures/provenance_labels.json; see
compositing/provenance_quality.py). Run: .venv/bin/python bench/provenance_quality.py [-v]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compositing.composite import CoverageStatus, coverage, infer_sources  # noqa: E402
from compositing.composite_import import import_composite  # noqa: E402
from compositing.provenance_quality import (  # noqa: E402
    clause_of,
    load_provenance_labelling,
    score_placements,
)

FIXTURES = Path(__file__).resolve().parent.parent / "tests/compositing/fixtures"
LABELS = FIXTURES / "provenance_labels.json"
# The submitters, as the composite's attributions name them.
NAMES = {
    "A": "Labour Against the Witchhunt & Sheffield Labour Left",
    "B": "London Labour Left Alliance",
    "C": "Tees Valley Labour Left Alliance",
    "D": "Dulwich Labour Left",
    "E": "Merseyside Labour Left Alliance",
}
PLACED = (CoverageStatus.VERBATIM, CoverageStatus.CHANGED, CoverageStatus.IN_OPTION)


def main(verbose: bool) -> None:
    labelling = load_provenance_labelling(LABELS)
    composite = import_composite(labelling.composite)
    start = time.perf_counter()
    inferred = infer_sources(composite, labelling.motions, NAMES)
    elapsed = time.perf_counter() - start
    items = coverage(inferred, labelling.motions)
    statuses = Counter(item.status for item in items)
    headings = sum(1 for item in items if item.clause.is_heading)
    placements = {item.clause.ref: item.place for item in items if item.status in PLACED}
    score = score_placements(placements, labelling)
    print(
        f"provenance of the LLA CAC composite: {sum(statuses[s] for s in PLACED)} of "
        f"{len(items) - headings} source clauses (not counting {headings} headings) placed "
        f"({statuses[CoverageStatus.VERBATIM]} verbatim, {statuses[CoverageStatus.CHANGED]} "
        f"changed, {statuses[CoverageStatus.IN_OPTION]} in an option), "
        f"{statuses[CoverageStatus.LEFT_OUT]} left out as headings or empty, "
        f"{statuses[CoverageStatus.UNACCOUNTED]} unaccounted; infer_sources {elapsed:.3f} s"
    )
    print(
        f"against the hand labelling ({score.labelled} clauses): precision {score.precision:.3f} "
        f"({score.right}/{score.placed} placed right), recall {score.recall:.3f} "
        f"({score.found}/{score.went_somewhere} that went somewhere)"
    )
    unnamed = coverage(infer_sources(composite, labelling.motions), labelling.motions)
    plain = score_placements(
        {item.clause.ref: item.place for item in unnamed if item.status in PLACED}, labelling
    )
    print(
        f"without the submitters' names (attributions matched by first lines only): "
        f"{sum(1 for item in unnamed if item.status in PLACED)} placed, precision "
        f"{plain.precision:.3f} ({plain.right}/{plain.placed}), recall {plain.recall:.3f} "
        f"({plain.found}/{plain.went_somewhere})"
    )
    if verbose:
        for ref, place in score.wrong:
            print(f"  wrong: {ref} -> {place}: {clause_of(labelling, ref).text[:70]!r}")
        for ref in score.missed:
            print(f"  missed: {ref}: {clause_of(labelling, ref).text[:70]!r}")


if __name__ == "__main__":
    main(verbose="-v" in sys.argv[1:])
