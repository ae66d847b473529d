"""Bad amendments: each raises an AmendmentError whose message a CAC member can act on."""

# ruff: noqa: E501  (the expected messages are kept whole, as a CAC member reads them)

import pytest

from compositing import AmendmentError, apply_amendment, parse_amendment
from compositing.errors import (
    AmbiguousAnchor,
    AnchorNotFound,
    ClauseNotFound,
    NotUnderstood,
    OverlappingChanges,
)
from tests.compositing.test_apply_cases import (
    BULLETS,
    NUMBERED,
    PARAGRAPHS,
    RULES,
    SECTIONS,
)

DUP = NUMBERED + "\n2.3. A second point numbered 2.3.\n"

BAD = [
    (
        "garbled-line-reference",
        PARAGRAPHS,
        "Delete line c2",
        NotUnderstood,
        'Cannot read this part of the amendment: \'Delete line c2\'. Write it as, for example, \'Delete "X"\', \'Delete "X" and replace with "Y"\', \'In point 1.2, after "X" insert "Y"\', \'Delete point 2.3 and replace with: "..."\', \'Insert new point after point 2.3: "..."\' or \'Add at end: "..."\'.',
    ),
    (
        "paragraph-without-number",
        PARAGRAPHS,
        "Delete paragraph",
        NotUnderstood,
        'Cannot read this part of the amendment: \'Delete paragraph\'. Write it as, for example, \'Delete "X"\', \'Delete "X" and replace with "Y"\', \'In point 1.2, after "X" insert "Y"\', \'Delete point 2.3 and replace with: "..."\', \'Insert new point after point 2.3: "..."\' or \'Add at end: "..."\'.',
    ),
    (
        "sentence-beginning-twice",
        PARAGRAPHS,
        "Delete the sentence beginning 'Conference'",
        AmbiguousAnchor,
        "Cannot apply \"Delete the sentence beginning 'Conference'\": 3 sentences in the text begin with 'Conference': line 1; line 3; line 4. Quote more of the opening words, or say which point.",
    ),
    (
        "sentence-beginning-missing",
        NUMBERED,
        "In point 1.3, delete the sentence beginning “Labour”",
        AnchorNotFound,
        "Cannot apply 'In point 1.3, delete the sentence beginning “Labour”': no sentence in point 1.3 begins with 'Labour'. Check the words against the text as it now stands.",
    ),
    (
        "anchor-missing",
        NUMBERED,
        'Delete "for profit"',
        AnchorNotFound,
        "Cannot apply 'Delete \"for profit\"': the words 'for profit' are not in the text. Check the spelling against the text as it now stands.",
    ),
    (
        "anchor-missing-in-point",
        NUMBERED,
        'In point 1.1, delete "or profit"',
        AnchorNotFound,
        "Cannot apply 'In point 1.1, delete \"or profit\"': the words 'or profit' are not in point 1.1. They are found elsewhere: point 1.2 (line 4). Check the spelling against the text as it now stands.",
    ),
    (
        "anchor-twice",
        PARAGRAPHS,
        'Delete "Conference"',
        AmbiguousAnchor,
        "Cannot apply 'Delete \"Conference\"': the words 'Conference' appear 3 times in the text: line 1 “Conference believes that rents…”; line 3 “Conference notes the housing…”; line 4 “Conference resolves to lobby…”. Quote more of the surrounding words, or say which point or line, so that they match only one place.",
    ),
    (
        "anchor-twice-numbered",
        NUMBERED,
        'Delete "The alliance"',
        AmbiguousAnchor,
        "Cannot apply 'Delete \"The alliance\"': the words 'The alliance' appear 2 times in the text: point 1.1 (line 2) “The alliance brings together groups…”; point 2.1 (line 8) “The alliance is a membership…”. Quote more of the surrounding words, or say which point or line, so that they match only one place.",
    ),
    (
        "anchor-many",
        NUMBERED,
        'Delete "the"',
        AmbiguousAnchor,
        "Cannot apply 'Delete \"the\"': the words 'the' appear 3 times in the text: point 1.2 (line 3) “…to capitalism and the ruinous cycle of…”; point 1.2 (line 3) “…of production for the sake of production…”; point 2.3 (line 10) “…to be in the Labour Party.”. Quote more of the surrounding words, or say which point or line, so that they match only one place.",
    ),
    (
        "replace-missing",
        PARAGRAPHS,
        'Delete "landlords" and replace with "owners"',
        AnchorNotFound,
        "Cannot apply 'Delete \"landlords\" and replace with \"owners\"': the words 'landlords' are not in the text. Check the spelling against the text as it now stands.",
    ),
    (
        "insert-anchor-missing",
        PARAGRAPHS,
        'After "tenants" insert "and workers"',
        AnchorNotFound,
        "Cannot apply 'After \"tenants\" insert \"and workers\"': the words 'tenants' are not in the text. Check the spelling against the text as it now stands.",
    ),
    (
        "insert-anchor-twice",
        PARAGRAPHS,
        'Insert "local" before "Conference"',
        AmbiguousAnchor,
        "Cannot apply 'Insert \"local\" before \"Conference\"': the words 'Conference' appear 3 times in the text: line 1 “Conference believes that rents…”; line 3 “Conference notes the housing…”; line 4 “Conference resolves to lobby…”. Quote more of the surrounding words, or say which point or line, so that they match only one place.",
    ),
    (
        "no-such-point",
        NUMBERED,
        "Delete point 2.9",
        ClauseNotFound,
        "Cannot apply 'Delete point 2.9': there is no point 2.9 in the text. Its numbered points are: 1, 1.1, 1.2, 1.3, 2, 2.1, 2.2, 2.3.",
    ),
    (
        "no-such-point-replace",
        NUMBERED,
        'Delete point 4.1 and replace with: "X"',
        ClauseNotFound,
        "Cannot apply 'Delete point 4.1 and replace with: \"X\"': there is no point 4.1 in the text. Its numbered points are: 1, 1.1, 1.2, 1.3, 2, 2.1, 2.2, 2.3.",
    ),
    (
        "no-such-section",
        SECTIONS,
        'Amend section 3 as follows:\nDelete "meets"',
        ClauseNotFound,
        "Cannot apply 'Amend section 3 as follows:': there is no section 3 in the text. Its numbered points are: 1, 2.",
    ),
    (
        "no-such-rule",
        RULES,
        "Delete Rule D 7.1",
        ClauseNotFound,
        "Cannot apply 'Delete Rule D 7.1': there is no rule D 7.1 in the text. Its numbered points are: Rule D 6.1, Rule D 6.2, Rule D 6.3, Rule C 5.1.",
    ),
    (
        "duplicate-label",
        DUP,
        "Delete point 2.3",
        AmbiguousAnchor,
        "Cannot apply 'Delete point 2.3': there are 2 places numbered 2.3: point 2.3 (line 10); point 2.3 (line 11). Say which one, e.g. by its line number.",
    ),
    (
        "no-such-sentence",
        RULES,
        "Rule C 5.1 Delete fifth sentence",
        ClauseNotFound,
        "Cannot apply 'Rule C 5.1 Delete fifth sentence': Rule C 5.1 has 3 sentences, so it has no fifth sentence.",
    ),
    (
        "no-such-paragraph",
        PARAGRAPHS,
        "Delete the ninth paragraph",
        ClauseNotFound,
        "Cannot apply 'Delete the ninth paragraph': the text has 3 paragraphs, so it has no ninth paragraph.",
    ),
    (
        "no-such-bullet",
        BULLETS,
        "Delete the sixth bullet point",
        ClauseNotFound,
        "Cannot apply 'Delete the sixth bullet point': the text has 4 bullet points, so it has no sixth bullet point.",
    ),
    (
        "no-such-line",
        PARAGRAPHS,
        "Lines 7-9 delete",
        ClauseNotFound,
        "Cannot apply 'Lines 7-9 delete': the text has 4 numbered lines, so it has no lines 7-9.",
    ),
    (
        "line-anchor-elsewhere",
        PARAGRAPHS,
        "Line 1, after 'lobby' insert 'and picket'",
        AnchorNotFound,
        "Cannot apply \"Line 1, after 'lobby' insert 'and picket'\": the words 'lobby' are not in line 1. They are found elsewhere: line 4. Check the spelling against the text as it now stands.",
    ),
    (
        "not-understood",
        PARAGRAPHS,
        "Frobnicate the second paragraph",
        NotUnderstood,
        'Cannot read this part of the amendment: \'Frobnicate the second paragraph\'. Write it as, for example, \'Delete "X"\', \'Delete "X" and replace with "Y"\', \'In point 1.2, after "X" insert "Y"\', \'Delete point 2.3 and replace with: "..."\', \'Insert new point after point 2.3: "..."\' or \'Add at end: "..."\'.',
    ),
    (
        "empty",
        PARAGRAPHS,
        "   ",
        NotUnderstood,
        "The amendment is empty: write the change it makes.",
    ),
    (
        "no-content",
        NUMBERED,
        "Delete point 2.3 and replace with:",
        NotUnderstood,
        "The instruction 'Delete point 2.3 and replace with:' does not say what words to use. Put them in quotation marks after it, or on the lines below it, indented or bulleted.",
    ),
    (
        "add-nothing",
        PARAGRAPHS,
        "Add at end:",
        NotUnderstood,
        "The instruction 'Add at end:' does not say what words to use. Put them in quotation marks after it, or on the lines below it, indented or bulleted.",
    ),
    (
        "overlap-words",
        NUMBERED,
        'Delete "or profit".\nIn point 1.2, delete "production or profit"',
        OverlappingChanges,
        "Two changes in this amendment overlap at point 1.2 (line 4): 'In point 1.2, delete \"production or profit\"' and 'Delete \"or profit\".'. Each change must act on different words; combine them into one change or split them into separate amendments.",
    ),
    (
        "overlap-clause-and-words",
        NUMBERED,
        'Delete point 1.2.\nIn point 1.2, delete "or profit"',
        OverlappingChanges,
        "Two changes in this amendment overlap at point 1.2 (line 3): 'Delete point 1.2.' and 'In point 1.2, delete \"or profit\"'. Each change must act on different words; combine them into one change or split them into separate amendments.",
    ),
    (
        "overlap-clauses",
        NUMBERED,
        "Delete section 2.\nDelete point 2.2.",
        OverlappingChanges,
        "Two changes in this amendment overlap at point 2.2 (line 9): 'Delete section 2.' and 'Delete point 2.2.'. Each change must act on different words; combine them into one change or split them into separate amendments.",
    ),
    (
        "overlap-insert-inside-deletion",
        PARAGRAPHS,
        'Delete "too high".\nAfter "too" insert "very"',
        OverlappingChanges,
        'Two changes in this amendment overlap at line 1: \'Delete "too high".\' and \'After "too" insert "very"\'. Each change must act on different words; combine them into one change or split them into separate amendments.',
    ),
    (
        "replace-with-orphan",
        PARAGRAPHS,
        "Replace with:\n- something",
        NotUnderstood,
        "'Replace with:' does not follow a deletion, so it is not clear what it replaces. Write, e.g., 'Delete point 2.3 and replace with: \"...\"'.",
    ),
    (
        "insert-rule-nowhere",
        RULES,
        'Insert new Rule F 2.2: "Nothing."',
        ClauseNotFound,
        "Cannot apply 'Insert new Rule F 2.2: \"Nothing.\"': cannot tell where new rule F 2.2 goes, because the text has no single rule F 2.1 to put it after. Say where, e.g. 'Insert new rule F 2.2 after point ...'.",
    ),
    (
        "range-backwards",
        NUMBERED,
        "Delete points 2.3 to 2.1",
        ClauseNotFound,
        "Cannot apply 'Delete points 2.3 to 2.1': point 2.1 comes before point 2.3.",
    ),
    (
        "listed-missing",
        BULLETS,
        "Delete:\n- opposes war;\n",
        AnchorNotFound,
        "Cannot apply 'Delete:': the words 'opposes war;' are not in the text. Check the spelling against the text as it now stands.",
    ),
    (
        "listed-mismatch",
        PARAGRAPHS,
        "Delete:\n- 'too'\n- 'housing'\nReplace with:\n- 'very'",
        NotUnderstood,
        "Cannot apply 'Delete: Replace with:': it lists 2 passages to delete and 1 to put in their place, and they are not whole points, so it is not clear which replaces which.",
    ),
    (
        "scope-unknown",
        PARAGRAPHS,
        'Amend the preamble as follows:\nDelete "too"',
        NotUnderstood,
        "Cannot tell which part of the text 'preamble' is, in 'Amend the preamble as follows:'. Name it as, e.g., 'section 1' or 'point 2.3'.",
    ),
    (
        "sentence-in-missing-point",
        NUMBERED,
        "Delete the second sentence of point 3.4",
        ClauseNotFound,
        "Cannot apply 'Delete the second sentence of point 3.4': there is no point 3.4 in the text. Its numbered points are: 1, 1.1, 1.2, 1.3, 2, 2.1, 2.2, 2.3.",
    ),
    (
        "scoped-one-line-unknown-place",
        PARAGRAPHS,
        "Amend the preamble as follows: Delete “too”",
        NotUnderstood,
        "Cannot tell which part of the text 'preamble' is, in 'Amend the preamble as follows: Delete “too”'. Name it as, e.g., 'section 1' or 'point 2.3'.",
    ),
    (
        "scoped-one-line-words-outside-the-section",
        SECTIONS,
        "In section 2 as follows: delete “witch-hunt”",
        AnchorNotFound,
        "Cannot apply 'In section 2 as follows: delete “witch-hunt”': the words 'witch-hunt' are not in section 2. They are found elsewhere: line 3 (in section 1). Check the spelling against the text as it now stands.",
    ),
    (
        "scoped-one-line-no-instruction-after-colon",
        SECTIONS,
        "Amend section 1 as follows: the alliance fights for socialism",
        NotUnderstood,
        'Cannot read this part of the amendment: \'the alliance fights for socialism\'. Write it as, for example, \'Delete "X"\', \'Delete "X" and replace with "Y"\', \'In point 1.2, after "X" insert "Y"\', \'Delete point 2.3 and replace with: "..."\', \'Insert new point after point 2.3: "..."\' or \'Add at end: "..."\'.',
    ),
    (
        "unindented-line-after-replace-with-is-an-instruction",
        NUMBERED,
        "Delete point 2.3 and replace with:\nRemove barriers to membership.",
        NotUnderstood,
        "The instruction 'Delete point 2.3 and replace with:' does not say what words to use. Put them in quotation marks after it, or on the lines below it, indented or bulleted.",
    ),
    (
        "range-start-missing",
        PARAGRAPHS,
        "Delete from “Salaries” to “pace”",
        AnchorNotFound,
        "Cannot apply 'Delete from “Salaries” to “pace”': the words 'Salaries' are not in the text. Check the spelling against the text as it now stands.",
    ),
    (
        "range-end-missing",
        PARAGRAPHS,
        "Leave out from “Wages” to “salaries”",
        AnchorNotFound,
        "Cannot apply 'Leave out from “Wages” to “salaries”': the words 'salaries' are not in the text. Check the spelling against the text as it now stands.",
    ),
    (
        "range-start-ambiguous",
        PARAGRAPHS,
        "Delete from “Conference” to “pace”",
        AmbiguousAnchor,
        "Cannot apply 'Delete from “Conference” to “pace”': the words 'Conference' appear 3 times in the text: line 1 “Conference believes that rents…”; line 3 “Conference notes the housing…”; line 4 “Conference resolves to lobby…”. Quote more of the surrounding words, or say which point or line, so that they match only one place.",
    ),
    (
        "range-end-ambiguous",
        PARAGRAPHS,
        "Delete the words from “Wages” to “the” inclusive",
        AmbiguousAnchor,
        "Cannot apply 'Delete the words from “Wages” to “the” inclusive': the words 'the' appear 2 times in the text: line 3 “Conference notes the housing crisis.”; line 4 “…resolves to lobby the council.”. Quote more of the surrounding words, or say which point or line, so that they match only one place.",
    ),
    (
        "range-end-before-start",
        NUMBERED,
        "In point 1.2, delete from “or” to “capitalism”",
        AnchorNotFound,
        "Cannot apply 'In point 1.2, delete from “or” to “capitalism”': the words 'capitalism' come before 'or' (at point 1.2 (line 3) and point 1.2 (line 4)), so there is no span from the one to the other. Quote the words the span starts with first, then the words it ends with.",
    ),
    (
        "range-end-outside-the-named-point",
        NUMBERED,
        "In point 1.1, delete from “groups” to “profit”",
        AnchorNotFound,
        "Cannot apply 'In point 1.1, delete from “groups” to “profit”': the words 'profit' are not in point 1.1. They are found elsewhere: point 1.2 (line 4). Check the spelling against the text as it now stands.",
    ),
]


@pytest.mark.parametrize(
    ("base", "instruction", "kind", "message"),
    [case[1:] for case in BAD],
    ids=[case[0] for case in BAD],
)
def test_bad_amendment_is_refused_with_a_clear_message(
    base: str, instruction: str, kind: type[AmendmentError], message: str
) -> None:
    with pytest.raises(kind) as caught:
        apply_amendment(base, instruction)
    assert caught.value.message == message
    assert str(caught.value) == message


def test_there_are_enough_bad_cases() -> None:
    assert len(BAD) >= 30


def test_refused_amendment_changes_nothing() -> None:
    before = NUMBERED
    with pytest.raises(AmendmentError):
        apply_amendment(before, 'Delete "or profit".\nDelete "no such words"')
    assert before == NUMBERED


def test_error_names_the_part_at_fault() -> None:
    with pytest.raises(NotUnderstood) as caught:
        apply_amendment(PARAGRAPHS, 'Delete "too".\nFrobnicate the second paragraph.')
    assert caught.value.part == "Frobnicate the second paragraph."


@pytest.mark.parametrize(
    ("instruction", "kept"),
    [
        ('The motion is too long.\nDelete "too".', ("reason", "The motion is too long.")),
        ('Delete "too".\nMake it stronger.', ("reason", "Make it stronger.")),
        ('Delete "too".\n\nProposed by Kent LLA.', ("mover", "Proposed by Kent LLA.")),
        ('[We want it shorter.] Delete "too".', ("note", "[We want it shorter.]")),
    ],
)
def test_words_around_the_instructions_are_kept_as_explanation(
    instruction: str, kept: tuple[str, str]
) -> None:
    """A reason, an aside or a mover line is the amendment's explanation: the instructions
    apply, and the words are kept beside them, never read as a change."""
    assert apply_amendment(PARAGRAPHS, instruction) == PARAGRAPHS.replace("too high", "high")
    explained = [(part.kind, part.text) for part in parse_amendment(instruction).explanation]
    assert kept in explained
