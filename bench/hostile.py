"""Worst case of every engine entry point the web calls, on hostile texts at the size limits.

Each case is a pair of texts of up to 50,000 characters (a motion's limit) built to make diffs
and alignment do the most work: unrelated words, one word repeated against two, runs of spaces,
quotes, punctuation, NUL and control characters, thousands of one-word lines or paragraphs,
numbered points all changed, sentences sharing one word. Every entry point runs on every case;
the script prints each one's slowest case (median of its runs) against the 1 s target, and
which cases went over. Run: .venv/bin/python bench/hostile.py [runs per case, default 3]
"""

from __future__ import annotations

import contextlib
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compositing import (  # noqa: E402
    AmendmentError,
    align_clauses,
    apply_amendment,
    describe_change,
    diff_html,
    numbered_diff,
    word_diff,
)

LIMIT = 50_000  # characters of a motion (motions.config.MAX_TEXT_LENGTH)
TARGET = 1.0  # seconds, for any input within the limits


def repeated(piece: str) -> str:
    return (piece * (LIMIT // len(piece) + 1))[:LIMIT]


def random_words(seed: int, separator: str = " ") -> str:
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choice("abcdefghij") for _ in range(rng.randint(3, 8)))
                  for _ in range(3000)]
    words, length = [], 0
    while length < LIMIT:
        words.append(rng.choice(vocabulary))
        length += len(words[-1]) + len(separator)
    return separator.join(words)[:LIMIT]


def edited(text: str, seed: int, share: float) -> str:
    rng = random.Random(seed)
    return " ".join(w if rng.random() > share else "zz" + w for w in text.split(" "))[:LIMIT]


def random_characters(seed: int, alphabet: str) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(alphabet) for _ in range(LIMIT))


def numbered(text: str, suffix: str = "") -> str:
    return "\n".join(f"{n}. {word}{suffix}" for n, word in enumerate(text.split(" ")))[:LIMIT]


def cases() -> dict[str, tuple[str, str]]:
    words = random_words(1)
    return {
        "unrelated words": (words, random_words(2)),
        "5% of words edited": (words, edited(words, 3, 0.05)),
        "half the words edited": (words, edited(words, 3, 0.5)),
        "one-word lines, unrelated": (random_words(1, "\n"), random_words(2, "\n")),
        "one-word paragraphs, unrelated": (random_words(1, "\n\n"), random_words(2, "\n\n")),
        "every numbered point changed": (numbered(words), numbered(words, "x")),
        "paragraphs rewritten": (
            "\n\n".join(f"{n}. {random_words(n)[:800]}" for n in range(60))[:LIMIT],
            "\n\n".join(f"{n}. {random_words(n + 100)[:800]}" for n in range(60))[:LIMIT]),
        "second half rewritten": (words, words[: LIMIT // 2] + random_words(7)[: LIMIT // 2]),
        "spaces": (" " * LIMIT, "a" + " " * (LIMIT - 2) + "b"),
        "one word against two": (repeated("the "), repeated("the and ")),
        "two words swapped": (repeated("a b "), repeated("b a ")),
        "quotes": (repeated('"'), repeated("'\"")),
        "punctuation": (random_characters(1, ".,;:\"'()-"), random_characters(2, ".,;:\"'()-")),
        "one long word": ("a" * LIMIT, "b" * LIMIT),
        "NUL and controls": (random_characters(1, "a \x00\x01\x1f\n\t"),
                             random_characters(2, "a \x00\x01\x1f\n\t")),
        "one-letter sentences": (repeated("x. "), repeated("y. ")),
        "sentences sharing a word": (repeated("Conference notes. "),
                                     repeated("Conference resolves. ")),
    }


def amend_quoting(text: str, other: str) -> None:
    """An instruction quoting a long stretch of the other text (refused or applied)."""
    with contextlib.suppress(AmendmentError):
        apply_amendment(text, f'Delete "{other[:2000]}"')


def amend_with(text: str, other: str) -> None:
    """The other text typed as the instructions (a preview while typing anything at all)."""
    with contextlib.suppress(AmendmentError):
        apply_amendment(text, other)


def describe(before: str, after: str) -> None:
    with contextlib.suppress(AmendmentError):
        describe_change(before, after)


ENTRY_POINTS: dict[str, Callable[[str, str], object]] = {
    "word_diff": word_diff,
    "diff_html (versions pages)": diff_html,
    "numbered_diff (previews)": numbered_diff,
    "align_clauses (two motions)": lambda a, b: align_clauses({"A": a, "B": b}),
    "apply_amendment (quoting)": amend_quoting,
    "apply_amendment (as typed)": amend_with,
    "describe_change": describe,
}


def timed(function: Callable[[str, str], object], a: str, b: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function(a, b)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(runs: int) -> None:
    texts = cases()
    print(f"hostile inputs: {len(texts)} pairs of texts up to {LIMIT:,} characters, median of "
          f"{runs} runs each; target < {TARGET:.0f} s on any of them")
    for name, function in ENTRY_POINTS.items():
        times = {case: timed(function, a, b, runs) for case, (a, b) in texts.items()}
        worst = max(times, key=times.__getitem__)
        over = [case for case, seconds in times.items() if seconds >= TARGET]
        print(f"  {name:30} worst {times[worst]:6.3f} s ({worst}); median over cases "
              f"{statistics.median(times.values()):6.3f} s; "
              + (f"OVER on: {', '.join(over)}" if over else "all under target"))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
