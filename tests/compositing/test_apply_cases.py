"""Table of amendments: a base text, an instruction as people write it, the exact result."""

import pytest

from compositing import apply_amendment, parse_amendment
from compositing.operations import DeleteUnit, ReplaceWords

NUMBERED = """1. Our aims

1.1. The alliance brings together groups and individuals.

1.2. Opposition to capitalism and the ruinous cycle of production for the sake of production or profit.

1.3. We seek a democratic republic. The monarchy must go. We support annual elections.

2. Structure

2.1. The alliance is a membership organisation.

2.2. Conference meets at least once a year.

2.3. We expect all members to be in the Labour Party.
"""  # noqa: E501

BULLETS = """Conference notes that the alliance:

- organises democratically;
- opposes racism;
- campaigns for open selection;
- supports struggles against austerity.

Conference resolves to campaign.
"""

PARAGRAPHS = (
    "Conference believes that rents are too high. Wages have not kept pace. Councils must act."
    "\n\nConference notes the housing crisis.\n\nConference resolves to lobby the council.\n"
)

RULES = """Rule D 6.1 The chair is elected annually.

Rule D 6.2 The secretary keeps the minutes.

Rule D 6.3 The treasurer keeps the accounts.

Rule C 5.1 Members pay fees. Fees are set by conference. Arrears lapse membership.
"""

LETTERS = """The alliance is composed of:

(a) local groups;
(b) Labour Party branches;
(c) trade unions.

Its members are:

i. individual members;
ii. affiliated members;
iii. honorary members.
"""

SECTIONS = """# 1. Aims

The alliance campaigns for socialism.

The alliance opposes the witch-hunt.

# 2. Structure

The alliance meets annually.

The alliance elects officers.
"""


def swap(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


CASES = [
    # --- deleting words
    ("delete-curly", NUMBERED, "Delete “or profit”.", swap(NUMBERED, " or profit.", ".")),
    ("delete-straight", NUMBERED, 'Delete "or profit"', swap(NUMBERED, " or profit.", ".")),
    ("leave-out", NUMBERED, "Leave out 'or profit'.", swap(NUMBERED, " or profit.", ".")),
    ("remove-words", NUMBERED, "remove the words ‘or profit’", swap(NUMBERED, " or profit.", ".")),
    (
        "in-point-remove",
        NUMBERED,
        "In point 1.2. remove the words “or profit”.",
        swap(NUMBERED, " or profit.", "."),
    ),
    (
        "in-point-no-dot-capitals",
        NUMBERED,
        "IN POINT 1.2 DELETE “or profit”",
        swap(NUMBERED, " or profit.", "."),
    ),
    (
        "in-clause-comma",
        NUMBERED,
        "In clause 1.2, leave out “the ruinous”",
        swap(NUMBERED, "and the ruinous cycle", "and cycle"),
    ),
    (
        "delete-word-middle",
        NUMBERED,
        'Delete "ruinous"',
        swap(NUMBERED, "the ruinous cycle", "the cycle"),
    ),
    (
        "delete-from-point",
        NUMBERED,
        'Delete "or profit" from point 1.2',
        swap(NUMBERED, " or profit.", "."),
    ),
    (
        "delete-sentence-start-capitalises",
        PARAGRAPHS,
        'Delete "Conference notes the"',
        swap(PARAGRAPHS, "Conference notes the housing", "Housing"),
    ),
    (
        "delete-before-comma",
        BULLETS,
        'Delete "democratically"',
        swap(BULLETS, "organises democratically;", "organises;"),
    ),
    (
        "delete-two-quotes",
        PARAGRAPHS,
        'Delete "too" and "housing"',
        swap(swap(PARAGRAPHS, "are too high", "are high"), "the housing crisis", "the crisis"),
    ),
    (
        "delete-unquoted-words",
        PARAGRAPHS,
        "Delete the words housing crisis and replace with cost of living crisis",
        swap(PARAGRAPHS, "housing crisis", "cost of living crisis"),
    ),
    (
        "delete-ignores-case-when-unique",
        PARAGRAPHS,
        'Delete "HOUSING "',
        swap(PARAGRAPHS, "the housing crisis", "the crisis"),
    ),
    (
        "delete-across-apostrophe-styles",
        "Labour’s clause four must go.\n",
        'Delete "Labour\'s" and replace with "the party\'s"',
        "the party's clause four must go.\n",
    ),
    # --- replacing words
    (
        "replace-aims",
        SECTIONS,
        "Delete “Aims” and replace with “Principles”",
        swap(SECTIONS, "# 1. Aims", "# 1. Principles"),
    ),
    (
        "delete-insert",
        PARAGRAPHS,
        'Delete "lobby" insert "pressure"',
        swap(PARAGRAPHS, "lobby", "pressure"),
    ),
    (
        "replace-with",
        PARAGRAPHS,
        "Replace 'too high' with 'unaffordable'",
        swap(PARAGRAPHS, "too high", "unaffordable"),
    ),
    (
        "substitute-for",
        PARAGRAPHS,
        "Substitute 'the mayor' for 'the council'",
        swap(PARAGRAPHS, "the council", "the mayor"),
    ),
    (
        "in-point-replace",
        NUMBERED,
        'In point 2.2, delete "once" and replace with "twice".',
        swap(NUMBERED, "at least once", "at least twice"),
    ),
    (
        "replace-comma-and",
        NUMBERED,
        "Delete “a democratic republic”, and replace it with “a socialist republic”",
        swap(NUMBERED, "a democratic republic", "a socialist republic"),
    ),
    (
        "replace-by",
        PARAGRAPHS,
        "Leave out “lobby” and substitute “picket”",
        swap(PARAGRAPHS, "lobby", "picket"),
    ),
    (
        "replace-unquoted",
        SECTIONS,
        "delete Aims and replace with Principles",
        swap(SECTIONS, "# 1. Aims", "# 1. Principles"),
    ),
    # --- inserting words
    (
        "after-insert",
        PARAGRAPHS,
        "After “lobby” insert “and picket”",
        swap(PARAGRAPHS, "lobby the", "lobby and picket the"),
    ),
    (
        "insert-after",
        PARAGRAPHS,
        "Insert 'urgently' after 'must act'",
        swap(PARAGRAPHS, "must act.", "must act urgently."),
    ),
    (
        "insert-before",
        PARAGRAPHS,
        "Insert “local” before “council”",
        swap(PARAGRAPHS, "the council", "the local council"),
    ),
    (
        "before-insert",
        PARAGRAPHS,
        "Before “housing” insert “national”",
        swap(PARAGRAPHS, "the housing", "the national housing"),
    ),
    (
        "insert-after-colon",
        PARAGRAPHS,
        "Insert after “rents”: “and energy bills”",
        swap(PARAGRAPHS, "rents are", "rents and energy bills are"),
    ),
    (
        "in-point-after-insert",
        NUMBERED,
        'In point 1.2, after "capitalism" insert ", imperialism"',
        swap(NUMBERED, "capitalism and", "capitalism, imperialism and"),
    ),
    (
        "line-after-insert",
        PARAGRAPHS,
        "Line 3, after 'the' insert 'deepening'",
        swap(PARAGRAPHS, "the housing", "the deepening housing"),
    ),
    (
        "line-after-insert-second-line-of-paragraph",
        PARAGRAPHS,
        "Line 2, after “act” insert “now”",
        swap(PARAGRAPHS, "must act.", "must act now."),
    ),
    (
        "at-line-insert",
        PARAGRAPHS,
        "At line 4, insert “local” before “council”.",
        swap(PARAGRAPHS, "the council", "the local council"),
    ),
    (
        "reasons-before-as-follows-are-not-instructions",
        SECTIONS,
        "The constitution should state principles, not aims.\n\n"
        "Therefore, amend section 1 as follows:\n\nDelete “Aims” and replace with “Principles”",
        swap(SECTIONS, "# 1. Aims", "# 1. Principles"),
    ),
    # --- deleting all after
    (
        "delete-all-after-insert",
        PARAGRAPHS,
        "Delete all after “Conference believes” and insert: “that housing is a right.”",
        "Conference believes that housing is a right.\n",
    ),
    (
        "delete-all-after-no-insert",
        PARAGRAPHS,
        "Delete everything after 'rents are too high.'",
        "Conference believes that rents are too high.\n",
    ),
    (
        "delete-all-after-in-section",
        SECTIONS,
        "In section 1, delete all after “campaigns for” and insert “socialism.”",
        swap(SECTIONS, "\nThe alliance opposes the witch-hunt.\n\n", "\n"),
    ),
    # --- whole clauses by label
    (
        "delete-point",
        NUMBERED,
        "Delete point 2.3.",
        swap(NUMBERED, "\n\n2.3. We expect all members to be in the Labour Party.", ""),
    ),
    (
        "delete-point-lowercase-no-stop",
        NUMBERED,
        "delete point 2.2",
        swap(NUMBERED, "2.2. Conference meets at least once a year.\n\n", ""),
    ),
    (
        "delete-bare-label",
        NUMBERED,
        "Delete 2.2.",
        swap(NUMBERED, "2.2. Conference meets at least once a year.\n\n", ""),
    ),
    (
        "delete-paragraph-label",
        NUMBERED,
        "Delete paragraph 1.1",
        swap(NUMBERED, "1.1. The alliance brings together groups and individuals.\n\n", ""),
    ),
    (
        "delete-rule",
        RULES,
        "Delete Rule D 6.2",
        swap(RULES, "Rule D 6.2 The secretary keeps the minutes.\n\n", ""),
    ),
    (
        "delete-letter-point",
        LETTERS,
        "Delete point (b)",
        swap(LETTERS, "(b) Labour Party branches;\n", ""),
    ),
    (
        "delete-letter-without-brackets",
        LETTERS,
        "delete (c)",
        swap(LETTERS, "\n(c) trade unions.", ""),
    ),
    (
        "delete-roman",
        LETTERS,
        "Delete point ii.",
        swap(LETTERS, "ii. affiliated members;\n", ""),
    ),
    (
        "delete-points-range",
        NUMBERED,
        "Delete points 2.1 to 2.2",
        swap(
            NUMBERED,
            "2.1. The alliance is a membership organisation.\n\n"
            "2.2. Conference meets at least once a year.\n\n",
            "",
        ),
    ),
    (
        "delete-section",
        SECTIONS,
        "Delete section 2",
        SECTIONS[: SECTIONS.index("\n# 2.")],
    ),
    (
        "replace-point-colon-quoted",
        NUMBERED,
        "Delete point 2.3 and replace with: “We encourage members to join the Labour Party.”",
        swap(NUMBERED, "We expect all members to be in", "We encourage members to join"),
    ),
    (
        "replace-point-next-line",
        NUMBERED,
        "Delete point 2.3 and replace with:\n\nWe encourage members to join the Labour Party.",
        swap(NUMBERED, "We expect all members to be in", "We encourage members to join"),
    ),
    (
        "replace-rule",
        RULES,
        "Delete Rule D 6.3 and replace with “The treasurer reports quarterly.”",
        swap(RULES, "keeps the accounts", "reports quarterly"),
    ),
    (
        "replace-point-with-new-paragraph",
        NUMBERED,
        "Delete point 2.3 and replace with new paragraph: “Members are welcome.”",
        swap(
            NUMBERED,
            "2.3. We expect all members to be in the Labour Party.",
            "Members are welcome.",
        ),
    ),
    (
        "replace-bullet-with-new-paragraph",
        BULLETS,
        "Delete the fourth bullet point and replace with a new paragraph: “Conference notes more.”",
        swap(BULLETS, "\n- supports struggles against austerity.", "\n\nConference notes more."),
    ),
    (
        "delete-wherever-it-appears",
        "The council and the mayor and the council.\n",
        "Delete “the council” wherever it appears.",
        "The council and the mayor and.\n",
    ),
    (
        "replace-throughout",
        "The council and the mayor and the council.\n",
        'Delete "council" and replace with "board" throughout',
        "The board and the mayor and the board.\n",
    ),
    (
        "delete-unquoted-bare",
        PARAGRAPHS,
        "Delete housing",
        swap(PARAGRAPHS, "the housing crisis", "the crisis"),
    ),
    (
        "after-insert-unquoted",
        PARAGRAPHS,
        "After lobby insert and picket",
        swap(PARAGRAPHS, "lobby the", "lobby and picket the"),
    ),
    (
        "insert-before-unquoted",
        PARAGRAPHS,
        "Insert local before council",
        swap(PARAGRAPHS, "the council", "the local council"),
    ),
    (
        "add-new-bullet-at-end",
        BULLETS.split("\n\nConference resolves")[0] + "\n",
        "Add new bullet point at end: “is green.”",
        BULLETS.split("\n\nConference resolves")[0] + "\n- is green.\n",
    ),
    (
        "replace-heading-keeps-number",
        SECTIONS,
        "Delete the first heading and replace with: “Principles”",
        swap(SECTIONS, "# 1. Aims", "# 1. Principles"),
    ),
    (
        "insert-new-paragraph-at-end-of-section",
        SECTIONS,
        "Insert new paragraph at the end of section 1: “The alliance is green.”",
        swap(SECTIONS, "witch-hunt.\n", "witch-hunt.\n\nThe alliance is green.\n"),
    ),
    # --- ordinals
    (
        "delete-second-sentence-rule",
        RULES,
        "Rule C 5.1 Delete second sentence",
        swap(RULES, " Fees are set by conference.", ""),
    ),
    (
        "delete-last-sentence-of-point",
        NUMBERED,
        "Delete the last sentence of point 1.3",
        swap(NUMBERED, " We support annual elections.", ""),
    ),
    (
        "delete-first-sentence-in-point",
        NUMBERED,
        "In point 1.3, delete the first sentence.",
        swap(NUMBERED, "We seek a democratic republic. The", "The"),
    ),
    (
        "replace-second-sentence",
        PARAGRAPHS,
        "Delete the second sentence and replace with “Wages have fallen.”",
        swap(PARAGRAPHS, "Wages have not kept pace.", "Wages have fallen."),
    ),
    (
        "delete-third-paragraph",
        PARAGRAPHS,
        "Delete the third paragraph",
        swap(PARAGRAPHS, "\nConference resolves to lobby the council.\n", ""),
    ),
    (
        "delete-second-paragraph-numeric",
        PARAGRAPHS,
        "Delete paragraph 2.",
        swap(PARAGRAPHS, "Conference notes the housing crisis.\n\n", ""),
    ),
    (
        "delete-fourth-bullet-point",
        BULLETS,
        "Delete the fourth bullet point",
        swap(BULLETS, "\n- supports struggles against austerity.", ""),
    ),
    (
        "delete-second-bullet",
        BULLETS,
        "delete 2nd bullet",
        swap(BULLETS, "- opposes racism;\n", ""),
    ),
    (
        "delete-first-bullet-keeps-blank-line",
        BULLETS,
        "Delete the first bullet point.",
        swap(BULLETS, "- organises democratically;\n", ""),
    ),
    (
        "in-third-bullet-delete-words",
        BULLETS,
        "In the third bullet point, delete “open”",
        swap(BULLETS, "for open selection", "for selection"),
    ),
    (
        "delete-sentence-beginning",
        PARAGRAPHS,
        "Delete the sentence beginning “Wages”",
        swap(PARAGRAPHS, " Wages have not kept pace.", ""),
    ),
    (
        "replace-sentence-beginning",
        NUMBERED,
        "Delete the sentence beginning 'The monarchy' and replace with 'The crown must go.'",
        swap(NUMBERED, "The monarchy must go.", "The crown must go."),
    ),
    (
        "delete-paragraph-beginning",
        PARAGRAPHS,
        "Delete the paragraph beginning 'Conference notes'",
        swap(PARAGRAPHS, "Conference notes the housing crisis.\n\n", ""),
    ),
    (
        "delete-bullet-beginning",
        BULLETS,
        "Delete the bullet point beginning 'opposes'",
        swap(BULLETS, "- opposes racism;\n", ""),
    ),
    (
        "delete-points-and",
        NUMBERED,
        "Delete points 2.1 and 2.3",
        swap(
            swap(NUMBERED, "2.1. The alliance is a membership organisation.\n\n", ""),
            "\n\n2.3. We expect all members to be in the Labour Party.",
            "",
        ),
    ),
    (
        "delete-paragraphs-list",
        PARAGRAPHS,
        "Delete paragraphs 1 and 3.",
        "Conference notes the housing crisis.\n",
    ),
    # --- line numbers
    ("lines-delete", PARAGRAPHS, "Lines 3-4 delete", PARAGRAPHS.split("\n\n")[0] + "\n"),
    (
        "delete-line",
        PARAGRAPHS,
        "Delete line 3",
        swap(PARAGRAPHS, "Conference notes the housing crisis.\n\n", ""),
    ),
    (
        "delete-part-of-paragraph-by-line",
        PARAGRAPHS,
        "Delete line 2.",
        swap(PARAGRAPHS, " Councils must act.", " Councils"),
    ),
    (
        "lines-en-dash",
        PARAGRAPHS,
        "Lines 3–4: delete and replace with “Conference resolves to act.”",
        PARAGRAPHS.split("\n\n")[0] + "\n\nConference resolves to act.\n",
    ),
    # --- add at end
    (
        "add-colon-quoted",
        PARAGRAPHS,
        "Add: “Conference calls for rent controls.”",
        PARAGRAPHS + "\nConference calls for rent controls.\n",
    ),
    (
        "add-at-end",
        PARAGRAPHS,
        'Add at end: "Conference calls for rent controls."',
        PARAGRAPHS + "\nConference calls for rent controls.\n",
    ),
    (
        "add-at-the-end-of-text",
        PARAGRAPHS,
        'Add at the end of the motion "Conference calls for rent controls."',
        PARAGRAPHS + "\nConference calls for rent controls.\n",
    ),
    (
        "add-at-end-of-paragraph",
        PARAGRAPHS,
        'Add at end of paragraph 2: "and its causes"',
        swap(PARAGRAPHS, "housing crisis.", "housing crisis and its causes."),
    ),
    (
        "add-at-end-of-point",
        NUMBERED,
        "At the end of point 2.1 add “Membership is open to all.”",
        swap(NUMBERED, "organisation.", "organisation. Membership is open to all."),
    ),
    (
        "insert-at-end-of-point-continues-sentence",
        NUMBERED,
        "Insert at end of point 1.1: “and parties”",
        swap(NUMBERED, "and individuals.", "and individuals and parties."),
    ),
    (
        "delete-and-add-is-a-replacement",
        NUMBERED,
        'Delete "once" and add "twice"',
        swap(NUMBERED, "least once", "least twice"),
    ),
    (
        "add-new-section-by-number",
        NUMBERED,
        "Add new section 3: “Finance”",
        NUMBERED + "\n3. Finance\n",
    ),
    (
        "add-at-end-of-section",
        SECTIONS,
        "Add at end of section 1: “The alliance supports free movement.”",
        swap(
            SECTIONS,
            "witch-hunt.\n",
            "witch-hunt.\n\nThe alliance supports free movement.\n",
        ),
    ),
    (
        "add-unquoted-after-colon",
        PARAGRAPHS,
        "Add:\n\nConference calls for rent controls.",
        PARAGRAPHS + "\nConference calls for rent controls.\n",
    ),
    # --- inserting clauses
    (
        "insert-new-point-after",
        NUMBERED,
        'Insert new point after point 2.3: "Conference elects officers."',
        NUMBERED + "\n2.4. Conference elects officers.\n",
    ),
    (
        "insert-new-point-after-and-renumber-the-rest",
        NUMBERED,
        'Insert new point after point 2.2: "Conference elects officers." Renumber accordingly.',
        swap(
            NUMBERED,
            "a year.\n\n2.3. We",
            "a year.\n\n2.3. Conference elects officers.\n\n2.4. We",
        ),
    ),
    (
        "insert-new-point-before",
        NUMBERED,
        'Insert a new point before point 2.1: "The alliance is socialist." '
        "and renumber accordingly",
        swap(
            swap(swap(NUMBERED, "2.3. We", "2.4. We"), "2.2. Conference", "2.3. Conference"),
            "2.1. The",
            "2.1. The alliance is socialist.\n\n2.2. The",
        ),
    ),
    (
        "insert-new-point-before-with-its-own-number",
        NUMBERED,
        'Insert a new point before point 2.1: "2.0 The alliance is socialist."',
        swap(NUMBERED, "2.1. The", "2.0 The alliance is socialist.\n\n2.1. The"),
    ),
    (
        "insert-new-numbered-point-and-renumber",
        NUMBERED,
        'Insert new point 2.2: "Conference elects officers." Renumber accordingly.',
        swap(
            swap(NUMBERED, "2.3. We", "2.4. We"),
            "2.2. Conference meets",
            "2.2. Conference elects officers.\n\n2.3. Conference meets",
        ),
    ),
    (
        "insert-new-paragraph-after-paragraph",
        PARAGRAPHS,
        'Insert new paragraph after paragraph 2: "Conference notes rising evictions."',
        swap(
            PARAGRAPHS,
            "crisis.\n\n",
            "crisis.\n\nConference notes rising evictions.\n\n",
        ),
    ),
    (
        "add-new-paragraph-after-paragraph-3",
        PARAGRAPHS + "\nConference thanks the tenants.\n",
        "Add new paragraph after paragraph 3: “Conference salutes the strikers.”",
        PARAGRAPHS + "\nConference salutes the strikers.\n\nConference thanks the tenants.\n",
    ),
    (
        "insert-new-rule-by-label",
        RULES,
        "Insert new Rule D 6.4: “The auditor checks the accounts.”",
        swap(
            RULES,
            "accounts.\n\n",
            "accounts.\n\nRule D 6.4 The auditor checks the accounts.\n\n",
        ),
    ),
    (
        "insert-new-bullet-after-bullet",
        BULLETS,
        "Insert new bullet point after the second bullet point: “opposes war;”",
        swap(BULLETS, "racism;\n", "racism;\n- opposes war;\n"),
    ),
    (
        "insert-new-point-in-bullets",
        BULLETS,
        "Insert new point after the first bullet point: 'is pluralist;'",
        swap(BULLETS, "democratically;\n", "democratically;\n- is pluralist;\n"),
    ),
    (
        "insert-letter-point",
        LETTERS,
        "Insert new point after point (c): “socialist societies.”",
        swap(LETTERS, "unions.\n", "unions.\n(d) socialist societies.\n"),
    ),
    (
        "insert-letter-point-and-renumber",
        LETTERS,
        "Insert new point after point (b): “socialist societies;” and renumber accordingly.",
        swap(LETTERS, "branches;\n(c)", "branches;\n(c) socialist societies;\n(d)"),
    ),
    (
        "insert-roman-point-and-renumber",
        LETTERS,
        "Insert new point after point ii: “associate members;” and renumber accordingly.",
        swap(LETTERS, "members;\niii.", "members;\niii. associate members;\niv."),
    ),
    (
        "delete-letter-point-and-renumber",
        LETTERS,
        "Delete point (a) and renumber accordingly.",
        swap(
            LETTERS,
            "(a) local groups;\n(b) Labour Party branches;\n(c)",
            "(a) Labour Party branches;\n(b)",
        ),
    ),
    (
        "insert-new-point-and-renumber",
        NUMBERED,
        "Insert new point after point 2.1: “Members pay fees.” and renumber accordingly",
        swap(
            swap(NUMBERED, "2.2. Conference", "2.3. Conference"),
            "organisation.\n\n",
            "organisation.\n\n2.2. Members pay fees.\n\n",
        ).replace("2.3. We expect", "2.4. We expect"),
    ),
    (
        "delete-point-renumber",
        NUMBERED,
        "Delete point 2.1 and renumber accordingly.",
        swap(
            swap(
                swap(NUMBERED, "2.1. The alliance is a membership organisation.\n\n", ""),
                "2.2. Conference",
                "2.1. Conference",
            ),
            "2.3. We",
            "2.2. We",
        ),
    ),
    (
        "delete-section-renumber-children",
        NUMBERED.replace("2.3. We expect", "2.3. We expect")
        + "\n3. Finance\n\n3.1. Fees are annual.\n",
        "Delete section 2. Renumber accordingly.",
        NUMBERED[: NUMBERED.index("2. Structure")] + "2. Finance\n\n2.1. Fees are annual.\n",
    ),
    # --- a new point takes the number of the place it goes to; the points after it move up
    (
        "new-point-before-moves-the-rest-up",
        NUMBERED,
        'Insert a new point before point 2.1: "The alliance is socialist."',
        swap(
            swap(swap(NUMBERED, "2.3. We", "2.4. We"), "2.2. Conference", "2.3. Conference"),
            "2.1. The",
            "2.1. The alliance is socialist.\n\n2.2. The",
        ),
    ),
    (
        "new-point-after-moves-the-next-up",
        NUMBERED,
        'Insert new point after point 2.2: "Conference elects officers."',
        swap(
            NUMBERED,
            "a year.\n\n2.3. We",
            "a year.\n\n2.3. Conference elects officers.\n\n2.4. We",
        ),
    ),
    (
        "new-numbered-point-moves-its-namesake-up",
        NUMBERED,
        'Insert new point 2.2: "Conference elects officers."',
        swap(
            swap(NUMBERED, "2.3. We", "2.4. We"),
            "2.2. Conference meets",
            "2.2. Conference elects officers.\n\n2.3. Conference meets",
        ),
    ),
    (
        "new-lettered-point-moves-the-next-letter-on",
        LETTERS,
        "Insert new point after point (b): “socialist societies;”",
        swap(LETTERS, "branches;\n(c) trade", "branches;\n(c) socialist societies;\n(d) trade"),
    ),
    (
        "new-rule-moves-its-series-not-another",
        RULES,
        "Insert new rule after rule D 6.1: “The auditor checks the accounts.”",
        swap(
            swap(RULES, "Rule D 6.3 The treasurer", "Rule D 6.4 The treasurer"),
            "Rule D 6.2 The secretary",
            "Rule D 6.2 The auditor checks the accounts.\n\nRule D 6.3 The secretary",
        ),
    ),
    (
        "unclosed-quotation-runs-to-the-end-of-its-paragraph",
        PARAGRAPHS,
        'Delete "too high',
        swap(PARAGRAPHS, "rents are too high.", "rents are."),
    ),
    # --- lists of bullets to delete and put in their place
    (
        "bullets-delete-replace",
        BULLETS,
        "Delete:\n\n- opposes racism;\n- campaigns for open selection;\n\n"
        "Replace with\n\n- opposes all discrimination;\n",
        swap(
            BULLETS,
            "- opposes racism;\n- campaigns for open selection;\n",
            "- opposes all discrimination;\n",
        ),
    ),
    (
        "bullets-delete-only",
        BULLETS,
        "Delete:\n• opposes racism;\n• campaigns for open selection;",
        swap(BULLETS, "- opposes racism;\n- campaigns for open selection;\n", ""),
    ),
    (
        "bullets-quoted-delete-replace",
        BULLETS,
        "Delete the following:\n* “organises democratically;”\nand replace with:\n"
        "* “organises democratically and transparently;”",
        swap(BULLETS, "democratically;", "democratically and transparently;"),
    ),
    # --- several instructions, scopes
    (
        "several-lines",
        PARAGRAPHS,
        "Delete “too”.\nAfter “lobby” insert “and picket”.\nAdd at end: “Conference salutes "
        "the tenants.”",
        swap(
            swap(PARAGRAPHS, "too high", "high"),
            "lobby the council.\n",
            "lobby and picket the council.\n\nConference salutes the tenants.\n",
        ),
    ),
    (
        "several-sentences-one-line",
        PARAGRAPHS,
        "Delete “too”. Delete “housing”.",
        swap(swap(PARAGRAPHS, "too high", "high"), "the housing crisis", "the crisis"),
    ),
    (
        "several-with-and",
        NUMBERED,
        "Delete point 2.3 and in point 1.2 delete “or profit”",
        swap(
            swap(NUMBERED, " or profit.", "."),
            "\n\n2.3. We expect all members to be in the Labour Party.",
            "",
        ),
    ),
    (
        "numbered-instructions",
        NUMBERED,
        "1. In point 1.2 delete “or profit”.\n2. In point 2.2 delete “at least”.",
        swap(swap(NUMBERED, " or profit.", "."), "meets at least once", "meets once"),
    ),
    (
        "scoped-section",
        SECTIONS,
        "Amend section 2 as follows:\n\nDelete “The alliance” and replace with “Conference”\n",
        SECTIONS,  # placeholder replaced below: ambiguous within section 2
    ),
    (
        "scoped-section-words",
        SECTIONS,
        "Amend section 2 as follows:\nDelete “annually” and replace with “twice a year”",
        swap(SECTIONS, "meets annually", "meets twice a year"),
    ),
    (
        "scope-limits-ambiguity",
        SECTIONS,
        "In section 2, delete “The alliance elects officers.”",
        swap(SECTIONS, "\n\nThe alliance elects officers.", ""),
    ),
    (
        "raw-fixture-style-bullets",
        "The alliance:\n\n  \u2022 organises;\n  \u2022 campaigns;\n",
        "Delete the second bullet point.",
        "The alliance:\n\n  \u2022 organises;\n",
    ),
    (
        "raw-fixture-style-insert-bullet",
        "The alliance:\n\n  \u2022 organises;\n  \u2022 campaigns;\n",
        "Insert new bullet point after the first bullet point: “educates;”",
        "The alliance:\n\n  \u2022 organises;\n  \u2022 educates;\n  \u2022 campaigns;\n",
    ),
    # --- scoped on one line: the first change follows "as follows:" on the same line
    (
        "scoped-one-line",
        SECTIONS,
        "Amend section 1 as follows: Delete “Aims” and replace with “Principles”",
        swap(SECTIONS, "# 1. Aims", "# 1. Principles"),
    ),
    (
        "scoped-one-line-straight-quotes-no-capital",
        SECTIONS,
        'amend section 2 as follows: delete "annually" and replace with "twice a year".',
        swap(SECTIONS, "meets annually", "meets twice a year"),
    ),
    (
        "scoped-one-line-two-changes",
        SECTIONS,
        "Amend section 1 as follows: Delete “Aims” and replace with “Principles”. "
        "Delete “The alliance opposes the witch-hunt.”",
        swap(
            swap(SECTIONS, "# 1. Aims", "# 1. Principles"),
            "\n\nThe alliance opposes the witch-hunt.",
            "",
        ),
    ),
    (
        "scoped-one-line-then-more-lines",
        SECTIONS,
        "Amend section 1 as follows: Delete “Aims” and replace with “Principles”\n"
        "Delete “campaigns for” and replace with “fights for”",
        swap(
            swap(SECTIONS, "# 1. Aims", "# 1. Principles"),
            "campaigns for socialism",
            "fights for socialism",
        ),
    ),
    (
        "scoped-one-line-limits-ambiguity",
        NUMBERED,
        "In section 2 as follows: delete “alliance” and replace with “network”",
        swap(NUMBERED, "The alliance is a membership", "The network is a membership"),
    ),
    (
        "scoped-in-section-multi-line",
        SECTIONS,
        "In section 2 as follows:\nDelete “The alliance elects officers.”",
        swap(SECTIONS, "\n\nThe alliance elects officers.", ""),
    ),
    (
        "scoped-in-section-amend-as-follows",
        SECTIONS,
        "In section 2, amend as follows:\n\nDelete “annually” and replace with “monthly”",
        swap(SECTIONS, "meets annually", "meets monthly"),
    ),
    (
        "scoped-section-dash-amend-as-follows",
        NUMBERED,
        "Section 2 – amend as follows: Delete point 2.2.",
        swap(NUMBERED, "2.2. Conference meets at least once a year.\n\n", ""),
    ),
    (
        "scoped-one-line-list-follows",
        SECTIONS,
        "Amend section 1 as follows: Delete:\n- The alliance opposes the witch-hunt.",
        swap(SECTIONS, "\n\nThe alliance opposes the witch-hunt.", ""),
    ),
    (
        "delete-sentence-without-its-full-stop",
        PARAGRAPHS,
        "Delete “Wages have not kept pace”",
        swap(PARAGRAPHS, " Wages have not kept pace.", ""),
    ),
    # --- word ranges: from the start of the first words to the end of the last, inclusive
    (
        "range-delete-from-to",
        PARAGRAPHS,
        "Delete from “Wages” to “pace.”",
        swap(PARAGRAPHS, " Wages have not kept pace.", ""),
    ),
    (
        "range-the-words-inclusive",
        NUMBERED,
        "In point 1.2 delete the words from “for the sake” to “profit” inclusive",
        swap(NUMBERED, "production for the sake of production or profit.", "production."),
    ),
    (
        "range-leave-out-straight-quotes",
        PARAGRAPHS,
        "Leave out from 'Wages have' to 'must act.'",
        swap(PARAGRAPHS, " Wages have not kept pace. Councils must act.", ""),
    ),
    (
        "range-lower-case-bracketed-inclusive",
        NUMBERED,
        "delete from “The monarchy” to “elections” (inclusive).",
        swap(NUMBERED, " The monarchy must go. We support annual elections.", ""),
    ),
    (
        "range-up-to-and-including",
        PARAGRAPHS,
        "Remove the text from “rents are” up to and including “high”, and replace with "
        "“housing costs too much”",
        swap(PARAGRAPHS, "rents are too high", "housing costs too much"),
    ),
    (
        "range-replace-on-the-next-line",
        PARAGRAPHS,
        "Delete from “Wages” to “act.”\nReplace with:\n“Councils have failed.”",
        swap(PARAGRAPHS, "Wages have not kept pace. Councils must act.", "Councils have failed."),
    ),
    (
        "range-one-word-to-itself",
        PARAGRAPHS,
        "Delete from “Wages” to “Wages”",
        swap(PARAGRAPHS, "Wages have", "Have"),
    ),
    (
        "range-scoped-section",
        SECTIONS,
        "Amend section 2 as follows: Delete from “meets” to “annually” and replace with “votes”",
        swap(SECTIONS, "meets annually", "votes"),
    ),
    (
        "range-across-paragraphs-joins-the-rest",
        PARAGRAPHS,
        "Delete from “Wages” to “notes”",
        "Conference believes that rents are too high. The housing crisis.\n\n"
        "Conference resolves to lobby the council.\n",
    ),
    (
        "range-across-whole-bullets",
        BULLETS,
        "Delete from “opposes racism;” to “open selection;”",
        swap(BULLETS, "- opposes racism;\n- campaigns for open selection;\n", ""),
    ),
    (
        "range-across-points-to-the-end-of-one",
        NUMBERED,
        "Delete from “ruinous cycle” to “annual elections.”",
        swap(
            NUMBERED,
            "the ruinous cycle of production for the sake of production or profit.\n\n"
            "1.3. We seek a democratic republic. The monarchy must go. "
            "We support annual elections.",
            "the",
        ),
    ),
    # --- new text set off under "replace with:" / "insert:" / "add:" is content, even when a
    # line starts with an instruction word
    (
        "block-indented-line-starting-remove",
        NUMBERED,
        "Delete point 2.3 and replace with:\n    Remove barriers to membership.",
        swap(NUMBERED, "2.3. We expect all members to be in the Labour Party.",
             "2.3. Remove barriers to membership."),
    ),
    (
        "block-bullets-starting-add-and-delete",
        BULLETS,
        "Delete:\n  • opposes racism;\nReplace with:\n  • Remove racism from society;\n"
        "  • Add a youth wing;",
        swap(BULLETS, "- opposes racism;\n",
             "- Remove racism from society;\n- Add a youth wing;\n"),
    ),
    (
        "block-indented-continuation-after-listed-delete",
        BULLETS,
        "Delete:\n  - opposes racism;\n  Replace with:\n  - Delete all racist laws;",
        swap(BULLETS, "- opposes racism;", "- Delete all racist laws;"),
    ),
    (
        "block-numbered-new-points-after-add",
        NUMBERED,
        "Add:\n\n3. Remove the monarchy.\n4. Insert a bill of rights.",
        NUMBERED + "\n3. Remove the monarchy.\n4. Insert a bill of rights.\n",
    ),
    (
        "block-insert-words-then-next-instruction",
        NUMBERED,
        "After “production or profit.” insert:\n    Remove all barriers.\n\nDelete point 2.2.",
        swap(
            swap(NUMBERED, "or profit.", "or profit. Remove all barriers."),
            "2.2. Conference meets at least once a year.\n\n",
            "",
        ),
    ),
    (
        "block-tab-indented-new-point",
        NUMBERED,
        "Insert new point after point 2.3:\n\tAdd members by branch.",
        NUMBERED + "\n2.4. Add members by branch.\n",
    ),
    (
        "block-ends-at-an-unindented-instruction",
        NUMBERED,
        "Delete point 2.3 and replace with:\n  - Remove barriers;\nDelete “or profit”",
        swap(
            swap(NUMBERED, " or profit.", "."),
            "2.3. We expect all members to be in the Labour Party.",
            "- Remove barriers;",
        ),
    ),
    (
        "block-numbered-instructions-are-not-content",
        NUMBERED,
        "1. Delete point 2.3 and replace with: “Members pay fees.”\n2. Delete point 2.2.",
        swap(
            NUMBERED,
            "2.2. Conference meets at least once a year.\n\n"
            "2.3. We expect all members to be in the Labour Party.",
            "2.3. Members pay fees.",
        ),
    ),
]
CASES = [case for case in CASES if case[0] != "scoped-section"]

# Points after a deleted point move up, as a conference secretary prints the result: the
# cases above were written before the engine renumbered by itself.
_MOVED_UP = {
    "delete-point-lowercase-no-stop": [("2.3. We", "2.2. We")],
    "delete-bare-label": [("2.3. We", "2.2. We")],
    "delete-paragraph-label": [("1.2. Opp", "1.1. Opp"), ("1.3. We", "1.2. We")],
    "delete-rule": [("Rule D 6.3", "Rule D 6.2")],
    "delete-letter-point": [("(c) trade", "(b) trade")],
    "delete-roman": [("iii. honorary", "ii. honorary")],
    "delete-points-range": [("2.3. We", "2.1. We")],
    "delete-points-and": [("2.2. Conference", "2.1. Conference")],
    "scoped-section-dash-amend-as-follows": [("2.3. We", "2.2. We")],
    "block-insert-words-then-next-instruction": [("2.3. We", "2.2. We")],
}


def _moved_up(name: str, expected: str) -> str:
    for old, new in _MOVED_UP.get(name, []):
        expected = swap(expected, old, new)
    return expected


CASES = [(name, base, text, _moved_up(name, expected)) for name, base, text, expected in CASES]


@pytest.mark.parametrize(
    ("base", "instruction", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_amendment_applies_exactly(base: str, instruction: str, expected: str) -> None:
    assert apply_amendment(base, instruction) == expected


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 60


def test_renumber_flag_is_read() -> None:
    assert parse_amendment("Delete point 2.1 and renumber accordingly").renumber
    assert not parse_amendment("Delete point 2.1").renumber


def test_parse_reports_operations_in_order() -> None:
    amendment = parse_amendment(
        "Amend section 1 as follows:\nDelete “Aims” and replace with “Principles”\n"
        "Delete point 1.2."
    )
    assert [type(op) for op in amendment.operations] == [ReplaceWords, DeleteUnit]
    assert amendment.scope.describe() == "section 1"
    assert (amendment.operations[0].words, amendment.operations[0].new) == ("Aims", "Principles")
    assert amendment.operations[1].target.describe() == "point 1.2"


@pytest.mark.parametrize(
    "instruction",
    [
        "Amend section 1 as follows: Delete “Aims” and replace with “Principles”",
        "Amend section 1 as follows:\nDelete “Aims” and replace with “Principles”",
        "In section 1 as follows: Delete “Aims” and replace with “Principles”",
        "In section 1, amend as follows:\nDelete “Aims” and replace with “Principles”",
        "Section 1 - amend as follows: Delete “Aims” and replace with “Principles”",
    ],
)
def test_scoped_forms_parse_alike(instruction: str) -> None:
    operations = parse_amendment(instruction).operations
    assert [(type(op), op.scope.describe(), op.words, op.new) for op in operations] == [
        (ReplaceWords, "section 1", "Aims", "Principles")
    ]


def test_edited_pasted_line_keeps_its_trailing_spaces() -> None:
    base = "1.1 We organise.\u00a0 \n\n1.2 We campaign.\n"
    assert apply_amendment(base, 'In point 1.1, after "We" insert "all"') == (
        "1.1 We all organise.\u00a0 \n\n1.2 We campaign.\n"
    )


def test_windows_line_endings_survive_an_edit() -> None:
    base = "1.1 We organise.\r\n\r\n1.2 We campaign.\r\n"
    assert apply_amendment(base, 'Delete "We campaign." and replace with "We win."') == (
        "1.1 We organise.\r\n\r\n1.2 We win.\r\n"
    )


def test_ordinal_point_is_the_block_not_its_section() -> None:
    base = "1) Aims\n\n1.1 Common ground: Aims agreed.\n"
    assert apply_amendment(base, 'In the first point, delete "Aims" and replace with "Ends"') == (
        "1) Ends\n\n1.1 Common ground: Aims agreed.\n"
    )
