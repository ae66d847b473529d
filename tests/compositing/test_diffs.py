"""Word-level diffs: plain segments, HTML, and the line-numbered order-paper form."""

from hypothesis import given, settings
from hypothesis import strategies as st

from compositing.diffs import (
    DiffLine,
    Op,
    diff_html,
    numbered_diff,
    numbered_diff_text,
    tokenize,
    word_diff,
)
from compositing.text import numbered_lines
from tests.compositing.lla_b import CONSTITUTION_B, FIXTURES, POINT_2_3, SWANSEA_2_3

POINT_1_2 = (
    "1.2. Opposition to capitalism, imperialism, racism, militarism and the ecological "
    "degradation of the planet through the ruinous cycle of production for the sake of "
    "production or profit."
)


def test_tokenize_keeps_words_with_apostrophes_and_hyphens_whole():
    assert tokenize("Labour’s witch-hunt, isn't it?") == [
        "Labour’s",
        " ",
        "witch-hunt",
        ",",
        " ",
        "isn't",
        " ",
        "it",
        "?",
    ]


def test_tokenize_round_trips_text():
    assert "".join(tokenize(CONSTITUTION_B)) == CONSTITUTION_B


def test_word_diff_of_the_real_or_profit_amendment():
    after = POINT_1_2.replace(" or profit", "")
    assert word_diff(POINT_1_2, after) == [
        (Op.EQUAL, POINT_1_2[: -len(" or profit.")]),
        (Op.DELETE, " or profit"),
        (Op.EQUAL, "."),
    ]


def test_word_diff_replaces_whole_words_not_letters():
    assert word_diff("for profit now", "for prophet now") == [
        (Op.EQUAL, "for "),
        (Op.DELETE, "profit"),
        (Op.INSERT, "prophet"),
        (Op.EQUAL, " now"),
    ]


def test_word_diff_folds_single_spaces_between_changes_into_one_replacement():
    assert word_diff("keep a b c keep", "keep x y z keep") == [
        (Op.EQUAL, "keep "),
        (Op.DELETE, "a b c"),
        (Op.INSERT, "x y z"),
        (Op.EQUAL, " keep"),
    ]


def test_word_diff_of_identical_texts_is_one_equal_segment():
    assert word_diff(POINT_1_2, POINT_1_2) == [(Op.EQUAL, POINT_1_2)]


def test_word_diff_of_empty_texts():
    assert word_diff("", "") == []
    assert word_diff("", "new words") == [(Op.INSERT, "new words")]
    assert word_diff("old words", "") == [(Op.DELETE, "old words")]


def test_word_diff_with_a_new_paragraph():
    before = "1.1. First.\n\n1.2. Second."
    after = "1.1. First.\n\n1.2. Second.\n\n1.3. Third."
    assert word_diff(before, after) == [
        (Op.EQUAL, before),
        (Op.INSERT, "\n\n1.3. Third."),
    ]


def test_diff_html_marks_changes_and_escapes_everything():
    assert diff_html("Tom & <Jerry> sat", "Tom & <Spike> sat") == (
        "Tom &amp; &lt;<del>Jerry</del><ins>Spike</ins>&gt; sat"
    )


def test_diff_html_cannot_be_broken_out_of_by_user_text():
    html = diff_html("safe", "<script>alert(1)</script>")
    assert "<script>" not in html
    assert html == "<del>safe</del><ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>"


def test_diff_html_of_the_real_or_profit_amendment():
    after = POINT_1_2.replace(" or profit", "")
    assert diff_html(POINT_1_2, after).endswith("for the sake of production<del> or profit</del>.")


_words = st.sampled_from(
    ["Labour", "left", "the", "the", "of", "or", "profit", "1.2.", "“quoted”", "&", "<b>"]
)
_separators = st.sampled_from([" ", " ", " ", ", ", "\n", "\n\n", ". "])
_texts = st.lists(st.tuples(_words, _separators), max_size=30).map(
    lambda pairs: "".join(word + sep for word, sep in pairs)
)


@settings(max_examples=150, deadline=None)
@given(_texts, _texts)
def test_word_diff_rebuilds_both_texts(a, b):
    segments = word_diff(a, b)
    assert "".join(text for op, text in segments if op is not Op.INSERT) == a
    assert "".join(text for op, text in segments if op is not Op.DELETE) == b
    assert all(text for _, text in segments)
    # Adjacent segments never share an op, and a deletion always precedes its insertion.
    ops = [op for op, _ in segments]
    assert all(x is not y for x, y in zip(ops, ops[1:], strict=False))
    assert all(not (x is Op.INSERT and y is Op.DELETE) for x, y in zip(ops, ops[1:], strict=False))


# --- the line-numbered diff for the order paper ---------------------------------------------

SMALL_BEFORE = (
    "1. Aims\n\n"
    "1.1. We organise democratically and transparently across the whole movement.\n\n"
    "1.2. We oppose austerity.\n\n"
    "1.3. We meet quarterly."
)
SMALL_AFTER = (
    "1. Aims\n\n"
    "1.1. We organise openly and transparently across the whole labour movement.\n\n"
    "1.3. We meet monthly.\n\n"
    "1.4. We publish minutes."
)


def test_numbered_diff_text_marks_words_on_the_original_line_numbers():
    assert numbered_diff_text(SMALL_BEFORE, SMALL_AFTER, width=40) == (
        "   1  1. Aims\n"
        "   2  1.1. We organise [-democratically-]{+openly+} and\n"
        "   3       transparently across the whole\n"
        "   4       {+labour +}movement.\n"
        "   5  [-1.2. We oppose austerity.-]\n"
        "   6  1.3. We meet [-quarterly-]{+monthly+}.\n"
        "      {+1.4. We publish minutes.+}"
    )


def test_numbered_diff_lines_for_a_template():
    lines = numbered_diff(SMALL_BEFORE, SMALL_AFTER, width=40)
    assert [line.number for line in lines] == [1, 2, 3, 4, 5, 6, None]
    assert [line.indent for line in lines] == [0, 0, 5, 5, 0, 0, 0]
    assert [line.changed for line in lines] == [False, True, False, True, True, True, True]
    assert lines[1] == DiffLine(
        2,
        0,
        (
            (Op.EQUAL, "1.1. We organise "),
            (Op.DELETE, "democratically"),
            (Op.INSERT, "openly"),
            (Op.EQUAL, " and"),
        ),
    )
    assert lines[6] == DiffLine(None, 0, ((Op.INSERT, "1.4. We publish minutes."),))


def test_numbered_diff_numbers_lines_as_the_order_paper_does():
    after = CONSTITUTION_B.replace(" or profit", "")
    lines = numbered_diff(CONSTITUTION_B, after)
    printed = numbered_lines(CONSTITUTION_B)
    assert [line.number for line in lines] == [line.number for line in printed]
    unchanged = [line for line in lines if not line.changed]
    assert all(line.marked_text() == printed[line.number - 1].text for line in unchanged)
    changed = [line for line in lines if line.changed]
    assert [(line.number, line.marked_text()) for line in changed] == [
        (8, "production for the sake of production[- or profit-].")
    ]


def test_numbered_diff_of_the_real_swansea_amendment_keeps_point_2_3_on_its_lines():
    text = numbered_diff_text(CONSTITUTION_B, CONSTITUTION_B.replace(POINT_2_3, SWANSEA_2_3))
    assert text.splitlines()[38:44] == [
        "  39  2.3. We [-expect all-]{+encourage+} LLA members to be in the Labour Party "
        "[-and-]{+so long as that member does not actively campaign, electorally, for a vote "
        "against the Labour Party. We+} encourage all those",
        "  40       not already involved in local Labour Left groups to become active in one or",
        "  41       help set one up. Our aim is to [-organise-]{+enable+} all members in local "
        "and regional",
        "  42       LLA groups[- and branches. We also welcome, on all levels of the-]",
        "  43       [-organisation, those who have been suspended or expelled as part of the-]",
        "  44       [-witch-hunt against the left-]{+, branches and affiliated bodies+}.",
    ]


def test_numbered_diff_of_identical_texts_has_no_marks():
    text = numbered_diff_text(CONSTITUTION_B, CONSTITUTION_B)
    assert "[-" not in text and "{+" not in text
    assert text.splitlines()[0] == "   1  B) London Labour Left Alliance"


MARKDOWN_B = (FIXTURES / "describe-md-B-london.md").read_text(encoding="utf-8")
_NEW_WORDS = st.lists(st.sampled_from(["new", "Labour", "the", "members,", "(OG)"]), max_size=3)


@st.composite
def _edited_text(draw) -> tuple[str, str]:
    """A fixture text with a few words deleted, inserted or replaced (single spaces kept)."""
    before = draw(st.sampled_from([CONSTITUTION_B, MARKDOWN_B]))
    words = before.split(" ")
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(words) - 1))
        replacement = draw(_NEW_WORDS)
        if not words[position].strip() or "\n" in words[position]:
            continue  # keep line breaks and blank lines where they are
        words[position : position + 1] = replacement
    return before, " ".join(w for w in words if w)


@settings(max_examples=100, deadline=None)
@given(_edited_text())
def test_numbered_diff_keeps_every_order_paper_line_of_the_original(pair):
    before, after = pair
    lines = numbered_diff(before, after)
    printed = numbered_lines(before)
    numbered = [line for line in lines if line.number is not None]
    assert [line.number for line in numbered] == [line.number for line in printed]
    for line, original in zip(numbered, printed, strict=True):
        old_words = "".join(text for op, text in line.segments if op is not Op.INSERT)
        assert old_words == original.text
        assert line.indent == original.indent


def test_a_nul_inside_a_clause_does_not_shift_the_numbered_diff():
    """block_runs once counted blocks by a NUL separator: a NUL typed in a clause made it two
    blocks, and the numbered diff then failed (IndexError) or marked the wrong clause."""
    before = "1. One\x00two.\n\n2. Three.\n\n3. Four."
    after = "1. One\x00two.\n\n2. Three.\n\n3. Five."
    assert numbered_diff_text(before, after).splitlines()[-1] == "   3  3. [-Four-]{+Five+}."


def test_texts_with_nothing_in_common_at_the_size_limit_still_diff_correctly():
    """Beyond the exact diff's budget, stretches with nothing in common are shown replaced
    whole: a correct diff of both texts, found in bounded time (bench/hostile.py)."""
    import random

    def words(seed: int) -> str:
        rng = random.Random(seed)
        vocabulary = ["".join(rng.choice("abcdefghij") for _ in range(rng.randint(3, 8)))
                      for _ in range(3000)]
        return " ".join(rng.choice(vocabulary) for _ in range(9000))[:50_000]

    a, b = words(1), words(2)
    segments = word_diff(a, b)
    assert "".join(text for op, text in segments if op is not Op.INSERT) == a
    assert "".join(text for op, text in segments if op is not Op.DELETE) == b
    lines = numbered_diff(a, b)
    assert "".join(t for line in lines for op, t in line.segments if op is not Op.INSERT
                   ).replace(" ", "") == a.replace(" ", "")


def test_an_edit_far_into_a_long_text_is_still_found_word_by_word():
    """The bound does not coarsen ordinary edits: one word changed in each of many long
    paragraphs is still one word changed in each."""
    paragraphs = [f"{n}. Conference notes that branch {n} met on day {n} and agreed to act "
                  "on housing, transport and the climate, with all its members."
                  for n in range(300)]
    before = "\n\n".join(paragraphs)
    after = before.replace("agreed", "resolved")
    segments = word_diff(before, after)
    assert [text for op, text in segments if op is Op.DELETE] == ["agreed"] * 300
    assert [text for op, text in segments if op is Op.INSERT] == ["resolved"] * 300
