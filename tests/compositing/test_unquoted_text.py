"""New words written without quotation marks after a colon, as many submitters write them."""

import pytest

from compositing import apply_amendment, parse_amendment

RESOLVES = """Conference resolves:

1. to campaign for free school meals;
2. to lobby the council;
3. to hold a public meeting;
4. to report back to the branch.

Conference believes in solidarity.
"""


def changed(instruction: str) -> list[str]:
    """The lines of RESOLVES the amendment changes or adds, as they read after it."""
    before = RESOLVES.splitlines()
    return [
        line for line in apply_amendment(RESOLVES, instruction).splitlines() if line not in before
    ]


@pytest.mark.parametrize(
    ("instruction", "lines"),
    [
        ('Delete "lobby" and replace with: write to', ["2. to write to the council;"]),
        # The full stop ends the instruction: the words go inside a sentence.
        ('Delete "lobby" and replace with: write to.', ["2. to write to the council;"]),
        (
            'In point 3, after "meeting" insert: in the town hall.',
            ["3. to hold a public meeting in the town hall;"],
        ),  # noqa: E501
        (
            "Add at the end of point 4: and to the region.",
            ["4. to report back to the branch and to the region."],
        ),  # noqa: E501
        (
            'Point 2, replace "the council" with: the MP and the council.',
            ["2. to lobby the MP and the council;"],
        ),  # noqa: E501
        # A whole point, paragraph or sentence keeps its own full stop.
        ("Insert a new point 5: to hold a meeting.", ["5. to hold a meeting."]),
        ("Amend point 2 to read: to lobby the MP.", ["2. to lobby the MP."]),
        (
            "Add at the end of the text: We will win and we will celebrate.",
            ["We will win and we will celebrate."],
        ),  # noqa: E501
        (
            'In the last paragraph, delete "solidarity" and replace with: solidarity. We also believe in democracy.',  # noqa: E501
            ["Conference believes in solidarity. We also believe in democracy."],
        ),
        (
            'Replace "Conference resolves:" with: Conference resolves to:',
            ["Conference resolves to:"],
        ),  # noqa: E501
    ],
)
def test_the_words_after_the_colon_are_the_new_words(instruction: str, lines: list[str]) -> None:
    assert changed(instruction) == lines


def test_sentences_of_new_words_run_on_until_an_instruction_or_a_reason() -> None:
    amendment = parse_amendment(
        "Add at the end: We will win. We will celebrate. Renumber accordingly. "
        "Reason: morale matters."
    )
    (operation,) = amendment.operations
    assert operation.new == "We will win. We will celebrate."
    assert amendment.renumber
    assert [part.text for part in amendment.explanation if part.kind == "reason"] == [
        "Reason: morale matters."
    ]


def test_two_instructions_each_with_words_after_a_colon() -> None:
    assert changed(
        'Point 2: delete "lobby" and replace with: write to. Point 3: delete "public".'
    ) == [
        "2. to write to the council;",
        "3. to hold a meeting;",
    ]


def test_a_place_after_the_colon_is_not_new_words() -> None:
    for instruction in ("Delete: point 2.", "Amend as follows: delete point 2."):
        assert changed(instruction) == [
            "2. to hold a public meeting;",
            "3. to report back to the branch.",
        ]  # noqa: E501


def test_a_quotation_after_the_colon_is_the_words_as_quoted() -> None:
    assert changed('Delete: "lobby the council".') == ["2. to;"]


def test_in_a_place_after_the_colon_is_an_instruction_but_in_words_are_new_words() -> None:
    assert changed('Amend as follows: in point 3, after "meeting" insert "in the town hall".') == [
        "3. to hold a public meeting in the town hall;"
    ]
    (words,) = parse_amendment('After "meeting" insert: in the town hall').operations
    assert words.new == "in the town hall"
