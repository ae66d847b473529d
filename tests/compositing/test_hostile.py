"""Hostile input at the size limits, through every engine entry point the web calls.

Texts built from long runs of spaces, one word repeated, quotes, NUL and control characters and
unrelated words, up to the 50,000 characters a motion may hold. Each call must give a result (a
correct one, where that can be checked) or a clear AmendmentError, and must not hang: the time
is guarded only against hangs here, generously; the figures themselves are bench/hostile.py's.
"""

from __future__ import annotations

import random
import signal
from contextlib import contextmanager
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from compositing import (
    AmendmentError,
    Op,
    align_clauses,
    apply_amendment,
    describe_change,
    diff_html,
    numbered_diff,
    word_diff,
)

LIMIT = 50_000  # characters of a motion (motions.config.MAX_TEXT_LENGTH)
HANG = 10  # seconds: far beyond the 1 s the bench holds each call to, so only a hang trips it

# Pieces repeated to build a text: what makes diffs and alignment do the most work.
_PIECES = st.sampled_from(
    [
        " ",
        "    ",
        "\n",
        "\n\n",
        "\t",
        "the ",
        "the and ",
        "a b ",
        "Conference notes. ",
        '"',
        "'",
        "“",
        "”",
        '"quoted" ',
        "\x00",
        "\x01",
        "\x1f",
        "\x7f",
        "\x0b",
        "\u2028",
        "\ufffe",
        "\ue000",
        "\ue001",
        "1. ",
        "- ",
        "* ",
        "2.3. ",
        "(a) ",
        "Delete ",
        "Insert ",
        "after ",
        "Labour ",
        "organise ",
        "zq",
        ".",
        ",",
        "x. ",
        "# ",
    ]
)
_WORDS = st.lists(
    st.sampled_from(
        [
            "party",
            "members",
            "rule",
            "quorum",
            "branch",
            "vote",
            "delegate",
            "local",
            "group",
            "shall",
            "and",
            "the",
        ]
    ),
    min_size=1,
    max_size=40,
).map(" ".join)


class RandomWords(NamedTuple):
    """`times` words drawn from a vocabulary of a few thousand (seeded): two texts with almost
    nothing in common, the diff's hardest case."""

    seed: int

    def times(self, count: int) -> str:
        rng = random.Random(self.seed)
        vocabulary = [
            "".join(rng.choice("abcdefghij") for _ in range(rng.randint(3, 8))) for _ in range(3000)
        ]
        return " ".join(rng.choice(vocabulary) for _ in range(count))


# A text's recipe, (piece, times repeated, plain words after): drawn small, built long, so a
# failing example is reported as its short recipe, not as 50,000 characters.
recipes = st.lists(
    st.tuples(
        st.one_of(_PIECES, st.integers(0, 3).map(RandomWords)), st.integers(1, 25_000), _WORDS
    ),
    min_size=1,
    max_size=6,
)


def built(recipe) -> str:
    """The text of a recipe, cut at LIMIT characters."""
    return "".join(
        (piece.times(times) if isinstance(piece, RandomWords) else piece * times) + words
        for piece, times, words in recipe
    )[:LIMIT]


# The worst cases bench/hostile.py found, always tried: unrelated words, one word repeated
# against two, paragraphs of one word, quotes, sentences sharing a word.
WORST = [
    ([(RandomWords(1), 9000, "")], [(RandomWords(2), 9000, "")]),
    ([("the ", 12_500, "")], [("the and ", 6250, "")]),
    ([("the\n\n", 10_000, "")], [("and\n\n", 10_000, "")]),
    ([('"', LIMIT, "")], [("'\"", LIMIT // 2, "")]),
    ([("Conference notes. ", 2800, "")], [("Conference resolves. ", 2400, "")]),
]


def worst_cases(test):
    for a, b in WORST:
        test = example(a, b)(test)
    return test


class Hang(Exception):
    pass


@contextmanager
def no_hang(seconds: int = HANG):
    def stop(_signal, _frame):
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# Few examples, each large; no shrinking (each try could take the whole hang guard): a failure
# is reported as drawn.
HOSTILE = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)


def rebuilds(segments, a: str, b: str) -> bool:
    return (
        "".join(text for op, text in segments if op is not Op.INSERT) == a
        and "".join(text for op, text in segments if op is not Op.DELETE) == b
    )


@HOSTILE
@given(recipes, recipes)
@worst_cases
def test_word_diff_and_its_html_of_hostile_texts(a, b):
    a, b = built(a), built(b)
    with no_hang():
        segments = word_diff(a, b)
        html = diff_html(a, b)
    assert rebuilds(segments, a, b)
    assert "<" not in html.replace("<del>", "").replace("</del>", "").replace("<ins>", "").replace(
        "</ins>", ""
    )


@HOSTILE
@given(recipes, recipes)
@worst_cases
def test_numbered_diff_of_hostile_texts(a, b):
    a, b = built(a), built(b)
    with no_hang():
        lines = numbered_diff(a, b)
    assert all(line.segments for line in lines)


@HOSTILE
@given(recipes, recipes)
@worst_cases
def test_alignment_of_hostile_motions(a, b):
    a, b = built(a), built(b)
    with no_hang():
        groups = align_clauses({"A": a, "B": b})
    for group in groups:
        keys = [key for key, _text in group]
        assert len(keys) == len(set(keys))  # never two clauses of one motion in a group


@HOSTILE
@given(recipes, recipes)
@worst_cases
@example([("1. Conference notes.", 1, "")], [("Delete", 1, ""), (" ", LIMIT, "x")])
def test_amending_a_hostile_text_with_a_hostile_instruction(text, instruction):
    text, instruction = built(text), built(instruction)
    with no_hang():
        try:
            amended = apply_amendment(text, instruction)
        except AmendmentError as error:
            assert error.message.strip()
        else:
            assert isinstance(amended, str)


@HOSTILE
@given(recipes, recipes)
@worst_cases
def test_describing_a_hostile_edit(before, after):
    before, after = built(before), built(after)
    with no_hang():
        try:
            wording = describe_change(before, after)
        except AmendmentError as error:
            assert error.message.strip()
        else:
            assert isinstance(wording, str)


@pytest.mark.parametrize("quote", ['"', "“", "'"])
def test_an_instruction_of_quotes_only_is_refused_clearly(quote):
    with no_hang(), pytest.raises(AmendmentError) as refused:
        apply_amendment("1. Conference notes.", quote * LIMIT)
    assert refused.value.message.strip()
