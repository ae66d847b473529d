"""describe_change: the instruction wording for an edited text, and that it applies back."""

import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from compositing.describe import describe_change
from compositing.text import (
    ITEM,
    PARAGRAPH,
    Block,
    Document,
    clause_end,
    kept_breaks,
    label_successor,
    parse,
)
from tests.compositing.lla_b import CONSTITUTION_B, POINT_2_3, SWANSEA_2_3

try:
    from compositing.apply import apply_amendment
except ImportError:  # the amendment engine is written in parallel; until it lands, skip.
    apply_amendment = None

needs_apply = pytest.mark.skipif(
    apply_amendment is None, reason="compositing.apply.apply_amendment not written yet"
)

FIXTURES = Path(__file__).parent / "fixtures"


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# Constitution B without the two amendments printed under it.
CONSTITUTION_A = _fixture("describe-lla-02-constitution-A.txt")
CONSTITUTION_D = _fixture("describe-lla-05-constitution-D.txt")
RECRUITMENT = _fixture("describe-lla-10-recruitment.txt")
CAMPAIGNING = _fixture("describe-lla-11-campaigning.txt")
CAC_COMPOSITE = _fixture("describe-lla-01-composite.txt")
# The same texts as the demo conference holds them: Markdown with headings and "- " bullets.
MARKDOWN_B = _fixture("describe-md-B-london.md")
MARKDOWN_D = _fixture("describe-md-D-dulwich.md")
MARKDOWN_SOCIAL_MEDIA = _fixture("describe-md-C-social-media-guidelines.md")
MARKDOWN_GREEN_NEW_DEAL = _fixture("describe-md-D-green-new-deal.md")

POINT_2_5 = (
    "\n\n2.5. If 30% of affiliated groups and branches or 30% of individual members so wish, "
    "there will be a special conference."
)

# (name, before, after, expected wording)
CASES = [
    (
        "the real London amendment: words deleted in a labelled point",
        CONSTITUTION_B,
        CONSTITUTION_B.replace(" or profit", ""),
        'In point 1.2, delete "or profit".',
    ),
    (
        "the real Swansea amendment: a point rewritten",
        CONSTITUTION_B,
        CONSTITUTION_B.replace(POINT_2_3, SWANSEA_2_3),
        f'Delete point 2.3 and replace with: "{SWANSEA_2_3}"',
    ),
    (
        "one word replaced",
        CONSTITUTION_B,
        CONSTITUTION_B.replace("quarterly", "monthly"),
        'In point 3.3, delete "quarterly" and replace with "monthly".',
    ),
    (
        "two clauses edited: two instructions, in the order of the text",
        CONSTITUTION_B,
        CONSTITUTION_B.replace(" or profit", "").replace("quarterly", "monthly"),
        'In point 1.2, delete "or profit".\n'
        'In point 3.3, delete "quarterly" and replace with "monthly".',
    ),
    (
        "a whole point deleted",
        CONSTITUTION_B,
        CONSTITUTION_B.replace(POINT_2_5, ""),
        "Delete point 2.5.\nDo not renumber.",
    ),
    (
        "a new point after the last point of a section takes the next number",
        CONSTITUTION_B,
        CONSTITUTION_B.replace(
            "\n\n3. Organising Group",
            "\n\n2.7. Branches may set their own fees.\n\n3. Organising Group",
        ),
        'Insert new point after point 2.6: "Branches may set their own fees."',
    ),
    (
        "a new last point is added at the end with its label",
        CONSTITUTION_B,
        CONSTITUTION_B.rstrip("\n") + "\n\n3.7. The OG reports to conference.\n",
        'Add at end: "3.7. The OG reports to conference."',
    ),
    (
        "a section heading edited keeps its points: words, not the clause",
        CONSTITUTION_B,
        CONSTITUTION_B.replace("2. Structure", "2. Structures"),
        'In point 2, delete "Structure" and replace with "Structures".',
    ),
    (
        "words glued by punctuation are quoted whole",
        CONSTITUTION_A,
        CONSTITUTION_A.replace("£10/year", "£12/year"),
        'Delete "£10/year" and replace with "£12/year".',
    ),
    (
        "words deleted from an unlabelled paragraph, unique in the whole text",
        CONSTITUTION_A,
        CONSTITUTION_A.replace(" and Jeremy Corbyn.", "."),
        'Delete "and Jeremy Corbyn".',
    ),
    (
        "an unlabelled bullet is named by ordinal",
        CONSTITUTION_A,
        CONSTITUTION_A.replace("  • supports the free movement of people.\n", ""),
        "Delete the eighth bullet point.",
    ),
    (
        "a new paragraph after an unlabelled paragraph",
        CONSTITUTION_A,
        CONSTITUTION_A.replace(
            "\n\n2. Individual supporters",
            "\n\nWe welcome new members.\n\n2. Individual supporters",
        ),
        'Insert new paragraph after the fourth paragraph: "We welcome new members."',
    ),
    (
        "a word that is not unique in the text is scoped to its bullet by ordinal",
        RECRUITMENT,
        RECRUITMENT.replace(
            "following the existing Labour Party Regions", "following the Labour Party Regions"
        ),
        'In the first bullet point, delete "existing".',
    ),
    (
        "a new nested bullet takes its neighbour's bullet and indentation",
        RECRUITMENT,
        RECRUITMENT.replace(
            "    • Utilising functionality of platforms effectively\n",
            "    • Utilising functionality of platforms effectively\n    • Moderating comments\n",
        ),
        'Insert new bullet point after the fifteenth bullet point: "Moderating comments"',
    ),
]

CASES += [
    (
        "a point labelled '7)' is named 'point 7'",
        CAMPAIGNING,
        CAMPAIGNING.replace(
            "7) Support for migrants who are displaced for a confluence of factors, increasingly "
            "including climate change\n\n",
            "",
        ),
        "Delete point 7.\nDo not renumber.",
    ),
    (
        "a label used twice ('1)' in two motions) is named by ordinal",
        CAC_COMPOSITE,
        CAC_COMPOSITE.replace("1) Aims", "1) Principles"),
        'Delete the tenth point and replace with: "Principles"',
    ),
    (
        "a bullet of the composite's common ground deleted",
        CAC_COMPOSITE,
        CAC_COMPOSITE.replace(
            "  • campaigns to radically transform and democratise the Labour Party and the trade "
            "unions;\n  • campaigns for open selection",
            "  • campaigns for open selection",
            1,
        ),
        "Delete the fifth bullet point.",
    ),
]

CASES += [
    (
        "Markdown: a heading's words, not its Markdown",
        MARKDOWN_B,
        MARKDOWN_B.replace("## 2. Structure", "## 2. Structures"),
        'In the second heading, delete "Structure" and replace with "Structures".',
    ),
    (
        "Markdown: a new point after the last of its section",
        MARKDOWN_B,
        MARKDOWN_B.replace(
            "\n\n## 3. Organising Group",
            "\n\n2.7. Branches may set their own fees.\n\n## 3. Organising Group",
        ),
        'Insert new point after point 2.6: "Branches may set their own fees."',
    ),
    (
        "Markdown: a new bullet at the end of a list",
        MARKDOWN_D,
        MARKDOWN_D.replace(
            "- supports the free movement of people\n",
            "- supports the free movement of people\n- supports the right to strike\n",
        ),
        'Insert new bullet point after the twelfth bullet point: "supports the right to strike"',
    ),
]

# Insertions are read by the instruction parser's "after X insert Y" form.
INSERTION_CASES = [
    (
        "words inserted in a point labelled '7)'",
        CAMPAIGNING,
        CAMPAIGNING.replace(
            "increasingly including climate change", "increasingly including war and climate change"
        ),
        'In point 7, after "including" insert "war and".',
    ),
    (
        "words inserted after a unique word of a labelled point",
        CONSTITUTION_B,
        CONSTITUTION_B.replace("annual fee", "annual membership fee"),
        'In point 2.1, after "annual" insert "membership".',
    ),
    (
        "the anchor grows until it is unique in its point",
        CONSTITUTION_B,
        CONSTITUTION_B.replace("The OG is elected", "The OG is directly elected"),
        'In point 3.1, after "OG is" insert "directly".',
    ),
    (
        "words inserted in an unlabelled bullet",
        CONSTITUTION_A,
        CONSTITUTION_A.replace("movement of people.", "movement of people and goods."),
        'After "people" insert "and goods".',
    ),
]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [case[1:] for case in CASES + INSERTION_CASES],
    ids=[case[0] for case in CASES + INSERTION_CASES],
)
def test_wording(before, after, expected):
    assert describe_change(before, after) == expected


@needs_apply
@pytest.mark.parametrize(
    ("before", "after", "expected"), [case[1:] for case in CASES], ids=[c[0] for c in CASES]
)
def test_wording_applies_back_exactly(before, after, expected):
    assert apply_amendment(before, expected) == after


@needs_apply
@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [case[1:] for case in INSERTION_CASES],
    ids=[case[0] for case in INSERTION_CASES],
)
def test_insertion_wording_applies_back_exactly(before, after, expected):
    assert apply_amendment(before, expected) == after


ROTHERHAM_OLD_BULLETS = [
    "  • opposes racism, anti-Semitism, Islamophobia and all other forms of discrimination and is "
    "consistently internationalist, a stance which by definition includes support for the "
    "democratic and national rights of the Palestinians;",
    "  • opposes attempts to conflate anti-Zionism with antisemitism and opposes the witch-hunt "
    "against the left;",
    "  • campaigns to radically transform and democratise the Labour Party and the trade unions;",
    "  • campaigns for open selection so that the Parliamentary Labour Party better reflects the "
    "views of the vast majority of members;",
]
ROTHERHAM_NEW_BULLETS = [
    "  • opposes all forms of persecution and discrimination, including racism and prejudice of "
    "all kinds;",
    "  • promotes internationalism, peace, and solidarity, and the democratic rights of all "
    "peoples, especially those suffering persecution;",
    "  • is an inclusive organisation that rejects unjust treatment or judgement of people, "
    "respecting natural justice and freedom of speech;",
    "  • promotes complete democracy and fully accountable working-class representation within "
    "and throughout the Labour Party and trade unions;",
]


def test_the_real_rotherham_amendment_read_back_from_the_amended_section():
    """Section 1 of the CAC composite edited as Rotherham's amendment does: its wording."""
    start = CAC_COMPOSITE.index("1) Aims\n")
    end = CAC_COMPOSITE.index("Amendment from Rotherham")
    section = CAC_COMPOSITE[start:end].rstrip("\n") + "\n"
    after = section.replace("1) Aims", "1) Principles").replace(
        "\n".join(ROTHERHAM_OLD_BULLETS), "\n".join(ROTHERHAM_NEW_BULLETS)
    )
    instruction = describe_change(section, after)
    assert instruction == "\n".join(
        [
            'In point 1, delete "Aims" and replace with "Principles".',
            "Delete:",
            *ROTHERHAM_OLD_BULLETS,
            "Replace with:",
            *ROTHERHAM_NEW_BULLETS,
        ]
    )
    if apply_amendment is not None:
        assert apply_amendment(section, instruction) == after


def test_no_change_is_no_instruction():
    assert describe_change(CONSTITUTION_B, CONSTITUTION_B) == ""


def test_line_endings_from_a_browser_text_area_are_not_a_change():
    edited = CONSTITUTION_B.replace(" or profit", "").replace("\n", "\r\n")
    assert describe_change(CONSTITUTION_B, edited) == 'In point 1.2, delete "or profit".'


def test_spacing_no_instruction_can_express_gives_no_instruction():
    assert describe_change("1.1. First.\n\n1.2. Second.", "1.1. First.\n\n\n1.2. Second.") == ""
    assert describe_change("1.1. First.  \n\n1.2. Second.", "1.1. First.\n\n1.2. Second.") == ""


def test_the_real_amendments_read_back_from_the_amended_text():
    """Both printed amendments to constitution B, made as edits, give their own wording."""
    after = CONSTITUTION_B.replace(" or profit", "").replace(POINT_2_3, SWANSEA_2_3)
    assert describe_change(CONSTITUTION_B, after) == (
        f'In point 1.2, delete "or profit".\nDelete point 2.3 and replace with: "{SWANSEA_2_3}"'
    )


# --- the round trip over random edits -------------------------------------------------------

BASES = {
    "B": CONSTITUTION_B,
    "A": CONSTITUTION_A,
    "D": CONSTITUTION_D,
    "recruitment": RECRUITMENT,
    "campaigning": CAMPAIGNING,
    "CAC composite": CAC_COMPOSITE,
    "Markdown B": MARKDOWN_B,
    "Markdown D": MARKDOWN_D,
    "Markdown social media": MARKDOWN_SOCIAL_MEDIA,
    "Markdown green new deal": MARKDOWN_GREEN_NEW_DEAL,
    # rule books of our own: lettered-dotted rules, roman clauses, a hand-wrapped clause
    "rule book: tenants": _fixture("rulebook-tenants-federation.md"),
    "rule book: branch": _fixture("rulebook-union-branch.txt"),
    "rule book: committee": _fixture("rulebook-committee-wrapped.md"),
    # headed rules with definitions; chapters over rules; plain-text articles and a schedule
    "rule book: northern": _fixture("rulebook-northern-tenants.md"),
    "rule book: transport": _fixture("rulebook-transport-union.md"),
    "rule book: eastside": _fixture("rulebook-eastside-alliance.txt"),
}
# New words include some the texts already use, so that uniqueness is put to the test.
VOCABULARY = [
    "Labour", "the", "members", "democratic", "socialist", "LLA", "conference,", "(OG)",
    "annual", "groups", "of", "and", "branch", "recall.",
]  # fmt: skip


def _words(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for chunk in text.split(" "):
        if chunk:
            spans.append((position, position + len(chunk)))
        position += len(chunk) + 1
    return spans


@st.composite
def _word_edit(draw, text: str) -> str:
    """``text`` with some words deleted, inserted or replaced (single spaces kept)."""
    words = _words(text)
    kind = draw(st.sampled_from(["delete", "insert", "replace"]))
    new = " ".join(draw(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=3)))
    first = draw(st.integers(0, len(words) - 1))
    last = draw(st.integers(first, min(first + 2, len(words) - 1)))
    start, end = words[first][0], words[last][1]
    if kind == "insert":
        return text[:end] + " " + new + text[end:]
    if kind == "replace":
        return text[:start] + new + text[end:]
    if first == 0 and last == len(words) - 1:
        return new  # never empty a clause by word edits: that is a clause deletion
    if first == 0:
        return text[end + 1 :].strip()
    return (text[: start - 1] + text[end:]).strip()


def _wider(a: str, b: str) -> str:
    return a if a.count("\n") >= b.count("\n") else b


def _delete_block(document: Document, index: int) -> Document:
    blocks = list(document.blocks)
    gaps = list(document.gaps)
    del blocks[index]
    removed_gap = gaps.pop(index)
    if index == 0 and gaps:
        gaps[0] = removed_gap  # the new first clause starts the text
    elif index < len(gaps):
        # The blank lines around a removed clause close up to the wider of the two.
        gaps[index] = _wider(gaps[index], removed_gap)
    return Document(tuple(blocks), tuple(gaps), document.trailing)


def _new_block_after(document: Document, index: int, text: str) -> tuple[Block, str]:
    """A new clause after block ``index`` in the style of the text there, and its gap.

    A new list item is spaced from its neighbour as the list's items are spaced; anything else
    stands after a blank line.
    """
    blocks, gaps = document.blocks, document.gaps
    model = blocks[index]
    if model.kind == ITEM and model.text:
        label = label_successor(model.label) if model.label else ""
        # Typed afresh, a new point has one space after its label (not a pasted run of them).
        gap = model.gap if model.gap == " " else " "
        block = replace(model, text=text, label=label, gap=gap, source=None)
        if index + 1 < len(blocks) and blocks[index + 1].kind == ITEM:
            return block, gaps[index + 1]
        if index > 0 and blocks[index - 1].kind == ITEM:
            return block, gaps[index]
        return block, "\n"
    return Block(PARAGRAPH, text), "\n\n"


def _insert_block(document: Document, index: int, text: str) -> Document:
    block, gap = _new_block_after(document, index, text)
    blocks = list(document.blocks)
    gaps = list(document.gaps)
    blocks.insert(index + 1, block)
    gaps.insert(index + 1, gap)
    if index + 2 < len(blocks) and not (block.kind == ITEM and blocks[index + 2].kind == ITEM):
        gaps[index + 2] = _wider(gaps[index + 2], "\n\n")
    return Document(tuple(blocks), tuple(gaps), document.trailing)


def _bullet_run(document: Document, index: int) -> int:
    """How many bullets of one list, with no points of their own, start at block ``index``."""
    blocks = document.blocks
    first = blocks[index]
    count = 0
    for block in blocks[index:]:
        same = (block.kind, block.bullet, block.indent, block.gap) == (
            ITEM,
            first.bullet,
            first.indent,
            first.gap,
        )
        if not first.bullet or not same or _has_own_points(document, index + count):
            break
        count += 1
    return min(count, 3)


def _rewrite_bullets(document: Document, index: int, count: int, texts: list[str]) -> Document:
    """Bullets ``index .. index+count`` replaced by new bullets with ``texts``, same list."""
    model = document.blocks[index]
    new = [replace(model, text=text, source=None) for text in texts]
    blocks = list(document.blocks)
    gaps = list(document.gaps)
    list_gap = gaps[index + 1]
    blocks[index : index + count] = new
    gaps[index : index + count] = [gaps[index]] + [list_gap] * (len(new) - 1)
    return Document(tuple(blocks), tuple(gaps), document.trailing)


def _has_own_points(document: Document, index: int) -> bool:
    """Whether points that belong to block ``index`` follow it (a new clause goes after them)."""
    blocks = document.blocks
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    nested = following is not None and following.depth > blocks[index].depth
    return nested or clause_end(blocks, index) > index + 1


@dataclass(frozen=True)
class EditedText:
    """A fixture text and an edited copy; shown by name and changed lines, not in full."""

    name: str
    before: str = field(repr=False)
    after: str = field(repr=False)

    def __repr__(self) -> str:
        changed = difflib.unified_diff(
            self.before.splitlines(), self.after.splitlines(), n=0, lineterm=""
        )
        lines = [line[:100] for line in list(changed)[2:] if not line.startswith("@@")]
        return f"EditedText({self.name!r}, changes={lines[:12]!r})"


@st.composite
def _edited_pair(draw) -> EditedText:
    name = draw(st.sampled_from(sorted(BASES)))
    before = BASES[name]
    document = parse(before)
    editable = [i for i, block in enumerate(document.blocks) if len(_words(block.text)) >= 2]
    chosen = draw(st.lists(st.sampled_from(editable), min_size=1, max_size=3, unique=True))
    # Clauses next to each other are edited together only through word edits: how blank lines
    # close up around a clause inserted next to a deleted one is the engine's convention, which
    # no wording can choose.
    chosen = [index for index in chosen if not any(0 < abs(index - o) < 2 for o in chosen)]
    assume(chosen)
    # From the end backwards, so that earlier block numbers stay valid.
    for index in sorted(chosen, reverse=True):
        kind = draw(
            st.sampled_from(
                ["words", "words", "words", "drop clause", "new clauses", "rewrite bullets"]
            )
        )
        if kind == "drop clause" and len(document.blocks) > 2:
            document = _delete_block(document, index)
        elif kind == "rewrite bullets" and _bullet_run(document, index) >= 2:
            count = draw(st.integers(2, _bullet_run(document, index)))
            texts = [
                " ".join(draw(st.lists(st.sampled_from(VOCABULARY), min_size=3, max_size=6)))
                for _ in range(draw(st.integers(1, 3)))
            ]
            document = _rewrite_bullets(document, index, count, texts)
        elif kind == "new clauses" and not _has_own_points(document, index):
            for offset in range(draw(st.integers(1, 2))):
                words = draw(st.lists(st.sampled_from(VOCABULARY), min_size=2, max_size=6))
                sentence = " ".join(words).capitalize() + "."
                document = _insert_block(document, index + offset, sentence)
        else:
            # One or two separate edits of the clause's words.
            block = document.blocks[index]
            # Edited in a text area: the lines an edit does not touch stay as they were.
            new_text, breaks = block.text, block.breaks
            for _ in range(draw(st.integers(1, 2))):
                edited = draw(_word_edit(new_text))
                new_text, breaks = edited, kept_breaks(new_text, edited, breaks)
            if new_text == block.text:
                continue  # the same words again: no change to describe
            blocks = list(document.blocks)
            blocks[index] = block.with_text(new_text, breaks)
            document = Document(tuple(blocks), document.gaps, document.trailing)
    return EditedText(name, before, document.render())


@needs_apply
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edited_pair())
def test_describe_then_apply_gives_the_edited_text(edited):
    before, after = edited.before, edited.after
    instruction = describe_change(before, after)
    if before == after:  # two edits that undo each other
        assert instruction == ""
        return
    applied = apply_amendment(before, instruction)
    difference = "\n".join(
        list(difflib.unified_diff(after.splitlines(), applied.splitlines(), n=0, lineterm=""))[2:]
    )
    assert applied == after or _same_but_for_wrapping(applied, after), (
        f"{instruction}\n--- wanted +++ applied:\n{difference}"
    )


def _same_but_for_wrapping(one: str, other: str) -> bool:
    """The same blocks, words and spacing between blocks, a clause's hand-wrapped lines
    perhaps broken at other words: an instruction names words, not where a line breaks."""
    first, second = parse(one), parse(other)

    def shape(document: Document) -> list[tuple[str, str, str, str]]:
        return [(b.kind, b.label, b.bullet, b.text) for b in document.blocks]

    return shape(first) == shape(second) and first.gaps == second.gaps


# --- spacing after a replaced point when the clause before it changes too --------------------


@needs_apply
def test_engine_keeps_a_tight_list_tight_after_a_new_paragraph_and_a_replaced_point():
    before = "Intro.\n\nConference decides:\n\n  1. political strategy\n  2. campaigning\n"
    instruction = (
        'Insert new paragraph after the second paragraph: "New paragraph."\n'
        'Delete point 1 and replace with: "elections"'
    )
    assert apply_amendment(before, instruction) == (
        "Intro.\n\nConference decides:\n\nNew paragraph.\n\n  1. elections\n  2. campaigning\n"
    )


@needs_apply
def test_engine_keeps_a_tight_list_tight_after_a_deleted_paragraph_and_a_replaced_point():
    before = "Intro.\n\nConference decides:\n\n  1. political strategy\n  2. campaigning\n"
    instruction = 'Delete the second paragraph.\nDelete point 1 and replace with: "elections"'
    assert apply_amendment(before, instruction) == "Intro.\n\n  1. elections\n  2. campaigning\n"


@needs_apply
def test_engine_keeps_a_tight_list_tight_after_a_new_point_and_a_replaced_point():
    before = "Conference decides:\n\n1. strategy\n2. campaigning\n3. elections\n"
    instruction = (
        'Insert new point before point 2: "education"\n'
        'Delete point 2 and replace with: "organising"\n'
        "Renumber accordingly."
    )
    assert apply_amendment(before, instruction) == (
        "Conference decides:\n\n1. strategy\n2. education\n3. organising\n4. elections\n"
    )


@needs_apply
def test_a_new_paragraph_before_a_rewritten_point_replaces_the_point_whole():
    before = "Intro.\n\nConference decides:\n\n  1. political strategy\n  2. campaigning\n"
    after = "Intro.\n\nConference decides:\n\nNew paragraph.\n\n  1. elections\n  2. campaigning\n"
    instruction = describe_change(before, after)
    assert instruction == (
        'Insert new paragraph after the second paragraph: "New paragraph."\n'
        'Delete point 1 and replace with: "elections"'
    )
    assert apply_amendment(before, instruction) == after


@needs_apply
@pytest.mark.parametrize(
    ("before", "after", "wording"),
    [
        (
            "Intro.\n\nConference decides:\n\n  1. political strategy\n  2. campaigning\n",
            "Intro.\n\n  1. elections\n  2. campaigning\n",
            'Delete the second paragraph.\nDelete point 1 and replace with: "elections"',
        ),
        (
            "Conference decides:\n\n1. political strategy for all\n2. campaigning in the towns\n"
            "3. unions\n",
            "Conference decides:\n\n1. elections\n2. organising\n3. unions\n",
            'Delete point 1 and replace with: "elections"\n'
            'Delete point 2 and replace with: "organising"',
        ),
    ],
    ids=["deleted-paragraph-then-rewritten-point", "two-rewritten-points-in-a-row"],
)
def test_a_rewritten_point_after_another_change_is_replaced_whole(
    before: str, after: str, wording: str
) -> None:
    assert describe_change(before, after) == wording
    assert apply_amendment(before, wording) == after


@needs_apply
@pytest.mark.parametrize(
    ("after", "wording"),
    [
        (
            "1. One\n2. Two\n3. New\n3. Three\n",
            'Insert new point after point 2: "3. New"\nDo not renumber.',
        ),
        (
            "1. One\n2. New\n2. Two\n3. Three\n",
            'Insert new point after point 1: "2. New"\nDo not renumber.',
        ),
    ],
    ids=["after-a-point", "before-a-point"],
)
def test_a_new_point_that_repeats_a_number_is_quoted_with_it(after: str, wording: str) -> None:
    """The engine will not choose a number already in use; the edit's own number is quoted."""
    before = "1. One\n2. Two\n3. Three\n"
    assert describe_change(before, after) == wording
    assert apply_amendment(before, wording) == after


@needs_apply
def test_bullets_written_straight_under_their_paragraph_are_not_listed_for_replacement():
    """A "Delete: / Replace with:" list would move the bullets a blank line away from the
    paragraph they are written under (found by the round-trip property)."""
    before = "This conference resolves:\n  • that we accept it.\n  • to build a vision.\n\nEnd.\n"
    after = "This conference resolves:\n  • Labour Labour Labour\n\nEnd.\n"
    instruction = describe_change(before, after)
    assert instruction == (
        'In the first bullet point, delete "that we accept it." and replace with '
        '"Labour Labour Labour".\nDelete the second bullet point.'
    )
    assert apply_amendment(before, instruction) == after
