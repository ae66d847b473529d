"""Benchmark: describe_change on 1,000 edited pairs next to difflib.SequenceMatcher.

Run: ``.venv/bin/python bench/describe.py``. Prints figures; asserts nothing.

Each pair is a real conference text (the LLA 2020 drafts) and a copy with one to three random
edits: words deleted, inserted or replaced inside a clause, a whole clause deleted, or a new
clause inserted. ``describe_change`` does the whole job (parse both texts, align the blocks,
word-diff the changed blocks, write the wording); SequenceMatcher only computes the opcodes of
the two texts' word lists (tokenized beforehand, outside the timing). The target is a ratio of
at least 3: describe_change at least three times faster than SequenceMatcher alone.
"""

from __future__ import annotations

import difflib
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compositing.describe import _writer_for, describe_change  # noqa: E402
from compositing.diffs import tokenize, word_diff  # noqa: E402
from compositing.text import parse  # noqa: E402

FIXTURES = ROOT / "tests" / "compositing" / "fixtures"
TEXTS = [
    "describe-lla-02-constitution-A.txt",
    "describe-lla-03-constitution-B.txt",
    "describe-lla-05-constitution-D.txt",
    "describe-lla-10-recruitment.txt",
]
PAIRS = 1000
NEW_WORDS = [
    "democratic",
    "socialist",
    "members",
    "branch",
    "conference",
    "annual",
    "elected",
    "recall",
    "vote",
]


def edited(text: str, rng: random.Random) -> str:
    """The text with one to three random edits, each inside one paragraph or of one paragraph."""
    paragraphs = text.split("\n\n")
    for _ in range(rng.randint(1, 3)):
        index = rng.randrange(len(paragraphs))
        words = paragraphs[index].split(" ")
        kind = rng.choice(["delete", "insert", "replace", "drop clause", "new clause"])
        position = rng.randrange(len(words))
        if kind == "delete" and len(words) > 3:
            del words[position : position + rng.randint(1, 3)]
        elif kind == "insert":
            words[position:position] = rng.sample(NEW_WORDS, rng.randint(1, 3))
        elif kind == "replace":
            words[position : position + 1] = rng.sample(NEW_WORDS, rng.randint(1, 2))
        elif kind == "drop clause" and len(paragraphs) > 2:
            del paragraphs[index]
            continue
        elif kind == "new clause":
            paragraphs.insert(index + 1, " ".join(rng.sample(NEW_WORDS, 6)).capitalize() + ".")
            continue
        paragraphs[index] = " ".join(words)
    return "\n\n".join(paragraphs)


def main() -> None:
    rng = random.Random(2020)
    bases = [(FIXTURES / name).read_text(encoding="utf-8") for name in TEXTS]
    pairs = [(base, edited(base, rng)) for base in bases for _ in range(PAIRS // len(bases))]
    pairs = [(a, b) for a, b in pairs if a != b]
    word_lists = [(tokenize(a), tokenize(b)) for a, b in pairs]
    words = statistics.mean(len(a) for a, _ in word_lists)

    def matcher(a: list[str], b: list[str]) -> None:
        difflib.SequenceMatcher(None, a, b).get_opcodes()

    def describe_cold(a: str, b: str) -> None:
        # Neither text seen before: the worst case (the motion is normally parsed once).
        parse.cache_clear()
        _writer_for.cache_clear()
        describe_change(a, b)

    contenders = {
        "SequenceMatcher.get_opcodes (word lists)": (matcher, word_lists),
        "word_diff (texts)": (word_diff, pairs),
        "describe_change, motion seen before": (describe_change, pairs),
        "describe_change, nothing seen before": (describe_cold, pairs),
    }
    describe_change(*pairs[0])  # warm imports and regex compilation
    results: dict[str, list[float]] = {name: [] for name in contenders}
    # Pair by pair, each contender in turn, so that a busy machine slows them all alike.
    for index in range(len(pairs)):
        for name, (function, items) in contenders.items():
            start = time.perf_counter()
            function(*items[index])
            results[name].append(time.perf_counter() - start)
    print(f"describe_change benchmark: {len(pairs)} edited pairs, {words:.0f} tokens per text")
    baseline = sum(results["SequenceMatcher.get_opcodes (word lists)"])
    for name, times in results.items():
        total = sum(times)
        median = statistics.median(times) * 1000
        p95 = statistics.quantiles(times, n=20)[18] * 1000
        print(
            f"  {name:42} total {total * 1000:8.1f} ms  median {median:6.3f} ms"
            f"  p95 {p95:6.3f} ms  SequenceMatcher/this {baseline / total:5.1f}x"
        )


if __name__ == "__main__":
    main()
