"""Benchmark: the amendment engine on a motion, a rule book and hostile input.

Run: .venv/bin/python bench/amendments.py

Figures (issue 8's targets in brackets), each beside a baseline measured in the same run —
one ``parse`` of the 10,000-word motion, cold — so a slower or faster machine shows in both:

- 1,000 amendments applied to a 10,000-word motion, warm (the parsed text and its structure
  reused, as in the live preview while a submitter types) and cold (parsed afresh) [< 2 ms];
- 1,000 amendments in rule-book wording ("Rule C.4.2.1, delete ... and insert ...") applied to
  a 40,000-word rule book with hierarchical labels, warm [< 5 ms];
- reading one instruction (layout, tokens, grammar, operations), no caches [< 0.5 ms];
- the worst of the hostile-input set: instructions and texts up to the size limits built to
  make a regular expression, a quotation search or a diff blow up [< 50 ms].
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

from compositing import AmendmentError, apply_amendment  # noqa: E402
from compositing.reader import parse_amendment  # noqa: E402
from compositing.text import parse  # noqa: E402
from compositing.tokens import tokenize  # noqa: E402

# The app's limit on a motion's or an amendment's text (motions.config.MAX_TEXT_LENGTH).
SIZE_LIMIT = 50_000

_VOCABULARY = (
    "conference believes the alliance organises democratically and transparently opposes "
    "racism campaigns for open selection supports struggles against austerity members "
    "affiliated groups delegates elect officers annually branches motions amendments votes "
    "chair secretary treasurer committee steering organising group national regional local "
    "trade unions councils housing rents wages public services health education transport "
    "climate energy workers tenants solidarity peace internationalism democracy socialism"
)
WORDS = _VOCABULARY.split()


def _sentence(rng: random.Random, low: int = 14, high: int = 24) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()


def build_document(rng: random.Random, target_words: int = 10_000) -> str:
    """Numbered sections of numbered clauses, about ``target_words`` words in all."""
    parts: list[str] = []
    words = 0
    section = 0
    while words < target_words:
        section += 1
        parts.append(f"{section}. Section {section}")
        for clause in range(1, 13):
            sentence = _sentence(rng)
            parts.append(f"{section}.{clause}. {sentence}.")
            words += len(sentence.split()) + 1
        parts.append(
            "The alliance:\n\n"
            + "\n".join(f"- {rng.choice(WORDS)} {rng.choice(WORDS)} item {section}" for _ in "ab")
        )
    return "\n\n".join(parts) + "\n"


def build_rule_book(rng: random.Random, target_words: int = 40_000) -> str:
    """Chapters A, B, C ... of titled rules (C.4), their clauses (C.4.2), sub-clauses (C.4.2.1)
    and lettered points ((a), (b)), as labour-movement rule books number them."""
    parts: list[str] = []
    words = 0
    for chapter in "ABCDEFGHIJKLMNOP":
        parts.append(f"# Chapter {chapter}: {rng.choice(WORDS).capitalize()} rules")
        for rule in range(1, 11):
            parts.append(f"## Rule {chapter}.{rule} {rng.choice(WORDS).capitalize()}")
            for clause in range(1, 9):
                label = f"{chapter}.{rule}.{clause}"
                sentence = _sentence(rng)
                parts.append(f"{label} {sentence}.")
                words += len(sentence.split()) + 1
                if clause % 3 == 0:
                    for sub in (1, 2):
                        sentence = _sentence(rng, 10, 16)
                        parts.append(f"{label}.{sub} {sentence}.")
                        words += len(sentence.split()) + 1
                if clause % 4 == 0:
                    points = [f"({letter}) {_sentence(rng, 6, 10)};" for letter in "abc"]
                    parts.append("\n".join(points))
                    words += sum(len(point.split()) for point in points)
            if words >= target_words:
                return "\n\n".join(parts) + "\n"
    return "\n\n".join(parts) + "\n"


def unique_phrase(rng: random.Random, text: str, length: int = 4) -> str:
    words = text.split()
    while True:
        start = rng.randrange(0, len(words) - length)
        phrase = " ".join(words[start : start + length])
        if phrase.replace(" ", "").isalpha() and text.count(phrase) == 1:
            return phrase


def _line_of(document: str, label: str) -> str:
    return next(line for line in document.splitlines() if line.startswith(label + " "))


def _phrase_in(rng: random.Random, document: str, label: str) -> str:
    words = _line_of(document, label).split()[1:-1]
    start = rng.randrange(0, len(words) - 3)
    return " ".join(words[start : start + 3])


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
            word = _line_of(document, label + ".").split()[1]
            result.append(f'In point {label}, after "{word}" insert "also".')
        elif kind == 3:
            result.append(f"Delete point {rng.choice(clauses)}.")
        elif kind == 4:
            label = rng.choice(clauses)
            result.append(f'Insert new point after point {label}: "A new clause."')
        else:
            result.append('Add at end: "Conference resolves to act."')
    return result


def rule_book_amendments(rng: random.Random, book: str, count: int) -> list[str]:
    """The forms rule-book amendments take, against labels the book has."""
    labels = [line.split(" ", 1)[0] for line in book.splitlines() if line[:1].isupper()]
    clauses = [label for label in labels if label.count(".") == 2 and label[0] != "#"]
    subs = [label for label in labels if label.count(".") == 3]
    result: list[str] = []
    for n in range(count):
        kind = n % 6
        label = rng.choice(subs if kind == 1 else clauses)
        phrase = _phrase_in(rng, book, label)
        if kind == 0:
            result.append(f'Rule {label}, delete "{phrase}" and insert "new words".')
        elif kind == 1:
            result.append(f'In rule {label}, after "{phrase}" insert ", where possible,".')
        elif kind == 2:
            result.append(f"Delete clause {label}.")
        elif kind == 3:
            result.append(f'Clause {label}: delete and replace with: "A clause in new words."')
        elif kind == 4:
            result.append(f'Insert a new clause after clause {label}: "A new clause."')
        else:
            result.append(f'Rule {label}, line 1, delete "{phrase}".')
    return result


def hostile_instructions() -> dict[str, str]:
    """Instructions built against the reader: long runs of one character, marks that open and
    never close, repeated words and phrases, and counts just under each of the engine's caps."""
    n = SIZE_LIMIT
    cases = {
        "spaces in a phrase": "Delete the" + " " * 200 + "bullet point",
        "50,000 spaces": "Delete the" + " " * n + "bullet point",
        "dots": "Delete " + "." * n,
        "straight quotes": "Delete " + '"' * n,
        "single quotes": "Delete " + "'" * n,
        "curly openers": "Delete " + "“" * n,
        "openers and words": "Delete " + "‘a " * (n // 3),
        "one word repeated": "Delete " + "the " * (n // 4),
        "quoted words joined": "Delete " + '"x" and ' * (n // 8),
        "one instruction per line": "Delete point 2.3\n" * (n // 17),
        "brackets": "Delete " + "[" * n,
        "braces": "Insert {" + "{" * n,
        "a label of 25,000 parts": "Delete point " + "1." * (n // 2),
        "parentheses": "Delete (" * (n // 8),
        "nested quotes": "Delete " + "“a ‘b " * (n // 6),
        "lines of dashes": "---\n" * (n // 4),
        "scopes without end": "In point 1.1, " * (n // 14) + 'delete "x"',
        "one long quotation": 'Delete "' + "abc " * (n // 4) + '"',
        "a list of 8,000 lines": "Delete point 2.3 and replace with:\n" + "  - x\n" * (n // 6),
        "apostrophes": "Delete " + "members’ " * (n // 9),
        "quotations never closed": "\n\n".join('Delete "x' for _ in range(n // 10)),
        "just under the marks cap": 'Delete "x" and replace with "y". ' * 500,
        "just under the lines cap": "Replace point 2.3 with:\n" + "  - new point\n" * 1990,
        "just under the sentences cap": 'Delete "zzzz". ' * 199,
        "label-like words": "Delete " + "A.1 B.2 (c) iv) " * (n // 16),
        "ordinals": "Delete the " + "first second third " * (n // 19),
        "NUL and controls": "Delete \x00\x01\x02 point" * (n // 16),
    }
    return {name: text[:n] for name, text in cases.items()}


def hostile_documents() -> dict[str, str]:
    """Texts up to the size limit that a document model or a word search could choke on."""
    n = SIZE_LIMIT
    cases = {
        "12,500 one-word points": "- x\n" * (n // 4),
        "one paragraph, no spaces": "a" * n,
        "one word repeated": "the " * (n // 4),
        "deep labels": "\n\n".join(f"{'1.' * depth}1 Text" for depth in range(1, 200)),
        "labels only": "\n".join(f"{i}." for i in range(1, n // 6)),
        "headings only": "\n\n".join(f"## Heading {i}" for i in range(n // 14)),
        "quotes and dots": ('"' + "." * 20) * (n // 21),
    }
    return {name: text[:n] for name, text in cases.items()}


def _time(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    with contextlib.suppress(AmendmentError):  # a refusal is an answer: its time counts
        action()
    return time.perf_counter() - start


def _fresh() -> None:
    parse.cache_clear()  # a document's structure is kept with its parse
    tokenize.cache_clear()


def measure(document: str, instructions: list[str], cold: bool) -> list[float]:
    timings: list[float] = []
    for instruction in instructions:
        if cold:
            parse.cache_clear()
        timings.append(_time(lambda i=instruction: apply_amendment(document, i)))
    return timings


def applied_share(document: str, instructions: list[str]) -> float:
    applied = 0
    for instruction in instructions:
        try:
            apply_amendment(document, instruction)
            applied += 1
        except AmendmentError:
            pass
    return applied / len(instructions)


def reading(instructions: list[str]) -> list[float]:
    timings = []
    for instruction in instructions:
        tokenize.cache_clear()
        timings.append(_time(lambda i=instruction: parse_amendment(i)))
    return timings


def hostile(document: str) -> list[tuple[str, float]]:
    """The worst of three runs (caches emptied) for each hostile input."""
    results = []
    for name, instruction in hostile_instructions().items():
        runs = []
        for _ in range(3):
            _fresh()
            runs.append(_time(lambda i=instruction: apply_amendment(document, i)))
        results.append((f"instruction: {name}", min(runs)))
    edits = ['Delete "x"', "Delete point 1.1", 'Add at end: "New words."', 'Delete "the the"']
    for name, text in hostile_documents().items():
        runs = []
        for _ in range(3):
            _fresh()
            runs.append(sum(_time(lambda t=text, e=edit: apply_amendment(t, e)) for edit in edits))
        results.append((f"text: {name} (4 amendments)", min(runs)))
    return results


def baseline(document: str) -> float:
    timings = []
    for _ in range(20):
        parse.cache_clear()
        timings.append(_time(lambda: parse(document)))
    return statistics.median(timings)


def line(name: str, seconds: float, base: float, target_ms: float) -> None:
    ms = seconds * 1000
    verdict = "ok" if ms < target_ms else "OVER"
    ratio = f"{seconds / base:6.2f}x baseline"
    print(f"  {name:<46} {ms:8.3f} ms  ({ratio}; target < {target_ms} ms: {verdict})")


def main() -> None:
    rng = random.Random(2020)
    document = build_document(rng)
    instructions = amendments(rng, document, 1000)
    book = build_rule_book(rng)
    book_instructions = rule_book_amendments(rng, book, 1000)
    measure(document, instructions[:50], cold=False)  # warm up the grammar and regex caches
    base = baseline(document)
    print(
        f"baseline: parse of the {len(document.split()):,}-word motion, cold: {base * 1000:.3f} ms"
    )
    share = applied_share(document, instructions)
    print(f"motion, {len(instructions)} amendments ({share:.0%} applied)")
    warm = measure(document, instructions, cold=False)
    cold = measure(document, instructions, cold=True)
    line("warm, median", statistics.median(warm), base, 2)
    line("cold, median", statistics.median(cold), base, 2)
    line("cold, p95", sorted(cold)[int(len(cold) * 0.95)], base, 10)
    print(
        f"rule book of {len(book.split()):,} words, {len(book_instructions)} amendments "
        f"({applied_share(book, book_instructions):.0%} applied)"
    )
    measure(book, book_instructions[:20], cold=False)
    line("warm, median", statistics.median(measure(book, book_instructions, cold=False)), base, 5)
    line(
        "reading one instruction, median", statistics.median(reading(book_instructions)), base, 0.5
    )
    results = hostile(document)
    name, worst = max(results, key=lambda result: result[1])
    print(f"hostile input: {len(results)} cases")
    line(f"worst: {name}", worst, base, 50)
    for name, seconds in sorted(results, key=lambda result: -result[1])[:5]:
        print(f"    {name:<52} {seconds * 1000:8.3f} ms")


if __name__ == "__main__":
    main()
