"""Precision and recall of the clause alignment against the real LLA 2020 CAC composite.

The hand labellings (tests/compositing/fixtures/alignment_labels*.json) say which clauses of
the four draft constitutions and motion E the CAC treated as one point: sections 1-2 of its
composite (the acceptance target, >= 0.9 both), and sections 3-4 (written later as a check on
text the thresholds were not chosen on; see its "about"). Run:
.venv/bin/python bench/alignment_quality.py [-v]
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

FIXTURES = Path(__file__).resolve().parent.parent / "tests/compositing/fixtures"
LABELLINGS = {
    "sections 1-2": FIXTURES / "alignment_labels.json",
    "sections 3-4": FIXTURES / "alignment_labels_sections_3_4.json",
}


def main(verbose: bool) -> None:
    for name, path in LABELLINGS.items():
        labelling = load_labelling(path)
        alignment = align(labelling.motions)
        truth, mentioned = labelled_pairs(labelling, alignment.clauses)
        score = score_alignment(alignment.groups, truth, mentioned)
        print(
            f"alignment vs LLA CAC composite, {name}: "
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
