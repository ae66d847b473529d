"""Speed of compositing: align 5 motions of 100 clauses each and draft a composite (< 1 s).

The motions are generated (fixed seed) the way drafts on one subject differ: they share most
points, each reworded in places (words swapped, dropped, added), in a shuffled local order,
and each adds points of its own. Run: .venv/bin/python bench/compositing.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compositing.align import align  # noqa: E402
from compositing.composite import draft_composite  # noqa: E402

MOTIONS = 5
CLAUSES = 100
SHARED_POINTS = 80
REPEATS = 5


def _vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) for _ in range(size)]


def _sentence(rng: random.Random, words: list[str], weights: list[float]) -> list[str]:
    # Zipf's law: a few words are everywhere, most are rare, as in real motions.
    return rng.choices(words, weights, k=rng.randint(10, 24))


def _reword(rng: random.Random, sentence: list[str], words: list[str]) -> list[str]:
    out = []
    for word in sentence:
        roll = rng.random()
        if roll < 0.15:
            out.append(rng.choice(words))  # swapped
        elif roll < 0.22:
            continue  # dropped
        else:
            out.append(word)
        if rng.random() < 0.05:
            out.append(rng.choice(words))  # added
    return out


def generate_motions(seed: int = 2020) -> dict[str, str]:
    rng = random.Random(seed)
    words = _vocabulary(rng)
    weights = [1.0 / rank for rank in range(1, len(words) + 1)]
    shared = [_sentence(rng, words, weights) for _ in range(SHARED_POINTS)]
    motions: dict[str, str] = {}
    for number in range(MOTIONS):
        points = [_reword(rng, point, words) for point in shared if rng.random() < 0.9]
        while len(points) < CLAUSES:
            points.insert(rng.randrange(len(points) + 1), _sentence(rng, words, weights))
        # Neighbouring points swap places now and then.
        for i in range(len(points) - 1):
            if rng.random() < 0.1:
                points[i], points[i + 1] = points[i + 1], points[i]
        lines = [f"{n}. {' '.join(point).capitalize()}." for n, point in enumerate(points, 1)]
        motions[f"M{number + 1}"] = "\n".join(lines)
    return motions


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    # A fresh set of motions for every run, so that no cache inside the engines (parsed texts,
    # stemmed words) carries over from one run to the next: every time is a cold start.
    align_times, draft_times = [], []
    for seed in range(2020, 2020 + REPEATS):
        motions = generate_motions(seed)
        align_times.append(_timed(lambda motions=motions: align(motions)))
    for seed in range(3020, 3020 + REPEATS):
        motions = generate_motions(seed)
        draft_times.append(_timed(lambda motions=motions: draft_composite(motions)))
    alignment = align(generate_motions(2020))
    clauses = sum(len(items) for items in alignment.clauses.values())
    matched = sum(1 for group in alignment.groups if len(group) > 1)
    print(
        f"compositing: {MOTIONS} motions x {CLAUSES} clauses ({clauses} clauses, {matched} "
        f"matched groups of {SHARED_POINTS} shared points), median (slowest) of {REPEATS} cold "
        f"runs: align {statistics.median(align_times):.3f} s ({max(align_times):.3f} s), "
        f"draft composite with coverage {statistics.median(draft_times):.3f} s "
        f"({max(draft_times):.3f} s); target < 1 s"
    )


if __name__ == "__main__":
    main()
