"""Precision and recall of the clause alignment against the real LLA 2020 CAC composite.

The hand labelling (tests/compositing/fixtures/alignment_labels.json) says which clauses of the
four draft constitutions and motion E the CAC treated as one point in sections 1 and 2 of its
composite. Run: .venv/bin/python bench/alignment_quality.py [-v]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compositing.align import align  # noqa: E402
from compositing.align_quality import (  # noqa: E402
    labelled_pairs,
    load_labelling,
    score_alignment,
)

LABELS = Path(__file__).resolve().parent.parent / "tests/compositing/fixtures/alignment_labels.json"


def main(verbose: bool) -> None:
    labelling = load_labelling(LABELS)
    alignment = align(labelling.motions)
    truth, mentioned = labelled_pairs(labelling, alignment.clauses)
    score = score_alignment(alignment.groups, truth, mentioned)
    print(
        f"alignment vs LLA CAC composite, sections 1-2: "
        f"precision {score.precision:.3f} ({score.true_pairs}/{score.engine_pairs} pairs), "
        f"recall {score.recall:.3f} ({score.true_pairs}/{score.labelled_pairs} pairs)"
    )
    if verbose:
        for title, pairs in (("missed", score.missed), ("wrong", score.wrong)):
            for pair in pairs:
                a, b = sorted(pair)
                print(f"  {title}: {a} {alignment.clause(a).text[:60]!r}")
                print(f"  {' ' * len(title)}  {b} {alignment.clause(b).text[:60]!r}")


if __name__ == "__main__":
    main(verbose="-v" in sys.argv[1:])
