"""Benchmark: 1,000 amendments applied to a 10,000-word motion (median and p95 per amendment).

Run: .venv/bin/python bench/amendments.py

Each amendment is applied to the original document, as the live preview does while a submitter
types. "warm" reuses the parsed document (the text model caches parses of unchanged texts);
"cold" parses the document afresh for every amendment.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compositing import apply_amendment  # noqa: E402
from compositing.text import parse  # noqa: E402

_VOCABULARY = (
    "conference believes the alliance organises democratically and transparently opposes "
    "racism campaigns for open selection supports struggles against austerity members "
    "affiliated groups delegates elect officers annually branches motions amendments votes "
    "chair secretary treasurer committee steering organising group national regional local "
    "trade unions councils housing rents wages public services health education transport "
    "climate energy workers tenants solidarity peace internationalism democracy socialism"
)
WORDS = _VOCABULARY.split()


def build_document(rng: random.Random, target_words: int = 10_000) -> str:
    """Numbered sections of numbered clauses, about ``target_words`` words in all."""
    parts: list[str] = []
    words = 0
    section = 0
    while words < target_words:
        section += 1
        parts.append(f"{section}. Section {section}")
        for clause in range(1, 13):
            sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(14, 24)))
            parts.append(f"{section}.{clause}. {sentence.capitalize()}.")
            words += len(sentence.split()) + 1
        parts.append(
            "The alliance:\n\n"
            + "\n".join(f"- {rng.choice(WORDS)} {rng.choice(WORDS)} item {section}" for _ in "ab")
        )
    return "\n\n".join(parts) + "\n"


def unique_phrase(rng: random.Random, text: str, length: int = 4) -> str:
    words = text.split()
    while True:
        start = rng.randrange(0, len(words) - length)
        phrase = " ".join(words[start : start + length])
        if phrase.replace(" ", "").isalpha() and text.count(phrase) == 1:
            return phrase


def amendments(rng: random.Random, document: str, count: int) -> list[str]:
    clauses = [line.split(" ", 1)[0].rstrip(".") for line in document.splitlines()]
    clauses = [label for label in clauses if label.count(".") == 1 and label[0].isdigit()]
    result: list[str] = []
    for n in range(count):
        kind = n % 6
        if kind == 0:
            result.append(f'Delete "{unique_phrase(rng, document)}".')
        elif kind == 1:
            result.append(f'Delete "{unique_phrase(rng, document)}" and replace with "new words".')
        elif kind == 2:
            label = rng.choice(clauses)
            result.append(f'In point {label}, after "{_word_in(document, label)}" insert "also".')
        elif kind == 3:
            result.append(f"Delete point {rng.choice(clauses)}.")
        elif kind == 4:
            label = rng.choice(clauses)
            # The new point takes the next number, so the points after it are renumbered (an
            # engine-chosen number that repeats one in use is refused).
            result.append(
                f'Insert new point after point {label}: "A new clause." Renumber accordingly.'
            )
        else:
            result.append('Add at end: "Conference resolves to act."')
    return result


def _word_in(document: str, label: str) -> str:
    line = next(line for line in document.splitlines() if line.startswith(label + ". "))
    return line.split()[1]


def measure(document: str, instructions: list[str], cold: bool) -> list[float]:
    timings: list[float] = []
    for instruction in instructions:
        if cold:
            parse.cache_clear()
        start = time.perf_counter()
        apply_amendment(document, instruction)
        timings.append(time.perf_counter() - start)
    return timings


def report(name: str, timings: list[float]) -> None:
    ordered = sorted(timings)
    median = statistics.median(ordered) * 1000
    p95 = ordered[int(len(ordered) * 0.95) - 1] * 1000
    print(f"{name:>5}: median {median:6.3f} ms   p95 {p95:6.3f} ms   ({len(ordered)} amendments)")


def main() -> None:
    rng = random.Random(2020)
    document = build_document(rng)
    instructions = amendments(rng, document, 1000)
    print(
        f"apply_amendment: {len(document.split())} words, {len(parse(document).blocks)} blocks, "
        f"{len(instructions)} amendments (target: median < 2 ms)"
    )
    measure(document, instructions[:50], cold=False)  # warm up regex caches
    report("warm", measure(document, instructions, cold=False))
    report("cold", measure(document, instructions, cold=True))


if __name__ == "__main__":
    main()
